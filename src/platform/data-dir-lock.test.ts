import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from './data-dir-lock.ts';

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'petrel-lock-'));
  dirs.push(dir);
  return dir;
}

/** Another process that takes the folder's lock and holds it until killed. */
async function holder(dir: string): Promise<ChildProcess> {
  const script = `const { lockDataDir } = await import(${JSON.stringify(new URL('./data-dir-lock.ts', import.meta.url).pathname)}); await lockDataDir(${JSON.stringify(dir)}); process.stdout.write('locked\\n'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
    child.once('exit', (code) => reject(new Error(`the holder exited with ${code}`)));
  });
  return child;
}

async function killHard(child: ChildProcess): Promise<void> {
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await gone;
}

describe('the data folder lock', () => {
  it('keeps a second process out while the first lives, and lets the next one in at once after a kill -9', async () => {
    const dir = freshDir();
    const first = await holder(dir);
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirInUseError);
    await killHard(first);
    // The lock directory is seconds from stale: only the dead owner's guard tells.
    const release = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirInUseError);
    await release();
    const again = await lockDataDir(dir);
    await again();
  });

  it('does not take over a lock whose owner ran on another host, or that someone else made again', async () => {
    const elsewhere = freshDir();
    await killHard(await holder(elsewhere));
    const owner = JSON.parse(readFileSync(join(elsewhere, 'petrel.lock.owner'), 'utf8')) as { host: string; lockIno: number };
    writeFileSync(join(elsewhere, 'petrel.lock.owner'), JSON.stringify({ ...owner, host: `${owner.host}-other` }));
    await expect(lockDataDir(elsewhere)).rejects.toBeInstanceOf(DataDirInUseError);

    const remade = freshDir();
    await killHard(await holder(remade));
    const record = JSON.parse(readFileSync(join(remade, 'petrel.lock.owner'), 'utf8')) as { lockIno: number };
    writeFileSync(join(remade, 'petrel.lock.owner'), JSON.stringify({ ...record, lockIno: record.lockIno + 1 }));
    await expect(lockDataDir(remade)).rejects.toBeInstanceOf(DataDirInUseError);

    const unrecorded = freshDir();
    await killHard(await holder(unrecorded));
    rmSync(join(unrecorded, 'petrel.lock.owner'));
    await expect(lockDataDir(unrecorded)).rejects.toBeInstanceOf(DataDirInUseError);
  });
});
