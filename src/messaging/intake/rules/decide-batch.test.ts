import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { Destination } from '../../../routing/rules/resolve-destination.ts';
import type { Route } from '../../../routing/rules/select-routes.ts';
import type { IntakeRequest, TextRecord } from '../intake-request.ts';
import { type BatchContext, type Decision, decideBatch, prepareRequest, queueRank } from './decide-batch.ts';
import type { IntakeClient } from './intake-client.ts';
import { buildRoutingSnapshot } from './routing-snapshot.ts';

const UA: Destination = { id: 1, country: 'UA', name: 'Ukraine', network: null, mcc: '255', mnc: null, prefixes: [] };
const UA_VODAFONE: Destination = { id: 2, country: 'UA', name: 'Ukraine — Vodafone', network: 'Vodafone', mcc: '255', mnc: '01', prefixes: ['38050', '38066'] };
const DE: Destination = { id: 3, country: 'DE', name: 'Germany', network: null, mcc: '262', mnc: null, prefixes: [] };
const route = (id: number, destinationId: number | null, poolId: number, more: Partial<Route> = {}): Route => ({
  id, name: '', clientId: null, destinationId, priority: 100, poolId, filterSenders: [], filterPrefixes: [], filterText: [], rerouteCodes: [], enabled: true, ...more,
});
const snapshot = buildRoutingSnapshot([UA, UA_VODAFONE, DE], [route(10, UA.id, 100), route(11, null, 101, { priority: 200 })], new Map([[100, [{ vendorId: 7, weight: 100 }]], [101, [{ vendorId: 8, weight: 100 }]]]));

const NOW = new Date('2026-03-02T10:00:00Z'); // a Monday
const client = (more: Partial<IntakeClient> = {}): IntakeClient => ({
  id: 1, blocked: false, rights: { smpp: true, http: true, rest: true, web: true }, country: null, timezone: 'UTC', dispatchWindows: null, priority: 5,
  blacklistDisabled: false, dynamicSender: true, moderation: 'automatic', dailyLimit: null, canSendTests: false,
  funds: { balance: new Decimal('1.00'), creditLimit: null, overdraw: null }, dlrWaitDays: 3, ...more,
});
const request = (more: Partial<IntakeRequest> = {}): IntakeRequest => ({
  clientId: 1, channel: 'smpp', source: 'Petrel', sourceTon: 5, sourceNpi: 0, destination: '380501234567', destTon: 1, destNpi: 1,
  dataCoding: 0, esmClass: 0, shortMessage: Buffer.from('hello'), registeredDelivery: 1, ...more,
});
const context = (c: IntakeClient, more: Partial<BatchContext> = {}): BatchContext => ({
  now: NOW, clients: new Map([[c.id, c]]), snapshot,
  price: (_c, destinationId) => (destinationId === UA.id ? new Decimal('0.10') : undefined),
  blacklisted: new Set(), senderStatus: () => undefined, today: () => ({ day: '2026-03-02', messages: 0, tests: 0 }), testDailyQuota: 2, random: () => 0.5, ...more,
});
const decide = (c: IntakeClient, requests: IntakeRequest[], more: Partial<BatchContext> = {}) =>
  decideBatch(requests.map((r) => prepareRequest(r, c, snapshot)), context(c, more)).decisions;
const codeOf = (c: IntakeClient, r: IntakeRequest, more: Partial<BatchContext> = {}) => {
  const d = decide(c, [r], more)[0];
  return d?.ok ? 'accepted' : d?.code;
};

