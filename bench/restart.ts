/**
 * Restart test (`npm run test:restart`): under an SMPP load and a `/sendsms` load (texts with a
 * dlr-url, every third of two parts), stop Petrel with SIGTERM at random moments, as a deploy
 * does, and start it again on the same database; then check that every stop was clean (exit code
 * 0), every acknowledged message exists, reached a final state and was charged once, every
 * acknowledged text was reported to its dlr-url, every balance equals its ledger, and that the
 * carrier got no message twice.
 *
 *   npm run test:restart -- [--restarts 10] [--seed 1] [--rate 300] [--http-rate 100] (0: no /sendsms load)
 *
 * On DATABASE_URL when set (a database of its own, dropped after), else a temporary PGlite folder.
 * Writes bench/results/restart.json; exits 1 when a check fails.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RESULTS_DIR } from '../src/bench/report.ts';
import { LOAD_FLAGS, loadOptionsFrom, outcomeLines } from './resilience/fault-run.ts';
import { runRestartTest } from './resilience/restart-run.ts';

const { values } = parseArgs({ options: { restarts: { type: 'string', default: '10' }, ...LOAD_FLAGS } });
const load = loadOptionsFrom(values);
const seed = load.seed;
const report = await runRestartTest({ ...load, restarts: Number(values.restarts), stopAfterMs: { min: 1500, max: 4000 } });
writeFileSync(join(RESULTS_DIR, 'restart.json'), JSON.stringify({ at: new Date().toISOString(), seed, ...report }, null, 2) + '\n');
const { books: b, vendorDuplicates: d } = report;
console.log(
  `${report.restarts} SIGTERM restarts on ${report.database}: ${report.unclean} unclean; stop median ${report.stopSeconds.median} s (max ${report.stopSeconds.max}), start median ${report.restartSeconds.median} s; ` +
    `${report.sent} sent, ${report.acked} acknowledged, ${report.refused} refused ${JSON.stringify(report.refusedWith)}, ${report.unanswered} cut off; ${b.missing} lost, states ${JSON.stringify(b.states)}, ${report.receiptsAtClient} receipts at the client; carrier duplicates ${d.total}`,
);
for (const line of outcomeLines(report)) console.log(line);
process.exit(report.failures.length === 0 ? 0 : 1);
