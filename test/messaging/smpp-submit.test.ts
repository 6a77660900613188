import { COMMAND_STATUS as S } from '@petrel/smpp';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addClient, bindOwn, DE_NUMBER, expectBooksBalance, one, setPrice, startWorld, submit, type World } from './support/world.ts';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  if (!world) return;
  // After the whole suite: every balance is the sum of its ledger, and what was charged is what the messages cost.
  for (const row of await expectBooksBalance(world.db)) {
    expect(Number(row.balance), `client ${row.clientId}: balance = ledger`).toBeCloseTo(Number(row.ledger), 6);
    expect(Number(row.charged), `client ${row.clientId}: charged once per message`).toBeCloseTo(Number(row.prices), 6);
  }
  await world.stop();
});

const ucs2 = (s: string) => Buffer.from(s, 'utf16le').swap16();
const message = (id: string) => one(world.db, sql<{ state: string; segments: number; price: string; data_coding: number; text: string; destination: string; vendor_id: number; dlr_deadline: Date; created_at: Date }>`SELECT state, segments, price::text AS price, data_coding, text, destination, vendor_id, dlr_deadline, created_at FROM messages WHERE id = ${Number(id)}`);
const count = async (clientId: number) => (await one(world.db, sql<{ n: number }>`SELECT count(*)::int AS n FROM messages WHERE client_id = ${clientId}`)).n;
const balance = async (clientId: number) => (await one(world.db, sql<{ b: string }>`SELECT balance::text AS b FROM clients WHERE id = ${clientId}`)).b;

