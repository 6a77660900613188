import { describe, expect, it } from 'vitest';
import { type MessageState, STATE_TABLE, isFinal, mayMove, stateOfExpiredDlrStatus, stateOfStat, statsGroupOf, wantsReceipt } from './message-states.ts';

describe('the state table of message-states.md', () => {
  // state, final, SMPP message_state, receipt stat, dlr-mask bit, refunded
  const table: [MessageState, boolean, number, string | undefined, number | undefined, boolean][] = [
    ['scheduled', false, 1, undefined, undefined, false],
    ['queued', false, 1, undefined, 4, false],
    ['moderation', false, 1, undefined, 4, false],
    ['sent', false, 1, 'ACCEPTD', 8, false],
    ['delivered', true, 2, 'DELIVRD', 1, false],
    ['undelivered', true, 5, 'UNDELIV', 2, false],
    ['expired', true, 3, 'EXPIRED', 2, false],
    ['rejected', true, 8, 'REJECTD', 16, true],
    ['failed', true, 5, 'UNDELIV', 2, true],
    ['deleted', true, 4, 'DELETED', 2, true],
    ['unknown', true, 7, 'UNKNOWN', 2, false],
  ];
  it.each(table)('%s: final %s, message_state %i, stat %s, dlr-mask %s, refunded %s', (state, final, messageState, stat, bit, refunded) => {
    const info = STATE_TABLE[state];
    expect([info.final, info.messageState, info.stat, info.dlrMaskBit, info.refunded]).toEqual([final, messageState, stat, bit, refunded]);
  });
});

describe('receipt stat → state', () => {
  it.each([
    ['DELIVRD', 'delivered'],
    ['UNDELIV', 'undelivered'],
    ['EXPIRED', 'expired'],
    ['REJECTD', 'rejected'],
    ['DELETED', 'deleted'],
    ['UNKNOWN', 'unknown'],
    ['ACCEPTD', undefined],
    ['ENROUTE', undefined],
  ] as const)('%s → %s', (stat, state) => {
    expect(stateOfStat(stat)).toBe(state);
  });

  it.each([
    ['EXPIRED', 'expired'],
    ['UNDELIV', 'undelivered'],
    ['DELIVRD', 'delivered'],
    ['UNKNOWN', 'unknown'],
    ['REJECTD', 'rejected'],
    ['nonsense', 'expired'],
  ])("a client's Delivery Status %s ends expired messages as %s", (status, state) => {
    expect(stateOfExpiredDlrStatus(status)).toBe(state);
  });
});

describe('a message moves forward only', () => {
  it.each([
    ['queued', 'sent', false, true],
    ['scheduled', 'queued', false, true],
    ['scheduled', 'sent', false, true],
    ['moderation', 'queued', false, true],
    ['queued', 'queued', false, true],
    ['queued', 'scheduled', false, false],
    ['sent', 'queued', false, false],
    ['sent', 'queued', true, true],
    ['sent', 'delivered', false, true],
    ['queued', 'failed', false, true],
    ['delivered', 'undelivered', false, false],
    ['delivered', 'queued', true, false],
    ['expired', 'delivered', false, false],
    ['sent', 'sent', false, true],
  ] as const)('%s → %s (reroute %s): %s', (from, to, reroute, allowed) => {
    expect(mayMove(from, to, reroute)).toBe(allowed);
  });

  it('has no way out of a final state', () => {
    for (const from of Object.keys(STATE_TABLE) as MessageState[]) {
      if (!isFinal(from)) continue;
      for (const to of Object.keys(STATE_TABLE) as MessageState[]) expect(mayMove(from, to)).toBe(false);
    }
  });
});

describe('registered_delivery decides whether a receipt is owed', () => {
  it.each([
    [0, 'delivered', false],
    [1, 'delivered', true],
    [1, 'failed', true],
    [2, 'delivered', false],
    [2, 'undelivered', true],
    [0x11, 'expired', true],
    [1, 'sent', false],
    [3, 'delivered', false],
  ] as const)('registered_delivery %i, state %s: %s', (rd, state, owed) => {
    expect(wantsReceipt(rd, state)).toBe(owed);
  });
});

describe('how statistics group the states', () => {
  it.each([
    ['delivered', 'delivered'],
    ['undelivered', 'notDelivered'],
    ['expired', 'notDelivered'],
    ['unknown', 'notDelivered'],
    ['rejected', 'refunded'],
    ['failed', 'refunded'],
    ['deleted', 'refunded'],
    ['scheduled', 'pending'],
    ['queued', 'pending'],
    ['moderation', 'pending'],
    ['sent', 'pending'],
    ['lost', 'notDelivered'],
  ] as const)('%s: %s', (state, group) => {
    expect(statsGroupOf(state)).toBe(group);
  });
});
