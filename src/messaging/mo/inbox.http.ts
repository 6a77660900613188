import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { visibleClient } from '../../accounts/client-access-scope.ts';
import { type OperatorAuth, operatorOf } from '../../accounts/operator-auth.ts';
import type { Database } from '../../database.ts';
import { parseWith } from '../../http/validate.ts';
import { listInbox } from './inbox.store.ts';

const params = z.object({ id: z.coerce.number().int().positive('not a valid id') });
const query = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.coerce.number().int().positive().optional(),
});

/** `GET /api/admin/clients/{id}/inbox`: the MO a client received, newest first. */
export function registerInboxRoutes(app: FastifyInstance, deps: { readonly db: Kysely<Database>; readonly auth: OperatorAuth }): void {
  app.get(
    '/api/admin/clients/:id/inbox',
    {
      schema: {
        tags: ['messages'],
        summary: "A client's incoming messages (MO), newest first",
        querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 500 }, before: { type: 'integer', description: 'the last id of the previous page' } } },
      },
      preHandler: deps.auth.guard(),
    },
    async (request) => {
      const { id } = parseWith(params, request.params, 'path');
      const q = parseWith(query, request.query, 'query');
      await visibleClient(deps.db, operatorOf(request), id);
      const items = await listInbox(deps.db, id, q.limit, q.before);
      return { items, nextBefore: items.length === q.limit ? items[items.length - 1]?.id : null };
    },
  );
}
