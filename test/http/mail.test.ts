import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createManager, requiredFields } from '../support/clients.ts';
import { MailOutboxStore } from '../../src/notify/email/mail-outbox.store.ts';
import { MailSender } from '../../src/notify/email/mail-sender.ts';
import { smtpTransport } from '../../src/notify/email/smtp-transport.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { startTestPlatform } from '../support/platform.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import { Contract } from './support/contract.ts';
import { addApiClient, eventually, type HttpWorld, makeKey, rest, startHttpWorld, topUp, UA_NUMBER } from './support/http-world.ts';

// E-mail to clients through a real SMTP server (smtp-server on 127.0.0.1): price changes and the
// low-balance notice, the outbox in the admin API, tries again after a refusal.
let world: HttpWorld;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let contract: Contract;

beforeAll(async () => {
  sink = await startSmtpSink({ refuseFirst: 1 });
  world = await startHttpWorld({ config: { smtpUrl: sink.url, mailFrom: 'Petrel Billing <billing@petrel.test>' }, mail: { pollMs: 50, backoffMs: [300, 300], noticesEveryMs: 100 } });
  contract = await Contract.load(world.url);
});
afterAll(async () => {
  await world?.stop();
  await sink?.close();
});

const outbox = async (query = '') => {
  const r = await world.admin.get(`/api/admin/mail${query}`);
  contract.check('GET', `/api/admin/mail${query}`, r.status, r.headers.get('content-type'), r.body);
  return r;
};
const mailsTo = (address: string) => sink.received.filter((m) => m.to.includes(address));

describe('e-mail for price updates', () => {
  it('mails every change of a client’s prices to its price address: old → new and when, tried again after the server refused it', async () => {
    const c = await addApiClient(world, 'mail_prices', { settings: { priceUpdateEmail: 'prices@lark.example', timezone: 'Europe/Kyiv' } });
    const set = async (body: Record<string, unknown>) => {
      const r = await world.admin.put(`/api/admin/clients/${c.id}/prices`, body);
      expect(r.status).toBe(200);
    };
    await set({ destinationId: world.de, price: '0.0700' });
    await set({ destinationId: world.ua, price: '0.0120', effectiveFrom: '2030-01-01T00:00:00Z' });
    await eventually(() => mailsTo('prices@lark.example').length === 2, 10_000, 'both price mails');
    // The server refused the first mail's first try, so it may arrive second.
    const first = mailsTo('prices@lark.example').find((m) => m.subject.includes('Germany'));
    const second = mailsTo('prices@lark.example').find((m) => m.subject.includes('Ukraine'));
    expect(first?.from).toBe('billing@petrel.test');
    expect(first?.subject).toBe('Price change for Germany: none → 0.0700 EUR');
    expect(first?.text).toContain('New price:        0.0700 EUR per message part');
    expect(first?.text).toContain('Takes effect:     now (');
    expect(second?.subject).toBe('Price change for Ukraine: 0.0100 EUR → 0.0120 EUR from 2030-01-01');
    expect(second?.text).toContain('Takes effect:     2030-01-01 02:00 (Europe/Kyiv)');
    // The server refused the first try (451): it went again after the back-off, and the outbox says so.
    expect(sink.refused).toBe(1);
    const log = (await outbox(`?clientId=${c.id}`)).body;
    expect(log).toMatchObject({ sending: true, total: 2 });
    expect(log.items.map((m: { kind: string; status: string }) => [m.kind, m.status])).toEqual([
      ['price_update', 'sent'],
      ['price_update', 'sent'],
    ]);
    const tried = log.items.find((m: { attempts: number }) => m.attempts === 2);
    expect(tried?.lastError).toMatch(/451|try again later/);
  });

  it('writes nothing when the price change is refused, or when the price stays the same', async () => {
    const c = await addApiClient(world, 'mail_bad_price', { settings: { priceUpdateEmail: 'bad@lark.example' } });
    expect((await world.admin.put(`/api/admin/clients/${c.id}/prices`, { destinationId: world.de, price: '-1' })).status).toBe(422);
    expect((await outbox(`?clientId=${c.id}`)).body.total).toBe(0);
    expect((await world.admin.put(`/api/admin/clients/${c.id}/prices`, { destinationId: world.ua, price: '0.010' })).status).toBe(200); // 0.01 already
    expect((await outbox(`?clientId=${c.id}`)).body.total).toBe(0);
    expect((await world.admin.put(`/api/admin/clients/${c.id}/prices`, { destinationId: world.ua, price: '0.011' })).status).toBe(200);
    expect((await outbox(`?clientId=${c.id}`)).body.total).toBe(1);
  });
});

