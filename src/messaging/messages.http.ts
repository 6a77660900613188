import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { OperatorAuth } from '../accounts/operator-auth.ts';
import { clientScopeOf } from '../accounts/operator-scope.ts';
import type { Database } from '../database.ts';
import { parseWith } from '../http/validate.ts';
import type { RefusalLog } from './intake/refusal-log.ts';

const query = z.object({
  clientId: z.coerce.number().int().positive('not a valid id').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/**
 * `GET /api/admin/refusals?clientId=&limit=`: the operator's Blocked SMS view — the latest
 * messages intake refused on this node (nothing of them was stored or charged), newest first, with
 * the client's login, the refusal code and the reason; plus the count per code since start (admins).
 * Managers see their clients'.
 */
export function registerRefusalRoutes(app: FastifyInstance, deps: { readonly db: Kysely<Database>; readonly auth: OperatorAuth; readonly refusals: RefusalLog }): void {
  app.get(
    '/api/admin/refusals',
    {
      schema: {
        tags: ['messages'],
        summary: 'Blocked SMS: the latest refusals at intake (bounded, per node)',
        querystring: { type: 'object', properties: { clientId: { type: 'integer' }, limit: { type: 'integer', minimum: 1, maximum: 1000 } } },
      },
      preHandler: deps.auth.guard(),
    },
    async (request) => {
      const q = parseWith(query, request.query, 'query');
      const scope = await clientScopeOf(deps.db, request);
      let clientIds = scope && new Set(scope);
      if (q.clientId !== undefined) clientIds = clientIds && !clientIds.has(q.clientId) ? new Set() : new Set([q.clientId]);
      const items = deps.refusals.list({ limit: q.limit, ...(clientIds ? { clientIds } : {}) });
      const ids = [...new Set(items.map((r) => r.clientId))];
      const logins = new Map(ids.length === 0 ? [] : (await deps.db.selectFrom('clients').select(['id', 'login']).where('id', 'in', ids).execute()).map((c) => [Number(c.id), c.login]));
      return { items: items.map((r) => ({ ...r, clientLogin: logins.get(r.clientId) ?? null })), totals: scope === undefined ? deps.refusals.totals() : undefined };
    },
  );
}
