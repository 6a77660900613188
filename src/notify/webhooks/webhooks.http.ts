import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { visibleClient } from '../../accounts/client-access-scope.ts';
import { type OperatorAuth, operatorOf } from '../../accounts/operator-auth.ts';
import { idParams, withoutEmpty } from '../../accounts/route-params.ts';
import type { Database } from '../../database.ts';
import { OPERATOR_ERRORS, responses } from '../../http/rest-v1/openapi.ts';
import { jsonSchema, parseWith } from '../../http/validate.ts';
import type { Clock } from '../../platform/clock.ts';
import { validationFailed } from '../../platform/errors.ts';
import type { DeliveriesStore } from './deliveries.store.ts';
import type { UrlGuard } from './url-guard.ts';
import type { WebhookSettingsStore } from './webhook-settings.store.ts';

const eventSchema = z.enum(['dlr', 'mo']);
const settingsBody = z.strictObject({
  url: z.string().min(1, 'required; null turns the webhook off').nullable().describe('where DLR and MO are POSTed; null: only callbackUrl deliveries'),
  events: z.array(eventSchema).max(2).default(['dlr', 'mo']).describe('dlr: delivery reports; mo: incoming messages'),
});
const settingsView = z.object({
  url: z.string().nullable(),
  events: z.array(eventSchema),
  secretPrefix: z.string().describe('the first characters of the signing secret'),
  updatedAt: z.string(),
});
const getAnswer = z.object({ webhook: settingsView.nullable() });
const putAnswer = z.object({ webhook: settingsView, secret: z.string().optional().describe('the signing secret, shown only when it was just made') });
const rotateAnswer = z.object({ webhook: settingsView, secret: z.string().describe('the new signing secret, shown once') });
const deliveriesQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  event: z.enum(['dlr', 'mo', 'dlr_url']).optional(),
});
const tryView = z.object({ attempt: z.number(), at: z.string(), statusCode: z.number().nullable(), error: z.string().nullable(), durationMs: z.number() });
const deliveryView = z.object({
  id: z.number(),
  event: z.enum(['dlr', 'mo', 'dlr_url']),
  messageId: z.string().nullable(),
  inboxId: z.string().nullable(),
  method: z.enum(['GET', 'POST']),
  url: z.string(),
  body: z.string().nullable(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  resendOf: z.number().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  tries: z.array(tryView),
});
const deliveriesAnswer = z.object({ items: z.array(deliveryView), total: z.number(), page: z.number(), pageSize: z.number() });
const resendBody = z
  .strictObject({
    from: z.iso.datetime({ offset: true, error: 'an ISO 8601 date-time' }),
    to: z.iso.datetime({ offset: true, error: 'an ISO 8601 date-time' }),
    onlyFailed: z.boolean().default(false),
  })
  .refine((b) => new Date(b.from) <= new Date(b.to), { path: ['to'], message: 'must not be before from' });
const resendAnswer = z.object({ resent: z.number().describe('deliveries queued again') });

export interface WebhookRoutesDeps {
  readonly db: Kysely<Database>;
  readonly auth: OperatorAuth;
  readonly clock: Clock;
  readonly settings: WebhookSettingsStore;
  readonly deliveries: DeliveriesStore;
  readonly guard: UrlGuard;
  /** New deliveries were queued (a resend): the sender looks at once. */
  readonly wake: () => void;
}

/** A client's webhook on its profile page: settings, secret, delivery log and resend. */
export function registerWebhookRoutes(app: FastifyInstance, deps: WebhookRoutesDeps): void {
  const preHandler = deps.auth.guard();
  const tags = ['webhooks'];
  const params = jsonSchema(idParams);
  const client = async (request: Parameters<typeof operatorOf>[0]) => visibleClient(deps.db, operatorOf(request), parseWith(idParams, request.params, 'path').id);

  app.get('/api/admin/clients/:id/webhook', { schema: { tags, summary: "A client's webhook (the secret is never shown again)", params, response: responses({ 200: { description: 'the settings, or null', schema: getAnswer } }, OPERATOR_ERRORS) }, preHandler }, async (request) => {
    const c = await client(request);
    return { webhook: await deps.settings.get(c.id) };
  });

  app.put(
    '/api/admin/clients/:id/webhook',
    { schema: { tags, summary: 'Set the webhook URL and events; the first save shows the signing secret once', params, body: jsonSchema(settingsBody), response: responses({ 200: { description: 'saved', schema: putAnswer } }, [...OPERATOR_ERRORS, 'validation_failed']) }, preHandler },
    async (request) => {
      const c = await client(request);
      const body = parseWith(settingsBody, request.body);
      if (body.url !== null) {
        const checked = await deps.guard.check(body.url);
        if (!checked.ok) throw validationFailed({ url: checked.reason });
      }
      const saved = await deps.settings.put(c.id, body.url, [...new Set(body.events)], deps.clock.now());
      return { webhook: saved.settings, ...(saved.secret ? { secret: saved.secret } : {}) };
    },
  );

  app.post(
    '/api/admin/clients/:id/webhook/rotate-secret',
    { schema: { tags, summary: 'Make a new signing secret (shown once); the old one stops signing at once', params, response: responses({ 200: { description: 'the new secret', schema: rotateAnswer } }, OPERATOR_ERRORS) }, preHandler },
    async (request) => {
      const c = await client(request);
      const r = await deps.settings.rotate(c.id, deps.clock.now());
      return { webhook: r.settings, secret: r.secret };
    },
  );

  app.get(
    '/api/admin/clients/:id/webhook/deliveries',
    { schema: { tags, summary: 'The delivery log: every DLR, MO and dlr-url call with its tries, newest first', params, querystring: jsonSchema(deliveriesQuery), response: responses({ 200: { description: 'a page of deliveries', schema: deliveriesAnswer } }, [...OPERATOR_ERRORS, 'validation_failed']) }, preHandler },
    async (request) => {
      const c = await client(request);
      const q = parseWith(deliveriesQuery, withoutEmpty(request.query), 'query');
      const page = await deps.deliveries.page(c.id, q);
      return { ...page, page: q.page, pageSize: q.pageSize };
    },
  );

  app.post(
    '/api/admin/clients/:id/webhook/resend',
    { schema: { tags, summary: 'Queue again the deliveries made in a time range (as new deliveries)', params, body: jsonSchema(resendBody), response: responses({ 202: { description: 'queued', schema: resendAnswer } }, [...OPERATOR_ERRORS, 'validation_failed']) }, preHandler },
    async (request, reply) => {
      const c = await client(request);
      const body = parseWith(resendBody, request.body);
      const resent = await deps.deliveries.resend(c.id, new Date(body.from), new Date(body.to), deps.clock.now(), body.onlyFailed);
      if (resent > 0) deps.wake();
      return reply.code(202).send({ resent });
    },
  );
}
