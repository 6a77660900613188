import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { LoadResult } from '../../src/bench/load-result.ts';
import { cpuMicrosPerMessage, summarize, withRounds } from '../../src/bench/report.ts';
import { type BenchReport, isLocalServer } from '../../src/bench/run-bench.ts';
import { ProcWatch, processesNamed } from '../../src/bench/proc-stats.ts';

/** A child that spends `ms` of CPU time (however busy the machine is), then exits. */
function busyChild(ms: number) {
  const child = spawn(process.execPath, ['-e', `while (process.cpuUsage().user < ${ms * 1000}) {}`], { stdio: 'ignore' });
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { pid: child.pid as number, done };
}

describe('ProcWatch groups', () => {
  it('adds up the CPU of every member, a member that ends keeping what it used', async () => {
    const a = busyChild(300);
    const b = busyChild(300);
    const watch = new ProcWatch({ pair: () => [a.pid, b.pid], one: a.pid }).start();
    await Promise.all([a.done, b.done]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const usage = watch.stop();
    // Two children of at least 300 ms of CPU each (less their start-up): the group counts both, the single pid one.
    expect(usage.pair?.cpuSeconds).toBeGreaterThan(0.4);
    expect(usage.one?.cpuSeconds).toBeGreaterThan(0.2);
    expect(usage.pair?.cpuSeconds).toBeGreaterThan(usage.one?.cpuSeconds ?? Infinity);
  });

  it('finds processes by command name, new ones as they start and not those that ended', async () => {
    expect(processesNamed('node')()).toContain(process.pid);
    expect(processesNamed('no-such-command-here')()).toEqual([]);
    const sleeps = processesNamed('sleep');
    const before = sleeps();
    const child = spawn('sleep', ['30']);
    await new Promise((resolve) => child.once('spawn', resolve));
    // 'spawn' comes once the child has exec'd: it carries its name now.
    expect(new Set(sleeps())).toEqual(new Set([...before, child.pid]));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(new Set(sleeps())).toEqual(new Set(before));
  });
});

describe('what the bench measures', () => {
  it("watches PostgreSQL's processes only for a server on this machine", () => {
    expect(isLocalServer('postgres://postgres@127.0.0.1:5432/test')).toBe(true);
    expect(isLocalServer('postgres://postgres@localhost/test')).toBe(true);
    expect(isLocalServer('postgres://postgres@db.example.net/test')).toBe(false);
    expect(isLocalServer(undefined)).toBe(false);
  });

  it('CPU per message counts the system (Petrel and its database), not the load driver or the simulator', () => {
    const usage = (cpuSeconds: number) => ({ cpuSeconds, cpuCores: 0, peakRssMb: 0, rssMb: 0 });
    const load = { receipts: 1000 } as Parameters<typeof cpuMicrosPerMessage>[0]['load'];
    expect(cpuMicrosPerMessage({ load, processes: { petrel: usage(0.3), postgres: usage(0.2), driver: usage(5), simulator: usage(5) } })).toBe(500);
    expect(cpuMicrosPerMessage({ load: { ...load, receipts: 0 }, processes: { petrel: usage(1) } })).toBeUndefined();
  });
});

describe('bench rounds', () => {
  const round = (petrel: number, kannel: number | undefined, p99 = 50): BenchReport => {
    const run = (e2e: number) => ({ load: { e2eMsgPerSec: e2e, intakeMsgPerSec: e2e, p99SubmitRespMs: p99 } as LoadResult, processes: {} });
    return { at: '', machine: {} as BenchReport['machine'], options: {} as BenchReport['options'], petrelSmpp: run(petrel), ...(kannel ? { kannel: { ...run(kannel), version: '1.4.5' } } : {}), problems: [] };
  };

  it('reports the round with the median ratio, and every round', () => {
    const merged = withRounds([round(2000, 2000, 90), round(2100, 3000, 80), round(2400, 3000, 70)]);
    // ratios 1.0, 0.7, 0.8: the median is round 3
    expect(merged.medianRound).toBe(3);
    expect(summarize(merged).ratioE2e).toBe(0.8);
    expect(merged.rounds?.map((f) => f.ratio)).toEqual([1, 0.7, 0.8]);
    expect(merged.rounds?.map((f) => f.p99SubmitRespMs)).toEqual([90, 80, 70]);
  });

  it("without Kannel, the median of Petrel's rate; the lower middle one for an even count; one round as it is", () => {
    expect(withRounds([round(3000, undefined), round(1000, undefined), round(2000, undefined), round(4000, undefined)]).medianRound).toBe(3);
    const one = round(1000, 2000);
    expect(withRounds([one])).toBe(one);
  });

  it('keeps every round’s problems, naming the round', () => {
    const a = { ...round(1, 2), problems: ['Kannel: not installed'] };
    expect(withRounds([a, round(1, 2)]).problems).toEqual(['round 1: Kannel: not installed']);
  });
});
