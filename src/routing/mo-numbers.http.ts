import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { visibleClient } from '../accounts/client-access-scope.ts';
import { diffFields } from '../accounts/diff-fields.ts';
import { actorOf } from '../accounts/operator.ts';
import { operatorOf } from '../accounts/operator-auth.ts';
import { isUniqueViolation } from '../accounts/unique-violation.ts';
import { jsonSchema, parseWith } from '../http/validate.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { idParams } from './http-params.ts';
import { type MessagePathDeps, transact } from './message-path-deps.ts';
import { MO_NUMBER_KEY, type MoNumber, MoNumberStore } from './mo-number.store.ts';

const createBody = z.strictObject({
  number: z
    .string({ error: 'required' })
    .trim()
    .regex(/^\+?\d{3,15}$/, 'a number in E.164 digits or a short code, 3–15 digits')
    .transform((n) => n.replace(/^\+/, '')),
  keyword: z
    .string({ error: 'one word, or null' })
    .trim()
    .regex(/^\S{1,30}$/, 'one word of at most 30 characters')
    .nullable()
    .default(null),
  clientId: z.number({ error: 'a client id' }).int('a client id').positive('a client id'),
});

const view = (m: MoNumber) => ({ id: m.id, number: m.number, keyword: m.keyword, clientId: m.clientId, clientLogin: m.clientLogin, createdAt: m.createdAt });

/** MO numbers: which client receives the messages sent to a number (and keyword). */
export function registerMoNumberRoutes(app: FastifyInstance, deps: MessagePathDeps): void {
  const { auth, history } = deps;
  const store = new MoNumberStore(deps.db);
  const tags = ['routing'];

  app.get('/api/admin/mo-numbers', { schema: { tags, summary: "MO numbers and keywords (a manager sees their clients' ones)" }, preHandler: auth.guard() }, async (request) => {
    const op = operatorOf(request);
    return { items: (await store.list(op.role === 'admin' ? {} : { managerId: op.id })).map(view) };
  });

  app.post('/api/admin/mo-numbers', { schema: { tags, summary: 'Assign a number (and optional keyword) to a client (admin)', body: jsonSchema(createBody) }, preHandler: auth.guard('admin') }, async (request, reply) => {
    const body = parseWith(createBody, request.body);
    await visibleClient(deps.db, operatorOf(request), body.clientId).catch(() => {
      throw new AppError('validation_failed', '1 invalid field(s): clientId', { clientId: 'no such client' });
    });
    const id = await transact(deps.db, async (trx) => {
      const newId = await store.in(trx).insert(body);
      await history.record(trx, 'mo_number', newId, 'create', actorOf(operatorOf(request)), diffFields(null, body));
      return newId;
    }).catch((err: unknown) => {
      if (isUniqueViolation(err, MO_NUMBER_KEY)) throw new AppError('conflict', 'this number (with this keyword) is assigned already', { keyword: 'already assigned for this number' });
      throw err;
    });
    const created = await store.findById(id);
    if (!created) throw notFound('MO number');
    return reply.code(201).send({ moNumber: view(created) });
  });

  app.delete('/api/admin/mo-numbers/:id', { schema: { tags, summary: 'Remove an MO number (admin)' }, preHandler: auth.guard('admin') }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    const before = await store.findById(id);
    if (!before) throw notFound('MO number');
    await transact(deps.db, async (trx) => {
      await store.in(trx).delete(id);
      await history.record(trx, 'mo_number', id, 'delete', actorOf(operatorOf(request)), diffFields(view(before), {}));
    });
    return { ok: true };
  });
}
