import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type OperatorAuth, operatorOf } from '../accounts/operator-auth.ts';
import { clientScopeOf } from '../accounts/operator-scope.ts';
import type { Database } from '../database.ts';
import { OPERATOR_ERRORS, responses } from '../http/rest-v1/openapi.ts';
import { parseWith } from '../http/validate.ts';
import { idParams, intParam, optionalIdQuery } from '../routing/http-params.ts';
import { AppError, notFound } from '../platform/errors.ts';
import type { Clock } from '../platform/clock.ts';
import type { ClientQueries } from './client-queries.store.ts';
import { cancelGroupOf, EXPORT_MAX_MESSAGES, exportPages, messageWithHistory, SEARCH_TIME_LIMIT_MS, searchMessagesWithin } from './message-log.store.ts';
import { csvLine, type LoggedMessage, MESSAGE_CHANNELS, MESSAGE_CSV_COLUMNS } from './rules/message-log.ts';
import { MESSAGE_STATES } from './rules/message-states.ts';

const instant = z.iso.datetime({ offset: true, message: 'an ISO 8601 date-time, e.g. 2030-01-31T09:00:00Z' }).transform((v) => new Date(v));
const searchQuery = z
  .object({
    clientId: optionalIdQuery(),
    destination: z
      .string()
      .transform((v) => v.replace(/^\+/, '').trim())
      .pipe(z.string().regex(/^\d{1,20}$/, 'digits, with or without a leading +'))
      .optional(),
    state: z.enum(MESSAGE_STATES, { message: `one of ${MESSAGE_STATES.join(', ')}` }).optional(),
    channel: z.enum(MESSAGE_CHANNELS, { message: `one of ${MESSAGE_CHANNELS.join(', ')}` }).optional(),
    from: instant.optional(),
    to: instant.optional(),
    before: optionalIdQuery(),
    limit: intParam(1, 200, 'a whole number from 1 to 200').default(50),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: 'must be before to', path: ['from'] });

const searchQuerySchema = {
  type: 'object',
  properties: {
    clientId: { type: 'integer' },
    destination: { type: 'string', description: 'E.164, exact' },
    state: { type: 'string', enum: [...MESSAGE_STATES] },
    channel: { type: 'string', enum: [...MESSAGE_CHANNELS] },
    from: { type: 'string', format: 'date-time' },
    to: { type: 'string', format: 'date-time' },
    before: { type: 'integer' },
    limit: { type: 'integer', minimum: 1, maximum: 200 },
  },
};

const instantOut = z.string().describe('ISO 8601');
const loggedMessage = z.object({
  id: z.string(),
  clientId: z.number().int(),
  clientLogin: z.string(),
  channel: z.enum(MESSAGE_CHANNELS),
  source: z.string(),
  destination: z.string().describe('E.164 digits'),
  country: z.string().nullable(),
  text: z.string(),
  segments: z.number().int(),
  isTest: z.boolean(),
  price: z.string().describe('what the client was charged, a decimal string'),
  state: z.enum(MESSAGE_STATES),
  errorCode: z.number().int().nullable(),
  vendorId: z.number().int().nullable(),
  vendorName: z.string().nullable(),
  vendorMessageId: z.string().nullable(),
  attempts: z.number().int(),
  createdAt: instantOut,
  notBefore: instantOut,
  sentAt: instantOut.nullable(),
  doneAt: instantOut.nullable(),
});
const searchAnswer = z.object({ items: z.array(loggedMessage), next: z.string().nullable().describe('the `before` of the next page; null on the last one') });
const messageAnswer = z.object({
  message: loggedMessage,
  events: z.array(
    z.object({
      at: instantOut,
      kind: z.string().describe('accepted, submitted, receipt, final, or a recorded kind: rerouted, submit_failed, expired, late_receipt, …'),
      state: z.string().nullable(),
      vendorId: z.number().int().nullable(),
      vendorName: z.string().nullable(),
      vendorMessageId: z.string().nullable(),
      errorCode: z.number().int().nullable(),
      detail: z.string(),
      recorded: z.boolean().describe('a row of the history; false: read off the message row'),
    }),
  ),
});

/** The header line, then a line per message, page after page. */
async function* csvOf(pages: AsyncIterable<LoggedMessage[]>): AsyncGenerator<string> {
  yield `${MESSAGE_CSV_COLUMNS.join(',')}\r\n`;
  for await (const page of pages) yield page.map(csvLine).join('');
}

interface Deps {
  readonly db: Kysely<Database>;
  readonly auth: OperatorAuth;
  readonly clock: Clock;
  readonly queries: ClientQueries;
  /** Clients owed reports after a cancel: their deliverers are woken. */
  readonly onReports: (clientIds: readonly number[]) => void;
}

