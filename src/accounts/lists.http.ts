import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../platform/errors.ts';
import { jsonSchema, parseWith } from '../http/validate.ts';
import type { AccountsStores } from './accounts-stores.ts';
import { addListItem, deleteListItem, type NamedList, namedListsOf, renameListItem } from './manage-named-list.ts';
import { listCurrencies, setCurrencyEnabled, setPlatformDefaults } from './manage-settings.ts';
import { type OperatorAuth, operatorOf } from './operator-auth.ts';
import { idParams, withoutEmpty } from './route-params.ts';
import { currencyToggleSchema, listItemSchema, platformDefaultsSchema } from './rules/list-schemas.ts';

const HISTORY_ENTITIES = ['client', 'operator', 'currency', 'business_type', 'category_type', 'legal_entity', 'product', 'platform_defaults'] as const;
const historyQuery = z.strictObject({
  entity: z.enum(HISTORY_ENTITIES, { error: `one of ${HISTORY_ENTITIES.join(', ')}` }),
  entityId: z.coerce.number({ error: 'not a valid id' }).int('not a valid id').positive('not a valid id').optional(),
});
const codeParams = z.object({ code: z.string() });

interface Deps {
  readonly auth: OperatorAuth;
  readonly stores: AccountsStores;
}

/** The lists the client form refers to (reads for every operator, writes for admins), managers and history. */
export function registerListRoutes(app: FastifyInstance, deps: Deps): void {
  const { auth, stores } = deps;
  const lists = namedListsOf(stores);
  registerNamedList(app, deps, '/api/admin/business-types', 'businessType', lists.businessTypes);
  registerNamedList(app, deps, '/api/admin/category-types', 'categoryType', lists.categoryTypes);
  const tags = ['lists'];

  app.get('/api/admin/currencies', { schema: { tags, summary: 'ISO 4217 currencies and whether new clients may use them' }, preHandler: auth.guard() }, async () => ({
    items: await listCurrencies(stores),
  }));

  app.put('/api/admin/currencies/:code', { schema: { tags, summary: 'Enable or disable a currency (admin only)', body: jsonSchema(currencyToggleSchema) }, preHandler: auth.guard('admin') }, async (request) => {
    const { code } = parseWith(codeParams, request.params, 'path');
    const { enabled } = parseWith(currencyToggleSchema, request.body);
    if (!/^[A-Z]{3}$/.test(code)) throw notFound(`currency ${code}`);
    return { currency: await setCurrencyEnabled(stores, operatorOf(request), code, enabled) };
  });

  app.get('/api/admin/settings/defaults', { schema: { tags, summary: 'Platform defaults for clients that leave these fields out' }, preHandler: auth.guard() }, async () => ({
    defaults: await stores.platformDefaults.get(),
  }));

  app.put('/api/admin/settings/defaults', { schema: { tags, summary: 'Set the platform defaults (admin only)', body: jsonSchema(platformDefaultsSchema) }, preHandler: auth.guard('admin') }, async (request) => {
    const body = parseWith(platformDefaultsSchema, request.body);
    return { defaults: await setPlatformDefaults(stores, operatorOf(request), body) };
  });

  app.get('/api/admin/managers', { schema: { tags, summary: 'Active managers, for the Manager field of a client' }, preHandler: auth.guard() }, async () => ({
    items: (await stores.operators.list()).filter((o) => o.role === 'manager' && !o.disabled).map((o) => ({ id: o.id, login: o.login, name: o.name })),
  }));

  app.get('/api/admin/history', { schema: { tags, summary: 'History of a list, or of one of its entries (admin only)', querystring: jsonSchema(historyQuery) }, preHandler: auth.guard('admin') }, async (request) => {
    const { entity, entityId } = parseWith(historyQuery, withoutEmpty(request.query), 'query');
    const items = entityId === undefined ? await stores.history.listEntity(entity) : (await stores.history.list(entity, entityId)).map((i) => ({ ...i, entityId }));
    return { items: items.map((i) => ({ ...i, entity })) };
  });
}

function registerNamedList(app: FastifyInstance, { auth, stores }: Deps, path: string, key: string, list: NamedList): void {
  const tags = ['lists'];
  const params = jsonSchema(idParams);
  const body = jsonSchema(listItemSchema);

  app.get(path, { schema: { tags, summary: `List the ${list.what}s` }, preHandler: auth.guard() }, async () => ({ items: await list.store.list() }));

  app.post(path, { schema: { tags, summary: `Add a ${list.what} (admin only)`, body }, preHandler: auth.guard('admin') }, async (request, reply) => {
    const { name } = parseWith(listItemSchema, request.body);
    return reply.code(201).send({ [key]: await addListItem(stores, list, operatorOf(request), name) });
  });

  app.patch(`${path}/:id`, { schema: { tags, summary: `Rename a ${list.what} (admin only)`, params, body }, preHandler: auth.guard('admin') }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    const { name } = parseWith(listItemSchema, request.body);
    return { [key]: await renameListItem(stores, list, operatorOf(request), id, name) };
  });

  app.delete(`${path}/:id`, { schema: { tags, summary: `Delete a ${list.what} no client has (admin only)`, params }, preHandler: auth.guard('admin') }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    await deleteListItem(stores, list, operatorOf(request), id);
    return { ok: true };
  });
}
