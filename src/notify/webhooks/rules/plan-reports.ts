import { Decimal } from 'decimal.js';
import { formatPrice } from '../../../billing/money.ts';
import { textState } from '../../../http/rest-v1/texts/rules/text-state.ts';
import { type MessageState, STATE_TABLE } from '../../../messaging/rules/message-states.ts';
import { dlrAnswer, expandDlrUrl } from './dlr-url.ts';


/** A client_reports row (a part reached a final state) claimed by the relay. */
export interface ClaimedReport {
  readonly id: number;
  readonly clientId: number;
  readonly messageId: number;
}

/** An HTTP or REST text: what the client holds an id for, and where its reports go. */
export interface ReportedText {
  readonly id: number;
  readonly clientId: number;
  readonly channel: string;
  readonly partIds: readonly number[];
  readonly status: 'accepted' | 'cancelled';
  readonly dlrUrl: string | null;
  readonly dlrMask: number;
  readonly callbackUrl: string | null;
  /** dlr-mask bits 4 and 8 not reported yet. */
  readonly owedBits: number;
}

export interface PartRow {
  readonly id: number;
  readonly clientId: number;
  readonly channel: string;
  readonly state: MessageState;
  readonly errorCode: number | null;
  readonly source: string;
  readonly destination: string;
  /** Decimal string. */
  readonly price: string;
  readonly isTest: boolean;
  readonly createdAt: Date;
  readonly sentAt: Date | null;
  readonly doneAt: Date | null;
}

export interface ClientWebhook {
  readonly url: string | null;
  readonly events: readonly string[];
}

export interface NewDelivery {
  readonly clientId: number;
  readonly event: 'dlr' | 'dlr_url';
  /** One delivery per (text, report, target): a second plan for the same text adds nothing. */
  readonly dedupeKey: string;
  readonly messageId: number;
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly body: string | null;
}

export interface ReportPlan {
  readonly deliveries: NewDelivery[];
  /** Reports settled: sent on as a delivery, folded into their text, or owed to nobody. */
  readonly done: number[];
  /** dlr-mask progress bits reported (or no longer owed) along with a final report. */
  readonly cleared: { readonly id: number; readonly bits: number }[];
}

export interface ReportInput {
  readonly reports: readonly ClaimedReport[];
  /** The text of each part's message id (head and other parts). */
  readonly textOf: ReadonlyMap<number, ReportedText>;
  /** Every part of those texts, and the reported messages themselves. */
  readonly parts: ReadonlyMap<number, PartRow>;
  readonly webhooks: ReadonlyMap<number, ClientWebhook>;
  readonly now: Date;
}

/**
 * Turns final-state reports of parts into at most one report per text (message-states.md): the
 * text's report is owed once every part is final, with the text's state (delivered only when all
 * parts are). It goes to the /sendsms dlr-url when the text has one (if the dlr-mask asks for that
 * state), else to the message's callbackUrl, else to the client's webhook for `dlr`. Pure.
 */
export function planReports(input: ReportInput): ReportPlan {
  const plan: ReportPlan = { deliveries: [], done: [], cleared: [] };
  for (const r of input.reports) {
    const part = input.parts.get(r.messageId);
    if (part === undefined) {
      plan.done.push(r.id);
      continue;
    }
    // A message without a text row is a text of its own: intake writes every row a text needs in
    // the statement that stores its parts, so none comes later.
    const text = input.textOf.get(r.messageId) ?? { id: part.id, clientId: part.clientId, channel: part.channel, partIds: [part.id], status: 'accepted', dlrUrl: null, dlrMask: 0, callbackUrl: null, owedBits: 0 };
    plan.done.push(r.id);
    if (text.status === 'cancelled') continue;
    const rows = text.partIds.map((id) => input.parts.get(id)).filter((p): p is PartRow => p !== undefined);
    const state = textState(rows);
    if (!state.final) continue;
    // Progress reports still owed go first, so a dlr-url sees 4, 8 and the final state in order.
    if (text.owedBits !== 0) {
      const progress = planProgress([text], input.parts, input.now);
      plan.deliveries.push(...progress.deliveries);
      plan.cleared.push({ id: text.id, bits: text.owedBits });
    }
    const delivery = finalDelivery(text, rows, state, input.webhooks.get(text.clientId), input.now);
    if (delivery) plan.deliveries.push(delivery);
  }
  return plan;
}

