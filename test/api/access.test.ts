import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientAccessStore } from '../../src/accounts/client-access.store.ts';
import { verifyPassword } from '../../src/accounts/password.ts';
import { createClient, createManager, requiredFields } from '../support/clients.ts';
import { type ApiClient, startTestPlatform } from '../support/platform.ts';

let p: Awaited<ReturnType<typeof startTestPlatform>>;
let admin: ApiClient;
let store: ClientAccessStore;
beforeAll(async () => {
  p = await startTestPlatform();
  admin = await p.api.signIn();
  store = new ClientAccessStore(p.db);
});
afterAll(async () => {
  await p?.stop();
});

describe("a client's SMPP & API access", () => {
  it('shows the login as the default system_id, and nothing set yet', async () => {
    const c = await createClient(admin, requiredFields('acc_default'));
    const res = await admin.get(`/api/admin/clients/${c.id}/access`);
    expect(res.body.access).toEqual({ smppSystemId: 'acc_default', smppSystemIdIsDefault: true, smppPasswordSet: false, allowedIps: [], maxBinds: 5, throughput: null, apiPasswordSet: false });
    const long = await createClient(admin, requiredFields('a_login_longer_than_15'));
    expect((await admin.get(`/api/admin/clients/${long.id}/access`)).body.access.smppSystemId).toBeNull();
    const found = await store.findBySystemId('ACC_DEFAULT');
    expect(found).toMatchObject({ clientId: c.id, systemId: 'acc_default', passwordHash: null, canSendSmpp: true, status: 'active' });
  });

  it('stores passwords as argon2id hashes and never answers them', async () => {
    const c = await createClient(admin, { ...requiredFields('acc_set'), canSendSmpp: false });
    const res = await admin.put(`/api/admin/clients/${c.id}/access`, {
      smppPassword: 'pw123456',
      allowedIps: ['203.0.113.9/24', '2001:db8::1/48'],
      maxBinds: 3,
      throughput: 200,
      apiPassword: 'api-secret-1',
    });
    expect(res.status).toBe(200);
    expect(res.body.access).toEqual({ smppSystemId: 'acc_set', smppSystemIdIsDefault: false, smppPasswordSet: true, allowedIps: ['203.0.113.0/24', '2001:db8::/48'], maxBinds: 3, throughput: 200, apiPasswordSet: true });
    expect(JSON.stringify(res.body)).not.toMatch(/pw123456|api-secret-1/);
    const row = (await sql<{ smpp_password_hash: string; api_password_hash: string }>`SELECT smpp_password_hash, api_password_hash FROM client_access WHERE client_id = ${c.id}`.execute(p.db)).rows[0]!;
    expect(row.smpp_password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.smpp_password_hash, 'pw123456')).toBe(true);
    expect(await verifyPassword(row.api_password_hash, 'api-secret-1')).toBe(true);

    const creds = await store.findBySystemId('acc_set');
    expect(creds).toMatchObject({ clientId: c.id, allowedIps: ['203.0.113.0/24', '2001:db8::/48'], maxBinds: 3, throughput: 200, canSendSmpp: false, status: 'active' });
    expect(await verifyPassword(creds!.passwordHash!, 'pw123456')).toBe(true);
    expect(await store.findApiCredentials('ACC_SET')).toMatchObject({ clientId: c.id, canSendHttpApi: true });

    // A later save without passwords keeps them.
    const again = await admin.put(`/api/admin/clients/${c.id}/access`, { maxBinds: 4 });
    expect(again.body.access).toMatchObject({ smppPasswordSet: true, apiPasswordSet: true, maxBinds: 4, allowedIps: ['203.0.113.0/24', '2001:db8::/48'] });
    const history = await sql<{ field: string; before: unknown; after: unknown }>`SELECT field, before, after FROM history WHERE entity = 'client' AND entity_id = ${c.id} AND action = 'access'`.execute(p.db);
    expect(history.rows.map((h) => h.field)).toEqual(expect.arrayContaining(['smppPassword', 'apiPassword', 'maxBinds', 'allowedIps']));
    expect(JSON.stringify(history.rows)).not.toMatch(/pw123456|api-secret-1|argon2/);
  });

  it('reports every bad field at once', async () => {
    const c = await createClient(admin, requiredFields('acc_bad'));
    const res = await admin.put(`/api/admin/clients/${c.id}/access`, { smppSystemId: 'sixteen-chars-id', smppPassword: 'ninechars', allowedIps: ['10.0.0.0/8', '10.0.0.0/33'], maxBinds: 0, throughput: 0, apiPassword: 'short', port: 1 });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['allowedIps.1', 'apiPassword', 'maxBinds', 'port', 'smppPassword', 'smppSystemId', 'throughput']);
    expect(res.body.error.fields.smppPassword).toMatch(/at most 8/);
  });

  it('keeps system_ids unique letter case aside, default logins included', async () => {
    const a = await createClient(admin, requiredFields('acc_alpha'));
    const b = await createClient(admin, requiredFields('acc_beta'));
    const taken = await admin.put(`/api/admin/clients/${b.id}/access`, { smppSystemId: 'ACC_ALPHA' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.fields).toHaveProperty('smppSystemId');
    expect((await admin.put(`/api/admin/clients/${b.id}/access`, { smppSystemId: 'beta_smpp', smppPassword: 'x' })).body.access.smppSystemId).toBe('beta_smpp');
    expect((await admin.put(`/api/admin/clients/${a.id}/access`, { smppSystemId: 'Beta_SMPP' })).status).toBe(409);
    expect((await store.findBySystemId('BETA_SMPP'))?.clientId).toBe(b.id);
    expect(await store.findBySystemId('acc_beta')).toBeUndefined(); // the login is no system_id once one is stored
    // Taking the stored id back to the default
    expect((await admin.put(`/api/admin/clients/${b.id}/access`, { smppSystemId: null })).body.access).toMatchObject({ smppSystemId: 'acc_beta', smppSystemIdIsDefault: true });
  });

  it("answers 404 for another manager's client", async () => {
    const mgr = await createManager(admin, 'acc_mgr');
    const own = await createClient(admin, { ...requiredFields('acc_own'), managerId: mgr.id });
    const foreign = await createClient(admin, requiredFields('acc_foreign'));
    expect((await mgr.api.get(`/api/admin/clients/${foreign.id}/access`)).status).toBe(404);
    expect((await mgr.api.put(`/api/admin/clients/${foreign.id}/access`, { maxBinds: 2 })).status).toBe(404);
    expect((await mgr.api.put(`/api/admin/clients/${own.id}/access`, { maxBinds: 2 })).body.access.maxBinds).toBe(2);
  });
});
