import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { eventually } from '../dispatch/support/db.ts';
import { Contract } from '../http/support/contract.ts';
import { createManager } from '../support/clients.ts';
import type { ApiClient } from '../support/platform.ts';
import { addClient, bindOwn, startWorld, submit, type TestClient, type World } from './support/world.ts';

// The operator's message log (GET /api/admin/messages, /api/admin/messages/{id}) over real traffic:
// SMPP submits through the simulator, which delivers some and rejects the rest.
let sim: Simulator;
let world: World;
let lark: TestClient;
let wren: TestClient;
let manager: { id: number; api: ApiClient };
const ids: string[] = [];
let contract: Contract;

beforeAll(async () => {
  sim = await startSimulator({ receiptDelayMs: 20, outcomes: { DELIVRD: 1 } });
  world = await startWorld({}, {}, { port: sim.port });
  await world.platform.vendorSide.dispatcher.refresh();
  manager = await createManager(world.admin, 'log_mgr');
  lark = await addClient(world, 'log_lark', { settings: { managerId: manager.id } });
  wren = await addClient(world, 'log_wren');
  const [l, w] = [await bindOwn(world, lark), await bindOwn(world, wren)];
  for (let i = 0; i < 5; i++) ids.push((await submit(l, { destinationAddr: `38050123450${i}`, shortMessage: Buffer.from(`lark ${i}`), registeredDelivery: 1 })).id);
  ids.push((await submit(w, { destinationAddr: '380501234500', shortMessage: Buffer.from('wren 0'), registeredDelivery: 1 })).id);
  await eventually(async () => (await world.admin.get('/api/admin/messages?state=delivered')).body.items.length === 6, 20_000, 'every message delivered');
  await Promise.all([l.close(), w.close()]);
  contract = await Contract.load(world.platform.httpUrl);
});

afterAll(async () => {
  await world?.stop();
  await sim?.stop();
});

describe('GET /api/admin/messages', () => {
  it('lists the messages newest first with client, addresses, text, price, state and vendor', async () => {
    const res = await world.admin.get('/api/admin/messages');
    expect(res.status).toBe(200);
    expect(res.body.items.map((m: { id: string }) => m.id)).toEqual([...ids].reverse());
    expect(res.body.next).toBeNull();
    expect(res.body.items[0]).toMatchObject({ id: ids[5], clientId: wren.id, clientLogin: 'log_wren', channel: 'smpp', destination: '380501234500', text: 'wren 0', segments: 1, price: '0.010000', state: 'delivered', vendorId: world.vendorId, vendorName: 'upstream' });
    expect(res.body.items[0].vendorMessageId).toEqual(expect.any(String));
    expect(Date.parse(res.body.items[0].doneAt)).toBeGreaterThanOrEqual(Date.parse(res.body.items[0].sentAt));
  });

  it('pages with `before` = the answer’s `next`, without gaps or repeats', async () => {
    const first = await world.admin.get('/api/admin/messages?limit=4');
    expect(first.body.items).toHaveLength(4);
    expect(first.body.next).toBe(ids[2]);
    const second = await world.admin.get(`/api/admin/messages?limit=4&before=${first.body.next}`);
    expect(second.body.next).toBeNull();
    expect([...first.body.items, ...second.body.items].map((m: { id: string }) => m.id)).toEqual([...ids].reverse());
  });

  it('narrows by client, number (with or without +), state, channel and time', async () => {
    const only = async (query: string) => ((await world.admin.get(`/api/admin/messages?${query}`)).body.items as { id: string }[]).map((m) => m.id);
    expect(await only(`clientId=${lark.id}`)).toEqual(ids.slice(0, 5).reverse());
    expect(await only('destination=%2B380501234500')).toEqual([ids[5], ids[0]]);
    expect(await only(`destination=380501234500&clientId=${lark.id}`)).toEqual([ids[0]]);
    expect(await only('state=queued')).toEqual([]);
    expect(await only('channel=http')).toEqual([]);
    expect(await only('channel=smpp&state=delivered')).toHaveLength(6);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(await only(`from=${encodeURIComponent(future)}`)).toEqual([]);
    expect(await only(`to=${encodeURIComponent(future)}`)).toHaveLength(6);
  });

  it('names every bad filter, and shows a manager only their clients’ messages', async () => {
    const bad = await world.admin.get('/api/admin/messages?state=lost&destination=abc&limit=500&from=yesterday&channel=fax');
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['channel', 'destination', 'from', 'limit', 'state']);
    const odd = await world.admin.get('/api/admin/messages?limit=abc&before=99999999999999999999&clientId=-1');
    expect(odd.body.error.fields).toEqual({ limit: 'a whole number from 1 to 200', before: 'not a valid id', clientId: 'not a valid id' });
    const mine = await manager.api.get('/api/admin/messages');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((m: { clientId: number }) => m.clientId)).toEqual(Array(5).fill(lark.id));
  });
});

