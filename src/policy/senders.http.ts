import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { visibleClient } from '../accounts/client-access-scope.ts';
import { actorOf } from '../accounts/operator.ts';
import { operatorOf } from '../accounts/operator-auth.ts';
import { isUniqueViolation } from '../accounts/unique-violation.ts';
import { jsonSchema, parseWith } from '../http/validate.ts';
import { AppError, notFound, validationFailed } from '../platform/errors.ts';
import { idParams } from '../routing/http-params.ts';
import { type MessagePathDeps, transact } from '../routing/message-path-deps.ts';
import { checkSenderFormat, decideNewSender } from './rules/check-sender.ts';
import { type ClientSender, SENDER_KEY, SenderStore } from './sender.store.ts';

const senderName = z.string({ error: 'required' }).min(1, 'required').max(20, 'at most 20 characters');
const addBody = z.strictObject({ name: senderName });
const denyBody = z.strictObject({ reason: z.string({ error: 'text' }).trim().min(1, 'say why, so the client can act on it').max(500, 'at most 500 characters') });
const approveBody = z.strictObject({ reason: z.string().trim().max(500, 'at most 500 characters').default('') });
const queueQuery = z.strictObject({ status: z.enum(['pending', 'approved', 'denied'], { error: 'pending, approved or denied' }).optional(), clientId: z.coerce.number().int().positive().optional() });
const patternBody = z.strictObject({ pattern: z.string({ error: 'required' }).trim().min(1, 'required').max(50, 'at most 50 characters') });

export const senderView = (s: ClientSender) => ({
  id: s.id,
  clientId: s.clientId,
  clientLogin: s.clientLogin,
  name: s.name,
  status: s.status,
  reason: s.reason,
  decidedBy: s.decidedBy,
  decidedAt: s.decidedAt,
  createdAt: s.createdAt,
});

