import { Decimal } from 'decimal.js';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BillingStore } from '../../src/billing/billing.store.ts';
import { PriceStore } from '../../src/billing/price.store.ts';
import type { Database } from '../../src/database.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { createClient, createManager, requiredFields } from '../support/clients.ts';
import { type ApiClient, startTestPlatform } from '../support/platform.ts';

type Row = Record<string, unknown>;

const START = new Date('2026-06-01T10:00:00Z');
const clock = fixedClock(START);
let p: Awaited<ReturnType<typeof startTestPlatform>>;
let admin: ApiClient;
let billing: BillingStore;
let destinationId: number;
let otherDestinationId: number;
beforeAll(async () => {
  p = await startTestPlatform({}, { clock });
  admin = await p.api.signIn();
  billing = new BillingStore(p.db);
  destinationId = (await admin.post('/api/admin/destinations', { country: 'UA', mcc: '255', prefixes: ['380'] })).body.destination.id;
  otherDestinationId = (await admin.post('/api/admin/destinations', { country: 'UA', network: 'Kyivstar', mcc: '255', mnc: '03', prefixes: ['38067'] })).body.destination.id;
});
afterAll(async () => {
  await p?.stop();
});

const tx = <T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> => p.db.transaction().execute((t) => work(t));
const balanceOf = async (clientId: number): Promise<string> => (await billing.balance(clientId))!.toFixed(2);

describe('client prices', () => {
  it('sets a price from now, schedules a future one and keeps the history', async () => {
    const client = await createClient(admin, requiredFields('price_client'));
    const now = await admin.put(`/api/admin/clients/${client.id}/prices`, { destinationId, price: '0.0100' });
    expect(now.status).toBe(200);
    expect(now.body.price).toMatchObject({ price: '0.0100', scheduled: false, destinationName: 'Ukraine' });
    expect(new Date(now.body.price.effectiveFrom).getTime()).toBe(START.getTime());
    const july = '2026-07-01T00:00:00.000Z';
    const later = await admin.put(`/api/admin/clients/${client.id}/prices`, { destinationId, price: '0.0125', effectiveFrom: july });
    expect(later.body.price).toMatchObject({ price: '0.0125', scheduled: true, effectiveFrom: july });
    await admin.put(`/api/admin/clients/${client.id}/prices`, { destinationId: otherDestinationId, price: '0.02' });

    const listed = await admin.get(`/api/admin/clients/${client.id}/prices`);
    expect(listed.body.currency).toBe('EUR');
    const ua = listed.body.items.find((i: Row) => i.destinationId === destinationId);
    expect(ua).toMatchObject({ price: '0.0100', scheduled: [{ price: '0.0125', effectiveFrom: july }] });

    const store = new PriceStore(p.db);
    const before = await store.currentPrices(client.id, [destinationId, otherDestinationId, 999999], START);
    expect(Object.fromEntries([...before].map(([k, v]) => [k, v.toFixed(4)]))).toEqual({ [destinationId]: '0.0100', [otherDestinationId]: '0.0200' });
    const after = await store.currentPrices(client.id, [destinationId], new Date(july));
    expect(after.get(destinationId)?.toFixed(4)).toBe('0.0125');

    // When July comes the scheduled price is the one in force, and nothing is scheduled any more.
    clock.set(new Date('2026-07-01T00:00:01Z'));
    const inJuly = (await (await p.api.signIn()).get(`/api/admin/clients/${client.id}/prices`)).body.items.find((i: Row) => i.destinationId === destinationId);
    expect(inJuly).toMatchObject({ price: '0.0125', effectiveFrom: july, scheduled: [] });
    clock.set(START);

    const historyRes = await admin.get(`/api/admin/clients/${client.id}/prices/history?destinationId=${destinationId}`);
    expect(historyRes.body.items.map((h: Row) => h.price)).toEqual(['0.0125', '0.0100']);
    expect(historyRes.body.items[0]).toMatchObject({ createdBy: 'admin', destinationName: 'Ukraine' });
    const all = await admin.get(`/api/admin/clients/${client.id}/prices/history`);
    expect(all.body.items).toHaveLength(3);
    const changes = await sql<{ field: string }>`SELECT field FROM history WHERE entity = 'client' AND entity_id = ${client.id} AND action = 'price'`.execute(p.db);
    expect(changes.rows).toHaveLength(3);
  });

  it('refuses bad prices and unknown destinations, every field at once', async () => {
    const client = await createClient(admin, requiredFields('price_bad'));
    const res = await admin.put(`/api/admin/clients/${client.id}/prices`, { destinationId: 'x', price: 0.01, effectiveFrom: 'tomorrow' });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['destinationId', 'effectiveFrom', 'price']);
    expect((await admin.put(`/api/admin/clients/${client.id}/prices`, { destinationId: 999999, price: '1' })).body.error.fields).toEqual({ destinationId: 'no such destination' });
    expect((await admin.put(`/api/admin/clients/${client.id}/prices`, { destinationId, price: '-1' })).status).toBe(422);
    expect((await admin.put(`/api/admin/clients/${client.id}/prices`, { destinationId, price: '0.0000001' })).status).toBe(422);
  });

  it("answers 404 to a manager for another manager's client's prices, and serves their own", async () => {
    const mine = await createManager(admin, 'price_mgr');
    const theirs = await createManager(admin, 'price_mgr2');
    const own = await createClient(admin, { ...requiredFields('mgr_own_client'), managerId: mine.id });
    const foreign = await createClient(admin, { ...requiredFields('mgr_foreign'), managerId: theirs.id });
    expect((await mine.api.get(`/api/admin/clients/${foreign.id}/prices`)).status).toBe(404);
    expect((await mine.api.put(`/api/admin/clients/${foreign.id}/prices`, { destinationId, price: '0.5' })).status).toBe(404);
    expect((await mine.api.get(`/api/admin/clients/${foreign.id}/prices/history`)).status).toBe(404);
    expect((await mine.api.get(`/api/admin/clients/${foreign.id}/ledger`)).status).toBe(404);
    expect((await mine.api.post(`/api/admin/clients/${foreign.id}/payments`, { kind: 'topup', amount: '1.00' })).status).toBe(404);
    expect((await mine.api.put(`/api/admin/clients/${own.id}/prices`, { destinationId, price: '0.5' })).status).toBe(200);
    expect((await mine.api.get(`/api/admin/clients/${own.id}/prices`)).body.items).toHaveLength(1);
  });
});

