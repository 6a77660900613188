import { Decimal } from 'decimal.js';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { visibleClient } from '../accounts/client-access-scope.ts';
import { actorOf } from '../accounts/operator.ts';
import { operatorOf } from '../accounts/operator-auth.ts';
import { jsonSchema, parseWith } from '../http/validate.ts';
import { validationFailed } from '../platform/errors.ts';
import { DestinationStore } from '../routing/destination.store.ts';
import { idParams, optionalIdQuery, priceString } from '../routing/http-params.ts';
import { type MessagePathDeps, transact } from '../routing/message-path-deps.ts';
import { formatPrice } from './money.ts';
import { type PriceEntry, PriceStore } from './price.store.ts';

const putBody = z.strictObject({
  destinationId: z.number({ error: 'a destination id' }).int('a destination id').positive('a destination id'),
  price: priceString(),
  effectiveFrom: z.iso
    .datetime({ offset: true, error: 'a date and time with its offset, e.g. 2026-07-01T00:00:00Z' })
    .transform((v) => new Date(v))
    .optional(),
});
const historyQuery = z.strictObject({ destinationId: optionalIdQuery() });

const entryView = (e: PriceEntry) => ({ id: e.id, destinationId: e.destinationId, price: formatPrice(e.price), effectiveFrom: e.effectiveFrom, createdBy: e.createdBy, createdAt: e.createdAt });

/** A client's prices per destination: in force now, scheduled, and their history. */
export function registerPriceRoutes(app: FastifyInstance, deps: MessagePathDeps): void {
  const { auth, history, clock } = deps;
  const prices = new PriceStore(deps.db);
  const destinations = new DestinationStore(deps.db);
  const tags = ['billing'];

  app.get('/api/admin/clients/:id/prices', { schema: { tags, summary: "A client's price per destination in force now, and the scheduled ones" }, preHandler: auth.guard() }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    const client = await visibleClient(deps.db, operatorOf(request), id);
    const items = await prices.pricesOf(id, clock.now());
    return {
      currency: client.currency,
      items: items.map((d) => ({
        destinationId: d.destinationId,
        destinationName: d.destinationName,
        country: d.country,
        price: d.current && formatPrice(d.current.price),
        effectiveFrom: d.current?.effectiveFrom ?? null,
        scheduled: d.scheduled.map(entryView),
      })),
    };
  });

  app.put(
    '/api/admin/clients/:id/prices',
    { schema: { tags, summary: "Set a client's price for a destination, from now or from a future date", body: jsonSchema(putBody) }, preHandler: auth.guard() },
    async (request) => {
      const { id } = parseWith(idParams, request.params, 'path');
      const body = parseWith(putBody, request.body);
      const op = operatorOf(request);
      const client = await visibleClient(deps.db, op, id);
      const destination = await destinations.findById(body.destinationId);
      if (!destination) throw validationFailed({ destinationId: 'no such destination' });
      const now = clock.now();
      const effectiveFrom = body.effectiveFrom && body.effectiveFrom > now ? body.effectiveFrom : now;
      const price = new Decimal(body.price);
      const entry = await transact(deps.db, async (trx) => {
        const before = (await prices.in(trx).currentPrices(id, [destination.id], effectiveFrom)).get(destination.id);
        const e = await prices.in(trx).setPrice({ clientId: id, destinationId: destination.id, price, effectiveFrom, createdBy: op.login });
        await deps.onPriceChange?.(trx, { clientId: id, destination: destination.name, before: before ? before.toFixed() : null, after: price.toFixed(), effectiveFrom, immediate: effectiveFrom <= now });
        await history.record(trx, 'client', id, 'price', actorOf(op), [
          { field: `price:${destination.id}`, before: before ? formatPrice(before) : null, after: { price: formatPrice(price), effectiveFrom: effectiveFrom.toISOString(), destination: destination.name } },
        ]);
        return e;
      });
      return { currency: client.currency, price: { ...entryView(entry), destinationName: destination.name, scheduled: effectiveFrom > now } };
    },
  );

  app.get(
    '/api/admin/clients/:id/prices/history',
    { schema: { tags, summary: "Every price row of a client (of one destination), newest first", querystring: jsonSchema(historyQuery) }, preHandler: auth.guard() },
    async (request) => {
      const { id } = parseWith(idParams, request.params, 'path');
      const q = parseWith(historyQuery, request.query, 'query');
      const client = await visibleClient(deps.db, operatorOf(request), id);
      const rows = await prices.history(id, q.destinationId);
      return { currency: client.currency, items: rows.map((r) => ({ ...entryView(r), destinationName: r.destinationName })) };
    },
  );
}
