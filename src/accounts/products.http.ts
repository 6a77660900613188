import type { FastifyInstance } from 'fastify';
import { notFound } from '../platform/errors.ts';
import { jsonSchema, parseWith } from '../http/validate.ts';
import type { AccountsStores } from './accounts-stores.ts';
import { createProduct, deleteProduct, updateProduct } from './manage-products.ts';
import { type OperatorAuth, operatorOf } from './operator-auth.ts';
import { idParams } from './route-params.ts';
import { productCreateSchema, productUpdateSchema } from './rules/list-schemas.ts';

/** Product presets ("Product type" of a client): reads for every operator, writes for admins. */
export function registerProductRoutes(app: FastifyInstance, { auth, stores }: { readonly auth: OperatorAuth; readonly stores: AccountsStores }): void {
  const tags = ['lists'];
  const params = jsonSchema(idParams);
  const path = '/api/admin/products';

  app.get(path, { schema: { tags, summary: 'List the product presets' }, preHandler: auth.guard() }, async () => ({ items: await stores.products.list() }));

  app.get(`${path}/:id`, { schema: { tags, summary: 'One product preset', params }, preHandler: auth.guard() }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    const found = await stores.products.findById(id);
    if (!found) throw notFound('product');
    return { product: found };
  });

  app.post(path, { schema: { tags, summary: 'Add a product preset (admin only)', body: jsonSchema(productCreateSchema) }, preHandler: auth.guard('admin') }, async (request, reply) => {
    const body = parseWith(productCreateSchema, request.body);
    return reply.code(201).send({ product: await createProduct(stores, operatorOf(request), body) });
  });

  app.patch(`${path}/:id`, { schema: { tags, summary: 'Edit a product preset (admin only); `defaults` replaces the preset', params, body: jsonSchema(productUpdateSchema) }, preHandler: auth.guard('admin') }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    const body = parseWith(productUpdateSchema, request.body);
    return { product: await updateProduct(stores, operatorOf(request), id, body) };
  });

  app.delete(`${path}/:id`, { schema: { tags, summary: 'Delete a product no client is linked to (admin only)', params }, preHandler: auth.guard('admin') }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    await deleteProduct(stores, operatorOf(request), id);
    return { ok: true };
  });
}