describe('payments and the ledger', () => {
  it('tops up and adjusts, and shows the ledger newest first', async () => {
    const client = await createClient(admin, requiredFields('pay_client'));
    const top = await admin.post(`/api/admin/clients/${client.id}/payments`, { kind: 'topup', amount: '100.00', comment: 'invoice 7' });
    expect(top.status).toBe(201);
    expect(top.body).toMatchObject({ currency: 'EUR', balance: '100.00', entry: { kind: 'topup', amount: '100.00', balanceAfter: '100.00', comment: 'invoice 7', actor: 'admin' } });
    const adj = await admin.post(`/api/admin/clients/${client.id}/payments`, { kind: 'adjustment', amount: '-2.505', comment: 'correction' });
    expect(adj.body.balance).toBe('97.495');
    const ledger = await admin.get(`/api/admin/clients/${client.id}/ledger?pageSize=1`);
    expect(ledger.body).toMatchObject({ balance: '97.495', total: 2, items: [{ kind: 'adjustment', amount: '-2.505' }] });
    expect((await admin.get(`/api/admin/clients/${client.id}/ledger?page=2&pageSize=1`)).body.items[0].kind).toBe('topup');
  });

  it('refuses a top-up that is not positive, a zero adjustment and unknown kinds', async () => {
    const client = await createClient(admin, requiredFields('pay_bad'));
    expect((await admin.post(`/api/admin/clients/${client.id}/payments`, { kind: 'topup', amount: '-5.00' })).status).toBe(422);
    expect((await admin.post(`/api/admin/clients/${client.id}/payments`, { kind: 'adjustment', amount: '0' })).status).toBe(422);
    const res = await admin.post(`/api/admin/clients/${client.id}/payments`, { kind: 'gift', amount: 5 });
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['amount', 'kind']);
    expect((await admin.post('/api/admin/clients/999999/payments', { kind: 'topup', amount: '1' })).status).toBe(404);
  });
});

