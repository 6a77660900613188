import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrayLiteral, encodeParameters } from './array-parameters.ts';
import { type DbHandle, openDatabase, StatementNames } from './db.ts';

const AWKWARD_TEXTS = ['', ' ', 'NULL', 'null', 'a,b', '{x}', 'say "hi"', 'back\\slash', '\\"', 'tab\there', 'line\nbreak', 'ünïcødé ✓ 😀', '  padded  '];

describe('array parameters, read back by the database this run uses (PGlite, or DATABASE_URL)', () => {
  let handle: DbHandle<unknown>;
  let db: Kysely<unknown>;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'petrel-arrays-'));
    handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir });
    db = handle.db;
  });
  afterAll(async () => {
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Sends `literal` as a text parameter cast to `type`, and reads the array back. */
  async function readBack(literal: string | undefined, type: string): Promise<unknown[]> {
    expect(literal).toBeTypeOf('string');
    const { rows } = await sql<{ v: unknown[] }>`SELECT CAST(${literal} AS ${sql.raw(type)}) AS v`.execute(db);
    return rows[0]!.v;
  }

  it('keeps every text as it was: quotes, backslashes, commas, braces, spaces, the word NULL, NULL itself', async () => {
    const values = [...AWKWARD_TEXTS, null];
    expect(await readBack(arrayLiteral(values), 'text[]')).toEqual(values);
  });

  it('keeps numbers, big ids, decimals as text, booleans and NULLs', async () => {
    const { rows } = await sql<{ v: string }>`SELECT CAST(${arrayLiteral([1, -2, 9007199254740991, 2n ** 62n, null, undefined])} AS bigint[])::text AS v`.execute(db);
    expect(rows[0]!.v).toBe('{1,-2,9007199254740991,4611686018427387904,NULL,NULL}');
    const money = await sql<{ v: string }>`SELECT CAST(${arrayLiteral(['0.0123', '-5', '12345678901234567890.123456789'])} AS numeric[])::text AS v`.execute(db);
    expect(money.rows[0]!.v).toBe('{0.0123,-5,12345678901234567890.123456789}');
    expect(await readBack(arrayLiteral([true, false, null]), 'boolean[]')).toEqual([true, false, null]);
    expect(await readBack(arrayLiteral([[1, 2], [3, null]]), 'int[][]')).toEqual([[1, 2], [3, null]]);
  });

  it('keeps instants to the millisecond, and the UTC day for a date cast', async () => {
    const at = [new Date('2026-11-28T23:59:59.999Z'), new Date('2026-01-01T00:00:00.000Z'), new Date('0999-03-04T05:06:07.008Z'), null];
    const back = (await readBack(arrayLiteral(at), 'timestamptz[]')) as (Date | null)[];
    expect(back.map((d) => d?.getTime() ?? null)).toEqual(at.map((d) => d?.getTime() ?? null));
    const { rows } = await sql<{ v: string }>`SELECT CAST(${arrayLiteral(at.slice(0, 2))} AS date[])::text AS v`.execute(db);
    expect(rows[0]!.v).toBe('{2026-11-28,2026-01-01}');
  });

  it('keeps bytes, the empty and the binary', async () => {
    const bytes = [Buffer.from('Hello'), Buffer.alloc(0), Buffer.from([0, 0x5c, 0x22, 0xff]), new Uint8Array([1, 2, 3]).subarray(1)];
    const back = (await readBack(arrayLiteral(bytes), 'bytea[]')) as Uint8Array[];
    expect(back.map((b) => Buffer.from(b).toString('hex'))).toEqual(['48656c6c6f', '', '005c22ff', '0203']);
  });

  it('sends JS arrays and dates through the platform’s own connection the same way', async () => {
    const at = new Date('2026-11-28T05:06:07.089Z');
    const { rows } = await sql<{ t: string[]; n: number[]; d: Date }>`SELECT ${AWKWARD_TEXTS}::text[] AS t, ${[3, 1, 2]}::int[] AS n, ${at}::timestamptz AS d`.execute(db);
    expect(rows[0]!.t).toEqual(AWKWARD_TEXTS);
    expect(rows[0]!.n).toEqual([3, 1, 2]);
    expect(new Date(rows[0]!.d).getTime()).toBe(at.getTime());
  });
});

describe('what is left to the pg driver unchanged', () => {
  it('objects, invalid dates and years pg spells out its own way', () => {
    expect(arrayLiteral([{ a: 1 }])).toBeUndefined();
    expect(arrayLiteral([new Date(Number.NaN)])).toBeUndefined();
    expect(arrayLiteral([new Date('+010000-01-01T00:00:00Z')])).toBeUndefined();
    const object = { a: 1 };
    const invalid = new Date(Number.NaN);
    const out = encodeParameters([[object], invalid, 'text', 5]);
    expect(out[0]).toEqual([object]);
    expect(out[1]).toBe(invalid);
    expect(out.slice(2)).toEqual(['text', 5]);
  });

  it('dates when the local zone is not UTC (pg writes them in local time, which a date cast reads)', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      const at = new Date('2026-11-28T03:00:00Z');
      expect(encodeParameters([at])[0]).toBe(at);
      expect(arrayLiteral([at])).toBeUndefined();
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

describe('the pool’s clients (StatementNames with encodeParameters)', () => {
  function recordingClient() {
    const calls: unknown[][] = [];
    const client = { query: (_text: unknown, values?: unknown) => Promise.resolve(calls.push(values as unknown[])) };
    return { calls, client: client as unknown as pg.PoolClient };
  }

  it('hand the driver literals in place of arrays, leaving the caller’s values alone', async () => {
    const { client, calls } = recordingClient();
    const values = [[1, 2], 'x', null];
    await new StatementNames(undefined, encodeParameters).prepareOn(client).query('SELECT $1::int[], $2, $3', values);
    expect(calls).toEqual([['{1,2}', 'x', null]]);
    expect(values[0]).toEqual([1, 2]);
  });

  it('are patched once, however often they are handed out', () => {
    const { client } = recordingClient();
    const names = new StatementNames(undefined, encodeParameters);
    const first = names.prepareOn(client).query;
    expect(names.prepareOn(client).query).toBe(first);
  });
});
