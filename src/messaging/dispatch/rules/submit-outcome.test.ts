import { COMMAND_STATUS as S } from '@petrel/smpp';
import { describe, expect, it } from 'vitest';
import { classifySubmitFailure, retryDelayMs, throttlePauseMs } from './submit-outcome.ts';

describe('classifySubmitFailure', () => {
  const reroute = new Set([S.ESME_RSUBMITFAIL, 0x401]);
  it.each([
    [undefined, 'transient'],
    [S.ESME_RTHROTTLED, 'throttled'],
    [S.ESME_RSYSERR, 'transient'],
    [S.ESME_RMSGQFUL, 'transient'],
    [S.ESME_RX_T_APPN, 'transient'],
    [S.ESME_RSUBMITFAIL, 'reroute'],
    [0x401, 'reroute'],
    [S.ESME_RINVDSTADR, 'permanent'],
    [S.ESME_RINVSRCADR, 'permanent'],
    [S.ESME_RX_P_APPN, 'permanent'],
  ] as const)('command_status %s → %s', (status, kind) => {
    expect(classifySubmitFailure(status, reroute)).toBe(kind);
  });

  it('lets an operator reroute on a code that would otherwise be retried or throttled', () => {
    expect(classifySubmitFailure(S.ESME_RTHROTTLED, new Set([S.ESME_RTHROTTLED]))).toBe('reroute');
    expect(classifySubmitFailure(S.ESME_RSYSERR, new Set([S.ESME_RSYSERR]))).toBe('reroute');
  });
});

describe('back-off', () => {
  it.each([
    [1, 2_000],
    [2, 4_000],
    [3, 8_000],
    [9, 300_000],
  ])('attempt %i waits %i ms', (attempt, ms) => {
    expect(retryDelayMs(attempt)).toBe(ms);
  });

  it.each([
    [1, 250],
    [2, 500],
    [4, 2_000],
    [6, 8_000],
    [50, 8_000],
  ])('the %i-th throttle in a row pauses %i ms', (n, ms) => {
    expect(throttlePauseMs(n)).toBe(ms);
  });
});
