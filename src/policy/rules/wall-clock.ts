/** What a clock on the wall in a time zone shows at an instant. */
export interface WallClock {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone: a client's zone is validated when it is saved.
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading of `instant` in `timeZone` (IANA), from the runtime's tz database. */
export function wallClock(timeZone: string, instant: Date): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  const weekday = ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
  return { year, month, day, hour, minute, second, weekday };
}

/** A wall-clock reading as a number that orders readings (milliseconds as if the zone were UTC). */
export function wallMs(w: Pick<WallClock, 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second'>): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/**
 * The first instant at which the wall clock in `timeZone` shows `target` (a `wallMs` value) or
 * later. In a DST gap (02:30 that never happens) that is the end of the gap; in an overlap
 * (01:30 that happens twice) the first occurrence.
 */
export function instantOfWall(timeZone: string, target: number): Date {
  const offsetAt = (t: number) => wallMs(wallClock(timeZone, new Date(t))) - Math.floor(t / 1000) * 1000;
  // The zone's offset a day before and a day after: the answer is target minus one of them.
  const candidates = [target - offsetAt(target - 86_400_000), target - offsetAt(target + 86_400_000)].sort((a, b) => a - b);
  for (const t of candidates) if (wallMs(wallClock(timeZone, new Date(t))) === target) return new Date(t);
  // A gap: binary-search the transition between the two candidates (to the second).
  let [lo, hi] = candidates as [number, number];
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (wallMs(wallClock(timeZone, new Date(mid))) >= target) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}
