/**
 * Carrier outage test (`npm run test:outage`): under an SMPP load and a `/sendsms` load (texts with
 * a dlr-url, every third of two parts), the carrier simulator goes down (connections dropped, new
 * ones refused, the receipts it owes kept) and comes back, several times; then check that intake
 * went on meanwhile, the messages waited and drained after the rebind, none was lost or failed,
 * each has its receipt (and each text its report at its dlr-url), every balance equals its ledger,
 * and the carrier got a message twice only when a connection dropped with its submit unanswered.
 *
 *   npm run test:outage -- [--outages 3] [--down-s 30] [--seed 1] [--rate 300] [--http-rate 100] (0: no /sendsms load)
 *
 * On DATABASE_URL when set (a database of its own, dropped after), else a temporary PGlite folder.
 * Writes bench/results/outage.json; exits 1 when a check fails.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RESULTS_DIR } from '../src/bench/report.ts';
import { LOAD_FLAGS, loadOptionsFrom, outcomeLines } from './resilience/fault-run.ts';
import { runOutageTest } from './resilience/outage-run.ts';

const { values } = parseArgs({ options: { outages: { type: 'string', default: '3' }, 'down-s': { type: 'string', default: '30' }, ...LOAD_FLAGS } });
const load = loadOptionsFrom(values);
const seed = load.seed;
const report = await runOutageTest({ ...load, outages: Number(values.outages), outageMs: Number(values['down-s']) * 1000, upMs: { min: 3000, max: 6000 } });
writeFileSync(join(RESULTS_DIR, 'outage.json'), JSON.stringify({ at: new Date().toISOString(), seed, ...report }, null, 2) + '\n');
const { books: b, vendorDuplicates: d } = report;
console.log(
  `${report.outages} outages of ${report.outageSeconds} s on ${report.database}: ${report.sent} sent, ${report.acked} acknowledged (${report.ackedDuringOutages} of them, SMPP and /sendsms, while the carrier was down), ` +
    `${b.missing} lost, states ${JSON.stringify(b.states)}, ${report.receiptsAtClient} receipts at the client; bound again after ${report.rebindSeconds.median} s (max ${report.rebindSeconds.max}), ` +
    `backlog at the carrier ${report.backlogSeconds.median} s after its return (max ${report.backlogSeconds.max}); carrier duplicates ${d.total} (${d.inCrashWindow} across a dropped connection)`,
);
for (const line of outcomeLines(report)) console.log(line);
process.exit(report.failures.length === 0 ? 0 : 1);
