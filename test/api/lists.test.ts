import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createManager, type HistoryRow, requiredFields } from '../support/clients.ts';
import { type ApiClient, startTestPlatform } from '../support/platform.ts';

let p: Awaited<ReturnType<typeof startTestPlatform>>;
let admin: ApiClient;
beforeAll(async () => {
  p = await startTestPlatform();
  admin = await p.api.signIn();
});
afterAll(async () => {
  await p?.stop();
});

const history = async (entity: string, entityId?: number): Promise<HistoryRow[]> => {
  const res = await admin.get(`/api/admin/history?entity=${entity}${entityId === undefined ? '' : `&entityId=${entityId}`}`);
  expect(res.status).toBe(200);
  return res.body.items;
};

describe('currencies', () => {
  it('lists every ISO 4217 code with its name; EUR and USD are enabled on a fresh platform', async () => {
    const res = await admin.get('/api/admin/currencies');
    expect(res.status).toBe(200);
    const items = res.body.items as { code: string; name: string; enabled: boolean }[];
    expect(items.length).toBeGreaterThan(150);
    expect(items.find((c) => c.code === 'UAH')).toMatchObject({ name: 'Ukrainian Hryvnia', enabled: false });
    expect(items.find((c) => c.code === 'EUR')).toMatchObject({ name: 'Euro', enabled: true });
    expect(items.filter((c) => c.enabled).map((c) => c.code)).toEqual(['EUR', 'USD']);
  });

  it('lets new clients use a currency once enabled, and records who did it', async () => {
    expect((await admin.post('/api/admin/clients', { ...requiredFields('Gbp_early'), currency: 'GBP' })).status).toBe(422);
    const res = await admin.put('/api/admin/currencies/GBP', { enabled: true });
    expect(res.status).toBe(200);
    expect(res.body.currency).toMatchObject({ code: 'GBP', name: 'British Pound', enabled: true });
    const client = await createClient(admin, { ...requiredFields('Gbp_client'), currency: 'GBP' });
    expect(client.currency).toBe('GBP');
    expect(await history('currency', res.body.currency.id)).toEqual([expect.objectContaining({ action: 'enable', field: 'enabled', before: false, after: true, actor: 'admin', entityId: res.body.currency.id })]);
  });

  it('disabling a currency in use keeps it for its clients but refuses it for new ones', async () => {
    await admin.put('/api/admin/currencies/PLN', { enabled: true });
    const client = await createClient(admin, { ...requiredFields('Pln_client'), currency: 'PLN' });
    expect((await admin.put('/api/admin/currencies/PLN', { enabled: false })).status).toBe(200);
    expect((await admin.get(`/api/admin/clients/${client.id}`)).body.client.currency).toBe('PLN');
    const edit = await admin.patch(`/api/admin/clients/${client.id}`, { currency: 'PLN', company: 'still fine' });
    expect(edit.status).toBe(200);
    const refused = await admin.post('/api/admin/clients', { ...requiredFields('Pln_later'), currency: 'PLN' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields).toEqual({ currency: expect.stringMatching(/PLN is not enabled/) });
  });

  it('answers 404 for a code that is not ISO 4217 and 422 for a wrong body', async () => {
    expect((await admin.put('/api/admin/currencies/ZZZ', { enabled: true })).status).toBe(404);
    expect((await admin.put('/api/admin/currencies/eur', { enabled: true })).status).toBe(404);
    const bad = await admin.put('/api/admin/currencies/EUR', { enabled: 'yes' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields).toEqual({ enabled: 'true or false' });
  });
});

describe.each([
  { path: '/api/admin/business-types', key: 'businessType', entity: 'business_type', seeded: ['Banking & Finance', 'E-commerce', 'Government', 'Healthcare', 'Logistics', 'Other', 'Retail', 'Travel & Hospitality'] },
  { path: '/api/admin/category-types', key: 'categoryType', entity: 'category_type', seeded: ['Marketing', 'Other', 'OTP / Authentication', 'Service', 'Transactional'] },
])('$path', ({ path, key, entity, seeded }) => {
  it('starts with sensible values', async () => {
    const res = await admin.get(path);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { name: string }) => i.name)).toEqual(seeded);
  });

  it('adds, renames and deletes values, refusing duplicates (any letter case), with history', async () => {
    const added = await admin.post(path, { name: `  Fishing ${key} ` });
    expect(added.status).toBe(201);
    const item = added.body[key];
    expect(item).toEqual({ id: expect.any(Number), name: `Fishing ${key}` });
    const dup = await admin.post(path, { name: `FISHING ${key.toLowerCase()}` });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields).toEqual({ name: expect.any(String) });
    expect((await admin.post(path, { name: '' })).body.error.fields).toEqual({ name: 'required' });
    const renamed = await admin.patch(`${path}/${item.id}`, { name: `Angling ${key}` });
    expect(renamed.status).toBe(200);
    expect(renamed.body[key]).toEqual({ id: item.id, name: `Angling ${key}` });
    expect((await admin.patch(`${path}/${item.id}`, { name: 'Other' })).status).toBe(409);
    expect((await admin.delete(`${path}/${item.id}`)).status).toBe(200);
    expect((await admin.get(path)).body.items.map((i: { name: string }) => i.name)).toEqual(seeded);
    expect((await admin.delete(`${path}/${item.id}`)).status).toBe(404);
    expect((await history(entity, item.id)).map((h) => [h.action, h.before, h.after])).toEqual([
      ['delete', `Angling ${key}`, null],
      ['update', `Fishing ${key}`, `Angling ${key}`],
      ['create', null, `Fishing ${key}`],
    ]);
  });

  it('refuses to delete a value clients have (409 in_use); a rename shows on them', async () => {
    const item = (await admin.post(path, { name: `Used ${key}` })).body[key];
    const client = await createClient(admin, { ...requiredFields(`Uses_${key}`), [key]: `Used ${key}` });
    const res = await admin.delete(`${path}/${item.id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('in_use');
    await admin.patch(`${path}/${item.id}`, { name: `Renamed ${key}` });
    expect((await admin.get(`/api/admin/clients/${client.id}`)).body.client[key]).toBe(`Renamed ${key}`);
    expect((await admin.get(path)).body.items.some((i: { id: number }) => i.id === item.id)).toBe(true);
  });
});

describe('legal entities', () => {
  const full = {
    name: 'Petrel Telecom OU',
    address: 'Narva mnt 5, Tallinn',
    country: 'EE',
    taxNumber: '102030405',
    vatNumber: 'EE102030405',
    registrationNumber: '14000000',
    bankName: 'Swedbank',
    bankAccount: 'DE89370400440532013000',
    swift: 'HABAEE2X',
    invoicePrefix: 'PTL-',
    email: 'billing@petrel.example',
    phone: '+37253412345',
  };

  it('stores every field and answers it back', async () => {
    const res = await admin.post('/api/admin/legal-entities', full);
    expect(res.status).toBe(201);
    expect(res.body.legalEntity).toEqual({ ...full, id: expect.any(Number), createdAt: expect.any(String), updatedAt: expect.any(String) });
    const got = await admin.get(`/api/admin/legal-entities/${res.body.legalEntity.id}`);
    expect(got.body.legalEntity).toEqual(res.body.legalEntity);
    expect((await admin.get('/api/admin/legal-entities')).body.items).toEqual([res.body.legalEntity]);
  });

  it('reports every invalid field at once', async () => {
    const res = await admin.post('/api/admin/legal-entities', { name: '', country: 'Estonia', bankAccount: 'DE00 1234', swift: 'XX', invoicePrefix: 'has space', email: 'nope', phone: '5551234', fax: '1' });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['bankAccount', 'country', 'email', 'fax', 'invoicePrefix', 'name', 'phone', 'swift']);
  });

  it('edits, records the change, and refuses deletion while a client or a product uses it', async () => {
    const entity = (await admin.post('/api/admin/legal-entities', { name: 'Second Entity LLC' })).body.legalEntity;
    expect(entity).toMatchObject({ invoicePrefix: '', address: null, bankAccount: null });
    const edited = await admin.patch(`/api/admin/legal-entities/${entity.id}`, { invoicePrefix: 'SE/', bankAccount: 'gb82 west 1234 5698 7654 32' });
    expect(edited.status).toBe(200);
    expect(edited.body.legalEntity).toMatchObject({ name: 'Second Entity LLC', invoicePrefix: 'SE/', bankAccount: 'GB82WEST12345698765432' });
    expect((await history('legal_entity', entity.id)).filter((h) => h.action === 'update').map((h) => h.field).sort()).toEqual(['bankAccount', 'invoicePrefix']);

    const product = (await admin.post('/api/admin/products', { name: 'Invoiced by second', defaults: { legalEntityId: entity.id } })).body.product;
    expect((await admin.delete(`/api/admin/legal-entities/${entity.id}`)).body.error.code).toBe('in_use');
    await admin.patch(`/api/admin/products/${product.id}`, { defaults: {} });
    const client = await createClient(admin, { ...requiredFields('Invoiced_client'), legalEntityId: entity.id });
    expect(client.legalEntityName).toBe('Second Entity LLC');
    expect((await admin.delete(`/api/admin/legal-entities/${entity.id}`)).status).toBe(409);
    await admin.patch(`/api/admin/clients/${client.id}`, { legalEntityId: null });
    expect((await admin.delete(`/api/admin/legal-entities/${entity.id}`)).status).toBe(200);
    expect((await admin.get(`/api/admin/legal-entities/${entity.id}`)).status).toBe(404);
  });

  it('refuses a second entity of the same name (409)', async () => {
    expect((await admin.post('/api/admin/legal-entities', { name: 'petrel telecom ou' })).status).toBe(409);
  });
});

describe('products', () => {
  it('stores a preset of client fields and answers it back', async () => {
    const defaults = { currency: 'USD', moderation: 'manual', dispatchWindows: [{ from: '08:00', to: '20:00' }], creditLimit: '50', dailyLimit: 100, canSendSmpp: false, invoiceDays: [1, 16], notificationLimit: '5.00' };
    const res = await admin.post('/api/admin/products', { name: 'Starter', description: 'for small shops', defaults });
    expect(res.status).toBe(201);
    expect(res.body.product).toEqual({ id: expect.any(Number), name: 'Starter', description: 'for small shops', defaults, createdAt: expect.any(String), updatedAt: expect.any(String) });
    expect((await admin.get(`/api/admin/products/${res.body.product.id}`)).body.product).toEqual(res.body.product);
  });

  it('refuses preset keys that are not client settings, invalid values and references that do not exist', async () => {
    const res = await admin.post('/api/admin/products', { name: 'Broken', defaults: { login: 'x', priority: 500, comments: 'no', legalEntityId: 0 } });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['defaults.comments', 'defaults.legalEntityId', 'defaults.login', 'defaults.priority']);
    const refs = await admin.post('/api/admin/products', { name: 'Broken refs', defaults: { currency: 'JPY', legalEntityId: 4242 } });
    expect(refs.status).toBe(422);
    expect(Object.keys(refs.body.error.fields).sort()).toEqual(['defaults.currency', 'defaults.legalEntityId']);
  });

  it('edits a preset with history, and refuses deleting one that clients are linked to', async () => {
    const product = (await admin.post('/api/admin/products', { name: 'Linked', defaults: { priority: 3 } })).body.product;
    const edited = await admin.patch(`/api/admin/products/${product.id}`, { defaults: { priority: 4 }, description: 'now 4' });
    expect(edited.body.product).toMatchObject({ defaults: { priority: 4 }, description: 'now 4' });
    const changes = (await history('product', product.id)).filter((h) => h.action === 'update');
    expect(changes.find((h) => h.field === 'defaults')).toMatchObject({ before: { priority: 3 }, after: { priority: 4 } });
    const client = await createClient(admin, { ...requiredFields('Linked_client'), productId: product.id });
    expect(client.priority).toBe(4);
    expect((await admin.delete(`/api/admin/products/${product.id}`)).body.error.code).toBe('in_use');
    await admin.patch(`/api/admin/clients/${client.id}`, { productId: null });
    expect((await admin.delete(`/api/admin/products/${product.id}`)).status).toBe(200);
    expect((await admin.get('/api/admin/products')).body.items.some((x: { id: number }) => x.id === product.id)).toBe(false);
  });
});

describe('platform defaults', () => {
  it('are automatic moderation, UTC, priority 0, 3 days of waiting DLR and EXPIRED on a fresh platform', async () => {
    const res = await admin.get('/api/admin/settings/defaults');
    expect(res.status).toBe(200);
    expect(res.body.defaults).toEqual({ moderation: 'automatic', timezone: 'UTC', priority: 0, dlrWaitDays: 3, expiredDlrStatus: 'EXPIRED' });
  });

  it('are replaced as a whole, validated field by field, with history', async () => {
    const bad = await admin.put('/api/admin/settings/defaults', { moderation: 'strict', timezone: 'Nowhere/City', priority: -1, dlrWaitDays: 0 });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['dlrWaitDays', 'expiredDlrStatus', 'moderation', 'priority', 'timezone']);
    const next = { moderation: 'manual', timezone: 'Europe/Kyiv', priority: 5, dlrWaitDays: 2, expiredDlrStatus: 'UNDELIV' };
    expect((await admin.put('/api/admin/settings/defaults', next)).body.defaults).toEqual(next);
    expect((await admin.get('/api/admin/settings/defaults')).body.defaults).toEqual(next);
    const rows = await history('platform_defaults');
    expect(rows.find((h) => h.field === 'timezone')).toMatchObject({ before: 'UTC', after: 'Europe/Kyiv', actor: 'admin' });
    await admin.put('/api/admin/settings/defaults', { moderation: 'automatic', timezone: 'UTC', priority: 0, dlrWaitDays: 3, expiredDlrStatus: 'EXPIRED' });
  });
});

describe('managers and history', () => {
  it('lists the active managers for the Manager field', async () => {
    const m = await createManager(admin, 'mgr_select');
    const off = await createManager(admin, 'mgr_off');
    await admin.patch(`/api/admin/operators/${off.id}`, { disabled: true });
    const items = (await admin.get('/api/admin/managers')).body.items;
    expect(items).toContainEqual({ id: m.id, login: 'mgr_select', name: 'Manager mgr_select' });
    expect(items.map((i: { login: string }) => i.login)).not.toContain('mgr_off');
    expect(items.map((i: { login: string }) => i.login)).not.toContain('admin');
  });

  it('refuses an unknown entity name', async () => {
    const res = await admin.get('/api/admin/history?entity=planets');
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields)).toEqual(['entity']);
  });
});
