/**
 * Memory with many idle client binds: opens --binds (1,000) transceiver binds to Petrel at once,
 * holds them idle, and reads the Petrel process's RSS (goal: ≤ 300 MB for the whole process).
 *
 *   npx tsx bench/idle-binds.ts [--binds 1000] [--hold-s 15]
 *
 * On DATABASE_URL when set (a database of its own, dropped after), else a temporary PGlite folder.
 * Writes bench/results/idle-binds.{json,md}; exits 1 when a bind fails or the goal is missed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { connect, type Session } from '@petrel/smpp';
import { describeMachine } from '../src/bench/machine.ts';
import { createStore, startPetrelChild } from '../src/bench/petrel-child.ts';
import { setUpBenchWorld } from '../src/bench/petrel-setup.ts';
import { readProc } from '../src/bench/proc-stats.ts';
import { RESULTS_DIR } from '../src/bench/report.ts';
import { startSimulator } from '../src/simulator/index.ts';

const { values } = parseArgs({ options: { binds: { type: 'string', default: '1000' }, 'hold-s': { type: 'string', default: '15' }, 'goal-mb': { type: 'string', default: '300' } } });
const binds = Number(values.binds);
const goalMb = Number(values['goal-mb']);
const databaseUrl = process.env.DATABASE_URL;
const machine = await describeMachine(databaseUrl);
const simulator = await startSimulator({ port: 0 });
const store = await createStore(databaseUrl, 'petrel_idle');
const petrel = await startPetrelChild({ store });
const sessions: Session[] = [];
const rss = () => Math.round(readProc(petrel.pid)?.rssMb ?? 0);
let failed = 0;
let result: Record<string, unknown>;
try {
  const client = await setUpBenchWorld(petrel.httpUrl, { simulatorPort: simulator.port, vendorSessions: 1, vendorWindow: 10, maxBinds: Math.min(binds, 1000), balance: '1' });
  await new Promise((r) => setTimeout(r, 3000));
  const before = rss();
  const started = performance.now();
  for (let i = 0; i < binds; i += 50) {
    const batch = await Promise.allSettled(
      Array.from({ length: Math.min(50, binds - i) }, () => connect({ host: '127.0.0.1', port: petrel.smppPort, systemId: client.systemId, password: client.smppPassword, bindType: 'transceiver', enquireLinkIntervalMs: 0, requestTimeoutMs: 30_000 })),
    );
    for (const b of batch) {
      if (b.status === 'fulfilled') {
        b.value.on('error', () => undefined);
        sessions.push(b.value);
      } else failed++;
    }
  }
  const bindSeconds = (performance.now() - started) / 1000;
  console.log(`${sessions.length} binds up (${failed} failed) in ${bindSeconds.toFixed(1)} s; holding them idle for ${values['hold-s']} s`);
  let peak = rss();
  for (let t = 0; t < Number(values['hold-s']) * 4; t++) {
    await new Promise((r) => setTimeout(r, 250));
    peak = Math.max(peak, rss());
  }
  const held = rss();
  const stillBound = sessions.filter((s) => s.state === 'bound_trx').length;
  await Promise.all(sessions.map((s) => s.unbind().catch(() => s.close('done'))));
  await new Promise((r) => setTimeout(r, 2000));
  const after = rss();
  result = { at: new Date().toISOString(), machine, binds, bound: sessions.length, stillBound, failed, bindSeconds: Math.round(bindSeconds * 10) / 10, rssMb: { before, held, peak, afterUnbind: after }, perBindKb: Math.round(((peak - after) * 1024) / Math.max(1, sessions.length)), goalMb, ok: failed === 0 && stillBound === binds && peak <= goalMb };
} finally {
  await petrel.stop('SIGTERM', 15_000);
  await simulator.stop();
  await store.remove();
}
writeFileSync(join(RESULTS_DIR, 'idle-binds.json'), JSON.stringify(result, null, 2) + '\n');
const r = result as { rssMb: { before: number; held: number; peak: number; afterUnbind: number }; perBindKb: number; ok: boolean; bound: number; stillBound: number };
const md = [
  '# Idle client binds: memory of the Petrel process',
  '',
  `${result.at} · ${machine.cores} × ${machine.cpu} · Node ${machine.node} · ${machine.database}`,
  '',
  '| binds | bound | still bound after the hold | RSS before (MB) | RSS with the binds (MB) | peak (MB) | after unbind (MB) | per bind (KB, peak − after unbind: a GC between start and the binds can make RSS fall) | goal |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  `| ${binds} | ${r.bound} | ${r.stillBound} | ${r.rssMb.before} | ${r.rssMb.held} | ${r.rssMb.peak} | ${r.rssMb.afterUnbind} | ${r.perBindKb} | ≤ ${goalMb} MB: ${r.ok ? 'met' : 'missed'} |`,
  '',
];
writeFileSync(join(RESULTS_DIR, 'idle-binds.md'), md.join('\n'));
console.log(md.join('\n'));
process.exit(r.ok ? 0 : 1);
