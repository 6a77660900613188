import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openDatabase } from './db.ts';
import { TIMESTAMPTZ_OID, driverTimestamptzParser, parseTimestamptz } from './result-dates.ts';

const same = (text: string): void => {
  const ours = parseTimestamptz(text);
  const driver = driverTimestamptzParser(text);
  expect(ours instanceof Date ? ours.getTime() : ours, text).toEqual(driver instanceof Date ? driver.getTime() : driver);
};

describe('reading timestamptz results', () => {
  it('reads what PostgreSQL writes as the driver does, to the millisecond, for every zone shape', () => {
    for (const text of [
      '2026-11-28 09:15:00+00',
      '2026-11-28 09:15:00.123456+00',
      '2026-11-28 09:15:00.1+00',
      '2026-11-28 09:15:00.12+00',
      '2026-11-28 09:15:00.999999+00',
      '2026-11-28 14:45:00.5+05:30',
      '2026-11-28 05:45:00-03:30',
      '1900-01-01 00:19:32+00:19:32',
      '1900-01-01 00:00:00-00:17:30',
      '2026-12-31 23:59:59.999+14',
      '1000-01-01 00:00:00+00',
      '9999-12-31 23:59:59.999999-12',
      '2024-02-29 12:00:00+01',
    ]) {
      same(text);
      expect(parseTimestamptz(text)).toBeInstanceOf(Date);
    }
    expect((parseTimestamptz('2026-11-28 14:45:00.5+05:30') as Date).toISOString()).toBe('2026-11-28T09:15:00.500Z');
  });

  it('leaves what it does not read to the driver: infinity, BC, early years, other shapes', () => {
    for (const text of ['infinity', '-infinity', '0044-03-15 12:00:00+00 BC', '0099-01-01 00:00:00+00', '0999-03-04 05:06:07.008+00', '2026-11-28T09:15:00Z', '2026-11-28 09:15:00', '2026-11-28 09:15:00.+00', '2026-11-28 09:15:00+0', '2026-11-28 09:15:00+05:3', '2026-11-28 09:15:00+05:30:00:00', '2026-1x-28 09:15:00+00', '2026-11-28 09:15:00+0a']) {
      same(text);
    }
  });

  it('is the parser the driver uses for timestamptz once the database module is loaded', () => {
    expect(pg.types.getTypeParser(TIMESTAMPTZ_OID, 'text')).toBe(parseTimestamptz);
  });
});

describe('timestamptz as the database this run uses (PGlite, or DATABASE_URL) writes it, in several session time zones', () => {
  let handle: DbHandle<unknown>;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'petrel-dates-'));
    handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir });
  });
  afterAll(async () => {
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reads the text the server writes in each zone as the instant it holds', async () => {
    const instants = ['2026-11-28T09:15:00.123Z', '1900-01-01T00:00:00.000Z', '2000-02-29T23:59:59.999Z', '1970-01-01T00:00:00.000Z', '2038-01-19T03:14:08.001Z', '2026-06-30T12:00:00.000456Z'];
    await handle.db.connection().execute(async (conn) => {
      for (const zone of ['UTC', 'Asia/Kolkata', 'America/St_Johns', 'Europe/Amsterdam', 'Pacific/Kiritimati']) {
        await sql`SET TIME ZONE ${sql.lit(zone)}`.execute(conn);
        for (const at of instants) {
          const { rows } = await sql<{ text: string; ms: string }>`SELECT ${at}::timestamptz::text AS text, floor(extract(epoch FROM ${at}::timestamptz) * 1000)::bigint::text AS ms`.execute(conn);
          const read = parseTimestamptz(rows[0]!.text);
          expect(read, `${zone} ${rows[0]!.text}`).toBeInstanceOf(Date);
          expect((read as Date).getTime(), `${zone} ${rows[0]!.text}`).toBe(Number(rows[0]!.ms));
        }
      }
      await sql`RESET TIME ZONE`.execute(conn);
    });
  });
});