describe('decideBatch: which refusal, in the order of the message path', () => {
  const cases: [name: string, c: IntakeClient, r: IntakeRequest, more: Partial<BatchContext>, expected: string][] = [
    ['a good message is accepted', client(), request(), {}, 'accepted'],
    ['a blocked client', client({ blocked: true }), request({ destination: 'garbage' }), {}, 'client_blocked'],
    ['the channel right is off', client({ rights: { smpp: false, http: true, rest: true, web: true } }), request(), {}, 'channel_disabled'],
    ['another channel is off: this one still sends', client({ rights: { smpp: true, http: false, rest: true, web: true } }), request(), {}, 'accepted'],
    ['a number that is not valid', client(), request({ destination: '12' }), {}, 'invalid_destination'],
    ['a national number without the client country', client(), request({ destination: '0501234567', destTon: 2 }), {}, 'invalid_destination'],
    ['a national number with the client country', client({ country: 'UA' }), request({ destination: '0501234567', destTon: 0 }), {}, 'accepted'],
    ['no destination for the number', client(), request({ destination: '12025550123' }), {}, 'no_route'],
    ['an invalid sender', client(), request({ source: 'WAY_TOO_LONG_SENDER' }), {}, 'invalid_source'],
    ['a blacklisted number', client(), request(), { blacklisted: new Set(['380501234567']) }, 'blacklisted'],
    ['a blacklisted number, Disable Black List on', client({ blacklistDisabled: true }), request(), { blacklisted: new Set(['380501234567']) }, 'accepted'],
    ['a sender never approved', client({ dynamicSender: false }), request(), {}, 'sender_not_approved'],
    ['a denied sender', client({ dynamicSender: false }), request(), { senderStatus: () => 'denied' }, 'sender_not_approved'],
    ['a sender in moderation', client({ dynamicSender: false }), request(), { senderStatus: () => 'pending' }, 'sender_pending'],
    ['an approved sender', client({ dynamicSender: false }), request(), { senderStatus: () => 'approved' }, 'accepted'],
    ['the daily limit reached', client({ dailyLimit: 5 }), request(), { today: () => ({ day: '2026-03-02', messages: 5, tests: 0 }) }, 'daily_limit'],
    ['one left of the daily limit', client({ dailyLimit: 5 }), request(), { today: () => ({ day: '2026-03-02', messages: 4, tests: 0 }) }, 'accepted'],
    ['a test without Can SMS Tests', client(), request({ isTest: true }), {}, 'test_quota'],
    ['a test within the quota', client({ canSendTests: true }), request({ isTest: true }), {}, 'accepted'],
    ['a test past the quota', client({ canSendTests: true }), request({ isTest: true }), { today: () => ({ day: '2026-03-02', messages: 0, tests: 2 }) }, 'test_quota'],
    ['no price for the destination', client(), request({ destination: '4915112345678' }), {}, 'no_route'],
    ['no route (no pool member)', client(), request(), { snapshot: buildRoutingSnapshot([UA, UA_VODAFONE], [], new Map()) }, 'no_route'],
    ['not enough money', client({ funds: { balance: new Decimal('0.05'), creditLimit: null, overdraw: null } }), request(), {}, 'insufficient_funds'],
    ['credit covers it', client({ funds: { balance: new Decimal('0'), creditLimit: new Decimal('0.10'), overdraw: null } }), request(), {}, 'accepted'],
    ['an overdraw that ended does not', client({ funds: { balance: new Decimal('0'), creditLimit: null, overdraw: { amount: new Decimal(5), until: new Date('2026-03-01T00:00:00Z') } } }), request(), {}, 'insufficient_funds'],
    ['a test is free', client({ canSendTests: true, funds: { balance: new Decimal('0'), creditLimit: null, overdraw: null } }), request({ isTest: true }), {}, 'accepted'],
    ['a malformed UDH', client(), request({ esmClass: 0x40, shortMessage: Buffer.from([9, 1]) }), {}, 'malformed_request'],
  ];
  it.each(cases)('%s', (_name, c, r, more, expected) => {
    expect(codeOf(c, r, more)).toBe(expected);
  });
});

describe('decideBatch: what an accepted message carries', () => {
  it('prices per segment, with the network taking the country price and route', () => {
    const [d] = decide(client(), [request({ shortMessage: Buffer.from('x'.repeat(161)) })]);
    expect(d?.ok).toBe(true);
    if (!d?.ok) return;
    expect(d.message).toMatchObject({ state: 'queued', destinationId: UA_VODAFONE.id, network: '255-01', country: 'UA', segments: 2, routeId: 10, vendorId: 7, priority: 20, day: '2026-03-02' });
    expect(d.message.price.toFixed()).toBe('0.2');
    expect(d.message.dlrDeadline).toEqual(new Date(NOW.getTime() + 3 * 86_400_000));
  });

  it("ranks a message by its client's priority first and its own priority_flag second", () => {
    const ranks = [0, 1, 3].map((priorityFlag) => decide(client(), [request({ priorityFlag })])[0]).map((d) => (d?.ok ? d.message.priority : -1));
    expect(ranks).toEqual([20, 21, 23]);
    // The most urgent message of a lower client still ranks below any message of a higher one.
    expect(queueRank(4, 3)).toBeLessThan(queueRank(5, 0));
    expect(queueRank(5, 9)).toBe(queueRank(5, 3));
  });

  it('holds a message outside the dispatch window as scheduled until the window opens', () => {
    const c = client({ timezone: 'Europe/Kyiv', dispatchWindows: [{ from: '18:00', to: '20:00' }] });
    const [d] = decide(c, [request()]);
    expect(d?.ok && d.message.state).toBe('scheduled');
    expect(d?.ok && d.message.notBefore).toEqual(new Date('2026-03-02T16:00:00Z')); // 18:00 in Kyiv (UTC+2)
  });

  it('inside the window a message is queued at once', () => {
    const c = client({ timezone: 'Europe/Kyiv', dispatchWindows: [{ from: '09:00', to: '20:00' }] });
    const [d] = decide(c, [request()]);
    expect(d?.ok && d.message.state).toBe('queued');
    expect(d?.ok && d.message.notBefore).toEqual(NOW);
  });

  it('a test is flagged and free', () => {
    const [d] = decide(client({ canSendTests: true }), [request({ isTest: true })]);
    expect(d?.ok && d.message.isTest).toBe(true);
    expect(d?.ok && d.message.price.toFixed()).toBe('0');
  });
});

