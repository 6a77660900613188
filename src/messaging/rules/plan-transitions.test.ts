import { describe, expect, it } from 'vitest';
import { type CurrentMessage, type Transition, planTransitions } from './plan-transitions.ts';

const at = new Date('2026-03-01T10:00:00Z');

function message(over: Partial<CurrentMessage> = {}): CurrentMessage {
  return {
    id: 1,
    clientId: 7,
    state: 'queued',
    channel: 'smpp',
    registeredDelivery: 1,
    vendorId: 3,
    routeId: 11,
    vendorMessageId: null,
    errorCode: null,
    isTest: false,
    segments: 2,
    price: '0.020000',
    day: '2026-03-01',
    country: 'UA',
    network: '255-01',
    ...over,
  };
}

const t = (over: Partial<Transition> & Pick<Transition, 'to'>): Transition => ({ messageId: 1, event: 'test', at, ...over });

describe('planTransitions', () => {
  it('moves the counters from the old state to the new one', () => {
    const plan = planTransitions([message()], [t({ to: 'sent', vendorMessageId: 'abc' })]);
    expect(plan.stats.rows().map((d) => [d.state, d.messages, d.segments, d.amount])).toEqual([
      ['queued', -1, -2, '-0.020000'],
      ['sent', 1, 2, '0.020000'],
    ]);
    expect(plan.updates).toEqual([expect.objectContaining({ id: 1, state: 'sent', vendorMessageId: 'abc', sentAt: at })]);
    expect(plan.reports).toEqual([]);
  });

  it('owes a report for a final state the client asked a receipt for, and none otherwise', () => {
    expect(planTransitions([message({ state: 'sent' })], [t({ to: 'delivered' })]).reports).toHaveLength(1);
    expect(planTransitions([message({ state: 'sent', registeredDelivery: 0 })], [t({ to: 'delivered' })]).reports).toHaveLength(0);
    expect(planTransitions([message({ state: 'sent', registeredDelivery: 2 })], [t({ to: 'delivered' })]).reports).toHaveLength(0);
    expect(planTransitions([message({ state: 'sent', registeredDelivery: 2 })], [t({ to: 'undelivered' })]).reports).toHaveLength(1);
  });

  it('refunds on entering rejected, failed or deleted, never for a free message', () => {
    expect(planTransitions([message()], [t({ to: 'failed' })]).refunds).toEqual([{ clientId: 7, messageId: 1, amount: '0.020000', reason: 'message 1 failed' }]);
    expect(planTransitions([message({ state: 'sent' })], [t({ to: 'undelivered' })]).refunds).toEqual([]);
    expect(planTransitions([message({ price: '0.000000', isTest: true })], [t({ to: 'rejected' })]).refunds).toEqual([]);
  });

  it('records a late receipt for a final message and changes nothing else', () => {
    const plan = planTransitions([message({ state: 'delivered' })], [t({ to: 'undelivered', event: 'receipt' })]);
    expect(plan.updates).toEqual([]);
    expect(plan.stats.rows()).toEqual([]);
    expect(plan.reports).toEqual([]);
    expect(plan.refunds).toEqual([]);
    expect(plan.events).toEqual([expect.objectContaining({ kind: 'late_receipt', state: 'undelivered' })]);
    expect(plan.results).toEqual([expect.objectContaining({ applied: false, from: 'delivered' })]);
  });

  it('applies several transitions of one message in order, counting it once in its last state', () => {
    const plan = planTransitions([message()], [t({ to: 'sent', vendorMessageId: 'x' }), t({ to: 'delivered', event: 'receipt' }), t({ to: 'undelivered', event: 'receipt' })]);
    expect(plan.updates).toEqual([expect.objectContaining({ state: 'delivered' })]);
    expect(plan.stats.rows().map((d) => [d.state, d.messages])).toEqual([
      ['delivered', 1],
      ['queued', -1],
    ]);
    expect(plan.reports).toHaveLength(1);
    expect(plan.events.map((e) => e.kind)).toEqual(['test', 'late_receipt']); // delivered is the normal path: no history row
  });

  it('moves the counters to the new vendor on a reroute, and clears the old vendor id', () => {
    const plan = planTransitions([message({ state: 'sent', vendorMessageId: 'old' })], [t({ to: 'queued', reroute: true, vendorId: 4, routeId: 12, vendorMessageId: null })]);
    expect(plan.updates).toEqual([expect.objectContaining({ state: 'queued', vendorId: 4, routeId: 12, vendorMessageId: null })]);
    expect(plan.stats.rows().map((d) => [d.vendorId, d.state, d.messages])).toEqual([
      [3, 'sent', -1],
      [4, 'queued', 1],
    ]);
  });

  it('ignores transitions of messages it did not find', () => {
    const plan = planTransitions([], [t({ to: 'sent' })]);
    expect(plan.events).toEqual([]);
    expect(plan.results).toEqual([expect.objectContaining({ applied: false, clientId: undefined })]);
  });
});

describe('planTransitions: the history it writes', () => {
  it('writes no history for the normal path (submitted, then delivered): the message row holds it', () => {
    const sent = planTransitions([message()], [t({ to: 'sent', event: 'submitted', vendorMessageId: 'abc' })]);
    expect(sent.events).toEqual([]);
    const delivered = planTransitions([message({ state: 'sent', vendorMessageId: 'abc' })], [t({ to: 'delivered', event: 'receipt' })]);
    expect(delivered.events).toEqual([]);
  });

  it('keeps history for everything else, and records a reroute against the vendor it leaves', () => {
    const failed = planTransitions([message({ state: 'sent' })], [t({ to: 'undelivered', event: 'receipt', errorCode: 21 })]);
    expect(failed.events).toEqual([expect.objectContaining({ kind: 'receipt', vendorId: 3, state: 'undelivered', errorCode: 21 })]);
    const rerouted = planTransitions([message({ vendorId: 3 })], [t({ to: 'queued', event: 'rerouted', vendorId: 4, routeId: 12 })]);
    expect(rerouted.events).toEqual([expect.objectContaining({ kind: 'rerouted', vendorId: 3 })]);
    expect(rerouted.updates).toEqual([expect.objectContaining({ vendorId: 4, routeId: 12 })]);
  });
});
