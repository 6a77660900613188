import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS } from '../platform/node-flags.ts';

describe('runWithNodeFlags', () => {
  it('runs a benchmark script again under the flags Petrel ships with, passing its arguments and exit status on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'petrel-flags-'));
    try {
      const script = join(dir, 'script.ts');
      writeFileSync(
        script,
        `import { runWithNodeFlags } from ${JSON.stringify(join(import.meta.dirname, 'with-node-flags.ts'))};\n` +
          `runWithNodeFlags();\nconsole.log(JSON.stringify({ execArgv: process.execArgv, args: process.argv.slice(2) }));\nprocess.exitCode = 3;\n`,
      );
      const run = spawnSync(process.execPath, ['--import', 'tsx', script, '--count', '7'], { encoding: 'utf8' });
      expect(run.status).toBe(3);
      const out = run.stdout;
      const seen = JSON.parse(out.trim().split('\n').at(-1) as string) as { execArgv: string[]; args: string[] };
      for (const flag of NODE_FLAGS) expect(seen.execArgv).toContain(flag);
      expect(seen.args).toEqual(['--count', '7']);
      expect(out.trim().split('\n')).toHaveLength(1); // the script ran its body once: in the child
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
