import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cpuMicrosPerMessage } from '../../src/bench/report.ts';
import { isLocalServer } from '../../src/bench/run-bench.ts';
import { pidsNamed, ProcWatch } from '../../src/bench/proc-stats.ts';

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

  it('finds processes by command name', () => {
    expect(pidsNamed('node')).toContain(process.pid);
    expect(pidsNamed('no-such-command-here')).toEqual([]);
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