describe('GET /api/admin/messages/{id}', () => {
  it('gives the message with its life: accepted, submitted to the vendor, its receipt (read off the message row)', async () => {
    const res = await world.admin.get(`/api/admin/messages/${ids[0]}`);
    expect(res.status).toBe(200);
    expect(res.body.message).toMatchObject({ id: ids[0], clientLogin: 'log_lark', text: 'lark 0', state: 'delivered' });
    const steps = (res.body.events as { kind: string; state: string | null; vendorName: string | null; recorded: boolean }[]).map((e) => [e.kind, e.state, e.vendorName, e.recorded]);
    expect(steps).toEqual([
      ['accepted', null, null, false],
      ['submitted', 'sent', 'upstream', false],
      ['receipt', 'delivered', 'upstream', false],
    ]);
  });

  it('puts the recorded history (a late receipt, a retry) among those steps in time order', async () => {
    const id = Number(ids[1]);
    await sql`INSERT INTO message_events (message_id, at, kind, vendor_id, state, error_code, detail)
      SELECT id, done_at + interval '1 minute', 'late_receipt', vendor_id, 'undelivered', 1, 'receipt after the final state: kept, nothing changed' FROM messages WHERE id = ${id}`.execute(world.db);
    const res = await world.admin.get(`/api/admin/messages/${id}`);
    expect((res.body.events as { kind: string; recorded: boolean }[]).map((e) => [e.kind, e.recorded])).toEqual([
      ['accepted', false],
      ['submitted', false],
      ['receipt', false],
      ['late_receipt', true],
    ]);
  });

  it('answers 404 for a message that is not there or not the manager’s, and 422 for an id that is none', async () => {
    expect((await world.admin.get('/api/admin/messages/999999999')).status).toBe(404);
    expect((await manager.api.get(`/api/admin/messages/${ids[5]}`)).status).toBe(404);
    expect((await manager.api.get(`/api/admin/messages/${ids[0]}`)).status).toBe(200);
    expect((await world.admin.get('/api/admin/messages/abc')).status).toBe(422);
  });
});

describe('GET /api/admin/messages/export.csv', () => {
  const csv = async (api: ApiClient, query = '') => {
    const res = await api.get(`/api/admin/messages/export.csv${query}`);
    return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), text: typeof res.body === 'string' ? res.body : JSON.stringify(res.body) };
  };

  it('gives the search as a CSV file: the header, then a line per message, newest first', async () => {
    const out = await csv(world.admin, `?clientId=${lark.id}`);
    expect(out.status).toBe(200);
    expect(out.type).toBe('text/csv; charset=utf-8');
    expect(out.disposition).toMatch(/^attachment; filename="petrel-messages-\d{8}-\d{6}\.csv"$/);
    const lines = out.text.split('\r\n');
    expect(lines[0]).toBe('id,accepted_at,client,channel,sender,destination,country,text,parts,price,test,state,error_code,vendor,vendor_message_id,sent_at,done_at');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(1, -1).map((l) => l.split(',')[0])).toEqual(ids.slice(0, 5).reverse());
    expect(lines[1]?.split(',').slice(2, 8)).toEqual(['log_lark', 'smpp', 'Petrel', '380501234504', 'UA', 'lark 4']);
  });

  it('answers a bad filter with 422 and not a file, and gives a manager their clients’ messages only', async () => {
    const bad = await csv(world.admin, '?state=lost');
    expect(bad.status).toBe(422);
    expect(JSON.parse(bad.text).error.fields.state).toMatch(/^one of/);
    const mine = await csv(manager.api);
    expect(mine.text.split('\r\n').slice(1, -1).map((l) => l.split(',')[2])).toEqual(Array(5).fill('log_lark'));
  });
});

