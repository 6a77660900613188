import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ListenError, startPlatform } from '../../src/main.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { DatabaseUnavailableError } from '../../src/platform/db.ts';
import { startTestPlatform } from '../support/platform.ts';

const dirs: string[] = [];
const freshDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'petrel-start-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const configFor = (overrides: Parameters<typeof loadConfig>[1]) =>
  loadConfig({ PETREL_LOG_LEVEL: 'silent' }, { dataDir: freshDir(), databaseUrl: undefined, httpPort: 0, smppPort: 0, adminPassword: 'start-test-pass', ...overrides });

describe('start-up failures are clear', () => {
  it('names the database it cannot reach', async () => {
    const start = startPlatform(configFor({ databaseUrl: 'postgres://postgres:secret@127.0.0.1:1/nowhere' }));
    await expect(start).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await expect(start).rejects.toThrow(/cannot reach the database at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/nowhere/);
  });

  it('names the HTTP port that is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startPlatform(configFor({ httpPort: port }))).rejects.toThrow(
        new ListenError(`HTTP port ${port} on 127.0.0.1 is already in use; set PETREL_HTTP_PORT to another port`),
      );
    } finally {
      blocker.close();
    }
  });

  it('refuses a second process on the same embedded data folder', async () => {
    const first = await startTestPlatform({ databaseUrl: undefined });
    try {
      await expect(startPlatform(configFor({ dataDir: first.config.dataDir }))).rejects.toThrow(/is in use by another Petrel process/);
    } finally {
      await first.stop();
    }
  });
});
