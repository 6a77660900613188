import { wallClock } from './wall-clock.ts';

/** The client's local date at `now` as 'YYYY-MM-DD': the day daily limits and statistics count in. */
export function localDay(timeZone: string, now: Date): string {
  const w = wallClock(timeZone, now);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}