describe('POST /api/admin/messages/{id}/cancel', () => {
  it('cancels a waiting message: deleted, refunded, its receipt sent, the cancel in its life; a repeat answers alike', async () => {
    const s = await bindOwn(world, lark);
    const held = await submit(s, { destinationAddr: '380501234599', shortMessage: Buffer.from('lark later'), registeredDelivery: 1, scheduleDeliveryTime: '000000020000000R' });
    const post = async (api: ApiClient, id: string) => {
      const res = await api.post(`/api/admin/messages/${id}/cancel`, {});
      contract.check('POST', `/api/admin/messages/${id}/cancel`, res.status, res.headers.get('content-type'), res.body);
      return res;
    };
    expect((await post(manager.api, ids[5] as string)).status).toBe(404); // wren's: not the manager's
    const res = await post(manager.api, held.id);
    expect(res.status).toBe(200);
    expect(res.body.message).toMatchObject({ id: held.id, state: 'deleted' });
    const cancel = (res.body.events as { kind: string; detail: string; recorded: boolean }[]).find((e) => e.kind === 'cancelled');
    expect(cancel).toMatchObject({ detail: 'cancelled by operator log_mgr', recorded: true });
    const refunds = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ledger WHERE kind = 'refund' AND message_id = ${Number(held.id)}`.execute(world.db);
    expect(refunds.rows[0]?.n).toBe(1);
    const receiptOf = () => s.received.find((d) => d.tlvs.receiptedMessageId === held.id);
    await eventually(() => receiptOf() !== undefined, 10_000, 'the receipt of the cancelled message');
    expect(receiptOf()?.shortMessage.toString()).toMatch(new RegExp(`^id:${held.id} .* stat:DELETED `));
    expect((await post(world.admin, held.id)).body.message.state).toBe('deleted');
    const again = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ledger WHERE kind = 'refund' AND message_id = ${Number(held.id)}`.execute(world.db);
    expect(again.rows[0]?.n).toBe(1);
    await s.close();
  });

  it('answers 409 for a message that has left for the vendor, 404 for none', async () => {
    const late = await world.admin.post(`/api/admin/messages/${ids[0]}/cancel`, {});
    expect([late.status, late.body.error.code]).toEqual([409, 'conflict']);
    expect((await world.admin.get(`/api/admin/messages/${ids[0]}`)).body.message.state).toBe('delivered');
    expect((await world.admin.post('/api/admin/messages/999999999/cancel', {})).status).toBe(404);
  });
});

describe('the message log against its OpenAPI document', () => {
  it('answers as documented: a page, a message with its life, the CSV file and every error', async () => {
    const before = contract.checked.length;
    const check = async (path: string, status: number) => {
      const res = await world.admin.get(path);
      expect(res.status).toBe(status);
      contract.check('GET', path, res.status, res.headers.get('content-type'), res.body);
    };
    await check('/api/admin/messages?limit=2', 200);
    await check(`/api/admin/messages/${ids[0]}`, 200);
    await check('/api/admin/messages/export.csv', 200);
    await check('/api/admin/messages?state=lost', 422);
    await check('/api/admin/messages/999999999', 404);
    await check('/api/admin/messages/export.csv?from=yesterday', 422);
    expect(contract.checked.length - before).toBe(6);
  });
});

