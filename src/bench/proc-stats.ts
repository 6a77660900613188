import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** One look at a process in /proc: CPU seconds used so far (user + system), RSS now and its peak. */
export interface ProcSample {
  readonly cpuSeconds: number;
  readonly rssMb: number;
  readonly peakRssMb: number;
}

// Linux reports CPU time in clock ticks; every x86-64 and arm64 kernel Debian ships uses 100 a second.
const TICKS_PER_SECOND = 100;

/** undefined when the process is gone. */
export function readProc(pid: number): ProcSample | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return { cpuSeconds: ticks / TICKS_PER_SECOND, rssMb: kbField(status, 'VmRSS') / 1024, peakRssMb: kbField(status, 'VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

function kbField(status: string, name: string): number {
  const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  return m ? Number(m[1]) : 0;
}

/**
 * Open file descriptors of a process that are sockets (from /proc/<pid>/fd), leaving out TCP
 * connections to `exceptRemotePort` (e.g. the database's pool, which grows to its size on demand).
 */
export function countSockets(pid: number, exceptRemotePort?: number): number {
  const inodes: string[] = [];
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m?.[1]) inodes.push(m[1]);
      } catch {
        // closed while we looked
      }
    }
  } catch {
    return -1;
  }
  if (exceptRemotePort === undefined) return inodes.length;
  const excluded = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (parseInt((f[2] ?? '').split(':')[1] ?? '', 16) === exceptRemotePort && f[9]) excluded.add(f[9]);
    }
  }
  return inodes.filter((i) => !excluded.has(i)).length;
}

/** What a process used over a window of time: CPU as a share of one core, and its RSS. */
export interface ProcUsage {
  readonly cpuSeconds: number;
  /** CPU seconds / wall seconds: 1.0 = one core busy the whole time. */
  readonly cpuCores: number;
  readonly peakRssMb: number;
  readonly rssMb: number;
}

/** Processes watched together under one name (every PostgreSQL backend, say): their pids at each look. */
export type ProcGroup = () => readonly number[];

/**
 * The pids whose command name (/proc/<pid>/stat, field 2) is `name`, as a group to watch: each look
 * lists /proc and reads the name only of pids it has not seen (a process keeps its name; a pid that
 * left the list is forgotten, so a reused one is read again; a process is named as first seen, which
 * suits PostgreSQL's backends: they fork, they do not exec). Reading every process's stat at every
 * look (every 100 ms) was a sixth of the load driver's CPU in the benchmark, which shares the
 * machine with what it measures.
 */
export function processesNamed(name: string): ProcGroup {
  let known = new Map<number, boolean>();
  return () => {
    const seen = new Map<number, boolean>();
    for (const entry of readdirSync('/proc')) {
      const pid = Number(entry);
      if (!Number.isInteger(pid)) continue;
      const named = known.get(pid) ?? commandName(pid) === name;
      seen.set(pid, named);
    }
    known = seen;
    return [...seen].flatMap(([pid, named]) => (named ? [pid] : []));
  };
}

/** A process's command name; undefined when it ended while we looked. */
function commandName(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  } catch {
    return undefined;
  }
}

/**
 * Watches processes over a window: CPU between start() and stop(), RSS sampled every 100 ms (the
 * kernel's VmHWM is the peak since the process started, which includes its start-up). A group is
 * the sum of its members: each counts from when it was first seen, and one that ends keeps what it
 * used until its last sample. (A group's RSS is the sum of its members', which counts memory they
 * share once per member.)
 */
export class ProcWatch {
  private readonly members = new Map<string, Map<number, { first: number; last: number }>>();
  private readonly rss = new Map<string, number>();
  private readonly peak = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;

  constructor(private readonly watched: Readonly<Record<string, number | ProcGroup>>) {}

  start(): this {
    this.startedAt = performance.now();
    this.sample();
    this.timer = setInterval(() => this.sample(), 100);
    this.timer.unref();
    return this;
  }

  stop(): Record<string, ProcUsage> {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    const wall = (performance.now() - this.startedAt) / 1000;
    const out: Record<string, ProcUsage> = {};
    for (const [name, members] of this.members) {
      if (members.size === 0) continue;
      let cpuSeconds = 0;
      for (const m of members.values()) cpuSeconds += m.last - m.first;
      const rss = this.rss.get(name) ?? 0;
      out[name] = { cpuSeconds: round(cpuSeconds, 2), cpuCores: round(cpuSeconds / Math.max(wall, 1e-3), 2), peakRssMb: round(Math.max(this.peak.get(name) ?? 0, rss), 1), rssMb: round(rss, 1) };
    }
    return out;
  }

  private sample(): void {
    for (const [name, w] of Object.entries(this.watched)) {
      const members = this.members.get(name) ?? new Map<number, { first: number; last: number }>();
      this.members.set(name, members);
      let rss = 0;
      let seen = false;
      for (const pid of typeof w === 'number' ? [w] : w()) {
        const s = readProc(pid);
        if (!s) continue;
        seen = true;
        rss += s.rssMb;
        const m = members.get(pid);
        if (m) m.last = s.cpuSeconds;
        else members.set(pid, { first: s.cpuSeconds, last: s.cpuSeconds });
      }
      if (!seen) continue;
      this.rss.set(name, rss);
      this.peak.set(name, Math.max(this.peak.get(name) ?? 0, rss));
    }
  }
}

export function round(n: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