/** Sender names: the moderation queue, a client's names, approve / deny, and the deny-list. */
export function registerSenderRoutes(app: FastifyInstance, deps: MessagePathDeps): void {
  const { auth, history, clock } = deps;
  const store = new SenderStore(deps.db);
  const tags = ['policy'];

  /** A sender the operator may act on: of their own clients when a manager. */
  const visibleSender = async (op: ReturnType<typeof operatorOf>, id: number): Promise<ClientSender> => {
    const [s] = await store.list({ id, ...(op.role === 'admin' ? {} : { managerId: op.id }) });
    if (!s) throw notFound('sender name');
    return s;
  };

  app.get('/api/admin/senders', { schema: { tags, summary: 'Sender names across clients; status=pending is the moderation queue', querystring: jsonSchema(queueQuery) }, preHandler: auth.guard() }, async (request) => {
    const q = parseWith(queueQuery, request.query, 'query');
    const op = operatorOf(request);
    return { items: (await store.list({ ...q, ...(op.role === 'admin' ? {} : { managerId: op.id }) })).map(senderView) };
  });

  app.get('/api/admin/clients/:id/senders', { schema: { tags, summary: "A client's sender names and their moderation state" }, preHandler: auth.guard() }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    await visibleClient(deps.db, operatorOf(request), id);
    return { items: (await store.list({ clientId: id })).map(senderView) };
  });

  app.post(
    '/api/admin/clients/:id/senders',
    { schema: { tags, summary: "Add a sender name for a client; its status follows the client's moderation", body: jsonSchema(addBody) }, preHandler: auth.guard() },
    async (request, reply) => {
      const { id } = parseWith(idParams, request.params, 'path');
      const { name } = parseWith(addBody, request.body);
      const op = operatorOf(request);
      const client = await visibleClient(deps.db, op, id);
      const format = checkSenderFormat(name);
      if (format.kind === 'invalid') throw validationFailed({ name: format.reason });
      const status = decideNewSender({ moderation: client.moderation, name, denylist: await store.denylist() });
      const senderId = await transact(deps.db, async (trx) => {
        const newId = await store.in(trx).insert({ clientId: id, name, status, decidedBy: status === 'approved' ? 'automatic' : null, at: clock.now() });
        await history.record(trx, 'client_sender', newId, 'create', actorOf(op), [{ field: 'status', before: null, after: { clientId: id, name, status } }]);
        return newId;
      }).catch((err: unknown) => {
        if (isUniqueViolation(err, SENDER_KEY)) throw new AppError('conflict', `the client has the sender name ${name} already`, { name: 'already registered for this client' });
        throw err;
      });
      return reply.code(201).send({ sender: senderView(await visibleSender(op, senderId)) });
    },
  );

  for (const [action, status, body] of [
    ['approve', 'approved', approveBody],
    ['deny', 'denied', denyBody],
  ] as const) {
    app.post(`/api/admin/senders/:id/${action}`, { schema: { tags, summary: `${action === 'approve' ? 'Approve' : 'Deny'} a sender name`, body: jsonSchema(body) }, preHandler: auth.guard() }, async (request) => {
      const { id } = parseWith(idParams, request.params, 'path');
      const { reason } = parseWith(body, request.body ?? {});
      const op = operatorOf(request);
      const before = await visibleSender(op, id);
      await transact(deps.db, async (trx) => {
        await store.in(trx).decide(id, { status, reason, decidedBy: op.login, at: clock.now() });
        await history.record(trx, 'client_sender', id, action, actorOf(op), [{ field: 'status', before: before.status, after: status }]);
      });
      return { sender: senderView(await visibleSender(op, id)) };
    });
  }

  app.delete('/api/admin/senders/:id', { schema: { tags, summary: 'Remove a sender name' }, preHandler: auth.guard() }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    const op = operatorOf(request);
    const before = await visibleSender(op, id);
    await transact(deps.db, async (trx) => {
      await store.in(trx).delete(id);
      await history.record(trx, 'client_sender', id, 'delete', actorOf(op), [{ field: 'status', before: { clientId: before.clientId, name: before.name, status: before.status }, after: null }]);
    });
    return { ok: true };
  });

  app.get('/api/admin/sender-denylist', { schema: { tags, summary: 'The sender deny-list (names or patterns with *)' }, preHandler: auth.guard() }, async () => ({ items: await store.denylistEntries() }));

  app.post('/api/admin/sender-denylist', { schema: { tags, summary: 'Add a name or pattern (with *) to the deny-list (admin)', body: jsonSchema(patternBody) }, preHandler: auth.guard('admin') }, async (request, reply) => {
    const { pattern } = parseWith(patternBody, request.body);
    const added = await transact(deps.db, async (trx) => {
      const ok = await store.in(trx).deny(pattern);
      if (ok) await history.record(trx, 'sender_denylist', 0, 'create', actorOf(operatorOf(request)), [{ field: 'pattern', before: null, after: pattern }]);
      return ok;
    });
    if (!added) throw new AppError('conflict', `${pattern} is on the deny-list already`, { pattern: 'already listed' });
    return reply.code(201).send({ pattern });
  });

  app.delete('/api/admin/sender-denylist', { schema: { tags, summary: 'Remove a pattern from the deny-list (admin): ?pattern= or a JSON body { pattern }' }, preHandler: auth.guard('admin') }, async (request) => {
    const { pattern } = parseWith(patternBody, (request.query as { pattern?: string }).pattern !== undefined ? request.query : (request.body ?? {}));
    const removed = await transact(deps.db, async (trx) => {
      const ok = await store.in(trx).undeny(pattern);
      if (ok) await history.record(trx, 'sender_denylist', 0, 'delete', actorOf(operatorOf(request)), [{ field: 'pattern', before: pattern, after: null }]);
      return ok;
    });
    if (!removed) throw notFound('deny-list entry');
    return { ok: true };
  });
}
