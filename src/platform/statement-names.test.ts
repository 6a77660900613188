import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { StatementNames } from './db.ts';

/** A stand-in for a pg client that records how each query was sent. */
function recordingClient() {
  const calls: unknown[] = [];
  const client = { query: (config: unknown, values?: unknown) => Promise.resolve(calls.push(values === undefined ? config : { text: config, values })) };
  return { client: client as unknown as pg.PoolClient, calls };
}

describe('StatementNames', () => {
  it('names a text with parameters the second time it is seen, on every connection alike', async () => {
    const names = new StatementNames();
    const a = recordingClient();
    const b = recordingClient();
    const qa = names.prepareOn(a.client);
    const qb = names.prepareOn(b.client);
    await qa.query('SELECT $1::int', [1]);
    await qa.query('SELECT $1::int', [2]);
    await qb.query('SELECT $1::int', [3]);
    expect(a.calls).toEqual([{ text: 'SELECT $1::int', values: [1] }, { name: 'petrel_1', text: 'SELECT $1::int', values: [2] }]);
    expect(b.calls).toEqual([{ name: 'petrel_1', text: 'SELECT $1::int', values: [3] }]);
  });

  it('leaves statements without parameters (begin, commit) unnamed', async () => {
    const names = new StatementNames();
    const { client, calls } = recordingClient();
    const q = names.prepareOn(client);
    for (let i = 0; i < 3; i++) await q.query('commit', []);
    expect(calls).toEqual([{ text: 'commit', values: [] }, { text: 'commit', values: [] }, { text: 'commit', values: [] }]);
  });

  it('stops naming new texts at its limit, so no connection holds statements without bound', async () => {
    const names = new StatementNames(2);
    const { client, calls } = recordingClient();
    const q = names.prepareOn(client);
    for (const text of ['SELECT $1', 'SELECT $1, 2', 'SELECT $1, 3']) for (let i = 0; i < 2; i++) await q.query(text, [i]);
    expect(calls.filter((c) => (c as { name?: string }).name !== undefined).map((c) => (c as { name: string }).name)).toEqual(['petrel_1', 'petrel_2']);
    await q.query('SELECT $1, 2', [9]);
    expect(calls.at(-1)).toEqual({ name: 'petrel_2', text: 'SELECT $1, 2', values: [9] });
  });

  it('patches a pooled client once, however often it is handed out', () => {
    const names = new StatementNames();
    const { client } = recordingClient();
    const first = names.prepareOn(client).query;
    expect(names.prepareOn(client).query).toBe(first);
  });
});
