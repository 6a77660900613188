// `npm test`: type check, lint, the unit and API suites, then the browser suite in Debian's Chromium.
// With DATABASE_URL set, every suite runs on that PostgreSQL server instead of the embedded PGlite.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const run = (title, cmd) => {
  process.stdout.write(`\n== ${title}: ${cmd}\n`);
  const r = spawnSync(cmd, { shell: true, stdio: 'inherit', cwd: root, env: process.env });
  if (r.status !== 0) {
    process.stderr.write(`\nnpm test: "${title}" failed\n`);
    process.exit(r.status ?? 1);
  }
};

const db = process.env.DATABASE_URL ? `PostgreSQL (${process.env.DATABASE_URL.replace(/\/\/[^@]*@/, '//')})` : 'embedded PGlite';
process.stdout.write(`Petrel test suite on ${db}\n`);

// CI's second pass (the same code on another database) sets PETREL_TEST_SKIP_STATIC=1.
if (process.env.PETREL_TEST_SKIP_STATIC !== '1') {
  run('type check', 'npx tsc -p tsconfig.json && npx tsc -p packages/smpp/tsconfig.json && npx tsc -p web/tsconfig.json');
  run('lint', 'npx eslint . --max-warnings 0');
}
run('unit and API tests', 'npx vitest run');
ensureChromium();
if (webIsStale()) run('web build', 'npm run build -w web');
run('browser tests (Chromium)', 'npx vitest run -c vitest.e2e.config.ts');

function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  const install = 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium';
  if (process.getuid?.() !== 0) {
    process.stderr.write(`npm test: the browser tests need Debian's chromium. Install it with:\n  sudo sh -c '${install}'\n`);
    process.exit(1);
  }
  process.stdout.write(`\n== installing Debian's chromium for the browser tests\n`);
  execSync(install, { stdio: 'inherit' });
}

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function webIsStale() {
  const index = join(root, 'web/dist/index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return newest(join(root, 'web/src')) > built || newest(join(root, 'src/accounts/rules')) > built;
}
