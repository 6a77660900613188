import { judge, startFuzzTarget, type FuzzVerdict } from './fuzz-target.ts';
import { runHttpFuzz, type HttpFuzzStats } from './http-fuzzer.ts';
import type { TargetLook } from './target-health.ts';

export interface HttpFuzzRun {
  readonly count: number;
  readonly seed: number;
  readonly seconds: number;
  readonly stats: HttpFuzzStats;
  readonly before: TargetLook;
  readonly after: TargetLook;
  readonly verdict: FuzzVerdict;
}

export interface HttpFuzzRunOptions {
  readonly count: number;
  readonly concurrency: number;
  readonly seed: number;
  readonly timeoutMs: number;
  readonly rssGrowthMb: number;
  readonly databaseUrl: string | undefined;
  readonly say?: (line: string) => void;
}

/**
 * Starts Petrel, sends `count` malformed requests at its HTTP APIs (a twentieth first, before the
 * baseline), and judges: alive and healthy, no connection left, memory flat, and, beyond crashes,
 * no 5xx answer and nothing leaked (both listed in the verdict).
 */
export async function fuzzHttp(o: HttpFuzzRunOptions): Promise<HttpFuzzRun> {
  const say = o.say ?? (() => undefined);
  const target = await startFuzzTarget(o.databaseUrl);
  try {
    const started = performance.now();
    const url = new URL(target.petrel.httpUrl);
    const base = { host: url.hostname, port: Number(url.port), concurrency: o.concurrency, login: target.client.login, apiPassword: target.client.apiPassword, deadline: started + o.timeoutMs };
    const warmCount = Math.ceil(o.count / 20);
    const warm = await runHttpFuzz({ ...base, count: warmCount, seed: o.seed + 1 });
    const before = await target.settled();
    say(`http fuzz: warm-up of ${warmCount} requests done; baseline ${JSON.stringify(before)}`);
    const stats = await runHttpFuzz({ ...base, count: o.count - warmCount, seed: o.seed });
    merge(stats, warm);
    const after = await target.settled();
    say(`http fuzz: ${stats.requests} requests; statuses ${JSON.stringify(stats.statuses)}; after ${JSON.stringify(after)}`);
    const verdict = judge(before, after, o.rssGrowthMb);
    const failures = [...verdict.failures];
    for (const [kind, n] of Object.entries(stats.serverErrors)) failures.push(`${n} × ${kind} (a server error on malformed input)`);
    for (const leak of stats.leaks) failures.push(`leak: ${leak}`);
    return { count: o.count, seed: o.seed, seconds: Math.round((performance.now() - started) / 1000), stats, before, after, verdict: { ok: failures.length === 0, failures } };
  } finally {
    await target.stop();
  }
}

function merge(into: HttpFuzzStats, from: HttpFuzzStats): void {
  into.requests += from.requests;
  into.unanswered += from.unanswered;
  for (const [k, n] of Object.entries(from.statuses)) into.statuses[k] = (into.statuses[k] ?? 0) + n;
  for (const [k, n] of Object.entries(from.serverErrors)) into.serverErrors[k] = (into.serverErrors[k] ?? 0) + n;
  into.leaks.push(...from.leaks.slice(0, Math.max(0, 20 - into.leaks.length)));
}