describe('charging a batch', () => {
  const overdraw = (amount: string, until: string) => ({ overdraw: { amount, until } });

  it('refuses a charge the funds do not cover, with credit and with an active or expired overdraw', async () => {
    const now = new Date('2026-06-15T12:00:00Z');
    const plain = await createClient(admin, requiredFields('chg_plain'));
    const credit = await createClient(admin, { ...requiredFields('chg_credit'), creditLimit: '5.00' });
    const active = await createClient(admin, { ...requiredFields('chg_active'), creditLimit: '1.00', ...overdraw('4.00', '2026-06-30T00:00:00Z') });
    const expired = await createClient(admin, { ...requiredFields('chg_expired'), creditLimit: '1.00', ...overdraw('4.00', '2026-06-01T00:00:00Z') });
    for (const c of [plain, credit, active, expired]) await tx((trx) => billing.topUp(trx, c.id, new Decimal('1.00'), 'start', 'test'));

    const charge = (clientId: number, amount: string) => ({ clientId, amount: new Decimal(amount), messages: 1 });
    const first = await tx((trx) => billing.chargeBatch(trx, [charge(plain.id, '1.50'), charge(credit.id, '6.00'), charge(active.id, '5.50'), charge(expired.id, '2.50')], now));
    // plain: 1 − 1.5 < 0; credit: 1 − 6 = −5 ≥ −5; active: 1 − 5.5 ≥ −(1 + 4); expired: 1 − 2.5 < −1
    expect([...first.failed].sort()).toEqual([plain.id, expired.id].sort());
    expect(first.balances.get(credit.id)?.toFixed(2)).toBe('-5.00');
    expect(first.balances.get(active.id)?.toFixed(2)).toBe('-4.50');
    expect(await balanceOf(plain.id)).toBe('1.00');
    expect(await balanceOf(expired.id)).toBe('1.00');

    const second = await tx((trx) => billing.chargeBatch(trx, [charge(credit.id, '0.01'), charge(active.id, '0.50'), charge(active.id, '0.01'), charge(expired.id, '2.00')], now));
    expect([...second.failed].sort()).toEqual([credit.id, active.id].sort()); // active: two charges summed, −5.01 < −5
    expect(await balanceOf(expired.id)).toBe('-1.00');
    const rows = await sql<{ client_id: number; kind: string; amount: string; messages: number }>`SELECT client_id, kind, amount, messages FROM ledger WHERE kind = 'charge' ORDER BY id`.execute(p.db);
    expect(rows.rows.map((r) => [r.client_id, new Decimal(r.amount).toFixed(2), r.messages])).toEqual([
      [credit.id, '-6.00', 1],
      [active.id, '-5.50', 1],
      [expired.id, '-2.00', 1],
    ]);
  });

  it('posts nothing for free messages and charges once per client per batch', async () => {
    const c = await createClient(admin, requiredFields('chg_batch'));
    await tx((trx) => billing.topUp(trx, c.id, new Decimal('10'), '', 'test'));
    const res = await tx((trx) =>
      billing.chargeBatch(
        trx,
        [
          { clientId: c.id, amount: new Decimal('0.001'), messages: 1 },
          { clientId: c.id, amount: new Decimal('0.002'), messages: 2 },
          { clientId: c.id, amount: new Decimal(0), messages: 1 },
        ],
        START,
      ),
    );
    expect(res.failed.size).toBe(0);
    expect(res.balances.get(c.id)?.toFixed()).toBe('9.997');
    const charges = await sql<{ amount: string; messages: number }>`SELECT amount, messages FROM ledger WHERE client_id = ${c.id} AND kind = 'charge'`.execute(p.db);
    expect(charges.rows.map((r) => [new Decimal(r.amount).toFixed(), r.messages])).toEqual([['-0.003', 4]]);
    expect((await tx((trx) => billing.chargeBatch(trx, [{ clientId: c.id, amount: new Decimal(0), messages: 3 }], START))).balances.size).toBe(0);
  });

  it('never lets concurrent batches take a client below its limit', async () => {
    const c = await createClient(admin, requiredFields('chg_race'));
    await tx((trx) => billing.topUp(trx, c.id, new Decimal('1.00'), '', 'test'));
    const results = await Promise.all(Array.from({ length: 30 }, () => tx((trx) => billing.chargeBatch(trx, [{ clientId: c.id, amount: new Decimal('0.10'), messages: 1 }], START))));
    expect(results.filter((r) => r.failed.size === 0)).toHaveLength(10);
    expect(await balanceOf(c.id)).toBe('0.00');
  });

  it('refunds a message at most once', async () => {
    const c = await createClient(admin, requiredFields('chg_refund'));
    await tx((trx) => billing.topUp(trx, c.id, new Decimal('1.00'), '', 'test'));
    await tx((trx) => billing.chargeBatch(trx, [{ clientId: c.id, amount: new Decimal('0.25'), messages: 1 }], START));
    expect(await tx((trx) => billing.refund(trx, c.id, 4242, new Decimal('0.25'), 'vendor rejected'))).toBe(true);
    expect(await tx((trx) => billing.refund(trx, c.id, 4242, new Decimal('0.25'), 'again'))).toBe(false);
    expect(await balanceOf(c.id)).toBe('1.00');
    const refund = (await admin.get(`/api/admin/clients/${c.id}/ledger`)).body.items[0];
    expect(refund).toMatchObject({ kind: 'refund', amount: '0.25', messageId: '4242', comment: 'vendor rejected', messages: 1 });
  });
});

