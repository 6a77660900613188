// After `npm install`: build the web panel so `npm start` serves it. Skipped when web/dist is fresh.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (process.env.PETREL_SKIP_WEB_BUILD === '1') process.exit(0);
if (!existsSync(new URL('../web/index.html', import.meta.url))) process.exit(0);
try {
  execSync('npm run build -w web', { stdio: 'inherit', cwd: new URL('..', import.meta.url) });
} catch {
  console.error('petrel: building the web panel failed; run `npm run build` to see why');
  process.exit(1);
}
