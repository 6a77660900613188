import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/database.ts';
import { BlacklistStore } from '../../src/policy/blacklist.store.ts';
import { PolicySettingsStore } from '../../src/policy/policy-settings.store.ts';
import { SenderStore } from '../../src/policy/sender.store.ts';
import { createClient, createManager, requiredFields } from '../support/clients.ts';
import { type ApiClient, type ApiResponse, startTestPlatform } from '../support/platform.ts';

type Row = Record<string, unknown>;

let p: Awaited<ReturnType<typeof startTestPlatform>>;
let admin: ApiClient;
beforeAll(async () => {
  p = await startTestPlatform();
  admin = await p.api.signIn();
});
afterAll(async () => {
  await p?.stop();
});

const tx = <T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> => p.db.transaction().execute((t) => work(t));

async function postText(api: ApiClient, path: string, text: string) {
  const res = await fetch(api.baseUrl + path, { method: 'POST', headers: { 'content-type': 'text/plain', cookie: api.cookie ?? '' }, body: text });
  const body: ApiResponse['body'] = await res.json();
  return { status: res.status, body };
}

describe('sender names and moderation', () => {
  it("gives a new name the status of the client's moderation and the deny-list", async () => {
    const auto = await createClient(admin, { ...requiredFields('snd_auto'), moderation: 'automatic' });
    const manual = await createClient(admin, { ...requiredFields('snd_manual'), moderation: 'manual' });
    expect((await admin.post('/api/admin/sender-denylist', { pattern: '*bank*' })).status).toBe(201);
    expect((await admin.post('/api/admin/sender-denylist', { pattern: '*BANK*' })).status).toBe(409);
    const add = (clientId: number, name: string) => admin.post(`/api/admin/clients/${clientId}/senders`, { name });
    expect((await add(auto.id, 'MyShop')).body.sender).toMatchObject({ name: 'MyShop', status: 'approved', decidedBy: 'automatic', clientLogin: 'snd_auto' });
    expect((await add(auto.id, 'MyBank')).body.sender.status).toBe('pending');
    expect((await add(manual.id, 'MyShop')).body.sender.status).toBe('pending');
    expect((await add(auto.id, 'myshop')).status).toBe(409);
    const bad = await add(auto.id, 'TwelveChars1');
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.name).toMatch(/at most 11 characters/);

    const queue = await admin.get('/api/admin/senders?status=pending');
    expect(queue.body.items.map((s: Row) => [s.clientLogin, s.name])).toEqual([
      ['snd_auto', 'MyBank'],
      ['snd_manual', 'MyShop'],
    ]);
    const [bankName, manualShop] = queue.body.items;
    expect((await admin.post(`/api/admin/senders/${bankName.id}/deny`, {})).status).toBe(422); // a reason is required
    const denied = await admin.post(`/api/admin/senders/${bankName.id}/deny`, { reason: 'looks like a bank' });
    expect(denied.body.sender).toMatchObject({ status: 'denied', reason: 'looks like a bank', decidedBy: 'admin' });
    expect((await admin.post(`/api/admin/senders/${manualShop.id}/approve`)).body.sender.status).toBe('approved');
    expect((await admin.get('/api/admin/senders?status=pending')).body.items).toEqual([]);
    expect((await admin.get(`/api/admin/clients/${auto.id}/senders`)).body.items.map((s: Row) => s.status)).toEqual(['approved', 'denied']);
    const history = await sql<{ action: string }>`SELECT action FROM history WHERE entity = 'client_sender' ORDER BY id`.execute(p.db);
    expect(history.rows.map((r) => r.action)).toEqual(['create', 'create', 'create', 'deny', 'approve']);
  });

  it('tells intake the status of names and files a request for an unknown one, once', async () => {
    const c = await createClient(admin, { ...requiredFields('snd_intake'), moderation: 'manual' });
    const store = new SenderStore(p.db);
    expect(await tx((trx) => store.requestSender(trx, c.id, 'NewName', 'manual', []))).toBe('pending');
    expect(await tx((trx) => store.requestSender(trx, c.id, 'NEWNAME', 'automatic', []))).toBe('pending'); // already requested: keeps its status
    expect(await tx((trx) => store.requestSender(trx, c.id, 'Auto1', 'automatic', ['other']))).toBe('approved');
    expect(await tx((trx) => store.requestSender(trx, c.id, 'Other', 'automatic', ['other']))).toBe('pending');
    const statuses = await store.senderStatuses(c.id, ['newname', 'AUTO1', 'unknown']);
    expect(Object.fromEntries(statuses)).toEqual({ newname: 'pending', auto1: 'approved' });
    expect((await admin.get(`/api/admin/clients/${c.id}/senders`)).body.items).toHaveLength(3);
  });

  it("keeps managers to their own clients' senders", async () => {
    const mgr = await createManager(admin, 'snd_mgr');
    const own = await createClient(admin, { ...requiredFields('snd_own'), moderation: 'manual', managerId: mgr.id });
    const foreign = await createClient(admin, { ...requiredFields('snd_foreign'), moderation: 'manual' });
    const ownSender = (await mgr.api.post(`/api/admin/clients/${own.id}/senders`, { name: 'Own' })).body.sender;
    const foreignSender = (await admin.post(`/api/admin/clients/${foreign.id}/senders`, { name: 'Foreign' })).body.sender;
    expect((await mgr.api.get('/api/admin/senders?status=pending')).body.items.map((s: Row) => s.name)).toEqual(['Own']);
    expect((await mgr.api.post(`/api/admin/senders/${foreignSender.id}/approve`)).status).toBe(404);
    expect((await mgr.api.get(`/api/admin/clients/${foreign.id}/senders`)).status).toBe(404);
    expect((await mgr.api.post(`/api/admin/senders/${ownSender.id}/approve`)).body.sender.status).toBe('approved');
    expect((await mgr.api.post('/api/admin/sender-denylist', { pattern: 'x' })).status).toBe(403);
  });

  it('removes deny-list entries', async () => {
    await admin.post('/api/admin/sender-denylist', { pattern: 'PayPal' });
    expect((await admin.get('/api/admin/sender-denylist')).body.items.map((e: Row) => e.pattern)).toContain('PayPal');
    expect((await admin.delete('/api/admin/sender-denylist?pattern=paypal')).status).toBe(200);
    expect((await admin.delete('/api/admin/sender-denylist?pattern=paypal')).status).toBe(404);
  });
});

