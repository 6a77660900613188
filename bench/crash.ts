/**
 * Crash test (`npm run test:crash`): under an SMPP load and a `/sendsms` load (texts with a
 * dlr-url, every third of two parts), kill -9 Petrel at random moments and restart it on the same
 * database; then check that every acknowledged message exists and reached a final state, every
 * acknowledged text has its row with all its parts and its final report reached its dlr-url, no
 * HTTP message is outside a text, nothing was charged twice, every balance equals its ledger, and
 * count the duplicates the carrier got (allowed only across a crash).
 *
 *   npm run test:crash -- [--kills 20] [--seed 1] [--rate 300] [--http-rate 100] (0: no /sendsms load)
 *
 * On DATABASE_URL when set (a database of its own, dropped after), else a temporary PGlite folder.
 * Writes bench/results/crash.json; exits 1 when a check fails.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RESULTS_DIR } from '../src/bench/report.ts';
import { runCrashTest } from './resilience/crash-run.ts';
import { LOAD_FLAGS, loadOptionsFrom, outcomeLines } from './resilience/fault-run.ts';

const { values } = parseArgs({ options: { kills: { type: 'string', default: '20' }, ...LOAD_FLAGS } });
const load = loadOptionsFrom(values);
const seed = load.seed;
const report = await runCrashTest({ ...load, kills: Number(values.kills), killAfterMs: { min: 1500, max: 4000 } });
writeFileSync(join(RESULTS_DIR, 'crash.json'), JSON.stringify({ at: new Date().toISOString(), seed, ...report }, null, 2) + '\n');
const { books: b, vendorDuplicates: d } = report;
console.log(
  `${report.kills} kills on ${report.database}: ${report.sent} sent, ${report.acked} acknowledged, ${report.unanswered} cut off by a crash, ` +
    `${b.missing} lost, states ${JSON.stringify(b.states)}, ${report.receiptsAtClient} receipts at the client; ` +
    `carrier duplicates ${d.total} (${d.inCrashWindow} in a crash window); restart median ${report.restartSeconds.median} s, max ${report.restartSeconds.max} s`,
);
for (const line of outcomeLines(report)) console.log(line);
process.exit(report.failures.length === 0 ? 0 : 1);
