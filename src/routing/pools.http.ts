import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { diffFields } from '../accounts/diff-fields.ts';
import { actorOf } from '../accounts/operator.ts';
import { operatorOf } from '../accounts/operator-auth.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../accounts/unique-violation.ts';
import { jsonSchema, parseWith } from '../http/validate.ts';
import { AppError, notFound, validationFailed } from '../platform/errors.ts';
import { idParams } from './http-params.ts';
import { type MessagePathDeps, transact } from './message-path-deps.ts';
import { POOL_NAME_KEY, type Pool, PoolStore } from './pool.store.ts';

const member = z.strictObject({
  vendorId: z.number({ error: 'a vendor id' }).int('a vendor id').positive('a vendor id'),
  weight: z.number({ error: 'a percentage 0–100' }).int('a whole percentage').min(0, 'a percentage 0–100').max(100, 'a percentage 0–100'),
});
const members = z
  .array(member, { error: 'a list of { "vendorId": 1, "weight": 100 }' })
  .min(1, 'at least one vendor')
  .max(50, 'at most 50 vendors')
  .refine((list) => new Set(list.map((m) => m.vendorId)).size === list.length, 'each vendor at most once')
  .refine((list) => list.reduce((s, m) => s + m.weight, 0) === 100, 'the weights must sum to 100');
const name = z.string({ error: 'required' }).trim().min(1, 'required').max(100, 'at most 100 characters');
const createBody = z.strictObject({ name, members });
const patchBody = z.strictObject({ name: name.optional(), members: members.optional() });

export const poolView = (p: Pool) => ({ id: p.id, name: p.name, members: p.members, createdAt: p.createdAt });
const historyView = (p: Pool) => ({ name: p.name, members: p.members.map((m) => ({ vendorId: m.vendorId, weight: m.weight })) });

/** Pools: vendors sharing a route's traffic by percentage weights summing to 100. */
export function registerPoolRoutes(app: FastifyInstance, deps: MessagePathDeps): void {
  const { auth, history } = deps;
  const store = new PoolStore(deps.db);
  const tags = ['routing'];
  const rethrow = (err: unknown): never => {
    if (isUniqueViolation(err, POOL_NAME_KEY)) throw new AppError('conflict', 'a pool with this name exists already', { name: 'already taken' });
    if (isForeignKeyViolation(err)) throw validationFailed({ members: 'a vendor of the list does not exist' });
    throw err;
  };

  app.get('/api/admin/pools', { schema: { tags, summary: 'List pools with their vendors and weights (admin)' }, preHandler: auth.guard('admin') }, async () => ({ items: (await store.list()).map(poolView) }));

  app.get('/api/admin/pools/:id', { schema: { tags, summary: 'One pool (admin)' }, preHandler: auth.guard('admin') }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    const p = await store.findById(id);
    if (!p) throw notFound('pool');
    return { pool: poolView(p) };
  });

  app.post('/api/admin/pools', { schema: { tags, summary: 'Create a pool (admin)', body: jsonSchema(createBody) }, preHandler: auth.guard('admin') }, async (request, reply) => {
    const body = parseWith(createBody, request.body);
    const created = await transact(deps.db, async (trx) => {
      const s = store.in(trx);
      const id = await s.insert(body.name);
      await s.setMembers(id, body.members);
      const p = await s.findById(id);
      if (!p) throw notFound('pool');
      await history.record(trx, 'pool', id, 'create', actorOf(operatorOf(request)), diffFields(null, historyView(p)));
      return p;
    }).catch(rethrow);
    return reply.code(201).send({ pool: poolView(created) });
  });

  app.patch('/api/admin/pools/:id', { schema: { tags, summary: 'Rename a pool or replace its vendors (admin)', body: jsonSchema(patchBody) }, preHandler: auth.guard('admin') }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    const body = parseWith(patchBody, request.body);
    const before = await store.findById(id);
    if (!before) throw notFound('pool');
    const after = await transact(deps.db, async (trx) => {
      const s = store.in(trx);
      if (body.name !== undefined) await s.rename(id, body.name);
      if (body.members !== undefined) await s.setMembers(id, body.members);
      const p = await s.findById(id);
      if (!p) throw notFound('pool');
      await history.record(trx, 'pool', id, 'update', actorOf(operatorOf(request)), diffFields(historyView(before), historyView(p)));
      return p;
    }).catch(rethrow);
    return { pool: poolView(after) };
  });

  app.delete('/api/admin/pools/:id', { schema: { tags, summary: 'Delete a pool (admin); refused while routes use it' }, preHandler: auth.guard('admin') }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    const before = await store.findById(id);
    if (!before) throw notFound('pool');
    await transact(deps.db, async (trx) => {
      await store.in(trx).delete(id);
      await history.record(trx, 'pool', id, 'delete', actorOf(operatorOf(request)), diffFields(historyView(before), {}));
    }).catch((err: unknown) => {
      if (isForeignKeyViolation(err)) throw new AppError('in_use', 'routes use this pool; point them to another pool first');
      throw err;
    });
    return { ok: true };
  });
}
