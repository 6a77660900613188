import countries from 'i18n-iso-countries';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { diffFields } from '../accounts/diff-fields.ts';
import { actorOf } from '../accounts/operator.ts';
import { operatorOf } from '../accounts/operator-auth.ts';
import { countryCode, optionalText } from '../accounts/rules/field-types.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../accounts/unique-violation.ts';
import { jsonSchema, parseWith } from '../http/validate.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { DESTINATION_KEY, type DestinationInput, type DestinationRecord, DestinationStore } from './destination.store.ts';
import { acceptTextBodies, idParams, importText, pageQuery } from './http-params.ts';
import { type MessagePathDeps, transact } from './message-path-deps.ts';
import { parseDestinationCsv } from './rules/parse-destination-csv.ts';
import { seedWorldDestinations } from './seed-world-destinations.ts';
import { countryName } from './world-destinations.ts';

const prefixes = z
  .array(z.string().regex(/^\+?\d{1,15}$/, 'E.164 digits, 1–15, e.g. "38067"'), { error: 'a list of prefixes, e.g. ["38067", "38068"]' })
  .max(1000, 'at most 1000 prefixes')
  .transform((list) => [...new Set(list.map((p) => p.replace(/^\+/, '')))]);
const mcc = z.string().regex(/^\d{3}$/, 'three digits, e.g. "255"').nullable();
const mnc = z.string().regex(/^\d{2,3}$/, 'two or three digits, e.g. "03"').nullable();
const fields = {
  country: countryCode(),
  name: optionalText(200),
  network: optionalText(200),
  mcc,
  mnc,
  prefixes,
};
const needsMcc = (d: { mcc?: string | null; mnc?: string | null }) => !(d.mnc && !d.mcc);
const mncMessage = { message: 'an MNC needs its MCC', path: ['mnc'] };
const createBody = z.strictObject({ ...fields, name: fields.name.optional(), network: fields.network.optional(), mcc: mcc.optional(), mnc: mnc.optional(), prefixes: prefixes.optional() }).refine(needsMcc, mncMessage);
const patchBody = z.strictObject({ country: fields.country.optional(), name: fields.name.optional(), network: fields.network.optional(), mcc: mcc.optional(), mnc: mnc.optional(), prefixes: prefixes.optional() });
const listQuery = z.strictObject({ search: z.string().trim().max(100).optional(), country: countryCode().optional(), ...pageQuery });
const importBody = z.union([z.string(), z.strictObject({ csv: z.string() })]);

export const destinationView = (d: DestinationRecord) => ({ id: d.id, country: d.country, name: d.name, network: d.network, mcc: d.mcc, mnc: d.mnc, prefixes: d.prefixes, createdAt: d.createdAt });

const conflict = () => new AppError('conflict', 'a destination with this country, MCC and MNC exists already', { mnc: 'already exists for this country and MCC' });

