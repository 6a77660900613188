import { z } from 'zod';
import { MESSAGE_STATES } from '../../messaging/rules/message-states.ts';

export const MAX_RECIPIENTS = 1000;
const isoDateTime = (what: string) => z.iso.datetime({ offset: true, error: `${what}: an ISO 8601 date-time, e.g. 2030-01-31T09:00:00Z` });
const stateSchema = z.enum(MESSAGE_STATES);
const decimal = z.string().regex(/^-?\d+\.\d+$/).describe('a decimal string, never a float');

export const sendBody = z.strictObject({
  from: z.string().trim().min(1, 'required').max(16, 'at most 16 characters').describe('sender: a name of up to 11 characters, or a number'),
  to: z
    .union([z.string().min(1, 'required'), z.array(z.string().min(1, 'an empty number')).min(1, 'at least one recipient').max(MAX_RECIPIENTS, `at most ${MAX_RECIPIENTS} recipients`)], {
      // Say what is wrong with the branch the value was meant for, not just "invalid input".
      error: (issue) => {
        const branches = (issue as { errors?: { message: string }[][] }).errors;
        return branches?.[Array.isArray(issue.input) ? 1 : 0]?.[0]?.message ?? 'a number, or a list of up to 1000 numbers';
      },
    })
    .describe(`one number, or up to ${MAX_RECIPIENTS}; international format (+ and country code)`),
  text: z.string().min(1, 'required').max(40_000, 'at most 40000 characters').describe('the message; Petrel picks GSM 7-bit or UCS-2 and splits a long text (one id for the whole text)'),
  callbackUrl: z.string().min(1).max(2000).optional().describe("where this message's delivery report is POSTed instead of the client's webhook"),
  scheduledAt: isoDateTime('scheduledAt').optional().describe('send no earlier than this (the dispatch window still applies)'),
  validity: z
    .number({ error: 'a whole number of minutes' })
    .int('a whole number of minutes')
    .min(1, 'at least 1 minute')
    .max(10_080, 'at most 10080 minutes (7 days)')
    .optional()
    .describe('minutes (from scheduledAt, else from now) after which the message is not sent; it then ends expired, and the vendor is told the same validity'),
  priority: z
    .number({ error: 'a whole number from 0 to 3' })
    .int('a whole number from 0 to 3')
    .min(0, 'at least 0')
    .max(3, 'at most 3')
    .optional()
    .describe("0–3: higher leaves first among this client's own messages (as SMPP priority_flag); the client's SMS priority decides between clients"),
  test: z.boolean().default(false).describe('a test message: free, capped by a daily quota (Can SMS Tests)'),
});

export const acceptedItem = z.object({
  id: z.string().describe("the text's id"),
  to: z.string(),
  status: stateSchema.describe('queued, or scheduled'),
  parts: z.number().int().describe('segments the text was split into; each is billed'),
  price: decimal.describe('what the text cost, in the client’s currency'),
});
export const refusedItem = z.object({
  id: z.null(),
  to: z.string(),
  status: z.literal('refused'),
  error: z.object({ code: z.string(), message: z.string() }),
});
export const sendAnswer = z.object({ messages: z.array(z.union([acceptedItem, refusedItem])) });

export const partView = z.object({
  part: z.number().int(),
  state: stateSchema,
  errorCode: z.number().int().nullable(),
  price: decimal,
  sentAt: z.string().nullable(),
  doneAt: z.string().nullable(),
});
export const messageView = z.object({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  state: stateSchema.describe('delivered only when every part is; else the worst part’s final state (message-states.md)'),
  final: z.boolean(),
  errorCode: z.number().int().nullable().describe('the network error code of the part that decided the state'),
  parts: z.number().int(),
  price: decimal,
  test: z.boolean(),
  channel: z.string(),
  createdAt: z.string(),
  scheduledAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  partStates: z.array(partView),
});
export const messageAnswer = z.object({ message: messageView });
export const idPath = z.object({ id: z.string().regex(/^\d{1,18}$/, 'not a message id') });
export const listQuery = z.strictObject({
  state: stateSchema.optional(),
  from: isoDateTime('from').optional().describe('accepted at or after'),
  to: isoDateTime('to').optional().describe('accepted before'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const listAnswer = z.object({ items: z.array(messageView), page: z.number(), pageSize: z.number(), hasMore: z.boolean() });

export const balanceAnswer = z.object({
  balance: decimal,
  credit: decimal.describe('permanent credit (Allow credit)'),
  overdraw: decimal.describe('the temporary overdraw in force now (0 when none or ended)'),
  overdrawUntil: z.string().nullable(),
  available: decimal.describe('balance + credit + overdraw: what can still be spent'),
  currency: z.string(),
});

const scheduledPrice = z.object({ price: decimal, effectiveFrom: z.string() });
export const pricesAnswer = z.object({
  currency: z.string(),
  items: z.array(
    z.object({
      destinationId: z.number(),
      destination: z.string(),
      country: z.string(),
      price: decimal.nullable().describe('per segment, in force now'),
      effectiveFrom: z.string().nullable(),
      scheduled: z.array(scheduledPrice).describe('price changes to come'),
    }),
  ),
});

export const senderBody = z.strictObject({ name: z.string().min(1, 'required').max(16, 'at most 16 characters').describe('the sender name or number to register') });
export const senderView = z.object({
  name: z.string(),
  status: z.enum(['pending', 'approved', 'denied']).describe("pending: waits for the operator's moderation"),
  reason: z.string(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export const senderAnswer = z.object({ sender: senderView });
export const sendersAnswer = z.object({ items: z.array(senderView) });

export const inboxQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.coerce.number().int().positive().optional().describe('the last id of the previous page'),
});
export const inboxAnswer = z.object({
  items: z.array(z.object({ id: z.string(), from: z.string(), to: z.string(), text: z.string(), receivedAt: z.string() })),
  nextBefore: z.string().nullable(),
});
