import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../src/notify/webhooks/rules/sign-payload.ts';
import { Contract } from './support/contract.ts';
import { addApiClient, type Answer, call, eventually, type HttpWorld, makeKey, rest, rows, startHttpWorld, startReceiver, UA_NUMBER } from './support/http-world.ts';

let world: HttpWorld;
let contract: Contract;
beforeAll(async () => {
  world = await startHttpWorld();
  contract = await Contract.load(world.url);
});
afterAll(async () => {
  await world?.stop();
});

async function admin(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<Answer> {
  const r = await world.admin.request(method, path, body);
  contract.check(method, path, r.status, r.headers.get('content-type'), r.body);
  return { status: r.status, headers: r.headers, text: JSON.stringify(r.body), json: r.body };
}

const signedBy = (secret: string) => (r: { headers: Record<string, unknown>; body: string }) => verifySignature(String(r.headers['x-petrel-signature']), secret, r.body, Math.floor(Date.now() / 1000));

describe('webhook settings', () => {
  it('shows the signing secret once, keeps it on later saves, and rotates it on demand', async () => {
    const c = await addApiClient(world, 'wh_settings');
    expect((await admin('GET', `/api/admin/clients/${c.id}/webhook`)).json).toEqual({ webhook: null });
    const first = await admin('PUT', `/api/admin/clients/${c.id}/webhook`, { url: 'http://127.0.0.1:9/hook', events: ['dlr'] });
    expect(first.json.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(first.json.webhook).toMatchObject({ url: 'http://127.0.0.1:9/hook', events: ['dlr'], secretPrefix: first.json.secret.slice(0, 10) });
    const again = await admin('PUT', `/api/admin/clients/${c.id}/webhook`, { url: 'http://127.0.0.1:9/other', events: ['dlr', 'mo'] });
    expect(again.json.secret).toBeUndefined();
    const read = await admin('GET', `/api/admin/clients/${c.id}/webhook`);
    expect(read.text).not.toContain(first.json.secret);
    expect(read.json.webhook.events).toEqual(['dlr', 'mo']);
    const rotated = await admin('POST', `/api/admin/clients/${c.id}/webhook/rotate-secret`);
    expect(rotated.json.secret).toMatch(/^whsec_/);
    expect(rotated.json.secret).not.toBe(first.json.secret);
    const bad = await admin('PUT', `/api/admin/clients/${c.id}/webhook`, { url: 'ftp://example.com/x', events: ['sms'] });
    expect([bad.status, Object.keys(bad.json.error.fields).sort()]).toEqual([422, ['events.0']]);
    const badUrl = await admin('PUT', `/api/admin/clients/${c.id}/webhook`, { url: 'ftp://example.com/x', events: ['dlr'] });
    expect(Object.keys(badUrl.json.error.fields)).toEqual(['url']);
    expect((await admin('GET', '/api/admin/clients/999999/webhook')).status).toBe(404);
  });
});

describe('DLR and MO webhooks', () => {
  it('signs each delivery, retries after failures with growing waits, and logs every try', async () => {
    const c = await addApiClient(world, 'wh_retry');
    const receiver = await startReceiver({ failFirst: 2 });
    const { json } = await admin('PUT', `/api/admin/clients/${c.id}/webhook`, { url: `${receiver.url}/petrel`, events: ['dlr'] });
    const sent = await rest(world, await makeKey(world, c.id)).post('/api/v1/messages', { from: 'Shop', to: UA_NUMBER, text: 'hook me' });
    const id = sent.json.messages[0].id as string;
    await eventually(() => receiver.received.some((r) => r.status === 200), 20_000, 'a delivered webhook');
    expect(receiver.received.map((r) => r.status)).toEqual([500, 500, 200]);
    const gaps = receiver.received.slice(1).map((r, i) => r.at - (receiver.received[i]?.at ?? 0));
    expect(gaps[0]).toBeGreaterThanOrEqual(180);
    expect(gaps[1]).toBeGreaterThanOrEqual(380);
    for (const r of receiver.received) {
      expect(r.method).toBe('POST');
      expect(r.headers['content-type']).toBe('application/json');
      expect(signedBy(json.secret)(r)).toBe(true);
      expect(signedBy('whsec_wrong')(r)).toBe(false);
    }
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    expect(JSON.parse(receiver.received[0]?.body ?? '')).toMatchObject({ event: 'dlr', messageId: id, to: UA_NUMBER, from: 'Shop', state: 'delivered', errorCode: null, parts: 1, price: '0.0100', test: false });
    const log = await eventually(async () => {
      const l = await admin('GET', `/api/admin/clients/${c.id}/webhook/deliveries`);
      return l.json.items[0]?.status === 'delivered' ? l : undefined;
    }, 5_000, 'the log');
    expect(log.json.items[0]).toMatchObject({ event: 'dlr', messageId: id, attempts: 3, lastStatus: 200, lastError: null });
    expect(log.json.items[0].tries.map((t: { statusCode: number }) => t.statusCode)).toEqual([500, 500, 200]);
    await receiver.close();
  });

  it('logs a delivery that succeeds at once from the delivery itself, without an attempt row', async () => {
    const c = await addApiClient(world, 'wh_first');
    const receiver = await startReceiver();
    await admin('PUT', `/api/admin/clients/${c.id}/webhook`, { url: `${receiver.url}/first`, events: ['dlr'] });
    const sent = await rest(world, await makeKey(world, c.id)).post('/api/v1/messages', { from: 'Shop', to: UA_NUMBER, text: 'first try' });
    const id = sent.json.messages[0].id as string;
    const log = await eventually(async () => {
      const l = await admin('GET', `/api/admin/clients/${c.id}/webhook/deliveries`);
      return l.json.items[0]?.status === 'delivered' ? l : undefined;
    }, 15_000, 'the delivered webhook');
    const item = log.json.items[0];
    expect(item).toMatchObject({ messageId: id, attempts: 1, lastStatus: 200, lastError: null });
    expect(item.tries).toEqual([{ attempt: 1, at: item.deliveredAt, statusCode: 200, error: null, durationMs: expect.any(Number) }]);
    const attemptRows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.client_id = ${c.id}`.execute(world.db);
    expect(attemptRows.rows[0]?.n).toBe(0);
    expect(receiver.received).toHaveLength(1);
    await receiver.close();
  });

  it('sends a message’s report to its callbackUrl instead of the webhook, once', async () => {
    const c = await addApiClient(world, 'wh_callback');
    const hook = await startReceiver();
    const callback = await startReceiver();
    await admin('PUT', `/api/admin/clients/${c.id}/webhook`, { url: hook.url, events: ['dlr'] });
    await rest(world, await makeKey(world, c.id)).post('/api/v1/messages', { from: 'Shop', to: UA_NUMBER, text: 'cb', callbackUrl: `${callback.url}/cb?order=7` });
    await eventually(() => callback.received.length > 0, 15_000, 'the callback');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(callback.received.map((r) => r.url)).toEqual(['/cb?order=7']);
    expect(hook.received).toHaveLength(0);
    await Promise.all([hook.close(), callback.close()]);
  });

  it('pushes MO received from the carrier, signed', async () => {
    const c = await addApiClient(world, 'wh_mo');
    const receiver = await startReceiver();
    await sql`INSERT INTO mo_numbers (number, client_id) VALUES ('380509999999', ${c.id})`.execute(world.db);
    const { json } = await admin('PUT', `/api/admin/clients/${c.id}/webhook`, { url: `${receiver.url}/mo`, events: ['mo'] });
    await world.simulator.sendMo({ from: UA_NUMBER, to: '380509999999', text: 'STOP please' });
    await eventually(() => receiver.received.length > 0, 15_000, 'the MO webhook');
    const r = receiver.received[0];
    expect(JSON.parse(r?.body ?? '')).toMatchObject({ event: 'mo', from: UA_NUMBER, to: '380509999999', text: 'STOP please' });
    expect(r?.headers['x-petrel-event']).toBe('mo');
    expect(signedBy(json.secret)(r as never)).toBe(true);
    await receiver.close();
  });

  it('marks a delivery failed after the last try, and resends a time range on demand', async () => {
    const c = await addApiClient(world, 'wh_resend');
    const receiver = await startReceiver({ failFirst: 6 });
    await admin('PUT', `/api/admin/clients/${c.id}/webhook`, { url: receiver.url, events: ['dlr'] });
    const from = new Date(Date.now() - 1000).toISOString();
    await rest(world, await makeKey(world, c.id)).post('/api/v1/messages', { from: 'Shop', to: UA_NUMBER, text: 'down' });
    const failed = await eventually(async () => {
      const l = await admin('GET', `/api/admin/clients/${c.id}/webhook/deliveries?status=failed`);
      return l.json.items[0];
    }, 20_000, 'the delivery to fail');
    expect(failed).toMatchObject({ attempts: 6, lastStatus: 500, lastError: 'answered HTTP 500' });
    const resent = await admin('POST', `/api/admin/clients/${c.id}/webhook/resend`, { from, to: new Date().toISOString() });
    expect([resent.status, resent.json.resent]).toEqual([202, 1]);
    await eventually(() => receiver.received.some((r) => r.status === 200), 10_000, 'the resend');
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    const all = await eventually(async () => {
      const l = await admin('GET', `/api/admin/clients/${c.id}/webhook/deliveries`);
      return l.json.items[0]?.status === 'delivered' ? l : undefined;
    }, 5_000, 'the resend logged as delivered');
    expect(all.json.items.map((d: { status: string; resendOf: number | null }) => [d.status, d.resendOf !== null])).toEqual([
      ['delivered', true],
      ['failed', false],
    ]);
    expect((await admin('POST', `/api/admin/clients/${c.id}/webhook/resend`, { from: new Date().toISOString(), to: from })).status).toBe(422);
    await receiver.close();
  });
});

describe('private callback addresses without PETREL_ALLOW_PRIVATE_CALLBACKS', () => {
  let strict: HttpWorld;
  beforeAll(async () => {
    strict = await startHttpWorld({ config: { allowPrivateCallbacks: false } });
  });
  afterAll(async () => {
    await strict?.stop();
  });

  it('refuses loopback and private webhook URLs, callbackUrls and dlr-urls when they are given', async () => {
    const c = await addApiClient(strict, 'ssrf_save');
    for (const url of ['http://127.0.0.1:8080/x', 'http://localhost/x', 'http://10.1.2.3/x', 'http://[::1]/x', 'http://169.254.169.254/latest/meta-data']) {
      const r = await strict.admin.put(`/api/admin/clients/${c.id}/webhook`, { url, events: ['dlr'] });
      expect([url, r.status, Object.keys(r.body.error.fields)]).toEqual([url, 422, ['url']]);
    }
    const key = await makeKey(strict, c.id);
    const cb = await rest(strict, key).post('/api/v1/messages', { from: 'Shop', to: UA_NUMBER, text: 'x', callbackUrl: 'http://192.168.1.10/cb' });
    expect([cb.status, Object.keys(cb.json.error.fields)]).toEqual([422, ['callbackUrl']]);
    const dlr = await call(`${strict.url}/sendsms?${new URLSearchParams({ username: c.login, password: c.apiPassword, from: 'Shop', to: UA_NUMBER, text: 'x', 'dlr-url': 'http://127.0.0.1/dlr?s=%d' })}`);
    expect([dlr.status, dlr.text]).toEqual([422, expect.stringMatching(/^ERR validation_failed: .*dlr-url .*loopback or private/)]);
    const count = await rows(strict.db, sql<{ n: number }>`SELECT count(*)::int AS n FROM messages WHERE client_id = ${c.id}`);
    expect(count[0]?.n).toBe(0);
  });

  it('refuses at send time too: a name that resolves to a private address by then is never connected to', async () => {
    const c = await addApiClient(strict, 'ssrf_send');
    const receiver = await startReceiver();
    const port = new URL(receiver.url).port;
    await sql`INSERT INTO webhook_deliveries (client_id, event, method, url, body) VALUES
      (${c.id}, 'dlr', 'POST', ${`http://localhost:${port}/rebound`}, '{}'), (${c.id}, 'dlr', 'POST', ${`http://127.0.0.1:${port}/literal`}, '{}')`.execute(strict.db);
    strict.platform.webhooks.wake();
    const tried = await eventually(async () => {
      const r = await rows(strict.db, sql<{ url: string; last_error: string | null; attempts: number }>`SELECT url, last_error, attempts FROM webhook_deliveries WHERE client_id = ${c.id} ORDER BY id`);
      return r.every((d) => d.attempts > 0) ? r : undefined;
    }, 10_000, 'both tried');
    for (const d of tried) expect(d.last_error).toMatch(/loopback or private address; refused/);
    expect(receiver.received).toHaveLength(0);
    await receiver.close();
  });
});