describe('e-mail when the balance runs low', () => {
  it('mails once when the available funds fall below the limit, and again only after they rose above it and fell again', async () => {
    const c = await addApiClient(world, 'mail_low', { price: '1.00', balance: '6.50', settings: { email: 'ops@lark.example' } });
    expect((await world.admin.patch(`/api/admin/clients/${c.id}`, { notificationLimit: '5.00' })).status).toBe(200);
    const key = await makeKey(world, c.id);
    const send = async () => expect((await rest(world, key).post('/api/v1/messages', { from: 'Shop', to: UA_NUMBER, text: 'hi' })).status).toBe(202);
    const lowMails = () => mailsTo('ops@lark.example');
    await send(); // 5.50: above the limit
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(lowMails()).toHaveLength(0);
    await send(); // 4.50: below
    await eventually(() => lowMails().length === 1, 10_000, 'the low-balance mail');
    expect(lowMails()[0]?.subject).toBe('Low balance: 4.50 EUR available on mail_low');
    expect(lowMails()[0]?.text).toContain('below your notification limit of 5.00 EUR');
    await send(); // 3.50: still below, no second mail
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(lowMails()).toHaveLength(1);
    await topUp(world.db, c.id, '10'); // 13.50: re-armed
    await eventually(async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM client_low_balance_notices WHERE client_id = ${c.id}`.execute(world.db)).rows[0]?.n === 0, 5_000, 're-armed');
    for (let i = 0; i < 9; i++) await send(); // 4.50 again
    await eventually(() => lowMails().length === 2, 10_000, 'the second low-balance mail');
    expect((await outbox(`?clientId=${c.id}&status=sent`)).body.items.map((m: { kind: string }) => m.kind)).toEqual(['low_balance', 'low_balance']);
  });

  it('counts credit and a running overdraw as available, and ignores clients without a limit', async () => {
    const credited = await addApiClient(world, 'mail_credit', { balance: '1.00', settings: { email: 'credit@lark.example', creditLimit: '10.00' } });
    expect((await world.admin.patch(`/api/admin/clients/${credited.id}`, { notificationLimit: '5.00' })).status).toBe(200);
    const noLimit = await addApiClient(world, 'mail_nolimit', { balance: '0.50', settings: { email: 'nolimit@lark.example' } });
    expect(await world.platform.mail.sweepNotices()).toBe(0); // 1.00 + 10.00 credit ≥ 5.00
    await sql`UPDATE clients SET credit_limit = NULL, overdraw_amount = 5, overdraw_until = now() + interval '1 day' WHERE id = ${credited.id}`.execute(world.db);
    expect(await world.platform.mail.sweepNotices()).toBe(0); // 1.00 + 5.00 overdraw
    await new Promise((resolve) => setTimeout(resolve, 300)); // the timer's looks too
    expect(mailsTo('credit@lark.example')).toHaveLength(0);
    await sql`UPDATE clients SET overdraw_until = now() - interval '1 day' WHERE id = ${credited.id}`.execute(world.db);
    await eventually(() => mailsTo('credit@lark.example').length === 1, 10_000, 'the mail once the overdraw ended');
    expect(mailsTo('credit@lark.example')[0]?.subject).toBe('Low balance: 1.00 EUR available on mail_credit');
    expect(mailsTo('nolimit@lark.example')).toHaveLength(0);
    expect((await outbox(`?clientId=${noLimit.id}`)).body.total).toBe(0);
  });
});

describe('two senders on one outbox', () => {
  it('send each mail once, even when a slow server makes a round outlast its lease', async () => {
    // A platform of its own with no SMTP server, so that only the two senders below send.
    const p = await startTestPlatform({}, { mail: { pollMs: 50 } });
    const slow = await startSmtpSink({ delayMs: 150 });
    const fast = await startSmtpSink();
    const sender = (node: string, url: string) =>
      new MailSender(new MailOutboxStore(p.db, node), smtpTransport(url, `${node}@petrel.test`), systemClock, { pollMs: 20, batch: 10, leaseMs: 600, backoffMs: [] }, () => undefined);
    // Node a's server answers each mail after 150 ms: its claim of ten outlasts its 600 ms lease.
    const a = sender('node-a', slow.url);
    const b = sender('node-b', fast.url);
    try {
      const addresses = Array.from({ length: 10 }, (_, i) => `race${i}@lark.example`);
      await MailOutboxStore.enqueue(p.db, addresses.map((to) => ({ kind: 'price_update' as const, clientId: null, to, subject: `race ${to}`, body: 'x' })));
      a.start();
      await eventually(() => slow.received.length > 0, 10_000, 'node a sending');
      b.start();
      const sentTo = () => [...slow.received, ...fast.received].flatMap((m) => m.to);
      await eventually(() => sentTo().length >= 10, 15_000, 'every mail sent');
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // a late duplicate would show by now
      expect(sentTo().sort()).toEqual([...addresses].sort());
      expect(fast.received.length).toBeGreaterThan(0); // b took what a let go
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM mail_outbox WHERE status = 'sent'`.execute(p.db);
      expect(rows[0]?.n).toBe(10);
    } finally {
      await a.stop();
      await b.stop();
      await slow.close();
      await fast.close();
      await p.stop();
    }
  });
});

