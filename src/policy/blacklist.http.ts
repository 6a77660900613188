import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../accounts/operator.ts';
import { operatorOf } from '../accounts/operator-auth.ts';
import { jsonSchema, parseWith } from '../http/validate.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { acceptTextBodies, importText, pageQuery } from '../routing/http-params.ts';
import { type MessagePathDeps, transact } from '../routing/message-path-deps.ts';
import { BlacklistStore } from './blacklist.store.ts';
import { normalizeMsisdn } from './rules/normalize-msisdn.ts';

const NUMBER_MESSAGE = 'an international number, e.g. +380501234567 (7–15 digits)';
const msisdn = z
  .string({ error: 'required' })
  .transform((v, ctx) => normalizeMsisdn(v) ?? (ctx.addIssue({ code: 'custom', message: NUMBER_MESSAGE }), z.NEVER));
const addBody = z.strictObject({ number: msisdn, reason: z.string({ error: 'text' }).trim().max(500, 'at most 500 characters').default('') });
const listQuery = z.strictObject({ search: z.string().trim().max(20).optional(), ...pageQuery });
const numberParams = z.object({ number: msisdn });
const importBody = z.union([z.string(), z.strictObject({ numbers: z.string(), reason: z.string().max(500).optional() })]);

/** The platform blacklist: numbers that receive nothing (unless a client has Disable Black List). */
export function registerBlacklistRoutes(app: FastifyInstance, deps: MessagePathDeps): void {
  const { auth, history } = deps;
  const store = new BlacklistStore(deps.db);
  const tags = ['policy'];
  acceptTextBodies(app);
  const record = (trx: Parameters<typeof history.record>[0], op: ReturnType<typeof operatorOf>, action: string, numbers: readonly string[], after: unknown) =>
    history.record(
      trx,
      'blacklist',
      0,
      action,
      actorOf(op),
      numbers.slice(0, 1000).map((n) => ({ field: n, before: action === 'delete' ? 'listed' : null, after })),
    );

  app.get('/api/admin/blacklist', { schema: { tags, summary: 'Blacklisted numbers (search by digits)', querystring: jsonSchema(listQuery) }, preHandler: auth.guard() }, async (request) => {
    const q = parseWith(listQuery, request.query, 'query');
    const { items, total } = await store.page(q);
    return { items, total, page: q.page, pageSize: q.pageSize };
  });

  app.post('/api/admin/blacklist', { schema: { tags, summary: 'Blacklist a number (admin)', body: jsonSchema(addBody) }, preHandler: auth.guard('admin') }, async (request, reply) => {
    const body = parseWith(addBody, request.body);
    const added = await transact(deps.db, async (trx) => {
      const done = await store.in(trx).add([body]);
      if (done.length) await record(trx, operatorOf(request), 'create', done, body.reason || 'listed');
      return done.length > 0;
    });
    if (!added) throw new AppError('conflict', `+${body.number} is blacklisted already`, { number: 'already blacklisted' });
    return reply.code(201).send({ entry: await store.find(body.number) });
  });

  app.delete('/api/admin/blacklist/:number', { schema: { tags, summary: 'Take a number off the blacklist (admin)' }, preHandler: auth.guard('admin') }, async (request) => {
    const { number } = parseWith(numberParams, request.params, 'path');
    const removed = await transact(deps.db, async (trx) => {
      const ok = await store.in(trx).remove(number);
      if (ok) await record(trx, operatorOf(request), 'delete', [number], null);
      return ok;
    });
    if (!removed) throw notFound('blacklisted number');
    return { ok: true };
  });

  app.post(
    '/api/admin/blacklist/import',
    { schema: { tags, summary: 'Blacklist many numbers: one per line (text body, or JSON { numbers, reason })', body: jsonSchema(importBody) }, preHandler: auth.guard('admin') },
    async (request) => {
      const text = importText(request.body, 'numbers');
      const reason = typeof request.body === 'object' && request.body && typeof (request.body as { reason?: unknown }).reason === 'string' ? (request.body as { reason: string }).reason : 'import';
      const { numbers, refused } = parseNumberLines(text);
      const added = await transact(deps.db, async (trx) => {
        const out: string[] = [];
        for (let i = 0; i < numbers.length; i += 1000) out.push(...(await store.in(trx).add(numbers.slice(i, i + 1000).map((number) => ({ number, reason })))));
        if (out.length) await record(trx, operatorOf(request), 'import', out, reason);
        return out;
      });
      return { accepted: numbers.length, added: added.length, alreadyListed: numbers.length - added.length, refused };
    },
  );
}

/** One number per line (commas and semicolons too); blank lines and # comments skipped; repeats counted once. */
function parseNumberLines(text: string): { numbers: string[]; refused: { line: number; value: string; reason: string }[] } {
  const numbers = new Set<string>();
  const refused: { line: number; value: string; reason: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    for (const value of raw.split(/[,;]/).map((v) => v.trim())) {
      if (value === '' || value.startsWith('#')) continue;
      const n = normalizeMsisdn(value);
      if (n) numbers.add(n);
      else refused.push({ line: i + 1, value: value.slice(0, 40), reason: NUMBER_MESSAGE });
    }
  });
  return { numbers: [...numbers], refused };
}
