/** The shapes of the operator's message log, and how a message's life is told (pure: the panel reads them too). */
import type { MessageState } from './message-states.ts';

export const MESSAGE_CHANNELS = ['smpp', 'http', 'rest', 'web'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export interface LoggedMessage {
  readonly id: string;
  readonly clientId: number;
  readonly clientLogin: string;
  readonly channel: MessageChannel;
  readonly source: string;
  readonly destination: string;
  readonly country: string | null;
  readonly text: string;
  readonly segments: number;
  readonly isTest: boolean;
  readonly price: string;
  readonly state: MessageState;
  readonly errorCode: number | null;
  readonly vendorId: number | null;
  readonly vendorName: string | null;
  readonly vendorMessageId: string | null;
  readonly attempts: number;
  readonly createdAt: string;
  readonly notBefore: string;
  readonly sentAt: string | null;
  readonly doneAt: string | null;
}

/** One step of a message's life: a row of its history, or one its own row says (acceptance, sending, the end). */
export interface MessageEvent {
  readonly at: string;
  /** accepted, submitted, receipt, final, or a history kind: rerouted, submit_failed, expired, late_receipt, … */
  readonly kind: string;
  readonly state: string | null;
  readonly vendorId: number | null;
  readonly vendorName: string | null;
  readonly vendorMessageId: string | null;
  readonly errorCode: number | null;
  readonly detail: string;
  /** True for a row of the history (message_events); false for a step read off the message's own row. */
  readonly recorded: boolean;
}

/** The recorded history with the steps the message's row tells added, in time order (a tie keeps the row's steps first). */
export function historyOf(m: LoggedMessage, recorded: readonly MessageEvent[]): MessageEvent[] {
  const step = (at: string, kind: string, state: string | null, fields: Partial<MessageEvent> = {}): MessageEvent => ({ at, kind, state, vendorId: null, vendorName: null, vendorMessageId: null, errorCode: null, detail: '', recorded: false, ...fields });
  const vendor = { vendorId: m.vendorId, vendorName: m.vendorName, vendorMessageId: m.vendorMessageId };
  const steps = [step(m.createdAt, 'accepted', null, { detail: `over ${m.channel.toUpperCase()}, ${m.segments} segment(s)` })];
  if (m.sentAt !== null && !recorded.some((e) => e.state === 'sent')) steps.push(step(m.sentAt, 'submitted', 'sent', vendor));
  if (m.doneAt !== null && !recorded.some((e) => e.state === m.state)) steps.push(step(m.doneAt, m.vendorMessageId === null ? 'final' : 'receipt', m.state, { ...vendor, errorCode: m.errorCode }));
  return [...steps, ...recorded].map((e, i) => ({ e, i })).sort((a, b) => Date.parse(a.e.at) - Date.parse(b.e.at) || a.i - b.i).map(({ e }) => e);
}


/** The columns of the message log's CSV export, in order. */
export const MESSAGE_CSV_COLUMNS = ['id', 'accepted_at', 'client', 'channel', 'sender', 'destination', 'country', 'text', 'parts', 'price', 'test', 'state', 'error_code', 'vendor', 'vendor_message_id', 'sent_at', 'done_at'] as const;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break. A cell that a
 * spreadsheet would take for a formula (=, +, -, @, a tab or a carriage return first: a client
 * chooses its texts and sender names) gets an apostrophe first, so it is shown as text.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A message as one CSV line (MESSAGE_CSV_COLUMNS), ending in CRLF. */
export function csvLine(m: LoggedMessage): string {
  const cells = [m.id, m.createdAt, m.clientLogin, m.channel, m.source, m.destination, m.country, m.text, m.segments, m.price, m.isTest, m.state, m.errorCode, m.vendorName, m.vendorMessageId, m.sentAt, m.doneAt];
  return `${cells.map(csvCell).join(',')}\r\n`;
}
