import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import { Decimal } from 'decimal.js';
import { formatPrice } from '../../billing/money.ts';
import type { Database } from '../../database.ts';
import type { ClientQueries } from '../../messaging/client-queries.store.ts';
import { isFinal } from '../../messaging/rules/message-states.ts';
import type { UrlGuard } from '../../notify/webhooks/url-guard.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError, type ErrorCode, errorRegistry, headersOfCode, notFound, validationFailed } from '../../platform/errors.ts';
import { withoutEmpty } from '../../accounts/route-params.ts';
import { jsonSchema, parseWith } from '../validate.ts';
import { apiPrincipalOf } from './api-principal.ts';
import { Idempotency } from './idempotency.ts';
import { listTexts, findText, type MessageRow } from './messages.store.ts';
import { AUTH_ERRORS, responses } from './openapi.ts';
import { idPath, listAnswer, listQuery, messageAnswer, sendAnswer, sendBody } from './schemas.ts';
import { textState } from './texts/rules/text-state.ts';
import { type CheckedText, type RecipientResult, TextSubmitter } from './texts/text-submitter.ts';

export interface MessagesDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly submitter: TextSubmitter;
  readonly queries: ClientQueries;
  readonly idempotency: Idempotency;
  readonly guard: UrlGuard;
  readonly preHandler: preHandlerAsyncHookHandler;
}

const tags = ['REST API v1'];
/** API key as a bearer token; HTTP Basic with the login and API password works too (see the README). */
export const security: { [scheme: string]: string[] }[] = [{ bearer: [] }];
const REST_ERRORS: readonly ErrorCode[] = [...AUTH_ERRORS, 'too_many_requests'];
const SEND_ERRORS: readonly ErrorCode[] = [...REST_ERRORS, 'validation_failed', 'conflict', 'invalid_destination', 'invalid_source', 'blacklisted', 'sender_not_approved', 'sender_pending', 'daily_limit', 'insufficient_funds', 'no_route', 'test_quota', 'throttled'];

/** POST /api/v1/messages (with Idempotency-Key), GET one, GET a page. */
export function registerMessageRoutes(app: FastifyInstance, deps: MessagesDeps): void {
  const { preHandler } = deps;
  app.post(
    '/api/v1/messages',
    {
      schema: {
        tags,
        security,
        summary: 'Send a text to one or up to 1000 recipients',
        description:
          'Answers 202 with one entry per recipient. With an `Idempotency-Key` header a retried request (same key, same body) gets the first answer back (`Idempotent-Replayed: true`) and sends nothing; the same key with another body is a 409. Keys are kept 24 hours. When no recipient is accepted the answer is the first refusal’s error.',
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', maxLength: 255, description: 'makes retries safe: a UUID per logical request' } } },
        body: jsonSchema(sendBody),
        response: responses({ 202: { description: 'accepted (at least one recipient)', schema: sendAnswer } }, SEND_ERRORS),
      },
      preHandler,
    },
    async (request, reply) => {
      const principal = apiPrincipalOf(request);
      const key = request.headers['idempotency-key'];
      if (Array.isArray(key)) throw new AppError('malformed_request', 'send one Idempotency-Key header');
      if (key !== undefined) Idempotency.check(key);
      const body = parseWith(sendBody, request.body);
      const callbackUrl = body.callbackUrl === undefined ? null : await checkedUrl(deps.guard, body.callbackUrl);
      const check = TextSubmitter.check({ kind: 'text', text: body.text });
      if (!check.ok) throw validationFailed({ text: check.reason });
      const work = () => send(deps, principal.clientId, body, callbackUrl, check);
      const out = key === undefined ? { replayed: false, ...(await work()) } : await deps.idempotency.run(principal.clientId, key, Idempotency.hash('POST', '/api/v1/messages', request.body), work);
      if (out.replayed) void reply.header('idempotent-replayed', 'true');
      if ('headers' in out && out.headers) void reply.headers(out.headers);
      return reply.code(out.status).send(out.body);
    },
  );

  app.get(
    '/api/v1/messages/:id',
    { schema: { tags, security, summary: "A text's state, parts, price and times (only the client's own)", params: jsonSchema(idPath), response: responses({ 200: { description: 'the text', schema: messageAnswer } }, [...REST_ERRORS, 'not_found']) }, preHandler },
    async (request) => {
      const { id } = parseWith(idPath, request.params, 'path');
      const rows = await findText(deps.db, apiPrincipalOf(request).clientId, Number(id));
      if (!rows) throw notFound('message');
      return { message: messageOf(rows) };
    },
  );

  app.delete(
    '/api/v1/messages/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Cancel a text that has not left for the carrier (state deleted, the charge refunded)',
        description:
          'The whole text (every part) or nothing: each part must still wait (scheduled, or queued and not yet taken for sending). Its report (state `deleted`) goes to the callbackUrl or webhook like any other. A text cancelled already answers 200 as it is; one that has left for the carrier is a 409.',
        params: jsonSchema(idPath),
        response: responses({ 200: { description: 'the text, cancelled', schema: messageAnswer } }, [...REST_ERRORS, 'not_found', 'conflict']),
      },
      preHandler,
    },
    async (request) => {
      const { id } = parseWith(idPath, request.params, 'path');
      const clientId = apiPrincipalOf(request).clientId;
      const rows = await findText(deps.db, clientId, Number(id));
      if (!rows) throw notFound('message');
      const { outcome } = await deps.queries.cancelTogether(
        rows.map((r) => r.id),
        { clientId, detail: 'cancelled by the client (REST API)' },
        deps.clock.now(),
      );
      if (outcome === 'not_found') throw notFound('message');
      if (outcome === 'too_late') throw new AppError('conflict', 'too late to cancel: the text has left for the carrier or is done');
      return { message: messageOf((await findText(deps.db, clientId, Number(id))) ?? rows) };
    },
  );

  app.get(
    '/api/v1/messages',
    { schema: { tags, security, summary: "The client's texts, newest first, by state and time", querystring: jsonSchema(listQuery), response: responses({ 200: { description: 'a page of texts', schema: listAnswer } }, [...REST_ERRORS, 'validation_failed']) }, preHandler },
    async (request) => {
      const q = parseWith(listQuery, withoutEmpty(request.query), 'query');
      const page = await listTexts(deps.db, apiPrincipalOf(request).clientId, { ...q, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined });
      return { items: page.texts.map(messageOf), page: q.page, pageSize: q.pageSize, hasMore: page.hasMore };
    },
  );
}

