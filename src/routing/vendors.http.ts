import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { diffFields } from '../accounts/diff-fields.ts';
import { actorOf } from '../accounts/operator.ts';
import { operatorOf } from '../accounts/operator-auth.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../accounts/unique-violation.ts';
import { jsonSchema, parseWith } from '../http/validate.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { idParams } from './http-params.ts';
import { type MessagePathDeps, transact } from './message-path-deps.ts';
import { VENDOR_NAME_KEY, type Vendor, VendorStore } from './vendor.store.ts';

const int = (min: number, max: number) => z.number({ error: `an integer from ${min} to ${max}` }).int(`an integer from ${min} to ${max}`).min(min, `an integer from ${min} to ${max}`).max(max, `an integer from ${min} to ${max}`);
const shortText = (max: number) => z.string({ error: `text of at most ${max} characters` }).max(max, `at most ${max} characters`);

const vendorFields = {
  name: z.string({ error: 'required' }).trim().min(1, 'required').max(100, 'at most 100 characters'),
  host: z.string({ error: 'required' }).trim().min(1, 'required').max(253, 'at most 253 characters').regex(/^[A-Za-z0-9.:[\]_-]+$/, 'a host name or IP address'),
  port: int(1, 65535),
  tls: z.boolean({ error: 'true or false' }),
  systemId: z.string({ error: 'required' }).min(1, 'required').max(15, 'at most 15 characters (SMPP system_id)'),
  password: z.string({ error: 'required' }).max(8, 'at most 8 characters (SMPP password)'),
  systemType: shortText(12),
  bindType: z.enum(['transceiver', 'transmitter'], { error: 'transceiver or transmitter' }),
  sessions: int(1, 64),
  tps: int(1, 100_000),
  windowSize: int(1, 10_000),
  enquireLinkSeconds: int(1, 3600),
  reconnectDelaySeconds: int(1, 3600),
  defaultCoding: z.enum(['gsm7', 'latin1', 'ascii'], { error: 'gsm7, latin1 or ascii' }),
  sourceTon: int(0, 6).nullable(),
  sourceNpi: int(0, 18).nullable(),
  destTon: int(0, 6),
  destNpi: int(0, 18),
  messageIdBase: z.enum(['auto', 'decimal', 'hex'], { error: 'auto, decimal or hex' }),
  rerouteCodes: z.array(int(0, 0xffffffff), { error: 'a list of error codes, e.g. [8, 20, 88]' }).max(100),
  blocked: z.boolean({ error: 'true or false' }),
  dailyLimit: int(0, 1_000_000_000).nullable(),
  enabled: z.boolean({ error: 'true or false' }),
};
type VendorFields = typeof vendorFields;
const optional = Object.fromEntries(Object.entries(vendorFields).map(([k, s]) => [k, s.optional()])) as { [K in keyof VendorFields]: z.ZodOptional<VendorFields[K]> };
const createBody = z.strictObject({ ...optional, name: vendorFields.name, host: vendorFields.host, port: vendorFields.port, systemId: vendorFields.systemId, password: vendorFields.password });
const patchBody = z.strictObject(optional);

/** A vendor as the API shows it: everything but the password. */
export const vendorView = (v: Vendor) => {
  const { password, ...rest } = v;
  return { ...rest, passwordSet: password.length > 0 };
};
const historyView = (v: Vendor) => ({ ...vendorView(v), password: v.password ? '(set)' : '' });

const taken = () => new AppError('conflict', 'a vendor with this name exists already', { name: 'already taken' });

/** Vendors (upstream SMSCs): records, their SMPP connection, and the live state of their binds. */
export function registerVendorRoutes(app: FastifyInstance, deps: MessagePathDeps): void {
  const { auth, history } = deps;
  const store = new VendorStore(deps.db);
  const tags = ['routing'];
  const rethrow = (err: unknown): never => {
    if (isUniqueViolation(err, VENDOR_NAME_KEY)) throw taken();
    throw err;
  };

  app.get('/api/admin/vendors', { schema: { tags, summary: 'List vendors (admin)' }, preHandler: auth.guard('admin') }, async () => ({ items: (await store.list()).map(vendorView) }));

  app.get('/api/admin/vendors/:id', { schema: { tags, summary: 'One vendor with the live state of its binds (from the node that holds it, `heldBy`: live there, at most a few seconds old elsewhere) (admin)' }, preHandler: auth.guard('admin') }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    const v = await store.findById(id);
    if (!v) throw notFound('vendor');
    const local = deps.vendorBinds ? await deps.vendorBinds(id) : [];
    // The node that holds the vendor reports its binds live when it answers; any other node shows
    // what the holder wrote with its last lease renewal, and `heldBy` names it.
    const holder = deps.vendorHolder ? await deps.vendorHolder(id) : null;
    const binds = local.length > 0 ? local : (holder?.binds ?? []);
    return { vendor: vendorView(v), binds, heldBy: holder?.node ?? null };
  });

  app.post('/api/admin/vendors', { schema: { tags, summary: 'Create a vendor (admin)', body: jsonSchema(createBody) }, preHandler: auth.guard('admin') }, async (request, reply) => {
    const body = parseWith(createBody, request.body);
    const created = await transact(deps.db, async (trx) => {
      const v = await store.in(trx).insert(body);
      await history.record(trx, 'vendor', v.id, 'create', actorOf(operatorOf(request)), diffFields(null, historyView(v), new Set(['password'])));
      return v;
    }).catch(rethrow);
    return reply.code(201).send({ vendor: vendorView(created) });
  });

  app.patch('/api/admin/vendors/:id', { schema: { tags, summary: 'Edit a vendor (admin); the dispatcher rebinds with the new settings', body: jsonSchema(patchBody) }, preHandler: auth.guard('admin') }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    const body = parseWith(patchBody, request.body);
    const before = await store.findById(id);
    if (!before) throw notFound('vendor');
    const after = await transact(deps.db, async (trx) => {
      const v = await store.in(trx).update(id, body);
      if (!v) throw notFound('vendor');
      await history.record(trx, 'vendor', id, 'update', actorOf(operatorOf(request)), diffFields(historyView(before), historyView(v), new Set(['password'])));
      return v;
    }).catch(rethrow);
    return { vendor: vendorView(after) };
  });

  app.delete('/api/admin/vendors/:id', { schema: { tags, summary: 'Delete a vendor (admin); refused while pools refer to it or messages wait for it' }, preHandler: auth.guard('admin') }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    const before = await store.findById(id);
    if (!before) throw notFound('vendor');
    await transact(deps.db, async (trx) => {
      if (await store.in(trx).hasWaitingMessages(id)) throw new AppError('in_use', 'messages wait to be sent through this vendor; disable it (enabled: false) or route them elsewhere first');
      await store.in(trx).delete(id);
      await history.record(trx, 'vendor', id, 'delete', actorOf(operatorOf(request)), diffFields(historyView(before), {}, new Set(['password'])));
    }).catch((err: unknown) => {
      if (isForeignKeyViolation(err)) throw new AppError('in_use', 'pools refer to this vendor; remove it from its pools, or disable it instead (enabled: false)');
      throw err;
    });
    return { ok: true };
  });
}
