import { spawnSync } from 'node:child_process';
import { NODE_FLAGS } from '../platform/node-flags.ts';

/**
 * For the benchmarks that run the platform in their own process (`bench/http-intake.ts`,
 * `bench/intake-smpp.ts`, `bench/e2e-smpp.ts`), so that they measure it with the flags it ships
 * with (`npm start`, the side-by-side benchmark's Petrel): called first, it runs the script again
 * under NODE_FLAGS when this process lacks any of them, and exits with that run's status.
 */
export function runWithNodeFlags(): void {
  const missing = NODE_FLAGS.filter((flag) => !process.execArgv.includes(flag));
  if (missing.length === 0) return;
  const run = spawnSync(process.execPath, [...missing, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
