import type { FastifyInstance } from 'fastify';
import { jsonSchema, parseWith } from '../http/validate.ts';
import type { AccountsStores } from './accounts-stores.ts';
import { blockClient, unblockClient } from './block-client.ts';
import { clientScopeOf, findVisibleClient } from './client-scope.ts';
import { createClient } from './create-client.ts';
import { type OperatorAuth, operatorOf } from './operator-auth.ts';
import { idParams, withoutEmpty } from './route-params.ts';
import { clientListQuerySchema } from './rules/client-list-query.ts';
import { clientCreateSchema, clientUpdateSchema } from './rules/client-schema.ts';
import { blockSchema, unblockSchema } from './rules/list-schemas.ts';
import { updateClient } from './update-client.ts';

const tags = ['clients'];
const params = jsonSchema(idParams);

/** Client accounts: admins see all of them, a manager only their own (others answer 404). */
export function registerClientRoutes(app: FastifyInstance, deps: { readonly auth: OperatorAuth; readonly stores: AccountsStores }): void {
  const { auth, stores } = deps;
  const preHandler = auth.guard();

  app.post('/api/admin/clients', { schema: { tags, summary: 'Create a client (all fields of clients.md)', body: jsonSchema(clientCreateSchema) }, preHandler }, async (request, reply) => {
    const body = parseWith(clientCreateSchema, request.body);
    return reply.code(201).send({ client: await createClient(stores, operatorOf(request), body) });
  });

  app.get('/api/admin/clients', { schema: { tags, summary: 'Search, filter, sort and page clients', querystring: jsonSchema(clientListQuerySchema) }, preHandler }, async (request) => {
    const query = parseWith(clientListQuerySchema, withoutEmpty(request.query), 'query');
    const scope = clientScopeOf(operatorOf(request));
    const [items, total] = await Promise.all([stores.clients.page(query, scope), stores.clients.count(query, scope)]);
    return { items, total, page: query.page, pageSize: query.pageSize };
  });

  app.get('/api/admin/clients/:id', { schema: { tags, summary: 'One client', params }, preHandler }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    return { client: await findVisibleClient(stores, operatorOf(request), id) };
  });

  app.patch('/api/admin/clients/:id', { schema: { tags, summary: 'Edit a client (any subset; the currency cannot change)', params, body: jsonSchema(clientUpdateSchema) }, preHandler }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    const body = parseWith(clientUpdateSchema, request.body);
    return { client: await updateClient(stores, operatorOf(request), id, body) };
  });

  app.post('/api/admin/clients/:id/block', { schema: { tags, summary: 'Block a client (reason required)', params, body: jsonSchema(blockSchema) }, preHandler }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    const { reason } = parseWith(blockSchema, request.body);
    return { client: await blockClient(stores, operatorOf(request), id, reason) };
  });

  app.post('/api/admin/clients/:id/unblock', { schema: { tags, summary: 'Unblock a client', params, body: jsonSchema(unblockSchema) }, preHandler }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    const { reason } = parseWith(unblockSchema, request.body ?? {});
    return { client: await unblockClient(stores, operatorOf(request), id, reason) };
  });

  app.get('/api/admin/clients/:id/history', { schema: { tags, summary: "A client's history: who changed what, before → after", params }, preHandler }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    await findVisibleClient(stores, operatorOf(request), id);
    return { items: await stores.history.list('client', id) };
  });
}
