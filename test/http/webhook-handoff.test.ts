import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/platform/clock.ts';
import { type ClaimedDelivery, DeliveriesStore, type OutboxRow } from '../../src/notify/webhooks/deliveries.store.ts';
import { HttpCaller } from '../../src/notify/webhooks/http-call.ts';
import { type DeliveryHandoff, ReportRelay } from '../../src/notify/webhooks/report-relay.ts';
import { WebhookSender } from '../../src/notify/webhooks/webhook-sender.ts';
import { insertClient, openTestDb, type TestDb } from '../dispatch/support/db.ts';
import { eventually, startReceiver } from './support/http-world.ts';

let t: TestDb;
const caller = new HttpCaller(true, 3_000);
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  await caller.close();
  await t?.close();
});

const row = (url: string, key: string): OutboxRow => ({ clientId: 1, event: 'dlr', dedupeKey: key, messageId: null, method: 'POST', url, body: '{"event":"dlr"}' });
const claimedUntil = async (id: number) => (await sql<{ claimed_until: Date | null }>`SELECT claimed_until FROM webhook_deliveries WHERE id = ${id}`.execute(t.db)).rows[0]?.claimed_until ?? null;
const statusOf = async (id: number) => (await sql<{ status: string }>`SELECT status FROM webhook_deliveries WHERE id = ${id}`.execute(t.db)).rows[0]?.status;

/** A sender that would claim only once a minute: what it sends sooner came to it in memory. */
function slowPollingSender(store: DeliveriesStore, batch = 100) {
  return new WebhookSender(store, caller, systemClock, { pollMs: 60_000, batch, concurrency: 4, leaseMs: 60_000, backoffMs: [200] }, () => undefined, 'test');
}