/**
 * The operator's message log: `GET /api/admin/messages` (newest first, filters, keyset paging with
 * `before` = the answer's `next`) and `GET /api/admin/messages/{id}` (the message with its
 * history). Managers see their clients' messages only.
 */
export function registerMessageLogRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(
    '/api/admin/messages',
    {
      schema: {
        tags: ['messages'],
        summary: 'The message log: search messages, newest first, a page at a time',
        description: `Filters narrow each other; \`next\` is the \`before\` of the next page. A search that reads for more than ${SEARCH_TIME_LIMIT_MS / 1000} s is stopped with 422: narrow it by client, number or dates.`,
        querystring: searchQuerySchema,
        response: responses({ 200: { description: 'a page of the log, newest first', schema: searchAnswer } }, [...OPERATOR_ERRORS, 'validation_failed']),
      },
      preHandler: deps.auth.guard(),
    },
    async (request) => {
      const q = parseWith(searchQuery, request.query, 'query');
      const clientIds = await clientScopeOf(deps.db, request);
      const search = { ...stripUndefined(q), ...(clientIds ? { clientIds } : {}) };
      return searchMessagesWithin(deps.db, search, SEARCH_TIME_LIMIT_MS);
    },
  );

  app.get(
    '/api/admin/messages/export.csv',
    {
      schema: {
        tags: ['messages'],
        summary: `The message log as CSV (the same filters, newest first, up to ${EXPORT_MAX_MESSAGES.toLocaleString('en')} messages)`,
        description: `Columns: ${MESSAGE_CSV_COLUMNS.join(', ')}. A cell a spreadsheet would read as a formula starts with an apostrophe.`,
        querystring: searchQuerySchema,
        response: responses({ 200: { description: 'the CSV file (text/csv)', schema: z.string(), alternatives: { 'text/csv': z.string() } } }, [...OPERATOR_ERRORS, 'validation_failed']),
      },
      preHandler: deps.auth.guard(),
    },
    async (request, reply) => {
      const { before: _before, limit: _limit, ...q } = parseWith(searchQuery, request.query, 'query');
      const clientIds = await clientScopeOf(deps.db, request);
      const pages = await exportPages(deps.db, { ...stripUndefined(q), ...(clientIds ? { clientIds } : {}) }, SEARCH_TIME_LIMIT_MS);
      const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="petrel-messages-${stamp}.csv"`);
      return Readable.from(csvOf(pages));
    },
  );

  app.get(
    '/api/admin/messages/:id',
    {
      schema: {
        tags: ['messages'],
        summary: 'One message with its history (attempts, receipts, changes)',
        params: { type: 'object', properties: { id: { type: 'integer' } } },
        response: responses({ 200: { description: 'the message and its life, oldest step first', schema: messageAnswer } }, [...OPERATOR_ERRORS, 'validation_failed']),
      },
      preHandler: deps.auth.guard(),
    },
    async (request) => {
      const { id: messageId } = parseWith(idParams, request.params, 'path');
      const found = await messageWithHistory(deps.db, messageId, await clientScopeOf(deps.db, request));
      if (!found) throw notFound('message');
      return found;
    },
  );

  app.post(
    '/api/admin/messages/:id/cancel',
    {
      schema: {
        tags: ['messages'],
        summary: 'Cancel a message that has not left for a vendor (state deleted, the charge refunded)',
        description:
          'A part of an HTTP, REST or web text cancels the whole text, or nothing: every part must still be waiting (scheduled or queued, not taken by a dispatcher). The client gets the report it asked for (state deleted). A message cancelled already answers as it is; one that left for a vendor or is done is a 409.',
        params: { type: 'object', properties: { id: { type: 'integer' } } },
        response: responses({ 200: { description: 'the message after the cancel, with its life', schema: messageAnswer } }, [...OPERATOR_ERRORS, 'validation_failed', 'conflict']),
      },
      preHandler: deps.auth.guard(),
    },
    async (request) => {
      const { id: messageId } = parseWith(idParams, request.params, 'path');
      const scope = await clientScopeOf(deps.db, request);
      if (!(await messageWithHistory(deps.db, messageId, scope))) throw notFound('message');
      const group = await cancelGroupOf(deps.db, messageId);
      const { outcome, reportedClients } = await deps.queries.cancelTogether(group, { detail: `cancelled by operator ${operatorOf(request).login}` }, deps.clock.now());
      if (reportedClients.length > 0) deps.onReports(reportedClients);
      if (outcome === 'not_found') throw notFound('message');
      if (outcome === 'too_late') throw new AppError('conflict', group.length > 1 ? 'too late to cancel: a part of this text has left for a vendor or is done' : 'too late to cancel: the message has left for a vendor or is done');
      const after = await messageWithHistory(deps.db, messageId, scope);
      if (!after) throw notFound('message');
      return after;
    },
  );
}

function stripUndefined<T extends Record<string, unknown>>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
