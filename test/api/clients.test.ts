import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/accounts/password.ts';
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

const countClients = async (): Promise<number> => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM clients`.execute(p.db)).rows[0]!.n);
const historyOf = async (id: number): Promise<HistoryRow[]> => (await admin.get(`/api/admin/clients/${id}/history`)).body.items;

describe('creating a client', () => {
  it('stores every one of the 46 fields and answers them back, the same on GET', async () => {
    const manager = await createManager(admin, 'mgr_full');
    const entity = (await admin.post('/api/admin/legal-entities', { name: 'Petrel Telecom OU', invoicePrefix: 'PTL-' })).body.legalEntity;
    const product = (await admin.post('/api/admin/products', { name: 'Wholesale', defaults: {} })).body.product;
    const body: Record<string, unknown> = {
      ...requiredFields('Full_client', 'full-secret-1'),
      managerId: manager.id,
      notificationLimit: '25.50',
      moderation: 'manual',
      timezone: 'Europe/Kyiv',
      dispatchWindows: [{ from: '09:00', to: '21:00', days: [1, 2, 3, 4, 5] }, { from: '22:00', to: '06:00' }],
      creditLimit: '100.00',
      overdraw: { amount: '50.00', until: '2026-12-31T23:59:59.000Z' },
      priority: 7,
      blacklistDisabled: true,
      dynamicSender: true,
      moViaSmpp: true,
      shortUrls: true,
      monthlyPostpaidTopup: '300.00',
      dailyLimit: 5000,
      canSendTests: true,
      dailyStatsEmail: true,
      productId: product.id,
      contractNumber: 'C-2026/17',
      company: 'Full Client Ltd',
      companyCredentials: 'VAT UA123\nKyiv, Khreshchatyk 1',
      country: 'UA',
      businessType: 'Retail',
      categoryType: 'Marketing',
      messenger: '@full_client',
      dlrWaitDays: 5,
      expiredDlrStatus: 'UNDELIV',
      canSendSmpp: false,
      canSendHttpApi: false,
      canSendWeb: false,
      canSendRest: false,
      canAddSubaccounts: true,
      legalEntityId: entity.id,
      invoiceDays: [1, 16],
      sendStats: true,
      sendInvoices: true,
      sendInvoicesByEmail: true,
      comments: 'pays on time',
    };
    expect(Object.keys(body)).toHaveLength(46);
    const res = await admin.post('/api/admin/clients', body);
    expect(res.status).toBe(201);
    const { password: _p, passwordConfirm: _c, ...settings } = body;
    expect(res.body.client).toEqual({
      ...settings,
      id: expect.any(Number),
      status: 'active',
      blockedReason: null,
      blockedAt: null,
      balance: '0.00',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      managerLogin: 'mgr_full',
      productName: 'Wholesale',
      legalEntityName: 'Petrel Telecom OU',
    });
    const got = await admin.get(`/api/admin/clients/${res.body.client.id}`);
    expect(got.status).toBe(200);
    expect(got.body.client).toEqual(res.body.client);
  });

  it('keeps only an argon2id hash of the password, never the password, and never shows either', async () => {
    const client = await createClient(admin, requiredFields('Hash_check', 'hash-secret-9'));
    const row = await p.db.selectFrom('clients').select(['password_hash']).where('id', '=', client.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.password_hash, 'hash-secret-9')).toBe(true);
    const text = JSON.stringify((await admin.get(`/api/admin/clients/${client.id}`)).body);
    expect(text).not.toContain('hash-secret-9');
    expect(text).not.toContain('argon2');
    expect(text).not.toMatch(/"password/);
  });

  it('fills fields left out from the platform defaults and the fields’ own defaults', async () => {
    const put = await admin.put('/api/admin/settings/defaults', { moderation: 'manual', timezone: 'Europe/Berlin', priority: 9, dlrWaitDays: 4, expiredDlrStatus: 'UNKNOWN' });
    expect(put.status).toBe(200);
    const client = await createClient(admin, requiredFields('Defaults_one'));
    await admin.put('/api/admin/settings/defaults', { moderation: 'automatic', timezone: 'UTC', priority: 0, dlrWaitDays: 3, expiredDlrStatus: 'EXPIRED' });
    expect(client).toMatchObject({
      moderation: 'manual',
      timezone: 'Europe/Berlin',
      priority: 9,
      dlrWaitDays: 4,
      expiredDlrStatus: 'UNKNOWN',
      blacklistDisabled: false,
      dynamicSender: false,
      canSendSmpp: true,
      canSendHttpApi: true,
      canSendWeb: true,
      canSendRest: true,
      canAddSubaccounts: false,
      creditLimit: null,
      overdraw: null,
      dailyLimit: null,
      dispatchWindows: null,
      managerId: null,
      productId: null,
    });
    // the defaults are copied at creation: changing them later leaves the client as it was
    expect((await admin.get(`/api/admin/clients/${client.id}`)).body.client.timezone).toBe('Europe/Berlin');
  });

  it('takes the product’s preset for what the body leaves out, the body winning, and stays linked', async () => {
    const product = (
      await admin.post('/api/admin/products', {
        name: 'Postpaid Gold',
        defaults: { moderation: 'manual', creditLimit: '1000', dailyLimit: 500, canSendTests: true, timezone: 'Asia/Dubai', invoiceDays: [1], canSendWeb: false },
      })
    ).body.product;
    const client = await createClient(admin, { ...requiredFields('Gold_client'), productId: product.id, dailyLimit: 10, canSendWeb: true });
    expect(client).toMatchObject({
      productId: product.id,
      productName: 'Postpaid Gold',
      moderation: 'manual',
      creditLimit: '1000.00',
      canSendTests: true,
      timezone: 'Asia/Dubai',
      invoiceDays: [1],
      dailyLimit: 10,
      canSendWeb: true,
      priority: 0,
    });
  });

  it('reports every invalid field at once and stores nothing', async () => {
    const before = await countClients();
    const res = await admin.post('/api/admin/clients', {
      ...requiredFields('x'),
      passwordConfirm: 'different-1',
      phone: '12345',
      email: 'not-mail',
      currency: 'euro',
      priority: 'high',
      dlrWaitDays: 60,
      country: 'Ukraine',
      creditLimit: 100.5,
      dispatchWindows: [{ from: '25:00', to: '06:00' }],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.fields).toEqual({
      login: '3–32 characters: letters, digits or _',
      passwordConfirm: 'Passwords do not match',
      phone: 'not a valid international phone number (E.164, e.g. +380501234567)',
      email: 'not a valid e-mail address (e.g. name@example.com)',
      currency: 'an ISO 4217 currency code, e.g. EUR',
      priority: 'an integer from 0 to 100 (higher goes first)',
      dlrWaitDays: 'an integer from 1 to 30 (days)',
      country: 'an ISO 3166-1 alpha-2 country code, e.g. UA',
      creditLimit: 'an amount ≥ 0 as a decimal string with at most 4 decimals, e.g. "250.00"',
      'dispatchWindows.0.from': 'a time HH:MM from 00:00 to 23:59, e.g. 09:00',
    });
    expect(await countClients()).toBe(before);
  });

  it('refuses unknown keys instead of ignoring them', async () => {
    const res = await admin.post('/api/admin/clients', { ...requiredFields('Unknown_key'), balance: '1000.00', smppPassword: 'x' });
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual({ balance: 'unknown field', smppPassword: 'unknown field' });
  });

  it('answers 400 to a body that is not a JSON object', async () => {
    const res = await admin.request('POST', '/api/admin/clients', ['login']);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformed_request');
  });

  it('names each reference that does not exist (422), all at once, and stores nothing', async () => {
    const before = await countClients();
    const adminId = (await admin.get('/api/admin/me')).body.operator.id;
    const res = await admin.post('/api/admin/clients', {
      ...requiredFields('Bad_refs'),
      currency: 'GBP',
      managerId: adminId,
      productId: 99999,
      legalEntityId: 99999,
      businessType: 'Space travel',
      categoryType: 'Nope',
    });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['businessType', 'categoryType', 'currency', 'legalEntityId', 'managerId', 'productId']);
    expect(res.body.error.fields.currency).toMatch(/GBP is not enabled/);
    expect(res.body.error.fields.managerId).toBe('not an active manager');
    expect(await countClients()).toBe(before);
  });

  it('refuses a login taken by another client, letter case aside (409 login_taken)', async () => {
    await createClient(admin, requiredFields('Taken_login'));
    const res = await admin.post('/api/admin/clients', requiredFields('TAKEN_LOGIN'));
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'login_taken', fields: { login: expect.any(String) } });
    const rows = await p.db.selectFrom('clients').select('login').where(sql<boolean>`lower(login) = 'taken_login'`).execute();
    expect(rows).toEqual([{ login: 'Taken_login' }]);
  });

  it('accepts a list value whatever its letter case and shows the list’s own spelling', async () => {
    const client = await createClient(admin, { ...requiredFields('Case_lists'), businessType: 'banking & finance', categoryType: 'otp / authentication' });
    expect(client.businessType).toBe('Banking & Finance');
    expect(client.categoryType).toBe('OTP / Authentication');
  });
});

describe('editing a client', () => {
  it('changes any subset and records each change before → after', async () => {
    const client = await createClient(admin, { ...requiredFields('Edit_me'), company: 'Old Ltd', dailyLimit: 100 });
    const res = await admin.patch(`/api/admin/clients/${client.id}`, { company: 'New Ltd', dailyLimit: null, creditLimit: '12.345' });
    expect(res.status).toBe(200);
    expect(res.body.client).toMatchObject({ company: 'New Ltd', dailyLimit: null, creditLimit: '12.345', contactName: 'Ann Lee' });
    expect((await admin.get(`/api/admin/clients/${client.id}`)).body.client).toEqual(res.body.client);
    const updates = (await historyOf(client.id)).filter((h) => h.action === 'update');
    expect(updates.map((h) => [h.field, h.before, h.after, h.actor]).sort()).toEqual([
      ['company', 'Old Ltd', 'New Ltd', 'admin'],
      ['creditLimit', null, '12.345', 'admin'],
      ['dailyLimit', 100, null, 'admin'],
    ]);
  });

  it('refuses a change of currency (409 currency_locked) and saves nothing else of that edit', async () => {
    const client = await createClient(admin, { ...requiredFields('Locked_cur'), company: 'Keep Ltd' });
    const res = await admin.patch(`/api/admin/clients/${client.id}`, { currency: 'USD', company: 'Changed Ltd' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'currency_locked', fields: { currency: expect.stringContaining('EUR') } });
    const after = (await admin.get(`/api/admin/clients/${client.id}`)).body.client;
    expect(after).toMatchObject({ currency: 'EUR', company: 'Keep Ltd' });
    expect((await historyOf(client.id)).filter((h) => h.action === 'update')).toEqual([]);
    const same = await admin.patch(`/api/admin/clients/${client.id}`, { currency: 'EUR', company: 'Changed Ltd' });
    expect(same.status).toBe(200);
    expect(same.body.client).toMatchObject({ currency: 'EUR', company: 'Changed Ltd' });
  });

  it('leaves the password alone unless both password fields are given, then replaces its hash', async () => {
    const client = await createClient(admin, requiredFields('Pass_edit', 'first-pass-1'));
    const hashOf = async () => (await p.db.selectFrom('clients').select('password_hash').where('id', '=', client.id).executeTakeFirstOrThrow()).password_hash;
    const original = await hashOf();
    expect((await admin.patch(`/api/admin/clients/${client.id}`, { messenger: '@pass' })).status).toBe(200);
    expect(await hashOf()).toBe(original);
    const mismatch = await admin.patch(`/api/admin/clients/${client.id}`, { password: 'second-pass-2', passwordConfirm: 'second-pass-3' });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.error.fields).toEqual({ passwordConfirm: 'Passwords do not match' });
    const sameAsLogin = await admin.patch(`/api/admin/clients/${client.id}`, { password: 'PASS_EDIT', passwordConfirm: 'PASS_EDIT' });
    expect(sameAsLogin.body.error.fields).toEqual({ password: 'must not be the same as the login' });
    expect(await hashOf()).toBe(original);
    expect((await admin.patch(`/api/admin/clients/${client.id}`, { password: 'second-pass-2', passwordConfirm: 'second-pass-2' })).status).toBe(200);
    const hash = await hashOf();
    expect(await verifyPassword(hash, 'second-pass-2')).toBe(true);
    expect(await verifyPassword(hash, 'first-pass-1')).toBe(false);
    const history = await historyOf(client.id);
    expect(history.find((h) => h.field === 'password')).toMatchObject({ action: 'update', before: null, after: '(changed)' });
    const text = JSON.stringify(history);
    expect(text).not.toContain('second-pass-2');
    expect(text).not.toContain('first-pass-1');
    expect(text).not.toContain('argon2');
  });

  it('refuses renaming to another client’s login (409) and reports invalid fields (422)', async () => {
    await createClient(admin, requiredFields('First_owner'));
    const second = await createClient(admin, requiredFields('Second_owner'));
    const taken = await admin.patch(`/api/admin/clients/${second.id}`, { login: 'first_OWNER' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('login_taken');
    const own = await admin.patch(`/api/admin/clients/${second.id}`, { login: 'SECOND_owner' });
    expect(own.status).toBe(200);
    expect(own.body.client.login).toBe('SECOND_owner');
    const invalid = await admin.patch(`/api/admin/clients/${second.id}`, { email: null, priority: 101, nonsense: 1 });
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.body.error.fields).sort()).toEqual(['email', 'nonsense', 'priority']);
  });

  it('accepts the whole client sent back by a form, a since-disabled manager included', async () => {
    const manager = await createManager(admin, 'mgr_leaving');
    const client = await createClient(admin, { ...requiredFields('Round_trip'), managerId: manager.id, businessType: 'Retail' });
    await admin.patch(`/api/admin/operators/${manager.id}`, { disabled: true });
    const { id: _id, status: _s, blockedReason: _r, blockedAt: _a, balance: _b, createdAt: _c, updatedAt: _u, managerLogin: _m, productName: _p, legalEntityName: _l, ...settings } = client;
    const res = await admin.patch(`/api/admin/clients/${client.id}`, { ...settings, comments: 'sent back whole' });
    expect(res.status).toBe(200);
    expect(res.body.client).toMatchObject({ managerId: manager.id, businessType: 'Retail', comments: 'sent back whole' });
    const changed = (await historyOf(client.id)).filter((h) => h.action === 'update').map((h) => h.field);
    expect(changed).toEqual(['comments']);
    const reassign = await admin.patch(`/api/admin/clients/${client.id}`, { managerId: manager.id + 1000 });
    expect(reassign.body.error.fields).toEqual({ managerId: 'not an active manager' });
  });

  it('answers 404 for a client that does not exist', async () => {
    expect((await admin.get('/api/admin/clients/987654')).status).toBe(404);
    expect((await admin.patch('/api/admin/clients/987654', { company: 'x' })).status).toBe(404);
    expect((await admin.get('/api/admin/clients/987654/history')).status).toBe(404);
  });
});

describe('blocking a client', () => {
  it('needs a reason, records it, and unblocking records its own', async () => {
    const client = await createClient(admin, requiredFields('Block_me'));
    const noReason = await admin.post(`/api/admin/clients/${client.id}/block`, {});
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.fields).toEqual({ reason: 'required' });
    const blocked = await admin.post(`/api/admin/clients/${client.id}/block`, { reason: 'unpaid invoice 42' });
    expect(blocked.status).toBe(200);
    expect(blocked.body.client).toMatchObject({ status: 'blocked', blockedReason: 'unpaid invoice 42', blockedAt: expect.any(String) });
    expect((await admin.post(`/api/admin/clients/${client.id}/block`, { reason: 'again' })).status).toBe(409);
    const unblocked = await admin.post(`/api/admin/clients/${client.id}/unblock`, { reason: 'paid' });
    expect(unblocked.status).toBe(200);
    expect(unblocked.body.client).toMatchObject({ status: 'active', blockedReason: null, blockedAt: null });
    expect((await admin.post(`/api/admin/clients/${client.id}/unblock`)).status).toBe(409);
    const history = await historyOf(client.id);
    const row = (action: string, field: string) => history.find((h) => h.action === action && h.field === field);
    expect(row('block', 'status')).toMatchObject({ before: 'active', after: 'blocked', actor: 'admin' });
    expect(row('block', 'blockedReason')).toMatchObject({ before: null, after: 'unpaid invoice 42' });
    expect(row('unblock', 'status')).toMatchObject({ before: 'blocked', after: 'active' });
    expect(row('unblock', 'reason')).toMatchObject({ after: 'paid' });
  });
});
