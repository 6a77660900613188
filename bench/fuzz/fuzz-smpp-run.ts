import { startFuzzTarget, judge, type FuzzVerdict } from './fuzz-target.ts';
import { runSmppFuzz, type SmppFuzzStats } from './smpp-fuzzer.ts';
import type { TargetLook } from './target-health.ts';

export interface SmppFuzzRun {
  readonly count: number;
  readonly seed: number;
  readonly seconds: number;
  readonly stats: SmppFuzzStats;
  readonly before: TargetLook;
  readonly after: TargetLook;
  readonly verdict: FuzzVerdict;
}

export interface SmppFuzzRunOptions {
  readonly count: number;
  readonly connections: number;
  readonly seed: number;
  readonly timeoutMs: number;
  readonly rssGrowthMb: number;
  readonly databaseUrl: string | undefined;
  readonly say?: (line: string) => void;
}

/**
 * Starts Petrel, fuzzes its SMPP server with `count` PDUs (a twentieth first, as a warm-up before
 * the baseline is taken), and judges: alive and healthy, no connection left, memory flat.
 */
export async function fuzzSmpp(o: SmppFuzzRunOptions): Promise<SmppFuzzRun> {
  const say = o.say ?? (() => undefined);
  const target = await startFuzzTarget(o.databaseUrl);
  try {
    const started = performance.now();
    const deadline = started + o.timeoutMs;
    const base = { host: '127.0.0.1', port: target.petrel.smppPort, connections: o.connections, credentials: { systemId: target.client.systemId, password: target.client.smppPassword }, deadline };
    const warmCount = Math.ceil(o.count / 20);
    await runSmppFuzz({ ...base, count: warmCount, seed: o.seed + 1 });
    const before = await target.settled();
    say(`smpp fuzz: warm-up of ${warmCount} PDUs done; baseline ${JSON.stringify(before)}`);
    const stats = await runSmppFuzz({ ...base, count: o.count - warmCount, seed: o.seed });
    stats.pdus += warmCount;
    const after = await target.settled();
    say(`smpp fuzz: ${stats.pdus} PDUs over ${stats.connections} connections; after ${JSON.stringify(after)}`);
    return { count: o.count, seed: o.seed, seconds: Math.round((performance.now() - started) / 1000), stats, before, after, verdict: judge(before, after, o.rssGrowthMb) };
  } finally {
    await target.stop();
  }
}
