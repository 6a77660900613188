import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { type HandedMessage, type Handoff, HandoffReservation, vendorsToWake } from './handoff.ts';
import type { MessageDraft } from './rules/decide-batch.ts';

const now = new Date('2026-11-27T12:00:00Z');

function draft(vendorId: number, over: Partial<MessageDraft> = {}): MessageDraft {
  return {
    clientId: 1,
    channel: 'smpp',
    state: 'queued',
    source: 'Petrel',
    sourceTon: 5,
    sourceNpi: 0,
    destination: '380501234567',
    country: 'UA',
    destinationId: 7,
    network: '',
    esmClass: 0,
    dataCoding: 0,
    shortMessage: Buffer.from('hi'),
    text: 'hi',
    segments: 1,
    registeredDelivery: 1,
    priority: 0,
    isTest: false,
    price: new Decimal('0.01'),
    routeId: 3,
    vendorId,
    notBefore: now,
    dlrDeadline: new Date(now.getTime() + 86_400_000),
    validUntil: null,
    day: '2026-11-27',
    ...over,
  };
}

/** A dispatcher side that takes up to `room[vendor]` and records what it was given back and handed. */
function dispatcherWithRoom(room: Record<number, number>) {
  const reserved = new Map<number, number>();
  const settled: { vendorId: number; reserved: number; ids: number[] }[] = [];
  const handoff: Handoff = {
    nodeId: 'node-a',
    leaseMs: 60_000,
    reserve(vendorId, wanted) {
      const granted = Math.min(wanted, (room[vendorId] ?? 0) - (reserved.get(vendorId) ?? 0));
      reserved.set(vendorId, (reserved.get(vendorId) ?? 0) + granted);
      return granted;
    },
    settle(vendorId, n, messages) {
      reserved.set(vendorId, (reserved.get(vendorId) ?? 0) - n);
      settled.push({ vendorId, reserved: n, ids: messages.map((m) => m.id) });
    },
  };
  return { handoff, reserved, settled };
}

describe('handing new messages from intake to the dispatcher', () => {
  it('claims only messages due now and queued, up to the room each vendor grants', () => {
    const d = dispatcherWithRoom({ 10: 2, 20: 5 });
    const r = new HandoffReservation(d.handoff);
    const drafts = [
      draft(10),
      draft(10),
      draft(10), // no room left for vendor 10
      draft(20, { state: 'scheduled', notBefore: new Date(now.getTime() + 60_000) }),
      draft(20, { notBefore: new Date(now.getTime() + 1_000) }), // a dispatch window: not due yet
      draft(20),
      draft(30), // no dispatcher for vendor 30 here
    ];
    expect([...r.claim(drafts, now)]).toEqual([0, 1, 5]);
    expect(r.lease(now)).toEqual({ until: new Date(now.getTime() + 60_000), by: 'node-a' });
    expect(d.reserved.get(10)).toBe(2);
  });

  it('hands the committed messages over and gives every place back', () => {
    const d = dispatcherWithRoom({ 10: 5 });
    const r = new HandoffReservation(d.handoff);
    const drafts = [draft(10), draft(10)];
    r.claim(drafts, now);
    const committed: HandedMessage[] = drafts.map((x, i) => ({ ...x, id: 100 + i }));
    r.settle(committed);
    expect(d.settled).toEqual([{ vendorId: 10, reserved: 2, ids: [100, 101] }]);
    expect(d.reserved.get(10)).toBe(0);
  });

  it('gives the places back with nothing handed when the batch rolled back', () => {
    const d = dispatcherWithRoom({ 10: 5 });
    const r = new HandoffReservation(d.handoff);
    r.claim([draft(10), draft(10), draft(10)], now);
    r.settle([]);
    expect(d.settled).toEqual([{ vendorId: 10, reserved: 3, ids: [] }]);
    expect(d.reserved.get(10)).toBe(0);
  });

  it('claims nothing without a dispatcher (a node that sends for no vendor)', () => {
    const r = new HandoffReservation(undefined);
    expect(r.claim([draft(10)], now).size).toBe(0);
    expect(r.lease(now)).toBeUndefined();
  });

  it('wakes only the dispatchers of vendors that got due messages in the database queue', () => {
    const accepted: HandedMessage[] = [
      { ...draft(10), id: 1 }, // handed: its dispatcher already knows
      { ...draft(20), id: 2 }, // queued in the database: wake vendor 20
      { ...draft(20), id: 3 },
      { ...draft(30, { state: 'scheduled', notBefore: new Date(now.getTime() + 60_000) }), id: 4 }, // found by the poll when due
    ];
    expect(vendorsToWake(accepted, [accepted[0] as HandedMessage], now)).toEqual([20]);
  });
});
