import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { OperatorAuth } from '../../accounts/operator-auth.ts';
import { clientScopeOf } from '../../accounts/operator-scope.ts';
import { withoutEmpty } from '../../accounts/route-params.ts';
import type { Database } from '../../database.ts';
import { OPERATOR_ERRORS, responses } from '../../http/rest-v1/openapi.ts';
import { jsonSchema, parseWith } from '../../http/validate.ts';
import { optionalIdQuery } from '../../routing/http-params.ts';
import type { MailOutboxStore } from './mail-outbox.store.ts';

const outboxQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  status: z.enum(['pending', 'sent', 'failed']).optional(),
  clientId: optionalIdQuery(),
});
const mailView = z.object({
  id: z.string(),
  kind: z.enum(['price_update', 'low_balance', 'daily_stats']),
  clientId: z.number().nullable(),
  clientLogin: z.string().nullable(),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  nextAttemptAt: z.string().nullable().describe('when a pending mail is tried next'),
  sentAt: z.string().nullable(),
});
const outboxAnswer = z.object({
  sending: z.boolean().describe('whether an SMTP server is configured (PETREL_SMTP_URL); without one mail waits here'),
  items: z.array(mailView),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

/** The e-mail outbox in the admin panel (interfaces.md: without PETREL_SMTP_URL mail is kept there, visible). */
export function registerMailRoutes(app: FastifyInstance, deps: { readonly db: Kysely<Database>; readonly auth: OperatorAuth; readonly outbox: MailOutboxStore; readonly sending: boolean }): void {
  app.get(
    '/api/admin/mail',
    {
      schema: {
        tags: ['mail'],
        summary: 'The e-mail outbox: every mail to clients (price changes, low balance, daily statistics) with its state and tries, newest first',
        querystring: jsonSchema(outboxQuery),
        response: responses({ 200: { description: 'a page of the outbox', schema: outboxAnswer } }, [...OPERATOR_ERRORS, 'validation_failed']),
      },
      preHandler: deps.auth.guard(),
    },
    async (request) => {
      const q = parseWith(outboxQuery, withoutEmpty(request.query), 'query');
      const page = await deps.outbox.page({ ...q, clientIds: await clientScopeOf(deps.db, request) });
      return { sending: deps.sending, ...page, page: q.page, pageSize: q.pageSize };
    },
  );
}