describe('the blacklist', () => {
  it('adds, finds, removes and imports numbers in E.164', async () => {
    const add = await admin.post('/api/admin/blacklist', { number: '+380 50 123-45-67', reason: 'complaint' });
    expect(add.status).toBe(201);
    expect(add.body.entry).toMatchObject({ number: '380501234567', reason: 'complaint' });
    expect((await admin.post('/api/admin/blacklist', { number: '380501234567' })).status).toBe(409);
    expect((await admin.post('/api/admin/blacklist', { number: '0501234567' })).body.error.fields).toHaveProperty('number');

    const imported = await postText(admin, '/api/admin/blacklist/import', ['# opt-outs', '+447700900001', '447700900002, 447700900003', '', 'not a number', '12', '+447700900001', '380501234567'].join('\n'));
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ accepted: 4, added: 3, alreadyListed: 1 });
    expect(imported.body.refused.map((r: Row) => [r.line, r.value])).toEqual([
      [5, 'not a number'],
      [6, '12'],
    ]);
    const json = await admin.post('/api/admin/blacklist/import', { numbers: '+14155550100\n+14155550101', reason: 'carrier list' });
    expect(json.body).toMatchObject({ accepted: 2, added: 2, refused: [] });

    expect((await admin.get('/api/admin/blacklist?search=7700900')).body.items.map((e: Row) => e.number)).toEqual(['447700900001', '447700900002', '447700900003']);
    expect((await admin.get('/api/admin/blacklist?pageSize=2')).body.total).toBe(6);
    const store = new BlacklistStore(p.db);
    expect([...(await store.blacklisted(['380501234567', '447700900002', '380671111111']))].sort()).toEqual(['380501234567', '447700900002']);
    expect((await admin.delete('/api/admin/blacklist/%2B380501234567')).status).toBe(200);
    expect((await admin.delete('/api/admin/blacklist/380501234567')).status).toBe(404);
    expect((await store.blacklisted(['380501234567'])).size).toBe(0);
    const mgr = await createManager(admin, 'bl_mgr');
    expect((await mgr.api.get('/api/admin/blacklist')).status).toBe(200);
    expect((await mgr.api.post('/api/admin/blacklist', { number: '+447700900009' })).status).toBe(403);
  });
});

describe('the test quota', () => {
  it('keeps test messages within the platform quota set by an admin', async () => {
    expect((await admin.get('/api/admin/settings/policy')).body.settings).toEqual({ testDailyQuota: 10 });
    const mgr = await createManager(admin, 'quota_mgr');
    expect((await mgr.api.put('/api/admin/settings/policy', { testDailyQuota: 100 })).status).toBe(403);
    expect((await admin.put('/api/admin/settings/policy', { testDailyQuota: -1 })).status).toBe(422);
    expect((await admin.put('/api/admin/settings/policy', { testDailyQuota: 3 })).body.settings).toEqual({ testDailyQuota: 3 });
    expect((await new PolicySettingsStore(p.db).get()).testDailyQuota).toBe(3);
    // Intake reads it (its quota checks: test/messaging/smpp-submit.test.ts).
    expect((await p.clientSide.routing.get()).policy.testDailyQuota).toBe(3);
  });
});
