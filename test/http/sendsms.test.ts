import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Contract } from './support/contract.ts';
import { addApiClient, type Answer, type ApiTestClient, call, DE_NUMBER, eventually, type HttpWorld, rows, startHttpWorld, startReceiver, UA_NUMBER, UA_NUMBER_2 } from './support/http-world.ts';

let world: HttpWorld;
let contract: Contract;
beforeAll(async () => {
  world = await startHttpWorld();
  contract = await Contract.load(world.url);
});
afterAll(async () => {
  await world?.stop();
});

type Params = Record<string, string>;
const creds = (c: ApiTestClient): Params => ({ username: c.login, password: c.apiPassword, from: 'Shop', to: UA_NUMBER });

/** GET /sendsms with the parameters, checked against the OpenAPI document. */
async function get(params: Params, headers: Record<string, string> = {}): Promise<Answer> {
  const a = await call(`${world.url}/sendsms?${new URLSearchParams(params)}`, { headers });
  contract.check('GET', '/sendsms', a.status, a.headers.get('content-type'), a.json ?? a.text);
  return a;
}

async function post(form: string, headers: Record<string, string> = {}): Promise<Answer> {
  const a = await call(`${world.url}/sendsms`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: form });
  contract.check('POST', '/sendsms', a.status, a.headers.get('content-type'), a.json ?? a.text);
  return a;
}

const idsOf = (a: Answer): string[] => [...a.text.matchAll(/^0: Accepted for delivery (\d+)$/gm)].map((m) => m[1] as string);
const message = async (id: string) =>
  (await rows(world.db, sql<{ state: string; channel: string; price: string; text: string; data_coding: number; esm_class: number; segments: number; not_before: Date; created_at: Date }>`
    SELECT state, channel, price::text AS price, text, data_coding, esm_class, segments, not_before, created_at FROM messages WHERE id = ${Number(id)}`))[0];
const balance = async (clientId: number) => (await rows(world.db, sql<{ b: string }>`SELECT balance::text AS b FROM clients WHERE id = ${clientId}`))[0]?.b;

