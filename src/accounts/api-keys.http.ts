import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { OPERATOR_ERRORS, responses } from '../http/rest-v1/openapi.ts';
import { jsonSchema, parseWith } from '../http/validate.ts';
import type { Clock } from '../platform/clock.ts';
import { notFound } from '../platform/errors.ts';
import { newApiKey } from './api-keys-format.ts';
import type { ApiKeyStore } from './api-keys.store.ts';
import { visibleClient } from './client-access-scope.ts';
import { type OperatorAuth, operatorOf } from './operator-auth.ts';
import { idParams } from './route-params.ts';
import type { AccountsTables } from './tables.ts';

const createBody = z.strictObject({
  name: z.string().trim().min(1, 'required').max(100, 'at most 100 characters'),
  ratePerSecond: z.number().int().min(1).max(100_000).nullable().default(null).describe('requests per second this key may make; null: the platform default'),
});
const keyParams = idParams.extend({ keyId: idParams.shape.id });
const keyView = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string().describe("the key's first characters, to recognise it"),
  ratePerSecond: z.number().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
const createdAnswer = z.object({ apiKey: keyView, key: z.string().describe('the key itself: shown only now, stored only as its SHA-256') });
const listAnswer = z.object({ items: z.array(keyView) });
const revokedAnswer = z.object({ apiKey: keyView });

export interface ApiKeyRoutesDeps {
  readonly db: Kysely<AccountsTables>;
  readonly auth: OperatorAuth;
  readonly clock: Clock;
  readonly keys: ApiKeyStore;
  /** A key was revoked: forget it at once (the REST API caches keys briefly). */
  readonly onRevoked: (hash: string) => void;
}

/** REST API keys on a client's profile page: made (shown once), listed, revoked. */
export function registerApiKeyRoutes(app: FastifyInstance, deps: ApiKeyRoutesDeps): void {
  const preHandler = deps.auth.guard();
  const tags = ['api keys'];

  app.post(
    '/api/admin/clients/:id/api-keys',
    { schema: { tags, summary: 'Make a REST API key; the key is in this answer only', params: jsonSchema(idParams), body: jsonSchema(createBody), response: responses({ 201: { description: 'made', schema: createdAnswer } }, [...OPERATOR_ERRORS, 'validation_failed']) }, preHandler },
    async (request, reply) => {
      const op = operatorOf(request);
      const client = await visibleClient(deps.db, op, parseWith(idParams, request.params, 'path').id);
      const body = parseWith(createBody, request.body);
      const made = newApiKey();
      const apiKey = await deps.keys.create({ clientId: client.id, name: body.name, prefix: made.prefix, hash: made.hash, ratePerSecond: body.ratePerSecond, createdBy: op.login, at: deps.clock.now() });
      return reply.code(201).send({ apiKey, key: made.key });
    },
  );

  app.get(
    '/api/admin/clients/:id/api-keys',
    { schema: { tags, summary: "A client's API keys (never the keys themselves)", params: jsonSchema(idParams), response: responses({ 200: { description: 'the keys, revoked ones included', schema: listAnswer } }, OPERATOR_ERRORS) }, preHandler },
    async (request) => {
      const client = await visibleClient(deps.db, operatorOf(request), parseWith(idParams, request.params, 'path').id);
      return { items: await deps.keys.list(client.id) };
    },
  );

  app.delete(
    '/api/admin/clients/:id/api-keys/:keyId',
    { schema: { tags, summary: 'Revoke an API key: it stops working at once', params: jsonSchema(keyParams), response: responses({ 200: { description: 'revoked', schema: revokedAnswer } }, OPERATOR_ERRORS) }, preHandler },
    async (request) => {
      const { id, keyId } = parseWith(keyParams, request.params, 'path');
      const client = await visibleClient(deps.db, operatorOf(request), id);
      const revoked = await deps.keys.revoke(client.id, keyId, deps.clock.now());
      if (!revoked) throw notFound('API key');
      deps.onRevoked(revoked.hash);
      const { hash: _hash, ...apiKey } = revoked;
      return { apiKey };
    },
  );
}