describe('the daily statistics mail', () => {
  /** An IANA zone where it is `localHour` o'clock now (Etc/GMT-3 is UTC+3: POSIX signs). */
  const zoneAt = (localHour: number): string => {
    let k = localHour - new Date().getUTCHours();
    if (k > 14) k -= 24;
    if (k < -12) k += 24;
    return k === 0 ? 'Etc/GMT' : `Etc/GMT${k > 0 ? '-' : '+'}${Math.abs(k)}`;
  };

  it('mails the previous day’s figures (the client’s own day) once its morning has come, and once a day', async () => {
    const noon = zoneAt(12);
    const c = await addApiClient(world, 'mail_daily', { settings: { email: 'daily@lark.example', timezone: noon } });
    const night = await addApiClient(world, 'mail_daily_night', { settings: { email: 'night@lark.example', timezone: zoneAt(3) } });
    const off = await addApiClient(world, 'mail_daily_off', { settings: { email: 'off@lark.example', timezone: noon } });
    // Counters as the statistics folder leaves them: yesterday (the client's day) and the day before.
    for (const id of [c.id, night.id, off.id]) {
      await sql`INSERT INTO stats_daily (day, client_id, vendor_id, country, network, state, messages, segments, amount)
        SELECT (now() AT TIME ZONE ${noon})::date - d, ${id}, ${world.vendorId}, 'UA', '255-01', s, n, n + 1, n * 0.015
        FROM (VALUES (1, 'delivered', 8), (1, 'undelivered', 2), (2, 'delivered', 100)) AS v(d, s, n)`.execute(world.db);
    }
    const yesterday = (await sql<{ d: string }>`SELECT to_char((now() AT TIME ZONE ${noon})::date - 1, 'YYYY-MM-DD') AS d`.execute(world.db)).rows[0]?.d;
    for (const id of [c.id, night.id]) expect((await world.admin.patch(`/api/admin/clients/${id}`, { dailyStatsEmail: true })).status).toBe(200);
    await eventually(() => mailsTo('daily@lark.example').length === 1, 10_000, 'the daily statistics mail');
    const mail = mailsTo('daily@lark.example')[0];
    expect(mail?.subject).toBe(`Your messages on ${yesterday}: 10 sent, 80.0 % delivered`);
    expect(mail?.text).toContain(`the figures of your account mail_daily for ${yesterday} (${noon}):`);
    expect(mail?.text).toContain('Messages:        10 (12 parts)');
    expect(mail?.text).toContain('Charged:         0.15 EUR');
    await world.platform.mail.sweepNotices();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailsTo('daily@lark.example')).toHaveLength(1); // once a day
    expect(mailsTo('night@lark.example')).toHaveLength(0); // 03:00 there: not morning yet
    expect(mailsTo('off@lark.example')).toHaveLength(0); // the client does not want it
  });
});

describe('without an SMTP server', () => {
  it('keeps mail in the outbox, pending, visible to the admin and to the client’s manager only', async () => {
    const p = await startTestPlatform({}, { mail: { pollMs: 50 } });
    try {
      const admin = await p.api.signIn();
      const { rows } = await sql<{ id: number }>`INSERT INTO destinations (country, name, mcc) VALUES ('UA', 'Ukraine', '255') RETURNING id`.execute(p.db);
      const manager = await createManager(admin, 'mail_mgr');
      const other = await createManager(admin, 'mail_mgr2');
      const id = Number((await createClient(admin, { ...requiredFields('mail_offline'), priceUpdateEmail: 'p@lark.example', managerId: manager.id })).id);
      expect((await admin.put(`/api/admin/clients/${id}/prices`, { destinationId: rows[0]?.id, price: '0.0100' })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const log = await admin.get('/api/admin/mail');
      expect(log.body).toMatchObject({ sending: false, total: 1 });
      expect(log.body.items[0]).toMatchObject({ kind: 'price_update', status: 'pending', attempts: 0, to: 'p@lark.example', clientLogin: 'mail_offline', sentAt: null });
      expect((await admin.get('/api/admin/mail?status=lost')).status).toBe(422);
      expect((await manager.api.get('/api/admin/mail')).body.total).toBe(1);
      expect((await other.api.get('/api/admin/mail')).body.total).toBe(0);
    } finally {
      await p.stop();
    }
  });
});