describe('GET and POST /sendsms', () => {
  it('answers 202 with the id of the text, stored for the HTTP channel and charged', async () => {
    const c = await addApiClient(world, 'ss_get', { price: '0.05', balance: '10' });
    const a = await get({ ...creds(c), text: 'Your code is 1234' });
    expect(a.status).toBe(202);
    expect(a.headers.get('content-type')).toMatch(/^text\/plain/);
    const [id] = idsOf(a);
    expect(a.text).toBe(`0: Accepted for delivery ${id}\n`);
    expect(await message(id as string)).toMatchObject({ channel: 'http', price: '0.050000', text: 'Your code is 1234', segments: 1 });
    expect(Number(await balance(c.id))).toBeCloseTo(9.95, 6);
  });

  it('sees an operator’s route change at the next request, not after the routing cache’s time', async () => {
    const c = await addApiClient(world, 'ss_routes');
    expect((await get({ ...creds(c), text: 'before' })).status).toBe(202); // the routing cache is fresh now
    const routes = (await world.admin.get('/api/admin/routes')).body.items as { id: number; name: string }[];
    const general = routes.find((r) => r.name === 'general');
    expect((await world.admin.delete(`/api/admin/routes/${general?.id}`)).status).toBe(200);
    try {
      const a = await get({ ...creds(c), text: 'after' });
      expect(a.status).toBe(422);
      expect(a.text).toMatch(/^ERR no_route/);
    } finally {
      const poolId = (await rows(world.db, sql<{ id: number }>`SELECT id FROM pools WHERE name = 'main'`))[0]?.id;
      expect((await world.admin.post('/api/admin/routes', { name: 'general', poolId, priority: 100 })).status).toBe(201);
    }
  });

  it('takes a form body with several recipients separated by +, comma and space, one line each, in order', async () => {
    const c = await addApiClient(world, 'ss_post');
    const a = await post(`username=${c.login}&password=${c.apiPassword}&from=Shop&to=${UA_NUMBER}+${UA_NUMBER_2},380671234567%20380931234567&text=Hi+there`);
    expect(a.status).toBe(202);
    const ids = idsOf(a);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    const dest = await rows(world.db, sql<{ destination: string }>`SELECT destination FROM messages WHERE id = ANY(${ids.map(Number)}::bigint[]) ORDER BY id`);
    expect(dest.map((d) => d.destination)).toEqual([UA_NUMBER, UA_NUMBER_2, '380671234567', '380931234567']);
  });

  it('answers JSON when asked, with one entry per recipient and a refused one in its place', async () => {
    const c = await addApiClient(world, 'ss_json');
    const a = await get({ ...creds(c), to: `${UA_NUMBER},12`, text: 'x' }, { accept: 'application/json' });
    expect(a.status).toBe(202);
    expect(a.json.messages).toEqual([
      { to: UA_NUMBER, id: expect.stringMatching(/^\d+$/), parts: 1, status: 'accepted' },
      { to: '12', status: 'refused', error: { code: 'invalid_destination', message: expect.any(String) } },
    ]);
    const plain = await get({ ...creds(c), to: `${UA_NUMBER},12`, text: 'x' });
    expect(plain.text).toMatch(/^0: Accepted for delivery \d+\nERR invalid_destination: .+ \(to 12\)\n$/);
  });

  it('splits a long text into parts billed one by one, under one id', async () => {
    const c = await addApiClient(world, 'ss_long', { price: '0.01', balance: '1' });
    const a = await get({ ...creds(c), text: 'a'.repeat(200) });
    const [id] = idsOf(a);
    const parts = await rows(world.db, sql<{ message_id: number; part_number: number }>`SELECT message_id, part_number FROM api_text_parts WHERE text_id = ${Number(id)} ORDER BY part_number`);
    expect(parts.map((p) => p.part_number)).toEqual([1, 2]);
    expect(Number(parts[0]?.message_id)).toBe(Number(id));
    const billed = await rows(world.db, sql<{ price: string; esm_class: number; segments: number }>`SELECT price::text AS price, esm_class, segments FROM messages WHERE id = ANY(${parts.map((p) => Number(p.message_id))}::bigint[])`);
    expect(billed).toEqual([
      { price: '0.010000', esm_class: 0x40, segments: 1 },
      { price: '0.010000', esm_class: 0x40, segments: 1 },
    ]);
    expect(Number(await balance(c.id))).toBeCloseTo(0.98, 6);
  });

  it('reads text in its charset, forces UCS-2 with coding=2 and sends a given udh as it is', async () => {
    const c = await addApiClient(world, 'ss_coding');
    const latin = idsOf(await call(`${world.url}/sendsms?username=${c.login}&password=${c.apiPassword}&from=Shop&to=${UA_NUMBER}&text=caf%E9&charset=ISO-8859-1`))[0];
    expect(await message(latin as string)).toMatchObject({ text: 'café', data_coding: 0 });
    const ucs2 = idsOf(await get({ ...creds(c), text: 'Hello', coding: '2' }))[0];
    expect(await message(ucs2 as string)).toMatchObject({ text: 'Hello', data_coding: 8 });
    const udh = idsOf(await call(`${world.url}/sendsms?username=${c.login}&password=${c.apiPassword}&from=Shop&to=${UA_NUMBER}&text=part+one&udh=%05%00%03%2A%02%01`))[0];
    expect(await message(udh as string)).toMatchObject({ text: 'part one', esm_class: 0x40, segments: 1 });
  });

  it('sends nothing for a HEAD request', async () => {
    const c = await addApiClient(world, 'ss_head');
    const head = await fetch(`${world.url}/sendsms?${new URLSearchParams({ ...creds(c), text: 'x' })}`, { method: 'HEAD' });
    expect(head.status).toBe(404);
    expect((await rows(world.db, sql<{ n: number }>`SELECT count(*)::int AS n FROM messages WHERE client_id = ${c.id}`))[0]?.n).toBe(0);
  });

  it('holds a deferred message as scheduled', async () => {
    const c = await addApiClient(world, 'ss_deferred');
    const [id] = idsOf(await get({ ...creds(c), text: 'later', deferred: '10' }));
    const m = await message(id as string);
    expect(m?.state).toBe('scheduled');
    expect((m?.not_before.getTime() ?? 0) - (m?.created_at.getTime() ?? 0)).toBeGreaterThan(9 * 60_000);
  });

  it('keeps validity as the time after which the message is not sent, counted after any deferral', async () => {
    const c = await addApiClient(world, 'ss_validity');
    const validUntil = async (id: string) => (await rows(world.db, sql<{ v: Date; c: Date }>`SELECT valid_until AS v, created_at AS c FROM messages WHERE id = ${Number(id)}`))[0];
    const [now] = idsOf(await get({ ...creds(c), text: 'soon', validity: '5' }));
    const a = await validUntil(now as string);
    expect(Math.abs((a?.v.getTime() ?? 0) - (a?.c.getTime() ?? 0) - 5 * 60_000)).toBeLessThan(5_000);
    const [later] = idsOf(await get({ ...creds(c), text: 'later', validity: '5', deferred: '10' }));
    const b = await validUntil(later as string);
    expect(Math.abs((b?.v.getTime() ?? 0) - (b?.c.getTime() ?? 0) - 15 * 60_000)).toBeLessThan(5_000);
    expect((await get({ ...creds(c), text: 'x', validity: '0' })).status).toBe(422);
  });

  it("takes priority 0–3 as the message's rank among the client's own messages", async () => {
    const c = await addApiClient(world, 'ss_priority', { settings: { priority: 2 } });
    const [urgent] = idsOf(await get({ ...creds(c), text: 'urgent', priority: '3' }));
    const [plain] = idsOf(await get({ ...creds(c), text: 'plain' }));
    const rank = async (id: string) => (await rows(world.db, sql<{ p: number }>`SELECT priority AS p FROM messages WHERE id = ${Number(id)}`))[0]?.p;
    expect([await rank(urgent as string), await rank(plain as string)]).toEqual([11, 8]);
    expect((await get({ ...creds(c), text: 'x', priority: '4' })).status).toBe(422);
  });
});

