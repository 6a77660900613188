import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { openDatabase, SESSION_SETTINGS, sessionOptions } from './db.ts';

describe('sessionOptions', () => {
  it('sets the planner cost of a random page for every session of the pool', () => {
    expect(sessionOptions('postgres://petrel@db.example:5432/petrel', undefined)).toBe('-c random_page_cost=1.1');
  });

  it("leaves the operator's own options alone: an options parameter in the URL, or PGOPTIONS", () => {
    expect(sessionOptions('postgres://petrel@db.example/petrel?options=-c%20work_mem%3D64MB', undefined)).toBeUndefined();
    expect(sessionOptions('postgres://petrel@db.example/petrel', '-c random_page_cost=2')).toBeUndefined();
  });

  it('takes PGOPTIONS from the configuration, the one reader of the environment', () => {
    expect(loadConfig({ PGOPTIONS: '-c random_page_cost=2' }).pgOptions).toBe('-c random_page_cost=2');
    expect(loadConfig({}).pgOptions).toBeUndefined();
  });
});

describe('the sessions of the database this run uses (PGlite, or DATABASE_URL)', () => {
  it('plan with Petrel session settings', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'petrel-session-'));
    const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir });
    try {
      for (const [name, value] of Object.entries(SESSION_SETTINGS)) {
        const { rows } = await sql<Record<string, string>>`SELECT current_setting(${name}) AS value`.execute(handle.db);
        expect(rows[0]?.value).toBe(value);
      }
    } finally {
      await handle.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