/** Destinations: list and search, edit, CSV import, and the default world table. */
export function registerDestinationRoutes(app: FastifyInstance, deps: MessagePathDeps): void {
  const { auth, history } = deps;
  const store = new DestinationStore(deps.db);
  const tags = ['routing'];
  acceptTextBodies(app);

  app.get('/api/admin/destinations', { schema: { tags, summary: 'List destinations (search by name, network, MCC-MNC or number prefix)', querystring: jsonSchema(listQuery) }, preHandler: auth.guard() }, async (request) => {
    const q = parseWith(listQuery, request.query, 'query');
    const { items, total } = await store.page(q);
    return { items: items.map(destinationView), total, page: q.page, pageSize: q.pageSize };
  });

  app.get('/api/admin/destinations/:id', { schema: { tags, summary: 'One destination' }, preHandler: auth.guard() }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    const d = await store.findById(id);
    if (!d) throw notFound('destination');
    return { destination: destinationView(d) };
  });

  app.post('/api/admin/destinations', { schema: { tags, summary: 'Create a destination (admin)', body: jsonSchema(createBody) }, preHandler: auth.guard('admin') }, async (request, reply) => {
    const body = parseWith(createBody, request.body);
    const input = complete({ ...body, name: body.name ?? null, network: body.network ?? null, mcc: body.mcc ?? null, mnc: body.mnc ?? null, prefixes: body.prefixes ?? [] });
    const created = await transact(deps.db, async (trx) => {
      const d = await store.in(trx).insert(input);
      await history.record(trx, 'destination', d.id, 'create', actorOf(operatorOf(request)), diffFields(null, destinationView(d)));
      return d;
    }).catch(rethrow);
    return reply.code(201).send({ destination: destinationView(created) });
  });

  app.patch('/api/admin/destinations/:id', { schema: { tags, summary: 'Edit a destination (admin)', body: jsonSchema(patchBody) }, preHandler: auth.guard('admin') }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    const body = parseWith(patchBody, request.body);
    const before = await store.findById(id);
    if (!before) throw notFound('destination');
    const merged = { ...before, ...body };
    if (!needsMcc(merged)) throw new AppError('validation_failed', '1 invalid field(s): mnc', { mnc: mncMessage.message });
    const after = await transact(deps.db, async (trx) => {
      const d = await store.in(trx).update(id, complete({ ...merged, name: body.name === undefined ? before.name : body.name }));
      if (!d) throw notFound('destination');
      await history.record(trx, 'destination', id, 'update', actorOf(operatorOf(request)), diffFields(destinationView(before), destinationView(d)));
      return d;
    }).catch(rethrow);
    return { destination: destinationView(after) };
  });

  app.delete('/api/admin/destinations/:id', { schema: { tags, summary: 'Delete a destination (admin); its prices and routes go with it' }, preHandler: auth.guard('admin') }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    const before = await store.findById(id);
    if (!before) throw notFound('destination');
    await transact(deps.db, async (trx) => {
      await store.in(trx).delete(id);
      await history.record(trx, 'destination', id, 'delete', actorOf(operatorOf(request)), diffFields(destinationView(before), {}));
    }).catch((err: unknown) => {
      if (isForeignKeyViolation(err)) throw new AppError('in_use', 'messages refer to this destination; it cannot be deleted');
      throw err;
    });
    return { ok: true };
  });

  app.post(
    '/api/admin/destinations/import',
    { schema: { tags, summary: 'Import destinations from CSV: country,name,network,mcc,mnc,prefixes (space-separated); upsert by (country, mcc, mnc)', body: jsonSchema(importBody) }, preHandler: auth.guard('admin') },
    async (request) => {
      const csv = parseDestinationCsv(importText(request.body, 'csv'), (c) => countries.isValid(c), countryName);
      const results = await transact(deps.db, async (trx) => {
        const out = [];
        for (let i = 0; i < csv.rows.length; i += 500) out.push(...(await store.in(trx).upsert(csv.rows.slice(i, i + 500))));
        await history.record(trx, 'destinations', 0, 'import', actorOf(operatorOf(request)), [{ field: 'rows', before: null, after: { accepted: csv.rows.length, refused: csv.refused.length } }]);
        return out;
      });
      const created = results.filter((r) => r.inserted).length;
      return { accepted: csv.rows.length, created, updated: csv.rows.length - created, refused: csv.refused };
    },
  );

  app.post('/api/admin/destinations/seed-world', { schema: { tags, summary: 'Add the default world table (countries by calling code, networks by MCC/MNC); idempotent' }, preHandler: auth.guard('admin') }, async (request) => {
    const result = await seedWorldDestinations(deps.db);
    await history.record(deps.db, 'destinations', 0, 'seed_world', actorOf(operatorOf(request)), [{ field: 'rows', before: null, after: result }]);
    return result;
  });
}

/** A name when none is given: "Ukraine" or "Ukraine — Kyivstar". */
function complete(d: Omit<DestinationInput, 'name'> & { name: string | null }): DestinationInput {
  return { ...d, name: d.name ?? (d.network ? `${countryName(d.country)} — ${d.network}` : countryName(d.country)) };
}

function rethrow(err: unknown): never {
  if (isUniqueViolation(err, DESTINATION_KEY)) throw conflict();
  throw err;
}