function finalDelivery(text: ReportedText, rows: readonly PartRow[], state: ReturnType<typeof textState>, webhook: ClientWebhook | undefined, now: Date): NewDelivery | undefined {
  const head = rows[0];
  if (head === undefined) return undefined;
  if (text.dlrUrl !== null) {
    const bit = STATE_TABLE[state.state].dlrMaskBit ?? 0;
    if ((text.dlrMask & bit) === 0) return undefined;
    return dlrUrlDelivery(text, head, bit, STATE_TABLE[state.state].stat ?? 'UNKNOWN', state.errorCode, latest(rows) ?? now, 'final');
  }
  const url = text.callbackUrl ?? (webhook?.url && webhook.events.includes('dlr') ? webhook.url : null);
  if (url === null) return undefined;
  return { clientId: text.clientId, event: 'dlr', dedupeKey: `dlr:${text.id}`, messageId: text.id, method: 'POST', url, body: JSON.stringify(dlrPayload(text, rows, state, now)) };
}

/** The JSON a webhook receives for a text's final state. */
export function dlrPayload(text: Pick<ReportedText, 'id'>, rows: readonly PartRow[], state: ReturnType<typeof textState>, now: Date) {
  const head = rows[0] as PartRow;
  const price = rows.reduce((sum, p) => sum.plus(p.price), new Decimal(0));
  return {
    event: 'dlr' as const,
    messageId: String(text.id),
    from: head.source,
    to: head.destination,
    state: state.state,
    errorCode: state.errorCode,
    parts: rows.length,
    price: formatPrice(price),
    test: head.isTest,
    acceptedAt: head.createdAt.toISOString(),
    doneAt: (latest(rows) ?? now).toISOString(),
  };
}

/** A text that still owes dlr-mask reports 4 (queued) or 8 (accepted by the carrier). */
export type OwedText = ReportedText;

export interface ProgressPlan {
  readonly deliveries: NewDelivery[];
  /** Bits no longer owed, per text. */
  readonly cleared: { readonly id: number; readonly bits: number }[];
}

/**
 * Reports 4 and 8 of a /sendsms dlr-mask: 4 as soon as the text is accepted, 8 once every part
 * was taken by a carrier. A text with a part that ended unsent owes no 8. Pure.
 */
export function planProgress(texts: readonly OwedText[], parts: ReadonlyMap<number, PartRow>, now: Date): ProgressPlan {
  const plan: ProgressPlan = { deliveries: [], cleared: [] };
  for (const text of texts) {
    const rows = text.partIds.map((id) => parts.get(id)).filter((p): p is PartRow => p !== undefined);
    const head = rows[0];
    if (text.status === 'cancelled' || text.dlrUrl === null || head === undefined) {
      plan.cleared.push({ id: text.id, bits: text.owedBits });
      continue;
    }
    let bits = 0;
    if (text.owedBits & 4) {
      plan.deliveries.push(dlrUrlDelivery(text, head, 4, 'ENROUTE', null, now, '4'));
      bits |= 4;
    }
    if (text.owedBits & 8) {
      const sent = rows.every((p) => p.sentAt !== null);
      if (sent) plan.deliveries.push(dlrUrlDelivery(text, head, 8, 'ACCEPTD', null, latestSent(rows) ?? now, '8'));
      const never = rows.some((p) => p.sentAt === null && STATE_TABLE[p.state].final);
      if (sent || never) bits |= 8;
    }
    if (bits !== 0) plan.cleared.push({ id: text.id, bits });
  }
  return plan;
}

function dlrUrlDelivery(text: ReportedText, head: PartRow, bit: number, stat: string, errorCode: number | null, at: Date, which: string): NewDelivery {
  const messageId = String(text.id);
  const url = expandDlrUrl(text.dlrUrl ?? '', {
    status: bit,
    messageId,
    phone: head.destination,
    sender: head.source,
    answer: dlrAnswer(messageId, stat, errorCode),
    unixTime: Math.floor(at.getTime() / 1000),
  });
  return { clientId: text.clientId, event: 'dlr_url', dedupeKey: `dlr_url:${text.id}:${which}`, messageId: text.id, method: 'GET', url, body: null };
}

function latest(rows: readonly PartRow[]): Date | undefined {
  return rows.reduce<Date | undefined>((a, p) => (p.doneAt && (!a || p.doneAt > a) ? p.doneAt : a), undefined);
}

function latestSent(rows: readonly PartRow[]): Date | undefined {
  return rows.reduce<Date | undefined>((a, p) => (p.sentAt && (!a || p.sentAt > a) ? p.sentAt : a), undefined);
}