describe('submit_sm over SMPP', () => {
  it('answers a GSM message with its Petrel id, stored queued and charged once', async () => {
    const c = await addClient(world, 'gsm_single', { price: '0.05', balance: '10' });
    const s = await bindOwn(world, c);
    const r = await submit(s, { shortMessage: Buffer.from('Your code is 1234') });
    expect(r.status).toBe(0);
    expect(r.id).toMatch(/^\d+$/);
    const m = await message(r.id);
    expect(m).toMatchObject({ state: 'queued', segments: 1, price: '0.050000', text: 'Your code is 1234', destination: '380501234567', vendor_id: world.vendorId });
    expect(m.dlr_deadline.getTime() - m.created_at.getTime()).toBe(3 * 86_400_000); // platform default Days of waiting DLR
    expect(Number(await balance(c.id))).toBeCloseTo(9.95, 6);
    await s.close();
  });

  it('gives each part of a multipart GSM message its own id, one segment each', async () => {
    const c = await addClient(world, 'gsm_multi', { price: '0.02' });
    const s = await bindOwn(world, c);
    const part = (seq: number) => Buffer.concat([Buffer.from([5, 0, 3, 0x2a, 3, seq]), Buffer.from('x'.repeat(153))]);
    const rs = await Promise.all([1, 2, 3].map((seq) => submit(s, { esmClass: 0x40, shortMessage: part(seq) })));
    expect(rs.map((r) => r.status)).toEqual([0, 0, 0]);
    expect(new Set(rs.map((r) => r.id)).size).toBe(3);
    for (const r of rs) expect(await message(r.id)).toMatchObject({ segments: 1, price: '0.020000' });
    await s.close();
  });

  it('turns SAR TLVs into the concatenation UDH, so the vendor and the handset see one kind of multipart', async () => {
    const c = await addClient(world, 'gsm_sar', { price: '0.02' });
    const s = await bindOwn(world, c);
    const rs = await Promise.all([1, 2].map((seq) => submit(s, { shortMessage: Buffer.from(`part ${seq} `.padEnd(153, 'x')), tlvs: { sarMsgRefNum: 0x1234, sarTotalSegments: 2, sarSegmentSeqnum: seq } })));
    expect(rs.map((r) => r.status)).toEqual([0, 0]);
    for (const [i, r] of rs.entries()) {
      const m = await one(world.db, sql<{ esm_class: number; short_message: Buffer; segments: number; text: string }>`SELECT esm_class, short_message, segments, text FROM messages WHERE id = ${Number(r.id)}`);
      expect(m.esm_class & 0x40).toBe(0x40);
      expect([...m.short_message.subarray(0, 7)]).toEqual([6, 8, 4, 0x12, 0x34, 2, i + 1]);
      expect(m).toMatchObject({ segments: 1, text: `part ${i + 1} `.padEnd(153, 'x') });
    }
    expect((await submit(s, { tlvs: { sarMsgRefNum: 7, sarSegmentSeqnum: 1 } })).status).toBe(S.ESME_RINVOPTPARAMVAL);
    expect((await submit(s, { tlvs: { sarMsgRefNum: 7, sarTotalSegments: 2, sarSegmentSeqnum: 3 } })).status).toBe(S.ESME_RINVOPTPARAMVAL);
    await s.close();
  });

  it('counts UCS-2 in 70s and 67s', async () => {
    const c = await addClient(world, 'ucs2', { price: '0.01' });
    const s = await bindOwn(world, c);
    const single = await submit(s, { dataCoding: 8, shortMessage: ucs2('Привіт, світ!') });
    expect(await message(single.id)).toMatchObject({ segments: 1, data_coding: 8, text: 'Привіт, світ!' });
    const long = await submit(s, { dataCoding: 8, shortMessage: Buffer.alloc(0), tlvs: { messagePayload: ucs2('ї'.repeat(135)) } });
    expect(await message(long.id)).toMatchObject({ segments: 3, price: '0.030000' });
    await s.close();
  });

  it('reads a national number in the client country (TON 0 or 2), and refuses it without one', async () => {
    const ua = await addClient(world, 'national_ua', { settings: { country: 'UA' } });
    const none = await addClient(world, 'national_none');
    const [a, b] = [await bindOwn(world, ua), await bindOwn(world, none)];
    const r = await submit(a, { destinationAddr: '0661234567', destAddrTon: 2, destAddrNpi: 1 });
    expect(r.status).toBe(0);
    expect(await message(r.id)).toMatchObject({ destination: '380661234567', price: '0.010000' });
    expect((await submit(a, { destinationAddr: '0501234567', destAddrTon: 0 })).status).toBe(0);
    expect((await submit(b, { destinationAddr: '0501234567', destAddrTon: 0 })).status).toBe(S.ESME_RINVDSTADR);
    await Promise.all([a.close(), b.close()]);
  });

  it('accepts data_sm and submit_multi, with a result per destination', async () => {
    const c = await addClient(world, 'multi_dest');
    const s = await bindOwn(world, c);
    const data = await s.dataSm({ sourceAddr: 'Petrel', sourceAddrTon: 5, destinationAddr: '380661234567', destAddrTon: 1, destAddrNpi: 1, tlvs: { messagePayload: Buffer.from('via data sm') } });
    expect(await message(data.messageId)).toMatchObject({ text: 'via data sm' });
    const multi = await s.submitMulti({
      sourceAddr: 'Petrel',
      sourceAddrTon: 5,
      shortMessage: Buffer.from('to many'),
      destAddresses: [
        { kind: 'sme', destAddrTon: 1, destAddrNpi: 1, destinationAddr: '380501111111' },
        { kind: 'sme', destAddrTon: 1, destAddrNpi: 1, destinationAddr: '12' },
        { kind: 'sme', destAddrTon: 1, destAddrNpi: 1, destinationAddr: DE_NUMBER },
      ],
    });
    expect(multi.messageId).toMatch(/^\d+$/);
    expect(multi.unsuccessSmes.map((u) => [u.destinationAddr, u.errorStatusCode]).sort()).toEqual([
      ['12', S.ESME_RINVDSTADR],
      [DE_NUMBER, 0x406],
    ]);
    expect(await count(c.id)).toBe(2);
    await s.close();
  });
});

