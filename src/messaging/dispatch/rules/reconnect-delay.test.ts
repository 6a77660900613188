import { COMMAND_STATUS as S, SmppClosedError, SmppCommandError, SmppProtocolError, SmppTimeoutError } from '@petrel/smpp';
import { describe, expect, it } from 'vitest';
import { classifyBindFailure, reconnectDelayMs } from './reconnect-delay.ts';

describe('classifyBindFailure', () => {
  it('calls a bind the vendor answered with an error, or left unanswered, refused', () => {
    expect(classifyBindFailure(new SmppCommandError(S.ESME_RINVPASWD, 'bind_transceiver', undefined))).toBe('refused');
    expect(classifyBindFailure(new SmppCommandError(S.ESME_RALYBND, 'bind_transmitter', undefined))).toBe('refused');
    expect(classifyBindFailure(new SmppTimeoutError('bind_transceiver', 30_000))).toBe('refused');
  });

  it('calls a vendor that could not be reached or dropped the connection before answering unreachable', () => {
    expect(classifyBindFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2775'), { code: 'ECONNREFUSED' }))).toBe('unreachable');
    expect(classifyBindFailure(new Error('connect to 10.0.0.1:2775 timed out'))).toBe('unreachable');
    expect(classifyBindFailure(new SmppClosedError('connection closed'))).toBe('unreachable');
    expect(classifyBindFailure(new SmppProtocolError('bad framing', S.ESME_RINVCMDLEN))).toBe('unreachable');
  });
});

describe('reconnectDelayMs', () => {
  it.each([
    [0, 5_000],
    [1, 5_000],
    [2, 10_000],
    [3, 20_000],
    [4, 40_000],
    [5, 60_000],
    [50, 60_000],
  ])('after %i refusals in a row waits %i ms (reconnect delay 5 s)', (refusals, ms) => {
    expect(reconnectDelayMs(5, refusals)).toBe(ms);
  });

  it('keeps a reconnect delay longer than a minute as the operator set it, without doubling it', () => {
    expect(reconnectDelayMs(120, 0)).toBe(120_000);
    expect(reconnectDelayMs(120, 4)).toBe(120_000);
  });
});
