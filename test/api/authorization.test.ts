import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientBody, createClient, createManager, requiredFields } from '../support/clients.ts';
import { ApiClient, startTestPlatform } from '../support/platform.ts';

let p: Awaited<ReturnType<typeof startTestPlatform>>;
let admin: ApiClient;
let anna: { id: number; api: ApiClient };
let boris: { id: number; api: ApiClient };
let annasClient: ClientBody;
let borisClient: ClientBody;

beforeAll(async () => {
  p = await startTestPlatform();
  admin = await p.api.signIn();
  anna = await createManager(admin, 'anna');
  boris = await createManager(admin, 'boris');
  annasClient = await createClient(admin, { ...requiredFields('Annas_client'), managerId: anna.id });
  borisClient = await createClient(admin, { ...requiredFields('Boris_client'), managerId: boris.id });
});
afterAll(async () => {
  await p?.stop();
});

describe('anonymous requests', () => {
  const routes: [string, string][] = [
    ['GET', '/api/admin/clients'],
    ['POST', '/api/admin/clients'],
    ['GET', '/api/admin/clients/1'],
    ['PATCH', '/api/admin/clients/1'],
    ['POST', '/api/admin/clients/1/block'],
    ['POST', '/api/admin/clients/1/unblock'],
    ['GET', '/api/admin/clients/1/history'],
    ['GET', '/api/admin/currencies'],
    ['PUT', '/api/admin/currencies/EUR'],
    ['GET', '/api/admin/business-types'],
    ['POST', '/api/admin/business-types'],
    ['PATCH', '/api/admin/business-types/1'],
    ['DELETE', '/api/admin/business-types/1'],
    ['GET', '/api/admin/category-types'],
    ['POST', '/api/admin/category-types'],
    ['PATCH', '/api/admin/category-types/1'],
    ['DELETE', '/api/admin/category-types/1'],
    ['GET', '/api/admin/legal-entities'],
    ['POST', '/api/admin/legal-entities'],
    ['GET', '/api/admin/legal-entities/1'],
    ['PATCH', '/api/admin/legal-entities/1'],
    ['DELETE', '/api/admin/legal-entities/1'],
    ['GET', '/api/admin/products'],
    ['POST', '/api/admin/products'],
    ['GET', '/api/admin/products/1'],
    ['PATCH', '/api/admin/products/1'],
    ['DELETE', '/api/admin/products/1'],
    ['GET', '/api/admin/settings/defaults'],
    ['PUT', '/api/admin/settings/defaults'],
    ['GET', '/api/admin/managers'],
    ['GET', '/api/admin/history?entity=client'],
  ];

  it.each(routes)('%s %s answers 401', async (method, path) => {
    const anonymous = new ApiClient(p.httpUrl);
    const res = await anonymous.request(method, path, method === 'GET' || method === 'DELETE' ? undefined : { name: 'x' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('cannot change anything: the clients and lists are as they were', async () => {
    const anonymous = new ApiClient(p.httpUrl);
    await anonymous.patch(`/api/admin/clients/${annasClient.id}`, { company: 'hacked' });
    await anonymous.post('/api/admin/business-types', { name: 'Hacked' });
    expect((await admin.get(`/api/admin/clients/${annasClient.id}`)).body.client.company).toBeNull();
    expect((await admin.get('/api/admin/business-types')).body.items.map((i: { name: string }) => i.name)).not.toContain('Hacked');
  });
});

describe('a manager', () => {
  it('lists only their own clients, whatever the filters say', async () => {
    const own = await anna.api.get('/api/admin/clients');
    expect(own.body.items.map((c: { login: string }) => c.login)).toEqual(['Annas_client']);
    expect(own.body.total).toBe(1);
    const asking = await anna.api.get(`/api/admin/clients?managerId=${boris.id}&search=boris`);
    expect(asking.body).toMatchObject({ items: [], total: 0 });
    expect((await admin.get('/api/admin/clients')).body.total).toBe(2);
  });

  it("gets 404 for another manager's client on read, edit, block and history, and changes nothing", async () => {
    const path = `/api/admin/clients/${borisClient.id}`;
    for (const res of [
      await anna.api.get(path),
      await anna.api.patch(path, { company: 'Taken over' }),
      await anna.api.get(`${path}/history`),
      await anna.api.post(`${path}/block`, { reason: 'spite' }),
      await anna.api.post(`${path}/unblock`, {}),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect((await admin.get(path)).body.client).toMatchObject({ company: null, status: 'active' });
    expect((await boris.api.get(path)).status).toBe(200);
  });

  it('edits their own client but cannot hand it to another manager', async () => {
    const path = `/api/admin/clients/${annasClient.id}`;
    expect((await anna.api.patch(path, { company: 'Anna Co' })).body.client.company).toBe('Anna Co');
    expect((await anna.api.patch(path, { managerId: anna.id })).status).toBe(200);
    const handOver = await anna.api.patch(path, { managerId: boris.id, company: 'Boris Co' });
    expect(handOver.status).toBe(403);
    expect(handOver.body.error.fields).toEqual({ managerId: expect.any(String) });
    expect((await admin.get(path)).body.client).toMatchObject({ managerId: anna.id, company: 'Anna Co' });
  });

  it('becomes the manager of the clients they create, and may not name another', async () => {
    const created = await createClient(anna.api, requiredFields('Anna_made'));
    expect(created).toMatchObject({ managerId: anna.id, managerLogin: 'anna' });
    const other = await anna.api.post('/api/admin/clients', { ...requiredFields('Anna_for_boris'), managerId: boris.id });
    expect(other.status).toBe(403);
    expect((await admin.get('/api/admin/clients?search=anna_for_boris')).body.total).toBe(0);
  });

  it('reads the lists but may not write them (403)', async () => {
    for (const path of ['/api/admin/currencies', '/api/admin/business-types', '/api/admin/category-types', '/api/admin/legal-entities', '/api/admin/products', '/api/admin/settings/defaults', '/api/admin/managers']) {
      expect((await anna.api.get(path)).status, path).toBe(200);
    }
    const writes: [string, string, unknown][] = [
      ['PUT', '/api/admin/currencies/GBP', { enabled: true }],
      ['POST', '/api/admin/business-types', { name: 'Mine' }],
      ['PATCH', '/api/admin/business-types/1', { name: 'Mine' }],
      ['DELETE', '/api/admin/business-types/1', undefined],
      ['POST', '/api/admin/category-types', { name: 'Mine' }],
      ['DELETE', '/api/admin/category-types/1', undefined],
      ['POST', '/api/admin/legal-entities', { name: 'Mine' }],
      ['POST', '/api/admin/products', { name: 'Mine' }],
      ['PUT', '/api/admin/settings/defaults', { moderation: 'manual', timezone: 'UTC', priority: 1, dlrWaitDays: 1, expiredDlrStatus: 'EXPIRED' }],
      ['GET', '/api/admin/history?entity=client', undefined],
    ];
    for (const [method, path, body] of writes) {
      const res = await anna.api.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect((await admin.get('/api/admin/currencies')).body.items.find((c: { code: string }) => c.code === 'GBP').enabled).toBe(false);
    expect((await admin.get('/api/admin/settings/defaults')).body.defaults.priority).toBe(0);
  });
});

describe('an admin', () => {
  it('assigns and reassigns clients to managers', async () => {
    const moved = await admin.patch(`/api/admin/clients/${borisClient.id}`, { managerId: anna.id });
    expect(moved.body.client).toMatchObject({ managerId: anna.id, managerLogin: 'anna' });
    expect((await anna.api.get(`/api/admin/clients/${borisClient.id}`)).status).toBe(200);
    expect((await boris.api.get(`/api/admin/clients/${borisClient.id}`)).status).toBe(404);
    await admin.patch(`/api/admin/clients/${borisClient.id}`, { managerId: boris.id });
  });
});

describe("a client's credentials", () => {
  it('do not sign in to the admin API', async () => {
    await createClient(admin, requiredFields('Sneaky_client', 'sneaky-pass-1'));
    const res = await new ApiClient(p.httpUrl).post('/api/admin/login', { login: 'Sneaky_client', password: 'sneaky-pass-1' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
    expect(res.headers.get('set-cookie')).toBeNull();
  });
});
