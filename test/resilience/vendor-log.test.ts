import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { VendorLog } from '../../bench/resilience/vendor-log.ts';
import type { Simulator } from '../../src/simulator/index.ts';

/** A carrier that reports submits as the simulator does, at the times the test sets. */
function carrier() {
  const events = new EventEmitter();
  const log = new VendorLog(events as unknown as Simulator);
  const submit = (text: string, at: number): void => {
    vi.setSystemTime(at);
    events.emit('submit', { status: 0, pdu: { command: 'submit_sm', shortMessage: Buffer.from(text, 'latin1') } });
  };
  return { log, submit };
}

describe('counting duplicates at the carrier against the crashes', () => {
  it('excuses a duplicate with a crash between its two submits, or one the carrier read just after the kill', () => {
    vi.useFakeTimers();
    try {
      const { log, submit } = carrier();
      submit('before the kill', 1_000);
      submit('read after the kill', 10_001); // written before the kill at 10,000, read a moment later
      submit('before the kill', 12_500);
      submit('read after the kill', 12_600);
      submit('twice, no crash', 20_000);
      submit('twice, no crash', 20_500);
      submit('once', 21_000);
      const d = log.duplicates([10_000]);
      expect(d.total).toBe(3);
      expect(d.inCrashWindow).toBe(2);
      expect(d.outside).toHaveLength(1);
      expect(d.outside[0]).toMatch(/^twice, no crash /);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not excuse a duplicate whose first submit came well after the kill', () => {
    vi.useFakeTimers();
    try {
      const { log, submit } = carrier();
      submit('after the restart', 13_000);
      submit('after the restart', 13_200);
      expect(log.duplicates([10_000]).outside).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
