import { Decimal } from 'decimal.js';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { visibleClient } from '../accounts/client-access-scope.ts';
import { actorOf } from '../accounts/operator.ts';
import { operatorOf } from '../accounts/operator-auth.ts';
import { jsonSchema, parseWith } from '../http/validate.ts';
import { notFound, validationFailed } from '../platform/errors.ts';
import { idParams, pageQuery, signedAmountString } from '../routing/http-params.ts';
import { type MessagePathDeps, transact } from '../routing/message-path-deps.ts';
import { BillingStore, type LedgerEntry } from './billing.store.ts';
import { formatMoney } from './money.ts';

const paymentBody = z.strictObject({
  kind: z.enum(['topup', 'adjustment'], { error: 'topup or adjustment' }),
  amount: signedAmountString(),
  comment: z.string({ error: 'text' }).trim().max(500, 'at most 500 characters').default(''),
});
const ledgerQuery = z.strictObject(pageQuery);

export const ledgerView = (e: LedgerEntry) => ({
  id: e.id,
  kind: e.kind,
  amount: formatMoney(e.amount),
  balanceAfter: formatMoney(e.balanceAfter),
  messages: e.messages,
  messageId: e.messageId === null ? null : String(e.messageId),
  comment: e.comment,
  actor: e.actor,
  createdAt: e.createdAt,
});

/** The Payments tab: top-ups and adjustments, and the ledger with the balance. */
export function registerPaymentRoutes(app: FastifyInstance, deps: MessagePathDeps): void {
  const { auth, history } = deps;
  const billing = new BillingStore(deps.db);
  const tags = ['billing'];

  app.post(
    '/api/admin/clients/:id/payments',
    { schema: { tags, summary: 'Top up a balance, or adjust it (an adjustment may be negative)', body: jsonSchema(paymentBody) }, preHandler: auth.guard() },
    async (request, reply) => {
      const { id } = parseWith(idParams, request.params, 'path');
      const body = parseWith(paymentBody, request.body);
      const op = operatorOf(request);
      const client = await visibleClient(deps.db, op, id);
      const amount = new Decimal(body.amount);
      if (body.kind === 'topup' && !amount.isPositive()) throw validationFailed({ amount: 'a top-up is more than 0; use an adjustment to take money off' });
      if (amount.isZero()) throw validationFailed({ amount: 'must not be 0' });
      const entry = await transact(deps.db, async (trx) => {
        const e = body.kind === 'topup' ? await billing.topUp(trx, id, amount, body.comment, op.login) : await billing.adjust(trx, id, amount, body.comment, op.login);
        if (!e) throw notFound('client');
        await history.record(trx, 'client', id, body.kind, actorOf(op), [{ field: 'balance', before: formatMoney(e.balanceAfter.minus(e.amount)), after: formatMoney(e.balanceAfter) }]);
        return e;
      });
      return reply.code(201).send({ currency: client.currency, balance: formatMoney(entry.balanceAfter), entry: ledgerView(entry) });
    },
  );

  app.get('/api/admin/clients/:id/ledger', { schema: { tags, summary: "A client's balance and ledger, newest first", querystring: jsonSchema(ledgerQuery) }, preHandler: auth.guard() }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    const q = parseWith(ledgerQuery, request.query, 'query');
    const client = await visibleClient(deps.db, operatorOf(request), id);
    const [{ items, total }, balance] = await Promise.all([billing.page(id, q.page, q.pageSize), billing.balance(id)]);
    return { currency: client.currency, balance: formatMoney(balance ?? 0), items: items.map(ledgerView), total, page: q.page, pageSize: q.pageSize };
  });
}
