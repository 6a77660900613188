import { describe, expect, it } from 'vitest';
import { type Refusal, RefusalLog } from './refusal-log.ts';

const refusal = (clientId: number, n: number): Refusal => ({ at: new Date(n), clientId, channel: 'smpp', source: 'S', destination: `${n}`, code: 'blacklisted', message: 'm' });

describe('RefusalLog', () => {
  it('keeps the latest refusals, newest first, and forgets the oldest past its capacity', () => {
    const log = new RefusalLog(3);
    for (let n = 1; n <= 5; n++) log.record(refusal(n % 2, n));
    expect(log.list().map((r) => r.destination)).toEqual(['5', '4', '3']);
    expect(log.list({ clientIds: new Set([1]) }).map((r) => r.destination)).toEqual(['5', '3']);
    expect(log.list({ limit: 1 })).toHaveLength(1);
    expect(log.totals()).toEqual({ blacklisted: 5 });
  });
});
