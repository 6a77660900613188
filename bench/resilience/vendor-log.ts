import type { Simulator } from '../../src/simulator/index.ts';

/** How long after a kill the carrier may still be reading what the killed process wrote before it. */
const LAG_MS = 500;

/** What reached the carrier: every accepted submit, by its (unique) text, with the time it came. */
export class VendorLog {
  readonly byText = new Map<string, number[]>();

  constructor(simulator: Simulator) {
    simulator.on('submit', (e) => {
      if (e.status !== 0 || e.pdu.command !== 'submit_sm') return;
      const text = e.pdu.shortMessage.toString('latin1');
      const times = this.byText.get(text);
      if (times) times.push(Date.now());
      else this.byText.set(text, [Date.now()]);
    });
  }

  /**
   * Texts the carrier got more than once; each is excused when a crash fell between its first
   * and its second submit (the crash window: submitted, response not stored yet). The carrier
   * notes a submit when its event loop gets to it, which can be a moment after the killed process
   * wrote it: a first submit seen up to LAG_MS after a kill still belongs to the killed process
   * (a restart takes more than a second, so nothing of the next one comes that early).
   */
  duplicates(crashes: readonly number[]): { total: number; inCrashWindow: number; outside: string[] } {
    let total = 0;
    let inCrashWindow = 0;
    const outside: string[] = [];
    for (const [text, times] of this.byText) {
      if (times.length < 2) continue;
      total += times.length - 1;
      for (let i = 1; i < times.length; i++) {
        const a = times[i - 1] ?? 0;
        const b = times[i] ?? 0;
        if (crashes.some((k) => k >= a - LAG_MS && k <= b)) inCrashWindow++;
        else if (outside.length < 20) outside.push(`${text} (sent at +${a - (crashes[0] ?? a)} and +${b - (crashes[0] ?? b)} ms; crashes at ${crashes.map((k) => `+${k - (crashes[0] ?? k)}`).filter((_, i) => Math.abs((crashes[i] ?? 0) - a) < 5_000).join(', ') || 'none near'})`);
      }
    }
    return { total, inCrashWindow, outside };
  }
}
