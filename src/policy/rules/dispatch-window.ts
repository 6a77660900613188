import { instantOfWall, type WallClock, wallClock } from './wall-clock.ts';

/** A client's window of dispatch in its local time; `days` are ISO weekdays of the day it starts. */
export interface DispatchWindow {
  /** 'HH:MM' */
  readonly from: string;
  /** 'HH:MM'; at or before `from` means the window passes midnight. */
  readonly to: string;
  /** 1 = Monday … 7 = Sunday; left out = every day. */
  readonly days?: readonly number[] | undefined;
}

const DAY_MS = 86_400_000;

/**
 * When a message accepted at `now` may leave: `now` itself inside a window (or with no windows),
 * else the moment the next window opens. Membership is read on the wall clock of `timeZone`, so
 * DST changes move the instants and never the local hours; a window starting in a DST gap opens
 * when the gap ends.
 */
export function nextDispatchTime(windows: readonly DispatchWindow[] | null | undefined, timeZone: string, now: Date): Date {
  if (!windows || windows.length === 0) return now;
  const wall = wallClock(timeZone, now);
  if (windows.some((w) => isInside(w, wall))) return now;
  const today = Date.UTC(wall.year, wall.month - 1, wall.day);
  let best: Date | undefined;
  // A week and a day ahead covers every weekday of every window.
  for (let d = 0; d <= 8 && !best; d++) {
    const date = new Date(today + d * DAY_MS);
    const weekday = ((date.getUTCDay() + 6) % 7) + 1;
    for (const w of windows) {
      if (w.days && !w.days.includes(weekday)) continue;
      const opens = instantOfWall(timeZone, date.getTime() + minutesOf(w.from) * 60_000);
      if (opens.getTime() <= now.getTime()) continue;
      // A window lying wholly in a DST gap never opens on that day.
      if (!isInside(w, wallClock(timeZone, opens))) continue;
      if (!best || opens < best) best = opens;
    }
  }
  return best ?? now; // unreachable with valid windows: some window opens within 8 days
}

/** Whether the wall-clock reading lies in the window (a window passing midnight counts for the day it starts). */
export function isInside(w: DispatchWindow, wall: WallClock): boolean {
  const t = wall.hour * 60 + wall.minute;
  const from = minutesOf(w.from);
  const to = minutesOf(w.to);
  const on = (weekday: number) => !w.days || w.days.includes(weekday);
  if (from < to) return on(wall.weekday) && t >= from && t < to;
  const yesterday = wall.weekday === 1 ? 7 : wall.weekday - 1;
  return (on(wall.weekday) && t >= from) || (on(yesterday) && t < to);
}

function minutesOf(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}