describe('refusals: nothing stored, nothing charged', () => {
  it('lists refusals in the Blocked SMS view (GET /api/admin/refusals), newest first', async () => {
    const c = await addClient(world, 'blocked_view');
    const s = await bindOwn(world, c);
    expect((await submit(s, { destinationAddr: '999' })).status).toBe(S.ESME_RINVDSTADR);
    const res = await world.admin.get(`/api/admin/refusals?clientId=${c.id}`);
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({ clientId: c.id, clientLogin: 'blocked_view', channel: 'smpp', destination: '999', code: 'invalid_destination' });
    expect(res.body.totals.invalid_destination).toBeGreaterThanOrEqual(1);
    await s.close();
  });

  it('refuses a blacklisted number (0x401), unless Disable Black List', async () => {
    await sql`INSERT INTO blacklist (number, reason) VALUES ('380509999999', 'complaint')`.execute(world.db);
    const c = await addClient(world, 'blist');
    const free = await addClient(world, 'bl_off', { settings: { blacklistDisabled: true } });
    const [s, f] = [await bindOwn(world, c), await bindOwn(world, free)];
    expect((await submit(s, { destinationAddr: '380509999999' })).status).toBe(0x401);
    expect((await submit(f, { destinationAddr: '380509999999' })).status).toBe(0);
    expect(await count(c.id)).toBe(0);
    await Promise.all([s.close(), f.close()]);
  });

  it('refuses a new sender pending moderation (0x403) and a denied one (0x402); accepts it once approved', async () => {
    const c = await addClient(world, 'senders', { settings: { dynamicSender: false, moderation: 'manual' } });
    const s = await bindOwn(world, c);
    expect((await submit(s, { sourceAddr: 'MyShop' })).status).toBe(0x403);
    const filed = await one(world.db, sql<{ status: string }>`SELECT status FROM client_senders WHERE client_id = ${c.id} AND name = 'MyShop'`);
    expect(filed.status).toBe('pending');
    await sql`UPDATE client_senders SET status = 'denied' WHERE client_id = ${c.id}`.execute(world.db);
    expect((await submit(s, { sourceAddr: 'myshop' })).status).toBe(0x402);
    await sql`UPDATE client_senders SET status = 'approved' WHERE client_id = ${c.id}`.execute(world.db);
    expect((await submit(s, { sourceAddr: 'MyShop' })).status).toBe(0);
    expect(await count(c.id)).toBe(1);
    await s.close();
  });

  it('approves a new sender at once under automatic moderation when it passes the rules', async () => {
    const c = await addClient(world, 'senders_auto', { settings: { dynamicSender: false, moderation: 'automatic' } });
    const s = await bindOwn(world, c);
    expect((await submit(s, { sourceAddr: 'GoodName' })).status).toBe(0);
    await s.close();
  });

  it('keeps the daily limit exact under concurrent submits on several binds', async () => {
    const c = await addClient(world, 'daily', { settings: { dailyLimit: 25 } });
    const binds = [await bindOwn(world, c), await bindOwn(world, c), await bindOwn(world, c)];
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => submit(binds[i % 3] as (typeof binds)[number])));
    expect(results.filter((r) => r.status === 0)).toHaveLength(25);
    expect(results.filter((r) => r.status === 0x404)).toHaveLength(35);
    expect(await count(c.id)).toBe(25);
    const counted = await one(world.db, sql<{ messages: number }>`SELECT messages FROM client_daily_counts WHERE client_id = ${c.id}`);
    expect(counted.messages).toBe(25);
    await Promise.all(binds.map((b) => b.close()));
  });

  it('keeps the daily limit exact when batches of the same client commit at the same time', async () => {
    const c = await addClient(world, 'daily_overlap', { settings: { dailyLimit: 25 } });
    const results = await overlappingWaves(c);
    expect(results.filter((r) => r.status === 0)).toHaveLength(25);
    expect(await count(c.id)).toBe(25);
  });

  it('never charges past the balance when batches of the same client commit at the same time', async () => {
    const c = await addClient(world, 'funds_overlap', { price: '0.01', balance: '0.25' });
    const results = await overlappingWaves(c);
    expect(results.filter((r) => r.status === 0)).toHaveLength(25);
    expect(results.filter((r) => r.status === 0x405)).toHaveLength(35);
    expect(await count(c.id)).toBe(25);
    expect(Number(await balance(c.id))).toBe(0);
    const books = (await expectBooksBalance(world.db)).find((b) => b.clientId === c.id);
    expect(Number(books?.ledger)).toBe(0);
  });

  it("queues a message by the client's SMS priority, then its priority_flag", async () => {
    const c = await addClient(world, 'priority_flag', { settings: { priority: 7 } });
    const s = await bindOwn(world, c);
    const rs = await Promise.all([0, 2, 3].map((priorityFlag) => submit(s, { priorityFlag })));
    const ranks = await Promise.all(rs.map(async (r) => (await one(world.db, sql<{ p: number }>`SELECT priority AS p FROM messages WHERE id = ${Number(r.id)}`)).p));
    expect(ranks).toEqual([28, 30, 31]);
    await s.close();
  });

  it('reads data_sm like submit_sm: SAR TLVs become the concatenation UDH, qos_time_to_live the validity', async () => {
    const c = await addClient(world, 'data_sm_sar');
    const s = await bindOwn(world, c);
    const base = { sourceAddr: 'Petrel', sourceAddrTon: 5, destinationAddr: '380661234567', destAddrTon: 1, destAddrNpi: 1 };
    const r = await s.dataSm({ ...base, tlvs: { messagePayload: Buffer.from('first part'), sarMsgRefNum: 9, sarTotalSegments: 2, sarSegmentSeqnum: 1, qosTimeToLive: 600 } });
    const m = await one(world.db, sql<{ esm_class: number; short_message: Buffer; text: string; v: Date; c: Date }>`SELECT esm_class, short_message, text, valid_until AS v, created_at AS c FROM messages WHERE id = ${Number(r.messageId)}`);
    expect(m.esm_class & 0x40).toBe(0x40);
    expect([...m.short_message.subarray(0, 6)]).toEqual([5, 0, 3, 9, 2, 1]);
    expect(m.text).toBe('first part');
    expect(Math.abs(m.v.getTime() - m.c.getTime() - 600_000)).toBeLessThan(5_000);
    await expect(s.dataSm({ ...base, tlvs: { messagePayload: Buffer.from('x'), sarMsgRefNum: 9, sarTotalSegments: 2 } })).rejects.toMatchObject({ commandStatus: S.ESME_RINVOPTPARAMVAL });
    await expect(s.dataSm({ ...base, tlvs: { messagePayload: Buffer.from('x'), qosTimeToLive: 0 } })).rejects.toMatchObject({ commandStatus: S.ESME_RINVEXPIRY });
    await s.close();
  });

  it('keeps validity_period (relative or absolute) and refuses one that is unreadable or past with ESME_RINVEXPIRY', async () => {
    const c = await addClient(world, 'validity');
    const s = await bindOwn(world, c);
    const relative = await submit(s, { validityPeriod: '000000000500000R' });
    expect(relative.status).toBe(0);
    const row = await one(world.db, sql<{ v: Date; c: Date }>`SELECT valid_until AS v, created_at AS c FROM messages WHERE id = ${Number(relative.id)}`);
    expect(Math.abs(row.v.getTime() - row.c.getTime() - 5 * 60_000)).toBeLessThan(5_000);
    const absolute = await submit(s, { validityPeriod: '990102030405000+' });
    expect((await one(world.db, sql<{ v: Date }>`SELECT valid_until AS v FROM messages WHERE id = ${Number(absolute.id)}`)).v).toEqual(new Date(Date.UTC(2099, 0, 2, 3, 4, 5)));
    expect((await submit(s, { validityPeriod: '200101000000000+' })).status).toBe(S.ESME_RINVEXPIRY);
    expect((await submit(s, { validityPeriod: '991399000000000+' })).status).toBe(S.ESME_RINVEXPIRY);
    await s.close();
  });

  it('answers query_sm with the message state, and cancels a waiting message with cancel_sm (deleted, refunded)', async () => {
    const c = await addClient(world, 'query_cancel', { price: '0.05', balance: '1' });
    const other = await addClient(world, 'query_other');
    const s = await bindOwn(world, c);
    const o = await bindOwn(world, other);
    const statusOf = (p: Promise<unknown>) => p.then(() => 0, (err: unknown) => (err as { commandStatus?: number }).commandStatus);
    const held = await submit(s, { scheduleDeliveryTime: '000001000000000R' });
    expect(held.status).toBe(0);
    expect(Number(await balance(c.id))).toBeCloseTo(0.95, 6);
    const waiting = await s.querySm({ messageId: held.id, sourceAddr: 'Petrel' });
    expect(waiting).toMatchObject({ messageId: held.id, messageState: 1, finalDate: '' });
    expect(await statusOf(o.querySm({ messageId: held.id, sourceAddr: 'Petrel' }))).toBe(S.ESME_RQUERYFAIL);
    expect(await statusOf(o.cancelSm({ messageId: held.id, sourceAddr: 'Petrel', destinationAddr: '' }))).toBe(S.ESME_RCANCELFAIL);
    expect(await statusOf(s.querySm({ messageId: 'not-an-id', sourceAddr: 'Petrel' }))).toBe(S.ESME_RINVMSGID);

    expect(await statusOf(s.cancelSm({ messageId: held.id, sourceAddr: 'Petrel', destinationAddr: '' }))).toBe(0);
    expect((await message(held.id)).state).toBe('deleted');
    expect(Number(await balance(c.id))).toBeCloseTo(1, 6);
    const deleted = await s.querySm({ messageId: held.id, sourceAddr: 'Petrel' });
    expect(deleted.messageState).toBe(4);
    expect(deleted.finalDate).toMatch(/^\d{12}\d00\+$/);
    expect(await statusOf(s.cancelSm({ messageId: held.id, sourceAddr: 'Petrel', destinationAddr: '' }))).toBe(S.ESME_RCANCELFAIL);
    await Promise.all([s.close(), o.close()]);
  });

  it('cancel_sm with no message_id cancels every waiting message from that source to that destination', async () => {
    const c = await addClient(world, 'cancel_addr', { price: '0.05', balance: '1' });
    const s = await bindOwn(world, c);
    const statusOf = (p: Promise<unknown>) => p.then(() => 0, (err: unknown) => (err as { commandStatus?: number }).commandStatus);
    const later = '000001000000000R';
    const same = await Promise.all([1, 2].map(() => submit(s, { sourceAddr: 'Shop', destinationAddr: '380501234567', scheduleDeliveryTime: later })));
    const otherDest = await submit(s, { sourceAddr: 'Shop', destinationAddr: '380661234567', scheduleDeliveryTime: later });
    const otherSource = await submit(s, { sourceAddr: 'Bank', destinationAddr: '380501234567', scheduleDeliveryTime: later });
    expect(Number(await balance(c.id))).toBeCloseTo(0.8, 6);
    expect(await statusOf(s.cancelSm({ messageId: '', sourceAddr: 'Shop', destAddrTon: 1, destAddrNpi: 1, destinationAddr: '+380501234567' }))).toBe(0);
    expect(await Promise.all(same.map(async (r) => (await message(r.id)).state))).toEqual(['deleted', 'deleted']);
    expect((await message(otherDest.id)).state).toBe('scheduled');
    expect((await message(otherSource.id)).state).toBe('scheduled');
    expect(Number(await balance(c.id))).toBeCloseTo(0.9, 6);
    // Nothing left to cancel between those two, and no usable address at all.
    expect(await statusOf(s.cancelSm({ messageId: '', sourceAddr: 'Shop', destinationAddr: '380501234567' }))).toBe(S.ESME_RCANCELFAIL);
    expect(await statusOf(s.cancelSm({ messageId: '', sourceAddr: 'Shop', destinationAddr: '' }))).toBe(S.ESME_RINVMSGID);
    await s.close();
  });

  it('refuses what the funds do not cover (0x405), and takes credit into account', async () => {
    const c = await addClient(world, 'funds', { price: '0.10', balance: '0.25' });
    const s = await bindOwn(world, c);
    const results = await Promise.all(Array.from({ length: 5 }, () => submit(s)));
    expect(results.filter((r) => r.status === 0)).toHaveLength(2);
    expect(results.filter((r) => r.status === 0x405)).toHaveLength(3);
    expect(Number(await balance(c.id))).toBeCloseTo(0.05, 6);
    await world.admin.patch(`/api/admin/clients/${c.id}`, { creditLimit: '0.10' });
    expect((await submit(s)).status).toBe(0);
    expect((await submit(s)).status).toBe(0x405);
    await s.close();
  });

  it('sees a route changed through the admin API at once, without waiting for the cache to expire', async () => {
    const c = await addClient(world, 'route_live');
    const s = await bindOwn(world, c);
    const routeId = (await one(world.db, sql<{ id: number }>`SELECT id FROM routes WHERE name = 'general'`)).id;
    expect((await submit(s)).status).toBe(0); // the routing cache is fresh now
    expect((await world.admin.patch(`/api/admin/routes/${routeId}`, { enabled: false })).status).toBe(200);
    expect((await submit(s)).status).toBe(0x406);
    expect((await world.admin.patch(`/api/admin/routes/${routeId}`, { enabled: true })).status).toBe(200);
    expect((await submit(s)).status).toBe(0);
    await s.close();
  });

  it('refuses a destination without a price or route (0x406)', async () => {
    const c = await addClient(world, 'noroute');
    const s = await bindOwn(world, c);
    expect((await submit(s, { destinationAddr: DE_NUMBER })).status).toBe(0x406);
    await setPrice(world, c.id, world.de, '0.03');
    expect((await submit(s, { destinationAddr: DE_NUMBER })).status).toBe(0);
    await sql`UPDATE routes SET enabled = false`.execute(world.db);
    world.platform.clientSide.routing.invalidate();
    expect((await submit(s, { destinationAddr: DE_NUMBER })).status).toBe(0x406);
    await sql`UPDATE routes SET enabled = true`.execute(world.db);
    world.platform.clientSide.routing.invalidate();
    await s.close();
  });

  it('refuses an invalid number with ESME_RINVDSTADR and an invalid sender with ESME_RINVSRCADR', async () => {
    const c = await addClient(world, 'invalid');
    const s = await bindOwn(world, c);
    expect((await submit(s, { destinationAddr: '123' })).status).toBe(S.ESME_RINVDSTADR);
    expect((await submit(s, { sourceAddr: 'A_SENDER_TOO_LONG' })).status).toBe(S.ESME_RINVSRCADR);
    await s.close();
  });

  it('refuses, without charging, once Can Send via SMPP is turned off while bound (0x407), and once blocked (0x408)', async () => {
    const c = await addClient(world, 'right_off');
    const s = await bindOwn(world, c);
    expect((await submit(s)).status).toBe(0);
    const before = await balance(c.id);
    expect((await world.admin.patch(`/api/admin/clients/${c.id}`, { canSendSmpp: false })).status).toBe(200);
    expect((await submit(s)).status).toBe(0x407);
    await world.admin.patch(`/api/admin/clients/${c.id}`, { canSendSmpp: true });
    await world.admin.post(`/api/admin/clients/${c.id}/block`, { reason: 'fraud check' });
    expect((await submit(s)).status).toBe(0x408);
    expect(await balance(c.id)).toBe(before);
    expect(await count(c.id)).toBe(1);
    await s.close();
  });

  it('refuses test messages without Can SMS Tests; with it they are free, flagged and capped', async () => {
    const c = await addClient(world, 'tests', { settings: { canSendTests: true } });
    const before = await balance(c.id);
    const intake = world.platform.clientSide.intake;
    const req = { clientId: c.id, channel: 'rest' as const, source: 'Petrel', sourceTon: 5, sourceNpi: 0, destination: '+380501234567', destTon: 1, destNpi: 1, dataCoding: 0, esmClass: 0, shortMessage: 'test me', registeredDelivery: 1, isTest: true };
    const results = await Promise.all(Array.from({ length: 12 }, () => intake.submit(req)));
    expect(results.filter((r) => r.ok)).toHaveLength(10); // the platform's default quota
    expect(results.filter((r) => !r.ok && r.code === 'test_quota')).toHaveLength(2);
    expect(await balance(c.id)).toBe(before);
    const flagged = await one(world.db, sql<{ n: number }>`SELECT count(*)::int AS n FROM messages WHERE client_id = ${c.id} AND is_test AND price = 0`);
    expect(flagged.n).toBe(10);
    const other = await addClient(world, 'no_tests');
    expect(await intake.submit({ ...req, clientId: other.id })).toMatchObject({ ok: false, code: 'test_quota' });
  });
});

