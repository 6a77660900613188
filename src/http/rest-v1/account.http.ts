import { Decimal } from 'decimal.js';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import { formatMoney, formatPrice } from '../../billing/money.ts';
import type { PriceStore } from '../../billing/price.store.ts';
import { activeOverdraw, availableFunds } from '../../billing/rules/can-charge.ts';
import type { Database } from '../../database.ts';
import { listInbox } from '../../messaging/mo/inbox.store.ts';
import { checkSenderFormat } from '../../policy/rules/check-sender.ts';
import type { SenderStore } from '../../policy/sender.store.ts';
import type { Clock } from '../../platform/clock.ts';
import { notFound, validationFailed } from '../../platform/errors.ts';
import { withoutEmpty } from '../../accounts/route-params.ts';
import { jsonSchema, parseWith } from '../validate.ts';
import { apiPrincipalOf } from './api-principal.ts';
import { security } from './messages.http.ts';
import { AUTH_ERRORS, responses } from './openapi.ts';
import { balanceAnswer, inboxAnswer, inboxQuery, pricesAnswer, senderAnswer, senderBody, sendersAnswer } from './schemas.ts';

export interface AccountDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly prices: PriceStore;
  readonly senders: SenderStore;
  readonly preHandler: preHandlerAsyncHookHandler;
}

const tags = ['REST API v1'];
const ERRORS = [...AUTH_ERRORS, 'too_many_requests'] as const;

/** The client's balance, prices, sender names and inbox over the REST API. */
export function registerAccountRoutes(app: FastifyInstance, deps: AccountDeps): void {
  const { preHandler } = deps;

  app.get('/api/v1/balance', { schema: { tags, security, summary: 'Balance, credit, overdraw and what is available, as decimal strings', response: responses({ 200: { description: 'the balance', schema: balanceAnswer } }, ERRORS) }, preHandler }, async (request) => {
    const client = await deps.db
      .selectFrom('clients')
      .select(['balance', 'credit_limit', 'overdraw_amount', 'overdraw_until', 'currency'])
      .where('id', '=', apiPrincipalOf(request).clientId)
      .executeTakeFirst();
    if (!client) throw notFound('client');
    const now = deps.clock.now();
    const funds = {
      balance: new Decimal(client.balance),
      creditLimit: client.credit_limit === null ? null : new Decimal(client.credit_limit),
      overdraw: client.overdraw_amount !== null && client.overdraw_until !== null ? { amount: new Decimal(client.overdraw_amount), until: new Date(client.overdraw_until) } : null,
    };
    const overdraw = activeOverdraw(funds, now);
    return {
      balance: formatMoney(funds.balance),
      credit: formatMoney(funds.creditLimit ?? 0),
      overdraw: formatMoney(overdraw),
      overdrawUntil: overdraw.gt(0) && funds.overdraw ? funds.overdraw.until.toISOString() : null,
      available: formatMoney(availableFunds(funds, now)),
      currency: client.currency,
    };
  });

  app.get('/api/v1/prices', { schema: { tags, security, summary: 'The price per segment of every destination the client can send to, and scheduled changes', response: responses({ 200: { description: 'the prices', schema: pricesAnswer } }, ERRORS) }, preHandler }, async (request) => {
    const clientId = apiPrincipalOf(request).clientId;
    const [client, list] = await Promise.all([deps.db.selectFrom('clients').select('currency').where('id', '=', clientId).executeTakeFirst(), deps.prices.pricesOf(clientId, deps.clock.now())]);
    return {
      currency: client?.currency ?? '',
      items: list.map((d) => ({
        destinationId: Number(d.destinationId),
        destination: d.destinationName,
        country: d.country,
        price: d.current ? formatPrice(d.current.price) : null,
        effectiveFrom: d.current ? new Date(d.current.effectiveFrom).toISOString() : null,
        scheduled: d.scheduled.map((s) => ({ price: formatPrice(s.price), effectiveFrom: new Date(s.effectiveFrom).toISOString() })),
      })),
    };
  });

  app.post(
    '/api/v1/senders',
    {
      schema: {
        tags,
        security,
        summary: 'Ask for a sender name: approved at once or pending moderation, by the client’s Moderation setting',
        body: jsonSchema(senderBody),
        response: responses({ 201: { description: 'asked for (or already there: its current status)', schema: senderAnswer } }, [...ERRORS, 'validation_failed']),
      },
      preHandler,
    },
    async (request, reply) => {
      const clientId = apiPrincipalOf(request).clientId;
      const { name } = parseWith(senderBody, request.body);
      const format = checkSenderFormat(name);
      if (format.kind === 'invalid') throw validationFailed({ name: format.reason });
      const client = await deps.db.selectFrom('clients').select('moderation').where('id', '=', clientId).executeTakeFirstOrThrow();
      const denylist = await deps.senders.denylist();
      await deps.senders.requestSender(deps.db, clientId, name, client.moderation, denylist);
      const sender = (await deps.senders.list({ clientId })).find((s) => s.name.toLowerCase() === name.toLowerCase());
      if (!sender) throw notFound('sender');
      return reply.code(201).send({ sender: senderOf(sender) });
    },
  );

  app.get('/api/v1/senders', { schema: { tags, security, summary: "The client's sender names and their moderation status", response: responses({ 200: { description: 'the names', schema: sendersAnswer } }, ERRORS) }, preHandler }, async (request) => {
    return { items: (await deps.senders.list({ clientId: apiPrincipalOf(request).clientId })).map(senderOf) };
  });

  app.get('/api/v1/inbox', { schema: { tags, security, summary: 'Incoming messages (MO), newest first', querystring: jsonSchema(inboxQuery), response: responses({ 200: { description: 'a page of MO', schema: inboxAnswer } }, [...ERRORS, 'validation_failed']) }, preHandler }, async (request) => {
    const q = parseWith(inboxQuery, withoutEmpty(request.query), 'query');
    const items = await listInbox(deps.db, apiPrincipalOf(request).clientId, q.limit, q.before);
    return {
      items: items.map((m) => ({ id: String(m.id), from: m.source, to: m.destination, text: m.text, receivedAt: m.receivedAt.toISOString() })),
      nextBefore: items.length === q.limit ? String(items[items.length - 1]?.id) : null,
    };
  });
}

function senderOf(s: { name: string; status: 'pending' | 'approved' | 'denied'; reason: string; createdAt: Date; decidedAt: Date | null }) {
  return { name: s.name, status: s.status, reason: s.reason, createdAt: new Date(s.createdAt).toISOString(), decidedAt: s.decidedAt ? new Date(s.decidedAt).toISOString() : null };
}
