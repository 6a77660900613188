import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { jsonSchema, parseWith } from '../http/validate.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { idParams } from '../routing/http-params.ts';
import { type MessagePathDeps, transact } from '../routing/message-path-deps.ts';
import { type ClientAccess, ClientAccessStore, MAX_SYSTEM_ID, SYSTEM_ID_KEY } from './client-access.store.ts';
import { visibleClient } from './client-access-scope.ts';
import { diffFields } from './diff-fields.ts';
import { actorOf } from './operator.ts';
import { operatorOf } from './operator-auth.ts';
import { hashPassword } from './password.ts';
import { formatCidr, parseCidr } from './rules/cidr.ts';
import { isUniqueViolation } from './unique-violation.ts';

const CIDR_MESSAGE = 'an IPv4 or IPv6 address or range, e.g. 203.0.113.0/24 or 2001:db8::/32';
const cidr = z.string({ error: CIDR_MESSAGE }).transform((v, ctx) => {
  const c = parseCidr(v);
  if (!c) {
    ctx.addIssue({ code: 'custom', message: CIDR_MESSAGE });
    return z.NEVER;
  }
  return formatCidr(c);
});
const putBody = z.strictObject({
  smppSystemId: z
    .string({ error: `1–${MAX_SYSTEM_ID} printable characters` })
    .regex(new RegExp(`^[\\x21-\\x7e]{1,${MAX_SYSTEM_ID}}$`), `1–${MAX_SYSTEM_ID} printable characters without spaces (SMPP system_id)`)
    .nullable()
    .optional(),
  smppPassword: z.string({ error: '1–8 characters' }).regex(/^[\x20-\x7e]{1,8}$/, '1–8 printable characters (SMPP allows at most 8)').optional(),
  allowedIps: z.array(cidr, { error: 'a list of IP ranges, [] for anywhere' }).max(100, 'at most 100 ranges').optional(),
  maxBinds: z.number({ error: 'an integer from 1 to 1000' }).int('an integer from 1 to 1000').min(1, 'an integer from 1 to 1000').max(1000, 'an integer from 1 to 1000').optional(),
  throughput: z.number({ error: 'messages per second, or null' }).int('whole messages per second').min(1, 'at least 1').max(100_000, 'at most 100000').nullable().optional(),
  apiPassword: z.string({ error: '8–64 characters' }).min(8, '8–64 characters').max(64, '8–64 characters').optional(),
});

const view = (a: ClientAccess) => ({
  smppSystemId: a.smppSystemId,
  smppSystemIdIsDefault: a.smppSystemIdIsDefault,
  smppPasswordSet: a.smppPasswordSet,
  allowedIps: a.allowedIps,
  maxBinds: a.maxBinds,
  throughput: a.throughput,
  apiPasswordSet: a.apiPasswordSet,
});

/** The SMPP & API tab of a client's profile: credentials (never shown back) and connection limits. */
export function registerClientAccessRoutes(app: FastifyInstance, deps: MessagePathDeps): void {
  const { auth, history } = deps;
  const store = new ClientAccessStore(deps.db);
  const tags = ['clients'];
  const taken = (id: string) => new AppError('conflict', `the SMPP system_id ${id} is taken by another client`, { smppSystemId: 'already taken (letter case aside)' });

  app.get('/api/admin/clients/:id/access', { schema: { tags, summary: "A client's SMPP and API access (no passwords: only whether they are set)" }, preHandler: auth.guard() }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    await visibleClient(deps.db, operatorOf(request), id);
    const access = await store.get(id);
    if (!access) throw notFound('client');
    return { access: view(access) };
  });

  app.put('/api/admin/clients/:id/access', { schema: { tags, summary: "Set a client's SMPP credentials, allowed IP ranges, limits and API password", body: jsonSchema(putBody) }, preHandler: auth.guard() }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    const body = parseWith(putBody, request.body);
    const op = operatorOf(request);
    await visibleClient(deps.db, op, id);
    const before = await store.get(id);
    if (!before) throw notFound('client');
    // The first save stores the shown default system_id (the login), so it stays when the login changes.
    const systemId = body.smppSystemId === undefined ? (before.smppSystemIdIsDefault ? before.smppSystemId : undefined) : body.smppSystemId;
    if (systemId && (await store.systemIdTaken(systemId, id))) throw taken(systemId);
    const [smppPasswordHash, apiPasswordHash] = await Promise.all([body.smppPassword && hashPassword(body.smppPassword), body.apiPassword && hashPassword(body.apiPassword)]);
    const after = await transact(deps.db, async (trx) => {
      const s = store.in(trx);
      await s.put(id, { smppSystemId: systemId, smppPasswordHash: smppPasswordHash || undefined, apiPasswordHash: apiPasswordHash || undefined, allowedIps: body.allowedIps, maxBinds: body.maxBinds, throughput: body.throughput });
      const a = await s.get(id);
      if (!a) throw notFound('client');
      const changes = diffFields(view(before), view(a));
      if (body.smppPassword) changes.push({ field: 'smppPassword', before: null, after: '(changed)' });
      if (body.apiPassword) changes.push({ field: 'apiPassword', before: null, after: '(changed)' });
      await history.record(trx, 'client', id, 'access', actorOf(op), changes.filter((c) => c.field !== 'smppPasswordSet' && c.field !== 'apiPasswordSet'));
      return a;
    }).catch((err: unknown) => {
      if (isUniqueViolation(err, SYSTEM_ID_KEY)) throw taken(systemId ?? '');
      throw err;
    });
    return { access: view(after) };
  });
}