describe('the ledger invariant', () => {
  it('keeps every balance equal to the sum of its ledger after all of the above and more', async () => {
    const c = await createClient(admin, { ...requiredFields('inv_client'), creditLimit: '3.00' });
    const ops: (() => Promise<unknown>)[] = [
      () => admin.post(`/api/admin/clients/${c.id}/payments`, { kind: 'topup', amount: '12.34' }),
      () => admin.post(`/api/admin/clients/${c.id}/payments`, { kind: 'adjustment', amount: '-0.000001' }),
      () => tx((trx) => billing.chargeBatch(trx, [{ clientId: c.id, amount: new Decimal('15.339999'), messages: 7 }], START)),
      () => tx((trx) => billing.chargeBatch(trx, [{ clientId: c.id, amount: new Decimal('0.000001'), messages: 1 }], START)), // refused: below −3
      () => tx((trx) => billing.refund(trx, c.id, 777, new Decimal('0.123456'), 'failed')),
      () => tx((trx) => billing.postpaidTopUp(trx, c.id, new Decimal('300'), 'monthly postpaid')),
    ];
    for (const op of ops) await op();
    expect((await billing.balance(c.id))!.toFixed()).toBe('297.123456');
    const mismatched = await sql<{ id: number; balance: string; sum: string }>`
      SELECT c.id, c.balance, coalesce(sum(l.amount), 0) AS sum
      FROM clients c LEFT JOIN ledger l ON l.client_id = c.id
      GROUP BY c.id HAVING c.balance <> coalesce(sum(l.amount), 0)`.execute(p.db);
    expect(mismatched.rows).toEqual([]);
    const clientsWithMoney = await sql<{ n: number }>`SELECT count(*)::int AS n FROM clients WHERE balance <> 0`.execute(p.db);
    expect(clientsWithMoney.rows[0]!.n).toBeGreaterThan(5);
    const last = await sql<{ balance_after: string }>`SELECT balance_after FROM ledger WHERE client_id = ${c.id} ORDER BY id DESC LIMIT 1`.execute(p.db);
    expect(new Decimal(last.rows[0]!.balance_after).toFixed()).toBe('297.123456');
  });
});
