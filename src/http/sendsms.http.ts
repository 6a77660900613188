import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { UrlGuard } from '../notify/webhooks/url-guard.ts';
import type { Clock } from '../platform/clock.ts';
import { AppError, type ErrorCode } from '../platform/errors.ts';
import type { ClientApiAuth } from './rest-v1/client-auth.ts';
import { AUTH_ERRORS, responses } from './rest-v1/openapi.ts';
import { TextSubmitter } from './rest-v1/texts/text-submitter.ts';
import { type Answer, errorAnswer, sendsmsAnswer } from './sendsms-answer.ts';
import { parseFormBytes, readSendsmsParams } from './sendsms-params.ts';
import { jsonSchema } from './validate.ts';

export interface SendsmsDeps {
  readonly auth: ClientApiAuth;
  readonly submitter: TextSubmitter;
  readonly guard: UrlGuard;
  readonly clock: Clock;
}

const FORM = 'application/x-www-form-urlencoded';

const params = z.object({
  username: z.string().describe("the client's login"),
  password: z.string().describe("the client's API password (profile → SMPP & API)"),
  from: z.string().describe('sender: a name of up to 11 characters or a number'),
  to: z.string().describe('recipients, up to 1000, separated by +, comma or space'),
  text: z.string().optional().describe('the message; UTF-8 unless charset says otherwise; raw octets with coding=1'),
  coding: z.enum(['0', '1', '2']).optional().describe('0 GSM 7-bit, 1 binary (8-bit), 2 UCS-2; absent: GSM when every character fits, else UCS-2'),
  charset: z.string().optional().describe('charset of text, e.g. UTF-8, ISO-8859-1, windows-1251, UTF-16BE'),
  udh: z.string().optional().describe('a User Data Header as URL-encoded octets (its first octet the length); the message is then one part as given'),
  'dlr-mask': z.string().optional().describe('which reports to push to dlr-url: 1 delivered, 2 not delivered, 4 queued, 8 accepted by the carrier, 16 rejected by the carrier; default 19 with a dlr-url'),
  'dlr-url': z.string().optional().describe('URL called (GET) with each report; %d status bit, %i message id, %p recipient, %s sender, %A receipt text, %T unix time'),
  validity: z.string().optional().describe('minutes the message stays valid (1–10080)'),
  deferred: z.string().optional().describe('minutes to wait before sending (0–43200)'),
  priority: z.string().optional().describe("0–3: higher leaves first among this client's own messages (the client's SMS priority decides between clients)"),
});
const accepted = z.object({
  messages: z.array(
    z.union([
      z.object({ to: z.string(), id: z.string().describe('the text’s id, in every report'), parts: z.number(), status: z.literal('accepted') }),
      z.object({ to: z.string(), status: z.literal('refused'), error: z.object({ code: z.string(), message: z.string() }) }),
    ]),
  ),
});
const plain = z.string().describe('one line per recipient: `0: Accepted for delivery <id>`, or `ERR <code>: <reason> (to <number>)`; an error answer is one line `ERR <code>: <reason>`');

const SENDSMS_ERRORS: readonly ErrorCode[] = [...AUTH_ERRORS, 'validation_failed', 'too_many_requests', 'invalid_destination', 'invalid_source', 'blacklisted', 'sender_not_approved', 'sender_pending', 'daily_limit', 'insufficient_funds', 'no_route', 'test_quota', 'throttled'];

/**
 * The HTTP API of the classic gateways: `GET|POST /sendsms` with query or form parameters.
 * Answers 202 with one id per recipient (text, or JSON with `Accept: application/json`), or an
 * error status with a one-line reason.
 */
export function registerSendsmsRoutes(app: FastifyInstance, deps: SendsmsDeps): void {
  if (!app.hasContentTypeParser(FORM)) app.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, body, done) => done(null, body));
  const schema = {
    tags: ['HTTP API'],
    summary: 'Send SMS with the classic gateway parameters (username, password, from, to, text, …)',
    description: 'Answers `202` with `0: Accepted for delivery <id>` per recipient (text/plain), or JSON when `Accept: application/json`. The id is the text’s: a long text is split by Petrel and reported once.',
    response: responses({ 202: { description: 'accepted (at least one recipient)', schema: accepted, alternatives: { 'text/plain': plain } } }, SENDSMS_ERRORS, { 'text/plain': plain }),
  };
  const handler = (request: FastifyRequest, reply: FastifyReply) => sendsms(deps, request, reply);
  // No HEAD twin: a HEAD request (a link checker, a monitor) must not send messages.
  app.get('/sendsms', { exposeHeadRoute: false, schema: { ...schema, querystring: jsonSchema(params) } }, handler);
  app.post('/sendsms', { schema: { ...schema, querystring: jsonSchema(params.partial()), body: { content: { [FORM]: { schema: jsonSchema(params) } } } } }, handler);
}

async function sendsms(deps: SendsmsDeps, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const json = /application\/json/i.test(request.headers.accept ?? '');
  const answer = await handle(deps, request, json).catch((err: unknown) => {
    if (err instanceof AppError) return errorAnswer(err.code, err.message, json, err.fields, err.headers);
    throw err;
  });
  if (answer.headers) void reply.headers(answer.headers);
  return reply.code(answer.status).type(answer.type).send(answer.body);
}

async function handle(deps: SendsmsDeps, request: FastifyRequest, json: boolean): Promise<Answer> {
  const query = request.raw.url?.split('?')[1] ?? '';
  const raw = parseFormBytes(query);
  if (typeof request.body === 'string') for (const [k, v] of parseFormBytes(request.body)) raw.set(k, v);
  else if (request.body !== undefined && request.body !== null) throw new AppError('malformed_request', `send the parameters in the query string or as ${FORM}`);
  const read = readSendsmsParams(raw);
  if (!read.ok) {
    const names = Object.keys(read.fields);
    return errorAnswer('validation_failed', `${names.length} invalid parameter(s): ${names.join(', ')}`, json, read.fields);
  }
  const p = read.params;
  const principal = await deps.auth.withPassword(p.username, p.password, request.ip, 'http');
  const fields: Record<string, string> = {};
  const check = TextSubmitter.check(p.content);
  if (!check.ok) fields.text = check.reason;
  if (p.dlrUrl !== null) {
    const url = await deps.guard.check(p.dlrUrl);
    if (!url.ok) fields['dlr-url'] = url.reason;
  }
  if (Object.keys(fields).length > 0) return errorAnswer('validation_failed', `${Object.keys(fields).length} invalid parameter(s): ${Object.keys(fields).join(', ')}`, json, fields);
  const now = deps.clock.now();
  const results = await deps.submitter.submit({
    clientId: principal.clientId,
    channel: 'http',
    from: p.from,
    recipients: p.to,
    content: p.content,
    isTest: false,
    scheduledAt: p.deferred ? new Date(now.getTime() + p.deferred * 60_000) : undefined,
    // Kannel's meaning: minutes from now (the deferral included), after which it is not sent.
    validUntil: p.validity ? new Date(now.getTime() + ((p.deferred ?? 0) + p.validity) * 60_000) : undefined,
    priorityFlag: p.priority ?? undefined,
    dlrUrl: p.dlrUrl,
    dlrMask: p.dlrMask,
    callbackUrl: null,
    withViews: false,
    checked: check,
  });
  return sendsmsAnswer(results, json);
}