describe('webhook deliveries handed from the relay to the sender', () => {
  it('go into the outbox already claimed, with what the sender needs, so no claim round takes them', async () => {
    const store = new DeliveriesStore(t.db);
    const now = new Date();
    const until = new Date(now.getTime() + 60_000);
    const { queued, claimed } = await store.enqueue(t.db, [row('http://127.0.0.1:9/a', 'h:1'), row('http://127.0.0.1:9/b', 'h:2')], now, until);
    expect(queued).toBe(2);
    expect(claimed.map((d) => [d.url, d.attempts, d.event])).toEqual([
      ['http://127.0.0.1:9/a', 0, 'dlr'],
      ['http://127.0.0.1:9/b', 0, 'dlr'],
    ]);
    expect((await claimedUntil(claimed[0]?.id as number))?.getTime()).toBe(until.getTime());
    expect(await store.claimDue(new Date(), 10, 60_000)).toEqual([]);
    // A second enqueue of the same ones is a no-op and hands nothing.
    expect(await store.enqueue(t.db, [row('http://127.0.0.1:9/a', 'h:1')], now, until)).toEqual({ queued: 0, claimed: [] });
    await store.release(claimed.map((d) => d.id));
    expect((await store.claimDue(new Date(), 10, 60_000)).map((d) => d.id)).toEqual(claimed.map((d) => d.id));
  });

  it('go in claimed only as many as asked (the first ones), the rest for the claims', async () => {
    const store = new DeliveriesStore(t.db, 'node-part');
    const now = new Date();
    const { queued, claimed } = await store.enqueue(t.db, [row('http://127.0.0.1:9/p1', 'h:p1'), row('http://127.0.0.1:9/p2', 'h:p2'), row('http://127.0.0.1:9/p3', 'h:p3')], now, new Date(now.getTime() + 60_000), 2);
    expect(queued).toBe(3);
    expect(claimed.map((d) => d.url)).toEqual(['http://127.0.0.1:9/p1', 'http://127.0.0.1:9/p2']);
    const due = await store.claimDue(new Date(), 100, 60_000);
    expect(due.map((d) => d.url).filter((url) => url.startsWith('http://127.0.0.1:9/p'))).toEqual(['http://127.0.0.1:9/p3']);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM webhook_deliveries WHERE claimed_by = 'node-part' AND url LIKE 'http://127.0.0.1:9/p%'`.execute(t.db);
    expect(rows[0]?.n).toBe(3);
    await store.release([...claimed, ...due].map((d) => d.id));
  });

  it('carry the node that claimed them, which takes them back at once when it starts again', async () => {
    const before = new DeliveriesStore(t.db, 'node-a');
    const now = new Date();
    const { claimed } = await before.enqueue(t.db, [row('http://127.0.0.1:9/f', 'h:7')], now, new Date(now.getTime() + 120_000));
    const claimedBy = async () => (await sql<{ claimed_by: string | null }>`SELECT claimed_by FROM webhook_deliveries WHERE id = ${claimed[0]?.id as number}`.execute(t.db)).rows[0]?.claimed_by;
    expect(await claimedBy()).toBe('node-a');
    // Another node's name takes nothing; the same name, started again, takes its claim back.
    expect(await new DeliveriesStore(t.db, 'node-b').takeBack()).toBe(0);
    expect(await new DeliveriesStore(t.db, 'node-a').takeBack()).toBe(1);
    expect([await claimedUntil(claimed[0]?.id as number), await claimedBy()]).toEqual([null, null]);
    // Claimed again by a claim round, under the claiming node's name.
    const again = await new DeliveriesStore(t.db, 'node-b').claimDue(new Date(), 100, 60_000);
    expect(again.map((d) => d.id)).toContain(claimed[0]?.id);
    expect(await claimedBy()).toBe('node-b');
    await before.release(again.map((d) => d.id));
  });

  it('are sent from memory and settled, while the sender claims nothing', async () => {
    const store = new DeliveriesStore(t.db);
    const receiver = await startReceiver();
    const sender = slowPollingSender(store);
    sender.start();
    try {
      const now = new Date();
      const { claimed } = await store.enqueue(t.db, [row(`${receiver.url}/dlr`, 'h:3')], now, sender.leaseUntil(now));
      sender.take(claimed);
      await eventually(() => receiver.received.length === 1, 5_000, 'the handed delivery at the receiver');
      const id = claimed[0]?.id as number;
      await eventually(async () => (await statusOf(id)) === 'delivered', 5_000, 'the delivery settled');
      expect(await claimedUntil(id)).toBeNull();
    } finally {
      await sender.stop();
      await receiver.close();
    }
  });

  it('go back to the outbox when the sender has stopped', async () => {
    const store = new DeliveriesStore(t.db);
    const sender = slowPollingSender(store);
    sender.start();
    await sender.stop();
    const now = new Date();
    const { claimed } = await store.enqueue(t.db, [row('http://127.0.0.1:9/c', 'h:4')], now, sender.leaseUntil(now));
    sender.take(claimed);
    await eventually(async () => (await claimedUntil(claimed[0]?.id as number)) === null, 5_000, 'the claim released');
    expect(await statusOf(claimed[0]?.id as number)).toBe('pending');
  });

  it('take as many as the sender holds waiting (`hold`, a round’s worth by default)', () => {
    const store = new DeliveriesStore(t.db);
    expect(slowPollingSender(store, 5).room()).toBe(5);
    const holding = new WebhookSender(store, caller, systemClock, { pollMs: 60_000, batch: 5, hold: 12, concurrency: 4, leaseMs: 60_000, backoffMs: [200] }, () => undefined, 'test');
    expect(holding.room()).toBe(12);
  });

  it('take at most a round’s worth waiting, and none once the sender stops', async () => {
    const store = new DeliveriesStore(t.db);
    const sender = slowPollingSender(store, 2);
    const now = new Date();
    expect(sender.room()).toBe(2);
    const { claimed } = await store.enqueue(t.db, [row('http://127.0.0.1:9/d', 'h:5'), row('http://127.0.0.1:9/e', 'h:6')], now, sender.leaseUntil(now));
    sender.take(claimed.slice(0, 1));
    expect(sender.room()).toBe(1);
    await sender.stop(); // never started: what it holds was never sent
    expect(sender.room()).toBe(0);
    // What it held when it stopped went back to the outbox; the other one is still claimed.
    expect(await claimedUntil(claimed[0]?.id as number)).toBeNull();
    expect(await claimedUntil(claimed[1]?.id as number)).not.toBeNull();
  });
});

describe('the relay hands its new deliveries over', () => {
  /** The sender's side of the hand-off, recorded: what it was given, and how often it was woken to claim. */
  function recordingSender(room: number) {
    const taken: ClaimedDelivery[] = [];
    let wakes = 0;
    const handoff: DeliveryHandoff = { room: () => room, leaseUntil: (now) => new Date(now.getTime() + 60_000), take: (d) => void taken.push(...d), wake: () => void wakes++ };
    return { handoff, taken, wakes: () => wakes };
  }

  async function moFor(url: string, count: number): Promise<number> {
    const clientId = await insertClient(t.db, { login: `relay_${Math.random().toString(36).slice(2, 8)}` });
    await sql`INSERT INTO client_webhooks (client_id, url, events, secret) VALUES (${clientId}, ${url}, '{mo}', 'whsec_test')`.execute(t.db);
    for (let i = 0; i < count; i++) await sql`INSERT INTO inbox (client_id, source, destination, text) VALUES (${clientId}, '380501234567', '1234', ${`mo ${i}`})`.execute(t.db);
    return clientId;
  }

  const relayWith = (handoff: DeliveryHandoff) => new ReportRelay(t.db, new DeliveriesStore(t.db), systemClock, { pollMs: 60_000, batch: 100 }, handoff, () => undefined);

  it('claimed, after commit, when they fit the sender’s room', async () => {
    const sender = recordingSender(10);
    const clientId = await moFor('http://127.0.0.1:9/mo-a', 2);
    await relayWith(sender.handoff).tick();
    expect(sender.taken.map((d) => [d.clientId, d.event, d.secret])).toEqual([
      [clientId, 'mo', 'whsec_test'],
      [clientId, 'mo', 'whsec_test'],
    ]);
    expect(sender.wakes()).toBe(0);
    for (const d of sender.taken) expect(await claimedUntil(d.id)).not.toBeNull();
  });

  it('as many as fit the sender’s room claimed, the rest unclaimed with the sender woken to claim them', async () => {
    const sender = recordingSender(1);
    const clientId = await moFor('http://127.0.0.1:9/mo-b', 3);
    await relayWith(sender.handoff).tick();
    expect(sender.taken).toHaveLength(1);
    expect(sender.wakes()).toBe(1);
    const { rows } = await sql<{ id: number; claimed_until: Date | null }>`SELECT id, claimed_until FROM webhook_deliveries WHERE client_id = ${clientId} ORDER BY id`.execute(t.db);
    expect(rows.map((r) => r.claimed_until !== null)).toEqual([true, false, false]);
    expect(sender.taken[0]?.id).toBe(rows[0]?.id);
  });

  it('all unclaimed when the sender has no room', async () => {
    const sender = recordingSender(0);
    const clientId = await moFor('http://127.0.0.1:9/mo-c', 2);
    await relayWith(sender.handoff).tick();
    expect(sender.taken).toEqual([]);
    expect(sender.wakes()).toBe(1);
    const { rows } = await sql<{ claimed_until: Date | null }>`SELECT claimed_until FROM webhook_deliveries WHERE client_id = ${clientId}`.execute(t.db);
    expect(rows.map((r) => r.claimed_until)).toEqual([null, null]);
  });
});

describe('the webhook sender’s leases', () => {
  it('are renewed while a slow endpoint keeps a delivery in flight, so no other claim takes it', async () => {
    const { createServer } = await import('node:http');
    let calls = 0;
    const slow = createServer((_req, res) => {
      calls++;
      setTimeout(() => res.end('ok'), 1_500);
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const port = (slow.address() as { port: number }).port;
    const store = new DeliveriesStore(t.db, 'node-slow');
    const sender = new WebhookSender(store, caller, systemClock, { pollMs: 60_000, batch: 10, concurrency: 2, leaseMs: 300, backoffMs: [200] }, () => undefined, 'test');
    sender.start();
    try {
      const now = new Date();
      const { claimed } = await store.enqueue(t.db, [row(`http://127.0.0.1:${port}/slow`, 'h:slow')], now, sender.leaseUntil(now));
      sender.take(claimed);
      const id = claimed[0]?.id as number;
      await eventually(() => calls === 1, 5_000, 'the call under way');
      // Well past the 300 ms lease, the call still under way: another node's claim must not get it.
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect((await new DeliveriesStore(t.db, 'node-other').claimDue(new Date(), 100, 60_000)).map((d) => d.id)).not.toContain(id);
      await eventually(async () => (await statusOf(id)) === 'delivered', 5_000, 'the slow delivery settled');
      expect(calls).toBe(1);
    } finally {
      await sender.stop();
      await new Promise((resolve) => slow.close(resolve));
    }
  });
});