async function checkedUrl(guard: UrlGuard, url: string): Promise<string> {
  const checked = await guard.check(url);
  if (!checked.ok) throw validationFailed({ callbackUrl: checked.reason });
  return url;
}

async function send(deps: MessagesDeps, clientId: number, body: ReturnType<typeof sendBody.parse>, callbackUrl: string | null, checked: CheckedText): Promise<{ status: number; body: unknown }> {
  const results = await deps.submitter.submit({
    clientId,
    channel: 'rest',
    from: body.from,
    recipients: typeof body.to === 'string' ? [body.to] : body.to,
    content: { kind: 'text', text: body.text },
    isTest: body.test,
    scheduledAt: body.scheduledAt ? new Date(body.scheduledAt) : undefined,
    validUntil: body.validity ? new Date((body.scheduledAt ? Date.parse(body.scheduledAt) : deps.clock.now().getTime()) + body.validity * 60_000) : undefined,
    priorityFlag: body.priority,
    dlrUrl: null,
    dlrMask: 0,
    callbackUrl,
    withViews: true,
    checked,
  });
  return answerOf(results);
}

/** 202 with an entry per recipient; when none was accepted, the first refusal as the error. */
function answerOf(results: readonly RecipientResult[]): { status: number; body: unknown; headers?: Readonly<Record<string, string>> | undefined } {
  const refusal = results.find((r) => !r.ok);
  if (!results.some((r) => r.ok) && refusal && !refusal.ok) return { status: errorRegistry[refusal.code].http, body: new AppError(refusal.code, refusal.message).toJSON(), headers: headersOfCode(refusal.code) };
  const messages = results.map((r) => (r.ok ? { id: r.id, to: r.to, status: r.state ?? 'queued', parts: r.parts, price: r.price ?? '0.0000' } : { id: null, to: r.to, status: 'refused', error: { code: r.code, message: r.message } }));
  return { status: 202, body: { messages } };
}

function messageOf(rows: readonly MessageRow[]) {
  const head = rows[0] as MessageRow;
  const state = textState(rows);
  const iso = (d: Date | null) => (d === null ? null : d.toISOString());
  const latest = (pick: (r: MessageRow) => Date | null) => (rows.every((r) => pick(r) !== null) ? rows.reduce<Date | null>((a, r) => (a === null || (pick(r) as Date) > a ? pick(r) : a), null) : null);
  return {
    id: String(head.id),
    from: head.source,
    to: head.destination,
    state: state.state,
    final: isFinal(state.state),
    errorCode: state.errorCode,
    parts: rows.length,
    price: formatPrice(rows.reduce((s, r) => s.plus(r.price), new Decimal(0))),
    test: head.isTest,
    channel: head.channel,
    createdAt: head.createdAt.toISOString(),
    scheduledAt: head.notBefore > head.createdAt ? head.notBefore.toISOString() : null,
    sentAt: iso(latest((r) => r.sentAt)),
    doneAt: iso(state.final ? latest((r) => r.doneAt) : null),
    partStates: rows.map((r, i) => ({ part: i + 1, state: r.state, errorCode: r.errorCode, price: formatPrice(r.price), sentAt: iso(r.sentAt), doneAt: iso(r.doneAt) })),
  };
}

