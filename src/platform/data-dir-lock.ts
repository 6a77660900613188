import { createHash } from 'node:crypto';
import { readFileSync, readlinkSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

export class DataDirInUseError extends Error {
  constructor(dataDir: string) {
    super(`the data folder ${dataDir} is in use by another Petrel process`);
  }
}

/** Where a process runs, as far as the guard socket can see: one host's network namespace (Linux). */
interface Place {
  readonly host: string;
  readonly netns: string;
}

/** What the holder of the lock directory wrote beside it. */
interface Owner extends Place {
  readonly pid: number;
  /** The lock directory's inode when this owner made it: a directory made again by someone else is another one. */
  readonly lockIno: number;
}

const LOCK_OPTIONS = { stale: 15_000, update: 5_000 } as const;

/**
 * One Petrel process per embedded data folder, with two locks:
 *
 * - the lock directory `petrel.lock` (proper-lockfile), refreshed every 5 s and stale after 15 s.
 *   It holds between machines that share the folder, but after a kill -9 it kept a restart out
 *   for those 15 s (the start failed with "in use" meanwhile);
 * - on Linux, a guard: an abstract unix socket named after the folder, which the kernel frees the
 *   moment its process dies. A starter that binds it knows that no process of this host's network
 *   namespace holds the folder. When the lock directory's owner (`petrel.lock.owner`) says it was
 *   such a process, and the directory is still the one it made, that owner is dead: the starter
 *   takes the lock over at once. Two starters never both do, as only one can hold the guard.
 *
 * Returns the release: the lock directory first, then the guard, so that a starter that gets the
 * guard never finds the lock of a process that is letting go of it.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockfilePath = join(dataDir, 'petrel.lock');
  const ownerPath = join(dataDir, 'petrel.lock.owner');
  const here = placeOfThisProcess();
  const guard = here ? await bindGuard(dataDir) : undefined;
  const closeGuard = (): Promise<void> => new Promise((resolve) => (guard ? guard.close(() => resolve()) : resolve()));
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, { lockfilePath, ...LOCK_OPTIONS });
  } catch (err) {
    if ((err as { code?: string }).code !== 'ELOCKED' || !guard || !here || !ownerIsGoneFrom(here, ownerPath, lockfilePath)) {
      await closeGuard();
      throw new DataDirInUseError(dataDir);
    }
    rmSync(lockfilePath, { recursive: true, force: true });
    try {
      release = await lockfile.lock(dataDir, { lockfilePath, ...LOCK_OPTIONS });
    } catch {
      await closeGuard();
      throw new DataDirInUseError(dataDir);
    }
  }
  if (here) {
    const owner: Owner = { ...here, pid: process.pid, lockIno: statSync(lockfilePath).ino };
    writeFileSync(ownerPath, `${JSON.stringify(owner)}\n`);
  }
  return async () => {
    rmSync(ownerPath, { force: true });
    await release().catch(() => undefined);
    await closeGuard();
  };
}

/** This host and network namespace, or undefined where /proc does not say (not Linux). */
function placeOfThisProcess(): Place | undefined {
  try {
    return { host: hostname(), netns: readlinkSync('/proc/self/ns/net') };
  } catch {
    return undefined;
  }
}

/** The guard socket of this folder; DataDirInUseError when a live process holds it; undefined when sockets like it are not available. */
function bindGuard(dataDir: string): Promise<Server | undefined> {
  const name = `\0petrel-data-${createHash('sha256').update(realpathSync(dataDir)).digest('hex').slice(0, 32)}`;
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.destroy());
    server.once('error', (err: NodeJS.ErrnoException) => (err.code === 'EADDRINUSE' ? reject(new DataDirInUseError(dataDir)) : resolve(undefined)));
    server.listen(name, () => {
      server.unref();
      resolve(server);
    });
  });
}

/** True when the recorded owner of the lock ran here (this host, this namespace) and the lock directory is still the one it made. */
function ownerIsGoneFrom(here: Place, ownerPath: string, lockfilePath: string): boolean {
  try {
    const owner = JSON.parse(readFileSync(ownerPath, 'utf8')) as Partial<Owner>;
    return owner.host === here.host && owner.netns === here.netns && owner.lockIno === statSync(lockfilePath).ino;
  } catch {
    return false;
  }
}
