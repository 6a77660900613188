import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
export const webDist = join(root, 'web', 'dist');

/** Newest modification time of the files under `path`. */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** The server's pure rules the panel imports (web/src/lib, client-rules.ts): a change to them changes the panel. */
const SERVER_RULES = ['src/accounts/rules', 'src/billing/rules', 'src/policy/rules', 'src/routing/http-params.ts', 'src/platform/errors.ts'];

/** Vitest global setup: builds the panel when web/dist is missing or older than what it is built from. */
export default function buildWeb(): void {
  const built = newest(join(webDist, 'index.html'));
  const sources = Math.max(newest(join(root, 'web', 'src')), newest(join(root, 'web', 'index.html')), newest(join(root, 'web', 'vite.config.ts')), ...SERVER_RULES.map((p) => newest(join(root, p))));
  if (built >= sources) return;
  execSync('npm run build -w web', { cwd: root, stdio: 'inherit' });
}
