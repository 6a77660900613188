import type { FastifyInstance } from 'fastify';
import { notFound } from '../platform/errors.ts';
import { jsonSchema, parseWith } from '../http/validate.ts';
import type { AccountsStores } from './accounts-stores.ts';
import { createLegalEntity, deleteLegalEntity, updateLegalEntity } from './manage-legal-entities.ts';
import { type OperatorAuth, operatorOf } from './operator-auth.ts';
import { idParams } from './route-params.ts';
import { legalEntityCreateSchema, legalEntityUpdateSchema } from './rules/list-schemas.ts';

/** The operator's legal entities ("Enterprise" of a client): reads for every operator, writes for admins. */
export function registerLegalEntityRoutes(app: FastifyInstance, { auth, stores }: { readonly auth: OperatorAuth; readonly stores: AccountsStores }): void {
  const tags = ['lists'];
  const params = jsonSchema(idParams);
  const path = '/api/admin/legal-entities';

  app.get(path, { schema: { tags, summary: "List the operator's legal entities" }, preHandler: auth.guard() }, async () => ({ items: await stores.legalEntities.list() }));

  app.get(`${path}/:id`, { schema: { tags, summary: 'One legal entity', params }, preHandler: auth.guard() }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    const found = await stores.legalEntities.findById(id);
    if (!found) throw notFound('legal entity');
    return { legalEntity: found };
  });

  app.post(path, { schema: { tags, summary: 'Add a legal entity (admin only)', body: jsonSchema(legalEntityCreateSchema) }, preHandler: auth.guard('admin') }, async (request, reply) => {
    const body = parseWith(legalEntityCreateSchema, request.body);
    return reply.code(201).send({ legalEntity: await createLegalEntity(stores, operatorOf(request), body) });
  });

  app.patch(`${path}/:id`, { schema: { tags, summary: 'Edit a legal entity (admin only)', params, body: jsonSchema(legalEntityUpdateSchema) }, preHandler: auth.guard('admin') }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    const body = parseWith(legalEntityUpdateSchema, request.body);
    return { legalEntity: await updateLegalEntity(stores, operatorOf(request), id, body) };
  });

  app.delete(`${path}/:id`, { schema: { tags, summary: 'Delete a legal entity nobody uses (admin only)', params }, preHandler: auth.guard('admin') }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    await deleteLegalEntity(stores, operatorOf(request), id);
    return { ok: true };
  });
}
