import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Contract } from './support/contract.ts';
import { addApiClient, type Answer, call, DE_NUMBER, eventually, type HttpWorld, makeKey, rows, startHttpWorld, startReceiver, UA_NUMBER, UA_NUMBER_2 } from './support/http-world.ts';

let world: HttpWorld;
let contract: Contract;
beforeAll(async () => {
  world = await startHttpWorld();
  contract = await Contract.load(world.url);
});
afterAll(async () => {
  await world?.stop();
});

/** A REST call checked against the OpenAPI document. */
async function v1(method: 'GET' | 'POST' | 'DELETE', path: string, auth: string | undefined, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const a = await call(world.url + path, {
    method,
    headers: { ...(auth ? { authorization: auth } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  contract.check(method, path, a.status, a.headers.get('content-type'), a.json);
  return a;
}
const bearer = (key: string) => `Bearer ${key}`;
const basic = (login: string, password: string) => `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}`;

async function admin(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<Answer> {
  const r = await world.admin.request(method, path, body);
  const a = { status: r.status, headers: r.headers, text: JSON.stringify(r.body), json: r.body };
  contract.check(method, path, a.status, r.headers.get('content-type'), a.json);
  return a;
}

const ledger = async (clientId: number) => rows(world.db, sql<{ kind: string; amount: string }>`SELECT kind, amount::text AS amount FROM ledger WHERE client_id = ${clientId} AND kind <> 'topup' ORDER BY id`);
const messageCount = async (clientId: number) => (await rows(world.db, sql<{ n: number }>`SELECT count(*)::int AS n FROM messages WHERE client_id = ${clientId}`))[0]?.n;

describe('API keys on the profile page', () => {
  it('shows a key once, lists it by prefix only, and stops it at once when revoked', async () => {
    const c = await addApiClient(world, 'rk_keys');
    const made = await admin('POST', `/api/admin/clients/${c.id}/api-keys`, { name: 'shop backend' });
    expect(made.status).toBe(201);
    const key = made.json.key as string;
    expect(key).toMatch(/^ptl_[A-Za-z0-9_-]{40}$/);
    expect(made.json.apiKey).toMatchObject({ name: 'shop backend', prefix: key.slice(0, 12), revokedAt: null });
    const stored = await rows(world.db, sql<{ key_hash: string }>`SELECT key_hash FROM api_keys WHERE id = ${made.json.apiKey.id}`);
    expect(stored[0]?.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(key);
    const list = await admin('GET', `/api/admin/clients/${c.id}/api-keys`);
    expect(list.json.items).toHaveLength(1);
    expect(list.text).not.toContain(key);
    expect((await v1('GET', '/api/v1/balance', bearer(key))).status).toBe(200);
    expect((await admin('DELETE', `/api/admin/clients/${c.id}/api-keys/${made.json.apiKey.id}`)).json.apiKey.revokedAt).toEqual(expect.any(String));
    const after = await v1('GET', '/api/v1/balance', bearer(key));
    expect([after.status, after.json.error.code]).toEqual([401, 'unauthorized']);
    expect((await admin('DELETE', `/api/admin/clients/${c.id}/api-keys/999999`)).status).toBe(404);
    expect((await admin('POST', `/api/admin/clients/${c.id}/api-keys`, { name: '' })).status).toBe(422);
  });
});

describe('REST API authentication', () => {
  it('takes a bearer key or Basic with the login and API password, and refuses anything else with 401', async () => {
    const c = await addApiClient(world, 'rk_auth');
    const key = await makeKey(world, c.id);
    expect((await v1('GET', '/api/v1/balance', bearer(key))).status).toBe(200);
    expect((await v1('GET', '/api/v1/balance', basic(c.login, c.apiPassword))).status).toBe(200);
    const none = await v1('GET', '/api/v1/balance', undefined);
    expect([none.status, none.headers.get('www-authenticate')]).toEqual([401, expect.stringContaining('Bearer')]);
    const mutated = `${key.slice(0, 10)}${key[10] === 'A' ? 'B' : 'A'}${key.slice(11)}`;
    expect((await v1('GET', '/api/v1/balance', bearer(mutated))).status).toBe(401);
    expect((await v1('GET', '/api/v1/balance', basic(c.login, 'wrong-password'))).status).toBe(401);
  });

  it('refuses a client with Can Send via RESTAPI off, a blocked one, and an address outside its ranges (403)', async () => {
    const off = await addApiClient(world, 'rk_off', { settings: { canSendRest: false } });
    const a = await v1('POST', '/api/v1/messages', bearer(await makeKey(world, off.id)), { from: 'Shop', to: UA_NUMBER, text: 'x' });
    expect([a.status, a.json.error.code]).toEqual([403, 'channel_disabled']);
    const blocked = await addApiClient(world, 'rk_blocked');
    await world.admin.post(`/api/admin/clients/${blocked.id}/block`, { reason: 'fraud check' });
    expect((await v1('GET', '/api/v1/balance', bearer(await makeKey(world, blocked.id)))).json.error.code).toBe('client_blocked');
    const far = await addApiClient(world, 'rk_far', { allowedIps: ['192.0.2.0/24', '2001:db8::/32'] });
    const f = await v1('GET', '/api/v1/balance', bearer(await makeKey(world, far.id)));
    expect([f.status, f.json.error.code]).toEqual([403, 'forbidden']);
  });

  it('limits requests per key: 429 with Retry-After past the key’s rate', async () => {
    const c = await addApiClient(world, 'rk_rate');
    const key = await makeKey(world, c.id, 1);
    const answers = await Promise.all(Array.from({ length: 6 }, () => v1('GET', '/api/v1/balance', bearer(key))));
    const limited = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(1);
    expect(limited.length).toBeGreaterThanOrEqual(3);
    expect(answers.every((a) => a.status === 200 || a.status === 429)).toBe(true);
    expect(Number(limited[0]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited[0]?.json.error.code).toBe('too_many_requests');
    const other = await makeKey(world, c.id, 2);
    expect((await v1('GET', '/api/v1/balance', bearer(other))).status).toBe(200);
  });
});

describe('POST /api/v1/messages', () => {
  it('accepts a text for one recipient: 202 with its id, state, parts and price', async () => {
    const c = await addApiClient(world, 'rm_one', { price: '0.025' });
    const a = await v1('POST', '/api/v1/messages', bearer(await makeKey(world, c.id)), { from: 'Shop', to: `+${UA_NUMBER}`, text: 'Your order shipped' });
    expect(a.status).toBe(202);
    expect(a.json.messages).toEqual([{ id: expect.stringMatching(/^\d+$/), to: `+${UA_NUMBER}`, status: 'queued', parts: 1, price: '0.0250' }]);
    expect(await ledger(c.id)).toEqual([{ kind: 'charge', amount: '-0.025000' }]);
  });

  it('sends to many recipients, refusing the bad ones in their place', async () => {
    const c = await addApiClient(world, 'rm_many');
    const a = await v1('POST', '/api/v1/messages', bearer(await makeKey(world, c.id)), { from: 'Shop', to: [UA_NUMBER, '123', UA_NUMBER_2, DE_NUMBER], text: 'Sale!' });
    expect(a.status).toBe(202);
    expect(a.json.messages.map((m: { status: string; error?: { code: string } }) => m.error?.code ?? m.status)).toEqual(['queued', 'invalid_destination', 'queued', 'no_route']);
    expect(await messageCount(c.id)).toBe(2);
  });

  it('answers the refusal when no recipient is accepted, and validates every field at once', async () => {
    const poor = await addApiClient(world, 'rm_poor', { balance: '0' });
    const key = await makeKey(world, poor.id);
    const p = await v1('POST', '/api/v1/messages', bearer(key), { from: 'Shop', to: UA_NUMBER, text: 'x' });
    expect([p.status, p.json.error.code]).toEqual([402, 'insufficient_funds']);
    const bad = await v1('POST', '/api/v1/messages', bearer(key), { from: '', to: [], text: '', colour: 'red', scheduledAt: 'tomorrow' });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(['colour', 'from', 'scheduledAt', 'text', 'to']);
    const tooMany = await v1('POST', '/api/v1/messages', bearer(key), { from: 'Shop', to: Array.from({ length: 1001 }, () => UA_NUMBER), text: 'x' });
    expect(tooMany.json.error.fields.to).toMatch(/1000/);
    expect((await call(`${world.url}/api/v1/messages`, { method: 'POST', headers: { authorization: bearer(key), 'content-type': 'application/json' }, body: '{nope' })).status).toBe(400);
  });

  it('holds a scheduled text, and sends a test message free when the client may', async () => {
    const c = await addApiClient(world, 'rm_sched', { settings: { canSendTests: true } });
    const key = await makeKey(world, c.id);
    const at = new Date(Date.now() + 3600_000).toISOString();
    const s = await v1('POST', '/api/v1/messages', bearer(key), { from: 'Shop', to: UA_NUMBER, text: 'later', scheduledAt: at });
    expect(s.json.messages[0].status).toBe('scheduled');
    const t = await v1('POST', '/api/v1/messages', bearer(key), { from: 'Shop', to: UA_NUMBER, text: 'test', test: true });
    expect(t.json.messages[0]).toMatchObject({ status: 'queued', price: '0.0000' });
    const v = await v1('POST', '/api/v1/messages', bearer(key), { from: 'Shop', to: UA_NUMBER, text: 'valid', validity: 30 });
    const stored = await sql<{ v: Date; c: Date }>`SELECT valid_until AS v, created_at AS c FROM messages WHERE id = ${Number(v.json.messages[0].id)}`.execute(world.db);
    expect(Math.abs((stored.rows[0]?.v.getTime() ?? 0) - (stored.rows[0]?.c.getTime() ?? 0) - 30 * 60_000)).toBeLessThan(5_000);
    expect((await v1('POST', '/api/v1/messages', bearer(key), { from: 'Shop', to: UA_NUMBER, text: 'x', validity: 0 })).json.error.fields.validity).toBe('at least 1 minute');
    const p = await v1('POST', '/api/v1/messages', bearer(key), { from: 'Shop', to: UA_NUMBER, text: 'urgent', priority: 3 });
    const rank = await sql<{ p: number }>`SELECT priority AS p FROM messages WHERE id = ${Number(p.json.messages[0].id)}`.execute(world.db);
    expect(rank.rows[0]?.p).toBe(3); // the client's SMS priority is 0 here
    expect((await v1('POST', '/api/v1/messages', bearer(key), { from: 'Shop', to: UA_NUMBER, text: 'x', priority: 4 })).json.error.fields.priority).toBe('at most 3');
    const noTests = await addApiClient(world, 'rm_notest');
    expect((await v1('POST', '/api/v1/messages', bearer(await makeKey(world, noTests.id)), { from: 'Shop', to: UA_NUMBER, text: 'test', test: true })).json.error.code).toBe('test_quota');
  });

  it('stores a text’s callbackUrl with its messages, in the transaction that stores them, for one part or several', async () => {
    const c = await addApiClient(world, 'rm_callback_row');
    const key = await makeKey(world, c.id);
    const at = new Date(Date.now() + 3600_000).toISOString(); // scheduled: nothing moves the messages' rows meanwhile
    const one = await v1('POST', '/api/v1/messages', bearer(key), { from: 'Shop', to: UA_NUMBER, text: 'one part', scheduledAt: at, callbackUrl: 'https://example.com/cb' });
    const many = await v1('POST', '/api/v1/messages', bearer(key), { from: 'Shop', to: UA_NUMBER, text: 'm'.repeat(200), scheduledAt: at, callbackUrl: 'https://example.com/cb' });
    const ids = [Number(one.json.messages[0].id), Number(many.json.messages[0].id)];
    const texts = await rows(world.db, sql<{ id: number; channel: string; parts: number; callback_url: string; same_transaction: boolean }>`
      SELECT t.id, t.channel, cardinality(t.part_ids) AS parts, t.callback_url, t.xmin::text = m.xmin::text AS same_transaction
      FROM api_texts t JOIN messages m ON m.id = t.id WHERE t.id = ANY(${ids}::bigint[]) ORDER BY t.id`);
    expect(texts.map((t) => ({ ...t, id: Number(t.id) }))).toEqual([
      { id: ids[0], channel: 'rest', parts: 1, callback_url: 'https://example.com/cb', same_transaction: true },
      { id: ids[1], channel: 'rest', parts: 2, callback_url: 'https://example.com/cb', same_transaction: true },
    ]);
    const parts = await rows(world.db, sql<{ n: number }>`SELECT count(*)::int AS n FROM api_text_parts WHERE text_id = ${ids[1] as number}`);
    expect(parts[0]?.n).toBe(2);
  });

  it('refuses a whole multipart text when a later part cannot be paid: no part stored or charged', async () => {
    const c = await addApiClient(world, 'rm_partial', { balance: '0.015', price: '0.01' });
    const a = await v1('POST', '/api/v1/messages', bearer(await makeKey(world, c.id)), { from: 'Shop', to: UA_NUMBER, text: 'z'.repeat(200) });
    expect([a.status, a.json.error.code]).toEqual([402, 'insufficient_funds']);
    const balance = await rows(world.db, sql<{ b: string }>`SELECT balance::text AS b FROM clients WHERE id = ${c.id}`);
    expect(Number(balance[0]?.b)).toBeCloseTo(0.015, 6);
    expect(await messageCount(c.id)).toBe(0);
    expect((await ledger(c.id)).map((l) => l.kind)).toEqual([]);
  });
});

describe('Idempotency-Key', () => {
  it('sends once and charges once for 20 concurrent identical requests, all answered alike', async () => {
    const c = await addApiClient(world, 'ri_twenty', { price: '0.01' });
    const key = await makeKey(world, c.id);
    const body = { from: 'Shop', to: [UA_NUMBER, UA_NUMBER_2], text: 'exactly once' };
    const answers = await Promise.all(Array.from({ length: 20 }, () => v1('POST', '/api/v1/messages', bearer(key), body, { 'idempotency-key': 'order-4711' })));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(202));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(19);
    expect(await messageCount(c.id)).toBe(2);
    expect(await ledger(c.id)).toEqual([{ kind: 'charge', amount: '-0.020000' }]);
    const later = await v1('POST', '/api/v1/messages', bearer(key), { text: 'exactly once', to: [UA_NUMBER, UA_NUMBER_2], from: 'Shop' }, { 'idempotency-key': 'order-4711' });
    expect([later.status, later.text]).toEqual([202, answers[0]?.text]);
    const changed = await v1('POST', '/api/v1/messages', bearer(key), { ...body, text: 'another text' }, { 'idempotency-key': 'order-4711' });
    expect([changed.status, changed.json.error.code]).toEqual([409, 'conflict']);
    expect(await messageCount(c.id)).toBe(2);
  });

  it('replays a refusal too, and keeps keys apart per client', async () => {
    const poor = await addApiClient(world, 'ri_poor', { balance: '0' });
    const key = await makeKey(world, poor.id);
    const first = await v1('POST', '/api/v1/messages', bearer(key), { from: 'Shop', to: UA_NUMBER, text: 'x' }, { 'idempotency-key': 'k1' });
    const again = await v1('POST', '/api/v1/messages', bearer(key), { from: 'Shop', to: UA_NUMBER, text: 'x' }, { 'idempotency-key': 'k1' });
    expect([first.status, again.status, again.headers.get('idempotent-replayed')]).toEqual([402, 402, 'true']);
    const rich = await addApiClient(world, 'ri_rich');
    expect((await v1('POST', '/api/v1/messages', bearer(await makeKey(world, rich.id)), { from: 'Shop', to: UA_NUMBER, text: 'x' }, { 'idempotency-key': 'k1' })).status).toBe(202);
    expect((await v1('POST', '/api/v1/messages', bearer(key), { from: 'Shop', to: UA_NUMBER, text: 'x' }, { 'idempotency-key': 'bad key with spaces' })).status).toBe(400);
  });
});

describe('DELETE /api/v1/messages/{id}: cancelling a text', () => {
  it('cancels a waiting text whole: every part deleted and refunded, the report sent, a repeat answered alike', async () => {
    const c = await addApiClient(world, 'rc_cancel', { price: '0.01' });
    const key = await makeKey(world, c.id);
    const receiver = await startReceiver();
    const at = new Date(Date.now() + 3600_000).toISOString();
    const sent = await v1('POST', '/api/v1/messages', bearer(key), { from: 'Shop', to: UA_NUMBER, text: 'later '.repeat(40), scheduledAt: at, callbackUrl: `${receiver.url}/cb` });
    const id = sent.json.messages[0].id as string;
    expect(sent.json.messages[0]).toMatchObject({ status: 'scheduled', parts: 2, price: '0.0200' });
    const balance = async () => (await v1('GET', '/api/v1/balance', bearer(key))).json.balance as string;
    const charged = await balance();

    const cancelled = await v1('DELETE', `/api/v1/messages/${id}`, bearer(key));
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.message).toMatchObject({ id, state: 'deleted', final: true, parts: 2 });
    expect(cancelled.json.message.partStates.map((p: { state: string }) => p.state)).toEqual(['deleted', 'deleted']);
    expect(Number(await balance()) - Number(charged)).toBeCloseTo(0.02, 10);
    // Intake charged the text at once; each part is refunded by its own transition.
    expect((await ledger(c.id)).map((l) => [l.kind, Number(l.amount)])).toEqual([
      ['charge', -0.02],
      ['refund', 0.01],
      ['refund', 0.01],
    ]);
    // One report for the text, state deleted, at its callbackUrl.
    const report = await eventually(() => receiver.received.find((r) => r.url === '/cb'), 10_000, 'the report of the cancelled text');
    expect(JSON.parse(report.body)).toMatchObject({ event: 'dlr', messageId: id, state: 'deleted', parts: 2 });

    const again = await v1('DELETE', `/api/v1/messages/${id}`, bearer(key));
    expect([again.status, again.json.message.state]).toEqual([200, 'deleted']);
    expect((await ledger(c.id)).filter((l) => l.kind === 'refund')).toHaveLength(2);
    expect((await v1('GET', `/api/v1/messages/${id}`, bearer(key))).json.message.state).toBe('deleted');
    await receiver.close();
  });

  it("takes the whole text when an operator cancels one of its parts in the message log", async () => {
    const c = await addApiClient(world, 'rc_operator', { price: '0.01' });
    const key = await makeKey(world, c.id);
    const id = (await v1('POST', '/api/v1/messages', bearer(key), { from: 'Shop', to: UA_NUMBER, text: 'op '.repeat(80), scheduledAt: new Date(Date.now() + 3600_000).toISOString() })).json.messages[0].id as string;
    const byOperator = await admin('POST', `/api/admin/messages/${Number(id) + 1}/cancel`);
    expect([byOperator.status, byOperator.json.message.state]).toEqual([200, 'deleted']);
    const text = (await v1('GET', `/api/v1/messages/${id}`, bearer(key))).json.message;
    expect([text.state, text.partStates.map((p: { state: string }) => p.state)]).toEqual(['deleted', ['deleted', 'deleted']]);
    expect((await ledger(c.id)).filter((l) => l.kind === 'refund')).toHaveLength(2);
  });

  it("is 404 for another client's text or a later part's id, and 409 once the text has left for the carrier", async () => {
    const c = await addApiClient(world, 'rc_late', { price: '0.01' });
    const key = await makeKey(world, c.id);
    const waiting = (await v1('POST', '/api/v1/messages', bearer(key), { from: 'Shop', to: UA_NUMBER, text: 'wait '.repeat(40), scheduledAt: new Date(Date.now() + 3600_000).toISOString() })).json.messages[0].id as string;
    const other = await addApiClient(world, 'rc_other');
    const foreign = await v1('DELETE', `/api/v1/messages/${waiting}`, bearer(await makeKey(world, other.id)));
    expect([foreign.status, foreign.json.error.code]).toEqual([404, 'not_found']);
    expect((await v1('DELETE', `/api/v1/messages/${Number(waiting) + 1}`, bearer(key))).status).toBe(404);
    expect((await v1('GET', `/api/v1/messages/${waiting}`, bearer(key))).json.message.state).toBe('scheduled');
    // A part taken by a dispatcher (on its way to the vendor): the whole text stays as it is.
    await sql`UPDATE messages SET claimed_until = now() + interval '1 minute' WHERE id = ${Number(waiting) + 1}`.execute(world.db);
    const partly = await v1('DELETE', `/api/v1/messages/${waiting}`, bearer(key));
    expect([partly.status, partly.json.error.code]).toEqual([409, 'conflict']);
    expect((await v1('GET', `/api/v1/messages/${waiting}`, bearer(key))).json.message.partStates.map((p: { state: string }) => p.state)).toEqual(['scheduled', 'scheduled']);
    await sql`UPDATE messages SET claimed_until = NULL WHERE id = ${Number(waiting) + 1}`.execute(world.db);

    const now = (await v1('POST', '/api/v1/messages', bearer(key), { from: 'Shop', to: UA_NUMBER, text: 'now' })).json.messages[0].id as string;
    await eventually(async () => (await v1('GET', `/api/v1/messages/${now}`, bearer(key))).json.message.final, 15_000, 'the text sent and done');
    const late = await v1('DELETE', `/api/v1/messages/${now}`, bearer(key));
    expect([late.status, late.json.error.code]).toEqual([409, 'conflict']);
    expect(late.json.error.message).toMatch(/too late/);
    expect((await ledger(c.id)).filter((l) => l.kind === 'refund')).toHaveLength(0);
  });
});

describe('reading texts back', () => {
  it('shows a text’s state, parts and price; delivered once every part is', async () => {
    const c = await addApiClient(world, 'rr_read', { price: '0.01' });
    const key = await makeKey(world, c.id);
    // GSM text: the simulator's receipts for UCS-2 texts do not fit short_message (reported to its owner).
    const sent = await v1('POST', '/api/v1/messages', bearer(key), { from: 'Shop', to: UA_NUMBER, text: 'long '.repeat(40) });
    const id = sent.json.messages[0].id as string;
    expect(sent.json.messages[0]).toMatchObject({ parts: 2, price: '0.0200' });
    const done = await eventually(async () => {
      const r = await v1('GET', `/api/v1/messages/${id}`, bearer(key));
      return r.json.message.state === 'delivered' ? r : undefined;
    }, 15_000, 'delivered');
    expect(done.json.message).toMatchObject({ id, to: UA_NUMBER, from: 'Shop', final: true, parts: 2, price: '0.0200', channel: 'rest', errorCode: null });
    expect(done.json.message.partStates.map((p: { state: string }) => p.state)).toEqual(['delivered', 'delivered']);
    expect(done.json.message.doneAt).toEqual(expect.any(String));
    const partTwo = Number(id) + 1;
    expect((await v1('GET', `/api/v1/messages/${partTwo}`, bearer(key))).status).toBe(404);
    const other = await addApiClient(world, 'rr_other');
    expect((await v1('GET', `/api/v1/messages/${id}`, bearer(await makeKey(world, other.id)))).status).toBe(404);
  });

  it('lists texts newest first, by state, time and page, a multipart text once', async () => {
    const c = await addApiClient(world, 'rr_list');
    const key = await makeKey(world, c.id);
    const ids: string[] = [];
    for (const text of ['one', 'two', 'x'.repeat(170)]) ids.push((await v1('POST', '/api/v1/messages', bearer(key), { from: 'Shop', to: UA_NUMBER, text })).json.messages[0].id);
    const later = (await v1('POST', '/api/v1/messages', bearer(key), { from: 'Shop', to: UA_NUMBER, text: 'later', scheduledAt: new Date(Date.now() + 86_400_000).toISOString() })).json.messages[0].id;
    const all = await v1('GET', '/api/v1/messages', bearer(key));
    expect(all.json.items.map((m: { id: string }) => m.id)).toEqual([later, ...ids.reverse()]);
    expect(all.json.items[1].parts).toBe(2);
    const scheduled = await v1('GET', '/api/v1/messages?state=scheduled', bearer(key));
    expect(scheduled.json.items.map((m: { id: string }) => m.id)).toEqual([later]);
    const page = await v1('GET', '/api/v1/messages?pageSize=2&page=2', bearer(key));
    expect([page.json.items.length, page.json.hasMore]).toEqual([2, false]);
    const future = await v1('GET', `/api/v1/messages?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, bearer(key));
    expect(future.json.items).toEqual([]);
    expect((await v1('GET', '/api/v1/messages?state=lost', bearer(key))).status).toBe(422);
  });
});

describe('balance, prices, senders and inbox', () => {
  it('answers the balance with credit and overdraw as decimal strings', async () => {
    const c = await addApiClient(world, 'ra_bal', { balance: '12.5', settings: { creditLimit: '5.00', overdraw: { amount: '2.50', until: '2999-12-31T23:59:59Z' } } });
    const b = await v1('GET', '/api/v1/balance', bearer(await makeKey(world, c.id)));
    expect(b.json).toEqual({ balance: '12.50', credit: '5.00', overdraw: '2.50', overdrawUntil: '2999-12-31T23:59:59.000Z', available: '20.00', currency: 'EUR' });
  });

  it('lists the client’s prices with scheduled changes', async () => {
    const c = await addApiClient(world, 'ra_prices', { price: '0.02' });
    await sql`INSERT INTO client_prices (client_id, destination_id, price, effective_from, created_by) VALUES (${c.id}, ${world.ua}, '0.03', ${new Date(Date.now() + 86_400_000)}, 'test')`.execute(world.db);
    const p = await v1('GET', '/api/v1/prices', bearer(await makeKey(world, c.id)));
    expect(p.json.currency).toBe('EUR');
    expect(p.json.items).toEqual([{ destinationId: world.ua, destination: 'Ukraine', country: 'UA', price: '0.0200', effectiveFrom: new Date(0).toISOString(), scheduled: [{ price: '0.0300', effectiveFrom: expect.any(String) }] }]);
  });

  it('asks for sender names: pending under manual moderation, approved under automatic, bad names refused', async () => {
    const manual = await addApiClient(world, 'ra_manual', { settings: { moderation: 'manual', dynamicSender: false } });
    const mk = await makeKey(world, manual.id);
    const m = await v1('POST', '/api/v1/senders', bearer(mk), { name: 'MyShop' });
    expect([m.status, m.json.sender.status]).toEqual([201, 'pending']);
    expect((await v1('POST', '/api/v1/messages', bearer(mk), { from: 'MyShop', to: UA_NUMBER, text: 'x' })).json.error.code).toBe('sender_pending');
    const auto = await addApiClient(world, 'ra_auto', { settings: { moderation: 'automatic', dynamicSender: false } });
    const ak = await makeKey(world, auto.id);
    expect((await v1('POST', '/api/v1/senders', bearer(ak), { name: 'MyShop' })).json.sender.status).toBe('approved');
    expect((await v1('POST', '/api/v1/messages', bearer(ak), { from: 'MyShop', to: UA_NUMBER, text: 'x' })).status).toBe(202);
    expect((await v1('GET', '/api/v1/senders', bearer(ak))).json.items.map((s: { name: string }) => s.name)).toEqual(['MyShop']);
    const bad = await v1('POST', '/api/v1/senders', bearer(ak), { name: 'Way Too Long Name' });
    expect([bad.status, Object.keys(bad.json.error.fields)]).toEqual([422, ['name']]);
  });

  it('lists incoming messages, newest first, a page at a time', async () => {
    const c = await addApiClient(world, 'ra_inbox');
    for (const text of ['first', 'second', 'third']) await sql`INSERT INTO inbox (client_id, source, destination, text) VALUES (${c.id}, ${UA_NUMBER}, '12345', ${text})`.execute(world.db);
    const key = await makeKey(world, c.id);
    const one = await v1('GET', '/api/v1/inbox?limit=2', bearer(key));
    expect(one.json.items.map((m: { text: string }) => m.text)).toEqual(['third', 'second']);
    const two = await v1('GET', `/api/v1/inbox?limit=2&before=${one.json.nextBefore}`, bearer(key));
    expect([two.json.items.map((m: { text: string }) => m.text), two.json.nextBefore]).toEqual([['first'], null]);
  });
});
