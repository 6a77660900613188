import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError, notFound } from '../platform/errors.ts';
import { randomSecret, hashToken } from '../platform/ids.ts';
import { clearCookie, readCookie, setCookie } from '../http/cookies.ts';
import { jsonSchema, parseWith } from '../http/validate.ts';
import { diffFields } from './diff-fields.ts';
import type { HistoryStore } from './history.store.ts';
import { actorOf, type Operator } from './operator.ts';
import { type OperatorAuth, SESSION_COOKIE, operatorOf } from './operator-auth.ts';
import type { OperatorStore } from './operator.store.ts';
import { hashPassword } from './password.ts';
import type { AccountsTables } from './tables.ts';

const loginBody = z.strictObject({ login: z.string().min(1, 'required'), password: z.string().min(1, 'required') });
const operatorLogin = z.string().regex(/^[A-Za-z0-9_]{3,32}$/, 'one word of 3–32 letters, digits or _');
const newOperatorBody = z.strictObject({
  login: operatorLogin,
  password: z.string().min(8, 'at least 8 characters').max(128, 'at most 128 characters'),
  role: z.enum(['admin', 'manager']).default('manager'),
  name: z.string().max(100).default(''),
  email: z.union([z.literal(''), z.email('not a valid e-mail address')]).default(''),
});
const editOperatorBody = z.strictObject({
  name: z.string().max(100).optional(),
  email: z.union([z.literal(''), z.email('not a valid e-mail address')]).optional(),
  password: z.string().min(8, 'at least 8 characters').max(128, 'at most 128 characters').optional(),
  disabled: z.boolean().optional(),
});
const idParams = z.object({ id: z.coerce.number().int().positive('not a valid id') });
const tokenBody = z.strictObject({ name: z.string().min(1, 'required').max(100) });

const view = (o: Operator) => ({ id: o.id, login: o.login, role: o.role, name: o.name, email: o.email, disabled: o.disabled, createdAt: o.createdAt });

interface Deps {
  readonly db: Kysely<AccountsTables>;
  readonly auth: OperatorAuth;
  readonly operators: OperatorStore;
  readonly history: HistoryStore;
  readonly secureCookies: boolean;
}

/** Sign-in, the signed-in operator, managers (admins only) and script tokens. */
export function registerOperatorRoutes(app: FastifyInstance, deps: Deps): void {
  const { auth, operators, history } = deps;
  const tags = ['operators'];

  app.post('/api/admin/login', { schema: { tags, summary: 'Sign in; sets the session cookie', body: jsonSchema(loginBody) } }, async (request, reply) => {
    const body = parseWith(loginBody, request.body);
    const session = await auth.signIn(body.login, body.password, request.ip);
    setCookie(reply, { name: SESSION_COOKIE, value: session.token, httpOnly: true, sameSite: 'strict', path: '/', secure: deps.secureCookies, expires: session.expiresAt });
    return { operator: view(session.operator) };
  });

  app.post('/api/admin/logout', { schema: { tags, summary: 'Sign out' } }, async (request, reply) => {
    const token = readCookie(request, SESSION_COOKIE);
    if (token) await auth.signOut(token);
    clearCookie(reply, SESSION_COOKIE, '/');
    return { ok: true };
  });

  app.get('/api/admin/me', { schema: { tags, summary: 'The signed-in operator' }, preHandler: auth.guard() }, (request) => ({ operator: view(operatorOf(request)) }));

  app.get('/api/admin/operators', { schema: { tags, summary: 'List operators (admins and managers)' }, preHandler: auth.guard() }, async () => ({
    items: (await operators.list()).map(view),
  }));

  app.post('/api/admin/operators', { schema: { tags, summary: 'Create an operator (admin only)', body: jsonSchema(newOperatorBody) }, preHandler: auth.guard('admin') }, async (request, reply) => {
    const body = parseWith(newOperatorBody, request.body);
    if (await operators.findByLogin(body.login)) throw new AppError('login_taken', `the login ${body.login} is taken`, { login: 'already taken' });
    const created = await deps.db.transaction().execute(async (trx) => {
      const o = await operators.in(trx).insert({ login: body.login, passwordHash: await hashPassword(body.password), role: body.role, name: body.name, email: body.email });
      await history.record(trx, 'operator', o.id, 'create', actorOf(operatorOf(request)), diffFields(null, view(o)));
      return o;
    });
    return reply.code(201).send({ operator: view(created) });
  });

  app.patch('/api/admin/operators/:id', { schema: { tags, summary: 'Edit an operator (admin only)', body: jsonSchema(editOperatorBody) }, preHandler: auth.guard('admin') }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    const body = parseWith(editOperatorBody, request.body);
    const before = await operators.findById(id);
    if (!before) throw notFound('operator');
    const after = await deps.db.transaction().execute(async (trx) => {
      const o = await operators.in(trx).update(id, { ...body, passwordHash: body.password ? await hashPassword(body.password) : undefined });
      if (!o) throw notFound('operator');
      const changes = diffFields(view(before), view(o));
      if (body.password) changes.push({ field: 'password', before: null, after: '(changed)' });
      await history.record(trx, 'operator', id, 'update', actorOf(operatorOf(request)), changes);
      return o;
    });
    return { operator: view(after) };
  });

  app.get('/api/admin/tokens', { schema: { tags, summary: 'My API tokens' }, preHandler: auth.guard() }, async (request) => ({
    items: await operators.listTokens(operatorOf(request).id),
  }));

  app.post('/api/admin/tokens', { schema: { tags, summary: 'Create an API token (shown once)', body: jsonSchema(tokenBody) }, preHandler: auth.guard() }, async (request, reply) => {
    const { name } = parseWith(tokenBody, request.body);
    const token = `ptk_${randomSecret(32)}`;
    const created = await operators.createToken(operatorOf(request).id, name, hashToken(token));
    return reply.code(201).send({ ...created, token });
  });

  app.delete('/api/admin/tokens/:id', { schema: { tags, summary: 'Revoke an API token' }, preHandler: auth.guard() }, async (request) => {
    const { id } = parseWith(idParams, request.params, 'path');
    if (!(await operators.revokeToken(operatorOf(request).id, id, new Date()))) throw notFound('token');
    return { ok: true };
  });
}