describe('/sendsms refusals: an error status and one line', () => {
  it('refuses a wrong password and an unknown username with 401', async () => {
    const c = await addApiClient(world, 'ss_pw');
    const wrong = await get({ ...creds(c), password: 'nope', text: 'x' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toMatch(/^ERR unauthorized: [^\n]+\n$/);
    expect((await get({ ...creds(c), username: 'nobody_here', text: 'x' })).status).toBe(401);
    const json = await get({ ...creds(c), password: 'nope', text: 'x' }, { accept: 'application/json' });
    expect(json.json.error.code).toBe('unauthorized');
  });

  it('refuses a client with Can Send via API off, a blocked one, and an address outside the allowed ranges', async () => {
    const off = await addApiClient(world, 'ss_off', { settings: { canSendHttpApi: false } });
    expect((await get({ ...creds(off), text: 'x' })).text).toMatch(/^ERR channel_disabled: /);
    const blocked = await addApiClient(world, 'ss_blocked');
    expect((await world.admin.post(`/api/admin/clients/${blocked.id}/block`, { reason: 'unpaid invoices' })).status).toBe(200);
    const b = await get({ ...creds(blocked), text: 'x' });
    expect([b.status, b.text]).toEqual([403, expect.stringMatching(/^ERR client_blocked: /)]);
    const far = await addApiClient(world, 'ss_ip', { allowedIps: ['10.0.0.0/8'] });
    const f = await get({ ...creds(far), text: 'x' });
    expect([f.status, f.text]).toEqual([403, expect.stringMatching(/^ERR forbidden: requests from .*127\.0\.0\.1/)]);
    const near = await addApiClient(world, 'ss_ip_ok', { allowedIps: ['127.0.0.0/8'] });
    expect((await get({ ...creds(near), text: 'x' })).status).toBe(202);
  });

  it('refuses for lack of funds (402), a bad number (400) and a destination without a price (422)', async () => {
    const poor = await addApiClient(world, 'ss_poor', { balance: '0', price: '0.05' });
    const p = await get({ ...creds(poor), text: 'x' });
    expect([p.status, p.text]).toEqual([402, expect.stringMatching(/^ERR insufficient_funds: /)]);
    const c = await addApiClient(world, 'ss_bad');
    expect((await get({ ...creds(c), to: '12', text: 'x' })).status).toBe(400);
    const de = await get({ ...creds(c), to: DE_NUMBER, text: 'x' }, { accept: 'application/json' });
    expect([de.status, de.json.error.code]).toEqual([422, 'no_route']);
    const count = await rows(world.db, sql<{ n: number }>`SELECT count(*)::int AS n FROM messages WHERE client_id IN (${poor.id}, ${c.id})`);
    expect(count[0]?.n).toBe(0);
  });

  it('names every missing or invalid parameter at once (422)', async () => {
    const a = await get({ coding: '9', 'dlr-mask': '64' }, { accept: 'application/json' });
    expect(a.status).toBe(422);
    expect(Object.keys(a.json.error.fields).sort()).toEqual(['coding', 'dlr-mask', 'from', 'password', 'text', 'to', 'username']);
    const plain = await get({ coding: '9' });
    expect(plain.text.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('refuses a text GSM cannot carry when coding=0 forces GSM', async () => {
    const c = await addApiClient(world, 'ss_gsm');
    const a = await get({ ...creds(c), text: 'Привіт', coding: '0' }, { accept: 'application/json' });
    expect([a.status, Object.keys(a.json.error.fields)]).toEqual([422, ['text']]);
  });
});

describe('dlr-url', () => {
  it('is called per the dlr-mask with %d %i %p %s %A filled in: queued, accepted by the carrier, then delivered', async () => {
    const c = await addApiClient(world, 'ss_dlr');
    const r = await startReceiver();
    const a = await get({ ...creds(c), text: 'report me', 'dlr-mask': '31', 'dlr-url': `${r.url}/dlr?status=%d&id=%i&to=%p&from=%s&answer=%A` });
    const [id] = idsOf(a);
    await eventually(() => r.received.length >= 3, 15_000, 'three reports');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const calls = r.received.map((x) => new URL(x.url, r.url).searchParams);
    expect(r.received.map((x) => x.method)).toEqual(['GET', 'GET', 'GET']);
    expect(calls.map((p) => p.get('status'))).toEqual(['4', '8', '1']);
    for (const p of calls) expect([p.get('id'), p.get('to'), p.get('from')]).toEqual([id, UA_NUMBER, 'Shop']);
    expect(calls[2]?.get('answer')).toBe(`id:${id} stat:DELIVRD err:000`);
    // The final report was relayed: its client_reports row went with it (the delivery carries it now).
    const owed = await rows(world.db, sql<{ n: number }>`SELECT count(*)::int AS n FROM client_reports WHERE message_id = ${Number(id)}`);
    expect(owed[0]?.n).toBe(0);
    await r.close();
  });

  it('reports a multipart text once, when every part is delivered, with the text’s id', async () => {
    const c = await addApiClient(world, 'ss_dlr_multi');
    const r = await startReceiver();
    const [id] = idsOf(await get({ ...creds(c), text: 'b'.repeat(300), 'dlr-mask': '1', 'dlr-url': `${r.url}/dlr?s=%d&id=%i` }));
    await eventually(() => r.received.length >= 1, 15_000, 'the report');
    const parts = await rows(world.db, sql<{ state: string }>`SELECT m.state FROM api_text_parts p JOIN messages m ON m.id = p.message_id WHERE p.text_id = ${Number(id)}`);
    expect(parts.map((p) => p.state)).toEqual(['delivered', 'delivered']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(r.received.map((x) => x.url)).toEqual([`/dlr?s=1&id=${id}`]);
    await r.close();
  });

  it('is stored with its message, in the transaction that stores and charges it, for every recipient of a one-part text', async () => {
    const c = await addApiClient(world, 'ss_dlr_atomic');
    // Deferred, and final states only (no progress report to clear): nothing updates the rows (and their xmin) while the test reads them.
    const a = await get({ ...creds(c), to: `${UA_NUMBER},${UA_NUMBER_2}`, text: 'one part', deferred: '60', 'dlr-mask': '3', 'dlr-url': 'https://example.com/dlr?s=%d&id=%i' });
    const ids = idsOf(a).map(Number);
    expect(ids).toHaveLength(2);
    const texts = await rows(world.db, sql<{ id: number; channel: string; part_ids: number[]; dlr_url: string; dlr_mask: number; owed_bits: number; same_transaction: boolean }>`
      SELECT t.id, t.channel, t.part_ids, t.dlr_url, t.dlr_mask, t.owed_bits, t.xmin::text = m.xmin::text AS same_transaction
      FROM api_texts t JOIN messages m ON m.id = t.id WHERE t.id = ANY(${ids}::bigint[]) ORDER BY t.id`);
    expect(texts.map((t) => ({ ...t, id: Number(t.id), part_ids: t.part_ids.map(Number) }))).toEqual(
      ids.map((id) => ({ id, channel: 'http', part_ids: [id], dlr_url: 'https://example.com/dlr?s=%d&id=%i', dlr_mask: 3, owed_bits: 0, same_transaction: true })),
    );
  });

  it('calls nothing for states the mask leaves out', async () => {
    const c = await addApiClient(world, 'ss_dlr_mask');
    const r = await startReceiver();
    const [id] = idsOf(await get({ ...creds(c), text: 'quiet', 'dlr-mask': '2', 'dlr-url': `${r.url}/dlr?s=%d` }));
    await eventually(async () => (await message(id as string))?.state === 'delivered', 15_000, 'delivered');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(r.received).toHaveLength(0);
    await r.close();
  });
});
