/**
 * Database outage test (`npm run test:db-outage`): under an SMPP load and a `/sendsms` load (texts
 * with a dlr-url, every third of two parts), PostgreSQL goes away several times: Petrel's database
 * stops taking connections and the server cuts the ones Petrel has (as in a restart or a
 * failover), then takes them again. Checks that Petrel stays up, goes on by itself once the
 * database is back, and that every acknowledged message exists, reached a final state and was
 * charged once, every acknowledged text was reported to its dlr-url, every balance equals its
 * ledger, and the carrier got a message twice only across an outage.
 *
 *   DATABASE_URL=postgres://… npm run test:db-outage -- [--outages 3] [--down-s 10] [--seed 1] [--rate 300] [--http-rate 100] (0: no /sendsms load)
 *
 * Needs a PostgreSQL server (a database of its own, dropped after). Writes
 * bench/results/database-outage.json; exits 1 when a check fails.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RESULTS_DIR } from '../src/bench/report.ts';
import { runDatabaseOutageTest } from './resilience/database-outage-run.ts';
import { LOAD_FLAGS, loadOptionsFrom, outcomeLines } from './resilience/fault-run.ts';

const { values } = parseArgs({ options: { outages: { type: 'string', default: '3' }, 'down-s': { type: 'string', default: '10' }, ...LOAD_FLAGS } });
const load = loadOptionsFrom(values);
if (!load.databaseUrl) {
  console.error('set DATABASE_URL to a PostgreSQL server: the embedded PGlite has no connection to lose');
  process.exit(2);
}
const seed = load.seed;
const report = await runDatabaseOutageTest({ ...load, outages: Number(values.outages), outageMs: Number(values['down-s']) * 1000, upMs: { min: 3000, max: 6000 } });
writeFileSync(join(RESULTS_DIR, 'database-outage.json'), JSON.stringify({ at: new Date().toISOString(), seed, ...report }, null, 2) + '\n');
const { books: b, vendorDuplicates: d } = report;
console.log(
  `${report.outages} database outages of ${report.outageSeconds} s: ${report.connectionsCut} connections cut, Petrel's process ended ${report.exits} time(s); ` +
    `${report.sent} sent, ${report.acked} acknowledged, ${report.refusedDuringRun} refused (SMPP and /sendsms; the clients sent them again), ` +
    `${report.ackedDuringOutages} acknowledged from a second into an outage until its end; ${b.missing} lost, states ${JSON.stringify(b.states)}, ${report.receiptsAtClient} receipts at the client; ` +
    `acknowledging again ${report.recoverySeconds.median} s after the database's return (max ${report.recoverySeconds.max}); carrier duplicates ${d.total} (${d.inCrashWindow} across an outage)`,
);
for (const line of outcomeLines(report)) console.log(line);
process.exit(report.failures.length === 0 ? 0 : 1);
