import type { FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../database.ts';
import { operatorOf } from './operator-auth.ts';

/**
 * The clients whose traffic the signed-in operator may see: every client for an admin
 * (`undefined`), the clients they manage for a manager (possibly none).
 */
export async function clientScopeOf(db: Kysely<Database>, request: FastifyRequest): Promise<number[] | undefined> {
  const op = operatorOf(request);
  if (op.role === 'admin') return undefined;
  const { rows } = await sql<{ id: number }>`SELECT id FROM clients WHERE manager_id = ${op.id}`.execute(db);
  return rows.map((r) => Number(r.id));
}
