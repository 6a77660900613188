/**
 * Fuzzes Petrel's SMPP server: random and mutated PDUs over many connections, then checks 0
 * crashes (the process is up and /healthz answers), 0 connections left open, memory flat.
 *
 *   npx tsx bench/fuzz-smpp.ts [--count 1000000] [--connections 50] [--seed 1] [--rss-growth-mb 64]
 *
 * On DATABASE_URL when set (a database of its own, dropped after), else a temporary PGlite folder.
 * Writes bench/results/fuzz-smpp.json; exits 1 when a check fails.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RESULTS_DIR } from '../src/bench/report.ts';
import { fuzzSmpp } from './fuzz/fuzz-smpp-run.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000000' },
    connections: { type: 'string', default: '50' },
    seed: { type: 'string', default: '1' },
    'rss-growth-mb': { type: 'string', default: '64' },
    'timeout-s': { type: 'string', default: '3600' },
  },
});
const run = await fuzzSmpp({
  count: Number(values.count),
  connections: Number(values.connections),
  seed: Number(values.seed),
  rssGrowthMb: Number(values['rss-growth-mb']),
  timeoutMs: Number(values['timeout-s']) * 1000,
  databaseUrl: process.env.DATABASE_URL,
  say: (line) => console.log(line),
});
const at = new Date().toISOString();
writeFileSync(join(RESULTS_DIR, 'fuzz-smpp.json'), JSON.stringify({ at, database: process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite', ...run }, null, 2) + '\n');
console.log(run.verdict.ok ? `PASS: ${run.stats.pdus} PDUs in ${run.seconds} s, 0 crashes, 0 connections left, RSS ${run.before.rssMb} → ${run.after.rssMb} MB` : `FAIL: ${run.verdict.failures.join('; ')}`);
process.exit(run.verdict.ok ? 0 : 1);
