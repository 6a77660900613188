/**
 * Fuzzes Petrel's HTTP APIs with malformed requests: bad JSON, huge bodies, wrong types, bad
 * encodings, path traversal, header abuse, garbage. Checks 0 crashes (the process is up and
 * /healthz answers), 0 connections left open, memory flat; lists 5xx answers and leaks as failures.
 *
 *   npx tsx bench/fuzz-http.ts [--count 10000] [--concurrency 20] [--seed 1] [--rss-growth-mb 64]
 *
 * Writes bench/results/fuzz-http.json; exits 1 when a check fails.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RESULTS_DIR } from '../src/bench/report.ts';
import { fuzzHttp } from './fuzz/fuzz-http-run.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    'rss-growth-mb': { type: 'string', default: '64' },
    'timeout-s': { type: 'string', default: '1800' },
  },
});
const run = await fuzzHttp({
  count: Number(values.count),
  concurrency: Number(values.concurrency),
  seed: Number(values.seed),
  rssGrowthMb: Number(values['rss-growth-mb']),
  timeoutMs: Number(values['timeout-s']) * 1000,
  databaseUrl: process.env.DATABASE_URL,
  say: (line) => console.log(line),
});
const at = new Date().toISOString();
writeFileSync(join(RESULTS_DIR, 'fuzz-http.json'), JSON.stringify({ at, database: process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite', ...run }, null, 2) + '\n');
console.log(run.verdict.ok ? `PASS: ${run.stats.requests} requests in ${run.seconds} s, 0 crashes, 0 connections left, RSS ${run.before.rssMb} → ${run.after.rssMb} MB` : `FAIL:\n  ${run.verdict.failures.join('\n  ')}`);
process.exit(run.verdict.ok ? 0 : 1);
