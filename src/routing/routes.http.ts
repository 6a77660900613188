import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { visibleClient } from '../accounts/client-access-scope.ts';
import { diffFields } from '../accounts/diff-fields.ts';
import { actorOf } from '../accounts/operator.ts';
import { operatorOf } from '../accounts/operator-auth.ts';
import { jsonSchema, parseWith } from '../http/validate.ts';
import { notFound, validationFailed } from '../platform/errors.ts';
import { idParams, optionalIdQuery } from './http-params.ts';
import { type MessagePathDeps, transact } from './message-path-deps.ts';
import { type RouteRecord, RouteStore } from './route.store.ts';

const ref = (what: string) => z.number({ error: `a ${what} id, or null` }).int(`a ${what} id`).positive(`a ${what} id`);
const list = (item: z.ZodType<string>, example: string) => z.array(item, { error: `a list, e.g. ${example}` }).max(200, 'at most 200 values');
const routeFields = {
  name: z.string({ error: 'text' }).trim().max(100, 'at most 100 characters'),
  clientId: ref('client').nullable(),
  destinationId: ref('destination').nullable(),
  priority: z.number({ error: 'an integer (lower wins)' }).int('an integer (lower wins)').min(0, 'at least 0').max(1_000_000, 'at most 1000000'),
  poolId: ref('pool'),
  filterSenders: list(z.string().trim().min(1, 'not empty').max(20, 'at most 20 characters'), '["MyShop"]'),
  filterPrefixes: list(
    z
      .string()
      .regex(/^\+?\d{1,15}$/, 'number prefixes: 1–15 digits')
      .transform((p) => p.replace(/^\+/, '')),
    '["38067"]',
  ),
  filterText: list(z.string().min(1, 'not empty').max(100, 'at most 100 characters'), '["promo"]'),
  rerouteCodes: z.array(z.number().int().min(0).max(0xffffffff), { error: 'a list of error codes, e.g. [8, 88]' }).max(100),
  enabled: z.boolean({ error: 'true or false' }),
};
const createBody = z.strictObject({
  ...routeFields,
  name: routeFields.name.default(''),
  clientId: routeFields.clientId.default(null),
  destinationId: routeFields.destinationId.default(null),
  priority: routeFields.priority.default(100),
  filterSenders: routeFields.filterSenders.default([]),
  filterPrefixes: routeFields.filterPrefixes.default([]),
  filterText: routeFields.filterText.default([]),
  rerouteCodes: routeFields.rerouteCodes.default([]),
  enabled: routeFields.enabled.default(true),
});
type Fields = typeof routeFields;
const patchBody = z.strictObject(Object.fromEntries(Object.entries(routeFields).map(([k, s]) => [k, s.optional()])) as { [K in keyof Fields]: z.ZodOptional<Fields[K]> });
const listQuery = z.strictObject({ clientId: z.union([z.literal('null'), optionalIdQuery()]).optional(), destinationId: optionalIdQuery() });

export const routeView = (r: RouteRecord) => ({
  id: r.id,
  name: r.name,
  kind: r.clientId === null ? ('general' as const) : ('personal' as const),
  clientId: r.clientId,
  destinationId: r.destinationId,
  priority: r.priority,
  poolId: r.poolId,
  filterSenders: r.filterSenders,
  filterPrefixes: r.filterPrefixes,
  filterText: r.filterText,
  rerouteCodes: r.rerouteCodes,
  enabled: r.enabled,
  createdAt: r.createdAt,
});

/** Routes: general ones (clientId null) and a client's personal ones, each to a pool of vendors. */
export function registerRouteRoutes(app: FastifyInstance, deps: MessagePathDeps): void {
  const { auth, history } = deps;
  const store = new RouteStore(deps.db);
  const tags = ['routing'];
  const checkReferences = async (r: Parameters<RouteStore['missingReferences']>[0]) => {
    const missing = await store.missingReferences(r);
    if (missing.length) throw validationFailed(Object.fromEntries(missing.map((f) => [f, 'no such record'])));
  };

  app.get('/api/admin/routes', { schema: { tags, summary: 'List routes (admin); clientId=null for general routes only', querystring: jsonSchema(listQuery) }, preHandler: auth.guard('admin') }, async (request) => {
    const q = parseWith(listQuery, request.query, 'query');
    const routes = await store.list({ clientId: q.clientId === 'null' ? null : q.clientId, destinationId: q.destinationId });
    return { items: routes.map(routeView) };
  });

  app.get('/api/admin/clients/:id/routes', { schema: { tags, summary: "A client's personal routes and the general ones, in failover order" }, preHandler: auth.guard() }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    await visibleClient(deps.db, operatorOf(request), id);
    return { items: (await store.forClient(id)).map(routeView) };
  });

  app.get('/api/admin/routes/:id', { schema: { tags, summary: 'One route (admin)' }, preHandler: auth.guard('admin') }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    const r = await store.findById(id);
    if (!r) throw notFound('route');
    return { route: routeView(r) };
  });

  app.post('/api/admin/routes', { schema: { tags, summary: 'Create a route (admin): general when clientId is null, else personal', body: jsonSchema(createBody) }, preHandler: auth.guard('admin') }, async (request, reply) => {
    const body = parseWith(createBody, request.body);
    await checkReferences(body);
    const created = await transact(deps.db, async (trx) => {
      const r = await store.in(trx).insert(body);
      await history.record(trx, 'route', r.id, 'create', actorOf(operatorOf(request)), diffFields(null, routeView(r)));
      return r;
    });
    return reply.code(201).send({ route: routeView(created) });
  });

  app.patch('/api/admin/routes/:id', { schema: { tags, summary: 'Edit a route (admin)', body: jsonSchema(patchBody) }, preHandler: auth.guard('admin') }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    const body = parseWith(patchBody, request.body);
    const before = await store.findById(id);
    if (!before) throw notFound('route');
    await checkReferences(body);
    const after = await transact(deps.db, async (trx) => {
      const r = await store.in(trx).update(id, body);
      if (!r) throw notFound('route');
      await history.record(trx, 'route', id, 'update', actorOf(operatorOf(request)), diffFields(routeView(before), routeView(r)));
      return r;
    });
    return { route: routeView(after) };
  });

  app.delete('/api/admin/routes/:id', { schema: { tags, summary: 'Delete a route (admin)' }, preHandler: auth.guard('admin') }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    const before = await store.findById(id);
    if (!before) throw notFound('route');
    await transact(deps.db, async (trx) => {
      await store.in(trx).delete(id);
      await history.record(trx, 'route', id, 'delete', actorOf(operatorOf(request)), diffFields(routeView(before), {}));
    });
    return { ok: true };
  });
}