describe('decideBatch: later messages see what earlier ones took', () => {
  it('stops at the daily limit inside one batch', () => {
    const ds = decide(client({ dailyLimit: 3 }), Array.from({ length: 5 }, () => request()), { today: () => ({ day: '2026-03-02', messages: 1, tests: 0 }) });
    expect(ds.map((d) => (d.ok ? 'ok' : d.code))).toEqual(['ok', 'ok', 'daily_limit', 'daily_limit', 'daily_limit']);
  });

  it('stops when the funds run out inside one batch, and totals the charge', () => {
    const c = client({ funds: { balance: new Decimal('0.25'), creditLimit: null, overdraw: null } });
    const batch = decideBatch(Array.from({ length: 4 }, () => prepareRequest(request(), c, snapshot)), context(c));
    expect(batch.decisions.map((d) => (d.ok ? 'ok' : d.code))).toEqual(['ok', 'ok', 'insufficient_funds', 'insufficient_funds']);
    expect(batch.totals.get(1)?.charge.toFixed()).toBe('0.2');
  });

  it('refused messages take nothing', () => {
    const c = client({ dailyLimit: 1 });
    const ds = decide(c, [request({ destination: 'bad' }), request(), request()]);
    expect(ds.map((d) => (d.ok ? 'ok' : d.code))).toEqual(['invalid_destination', 'ok', 'daily_limit']);
  });
});

describe('decideBatch: the parts of an HTTP or REST text are decided together', () => {
  const text = (parts: number): TextRecord => ({ channel: 'rest', parts, dlrUrl: null, dlrMask: 0, callbackUrl: 'https://example.com/cb', owedBits: 0 });
  const part = (record: TextRecord, textPart: number, more: Partial<IntakeRequest> = {}) => request({ channel: 'rest', textRecord: record, textPart, ...more });
  const outcome = (ds: readonly Decision[]) => ds.map((d) => (d.ok ? 'ok' : d.code));

  it('refuses every part with the first refusal when one part cannot go, and counts none of them', () => {
    const c = client({ funds: { balance: new Decimal('0.25'), creditLimit: null, overdraw: null } });
    const three = text(3);
    // The text's third part would not be covered; the single message after it is.
    const batch = decideBatch([part(three, 1), part(three, 2), part(three, 3), request()].map((r) => prepareRequest(r, c, snapshot)), context(c));
    expect(outcome(batch.decisions)).toEqual(['insufficient_funds', 'insufficient_funds', 'insufficient_funds', 'ok']);
    expect(batch.totals.get(1)?.charge.toFixed()).toBe('0.1');
    expect(batch.totals.get(1)?.days.get('2026-03-02')).toEqual({ messages: 1, tests: 0 });
  });

  it('refuses a whole text for a bad part whatever its place, and accepts the texts around it', () => {
    const [a, b, bad] = [text(2), text(2), text(2)];
    const ds = decide(client(), [part(a, 1), part(a, 2), part(bad, 1), part(bad, 2, { destination: '12' }), part(b, 1), part(b, 2)]);
    expect(outcome(ds)).toEqual(['ok', 'ok', 'invalid_destination', 'invalid_destination', 'ok', 'ok']);
  });

  it('decides the parts in part order even when they come shuffled', () => {
    const c = client({ dailyLimit: 2 });
    const two = text(2);
    const ds = decide(c, [part(two, 2), request(), part(two, 1)]);
    // The text is decided when its first-seen part comes, so it takes the day's two messages.
    expect(outcome(ds)).toEqual(['ok', 'daily_limit', 'ok']);
  });

  it('refuses a text whose parts are not all in the batch', () => {
    const three = text(3);
    expect(outcome(decide(client(), [part(three, 1), part(three, 2)]))).toEqual(['internal', 'internal']);
    expect(outcome(decide(client(), [part(three, 1), part(three, 2), part(three, 2)]))).toEqual(['internal', 'internal', 'internal']);
  });
});