describe('group commit', () => {
  it('commits requests that arrive together in a few transactions, one charge per client per batch', async () => {
    const c = await addClient(world, 'batching', { price: '0.001' });
    const binds = [await bindOwn(world, c), await bindOwn(world, c)];
    const intake = world.platform.clientSide.intake;
    const batchesBefore = intake.counters.batches;
    const results = await Promise.all(Array.from({ length: 400 }, (_, i) => submit(binds[i % 2] as (typeof binds)[number])));
    expect(results.every((r) => r.status === 0)).toBe(true);
    expect(new Set(results.map((r) => r.id)).size).toBe(400);
    const batches = intake.counters.batches - batchesBefore;
    const charges = await one(world.db, sql<{ n: number; messages: number }>`SELECT count(*)::int AS n, sum(messages)::int AS messages FROM ledger WHERE client_id = ${c.id} AND kind = 'charge'`);
    expect(charges.messages).toBe(400);
    expect(charges.n).toBe(batches);
    expect(batches).toBeLessThan(40);
    await Promise.all(binds.map((b) => b.close()));
  });

  it('fails a whole batch with ESME_RSYSERR when the database refuses it: nothing stored, nothing charged', async () => {
    const c = await addClient(world, 'db_error', { price: '0.01', balance: '10' });
    const s = await bindOwn(world, c);
    await sql`ALTER TABLE messages ADD CONSTRAINT test_no_boom CHECK (source <> 'BOOM')`.execute(world.db);
    try {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => submit(s, { sourceAddr: i === 10 ? 'BOOM' : 'Petrel' })));
      const failed = results.filter((r) => r.status === S.ESME_RSYSERR).length;
      const ok = results.filter((r) => r.status === 0).length;
      expect(results[10]?.status).toBe(S.ESME_RSYSERR);
      expect(failed).toBeGreaterThan(1); // the others of its batch went down with it
      expect(ok + failed).toBe(20);
      expect(await count(c.id)).toBe(ok);
      expect(Number(await balance(c.id))).toBeCloseTo(10 - ok * 0.01, 6);
    } finally {
      await sql`ALTER TABLE messages DROP CONSTRAINT test_no_boom`.execute(world.db);
      await s.close();
    }
  });
});

/**
 * Six waves of ten submits on two binds of the client, a wave every 3 ms: each becomes its own
 * batch while the one before is still committing, so it reads the client before that one wrote.
 */
async function overlappingWaves(c: Awaited<ReturnType<typeof addClient>>): Promise<{ status: number }[]> {
  const binds = [await bindOwn(world, c), await bindOwn(world, c)];
  const waves: Promise<{ status: number }>[] = [];
  for (let w = 0; w < 6; w++) {
    for (let i = 0; i < 10; i++) waves.push(submit(binds[i % 2] as (typeof binds)[number]));
    await new Promise((r) => setTimeout(r, 3));
  }
  const results = await Promise.all(waves);
  await Promise.all(binds.map((b) => b.close()));
  return results;
}
