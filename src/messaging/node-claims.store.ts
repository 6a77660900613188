import { type Kysely, sql } from 'kysely';
import type { Database } from '../database.ts';

export interface TakenBack {
  readonly messages: number;
  readonly reports: number;
  readonly mo: number;
}

/**
 * Gives back, at start, every claim a node of this name still holds: it is this node's own from
 * before a crash (its name is held by one running process at a time, see node-identity.ts), so
 * nothing is on its way under it any more. The rows are due at once instead of when their leases
 * run out. A message sent just before the crash whose response was not stored goes again: the
 * same duplicate window as a lease that runs out, only shorter to wait for.
 */
export async function takeBackClaims(db: Kysely<Database>, nodeId: string): Promise<TakenBack> {
  const { rows } = await sql<{ messages: number; reports: number; mo: number }>`
    WITH m AS (
      UPDATE messages SET claimed_until = NULL, claimed_by = NULL
      WHERE state IN ('queued', 'scheduled') AND claimed_until IS NOT NULL AND claimed_by = ${nodeId} RETURNING 1
    ), r AS (
      UPDATE client_reports SET claimed_until = NULL, claimed_by = NULL
      WHERE delivered_at IS NULL AND claimed_until IS NOT NULL AND claimed_by = ${nodeId} RETURNING 1
    ), i AS (
      UPDATE inbox SET claimed_until = NULL, claimed_by = NULL
      WHERE delivered_at IS NULL AND claimed_until IS NOT NULL AND claimed_by = ${nodeId} RETURNING 1
    )
    SELECT (SELECT count(*) FROM m)::int AS messages, (SELECT count(*) FROM r)::int AS reports, (SELECT count(*) FROM i)::int AS mo`.execute(db);
  const r = rows[0];
  return { messages: r?.messages ?? 0, reports: r?.reports ?? 0, mo: r?.mo ?? 0 };
}
