import { describe, expect, it } from 'vitest';
import type { MessageState } from '../../../../messaging/rules/message-states.ts';
import { textState } from './text-state.ts';

const parts = (...states: MessageState[]) => states.map((state, i) => ({ state, errorCode: i + 1 }));

describe('the state of a multipart text', () => {
  it.each<[MessageState[], MessageState, boolean]>([
    [['delivered'], 'delivered', true],
    [['delivered', 'delivered', 'delivered'], 'delivered', true],
    [['delivered', 'undelivered'], 'undelivered', true],
    [['expired', 'delivered', 'undelivered'], 'undelivered', true],
    [['unknown', 'delivered'], 'unknown', true],
    [['rejected', 'failed', 'undelivered'], 'rejected', true],
    [['delivered', 'sent'], 'sent', false],
    [['sent', 'queued', 'delivered'], 'queued', false],
    [['scheduled', 'queued'], 'scheduled', false],
    [['failed', 'sent'], 'sent', false],
  ])('%j → %s (final %s)', (states, state, final) => {
    expect(textState(parts(...states))).toMatchObject({ state, final });
  });

  it('reports the error code of the worst part', () => {
    expect(textState([{ state: 'delivered', errorCode: null }, { state: 'undelivered', errorCode: 34 }])).toEqual({ state: 'undelivered', final: true, errorCode: 34 });
  });
});
