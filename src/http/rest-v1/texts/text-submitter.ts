import { Decimal } from 'decimal.js';
import type { Kysely } from 'kysely';
import { formatPrice } from '../../../billing/money.ts';
import type { Database } from '../../../database.ts';
import type { Intake, IntakeAcceptance, IntakeRequest, TextRecord } from '../../../messaging/intake/intake-request.ts';
import type { MessageState } from '../../../messaging/rules/message-states.ts';
import type { Refunder } from '../../../messaging/transitions.store.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { ErrorCode } from '../../../platform/errors.ts';
import { MicroBatcher } from '../micro-batcher.ts';
import { senderAddress } from './rules/sender-address.ts';
import { type Content, type SplitText, splitText, type TextPart } from './rules/split-text.ts';
import { textState } from './rules/text-state.ts';
import { cancelTexts, type NewText, recordTexts } from './texts.store.ts';

/** One text to one or many recipients, from the HTTP or REST API. */
export interface TextRequest {
  readonly clientId: number;
  readonly channel: 'http' | 'rest';
  readonly from: string;
  readonly recipients: readonly string[];
  readonly content: Content;
  readonly isTest: boolean;
  readonly scheduledAt: Date | undefined;
  /** Not sent after this (HTTP and REST `validity`). */
  readonly validUntil?: Date | undefined;
  /** 0–3, the message's own priority among the client's messages (SMPP priority_flag). */
  readonly priorityFlag?: number | undefined;
  readonly dlrUrl: string | null;
  readonly dlrMask: number;
  readonly callbackUrl: string | null;
  /** Answer each accepted text's state and price (REST answers show them). */
  readonly withViews: boolean;
  /** What check() found for this content: a text of one part is not split again. */
  readonly checked?: CheckedText;
}

/** A text's parts, or why it cannot be sent. */
export type CheckedText = { readonly ok: true; readonly parts: number; readonly split: Extract<SplitText, { readonly ok: true }> } | { readonly ok: false; readonly reason: string };

export type RecipientResult =
  | { readonly to: string; readonly ok: true; readonly id: string; readonly parts: number; readonly state: MessageState | null; readonly price: string | null }
  | { readonly to: string; readonly ok: false; readonly code: ErrorCode; readonly message: string };

/** /sendsms asks a receipt of every final state: the dlr-mask is applied when the report goes out. */
const FINAL_RECEIPT = 1;

/**
 * Sends a text to its recipients through the one intake pipeline: every part of every recipient
 * goes to intake at once (so they share a group commit), and what a text's reports need (its
 * api_texts row) with them: intake's statement writes it with the parts when they are all in its
 * batch, as they are unless a batch filled up between two of them; then it is recorded here, in a
 * batched transaction, once every part is answered. A text is accepted whole or refused whole:
 * when intake refuses a later part, the parts it took are cancelled and refunded.
 */
export class TextSubmitter {
  private reference = Math.floor(Math.random() * 256);
  private readonly recorder: MicroBatcher<NewText[], void>;

  constructor(
    private readonly intake: Intake,
    private readonly db: Kysely<Database>,
    private readonly refunder: Refunder,
    private readonly clock: Clock,
  ) {
    this.recorder = new MicroBatcher((items) => this.record(items));
  }

  /** The parts of a text, or why it cannot be sent (checked once before the recipients). */
  static check(content: Content): CheckedText {
    const split = splitText(content, 0);
    return split.ok ? { ok: true, parts: split.parts.length, split } : split;
  }

  async submit(req: TextRequest): Promise<RecipientResult[]> {
    const sender = senderAddress(req.from);
    // One split per request: the recipients are different handsets, so one concatenation reference
    // serves them all. One part has no reference, so check()'s split serves as it is.
    const split = req.checked?.ok && req.checked.parts === 1 ? req.checked.split : splitText(req.content, this.nextReference());
    if (!split.ok) return req.recipients.map((to) => ({ to, ok: false, code: 'validation_failed', message: split.reason }));
    // A text that needs its row (one per recipient) has intake write it with its parts (IntakeRequest.textRecord).
    const records = req.recipients.map(() => textRecord(req, split.parts.length));
    const perRecipient = req.recipients.map((to, i) => Promise.all(split.parts.map((part, k) => this.intake.submit(intakeRequest(req, sender, to, part, records[i], k + 1)))));
    const answers = await Promise.all(perRecipient);
    const toRecord: NewText[] = [];
    const cancelled: NewText[] = [];
    const results = answers.map((parts, i): RecipientResult => {
      const to = req.recipients[i] as string;
      const refusal = parts.find((p) => !p.ok);
      const taken = parts.filter((p): p is IntakeAcceptance => p.ok);
      const text = taken.length > 0 ? newText(req, taken.map((p) => Number(p.messageId))) : undefined;
      if (text && refusal !== undefined) cancelled.push(text);
      else if (text && records[i] && !taken.every((p) => p.textRecorded)) toRecord.push(text);
      if (refusal && !refusal.ok) return { to, ok: false, code: refusal.code, message: refusal.message };
      return answered(to, text as NewText, taken, req.withViews);
    });
    if (cancelled.length > 0) await cancelTexts(this.db, this.refunder, cancelled, 'another part of the text was refused at intake', this.clock.now());
    // Texts that need a row (textRecord) which intake could not write with their parts (a batch filled up between two of them).
    if (toRecord.length > 0) await this.recorder.submit(toRecord);
    return results;
  }

  private async record(items: readonly NewText[][]): Promise<void[]> {
    await recordTexts(this.db, items.flat(), 'accepted');
    return items.map(() => undefined);
  }

  private nextReference(): number {
    this.reference = (this.reference + 1) & 0xff;
    return this.reference;
  }
}

function intakeRequest(req: TextRequest, sender: ReturnType<typeof senderAddress>, to: string, part: TextPart, record: TextRecord | undefined, partNumber: number): IntakeRequest {
  return {
    clientId: req.clientId,
    channel: req.channel,
    source: sender.source,
    sourceTon: sender.ton,
    sourceNpi: sender.npi,
    destination: to,
    destTon: 0,
    destNpi: 1,
    dataCoding: part.dataCoding,
    esmClass: part.esmClass,
    shortMessage: part.shortMessage,
    registeredDelivery: FINAL_RECEIPT,
    isTest: req.isTest,
    ...(req.scheduledAt ? { scheduledAt: req.scheduledAt } : {}),
    ...(req.validUntil ? { validUntil: req.validUntil } : {}),
    ...(req.priorityFlag ? { priorityFlag: req.priorityFlag } : {}),
    ...(record ? { textRecord: record, textPart: partNumber } : {}),
  };
}

/** What a text's row holds when its reports need one (several parts, a dlr-url or a callbackUrl); undefined when they do not. */
function textRecord(req: TextRequest, parts: number): TextRecord | undefined {
  if (parts === 1 && req.dlrUrl === null && req.callbackUrl === null) return undefined;
  return { channel: req.channel, parts, dlrUrl: req.dlrUrl, dlrMask: req.dlrMask, callbackUrl: req.callbackUrl, owedBits: owedBits(req) };
}

const owedBits = (req: TextRequest): number => (req.dlrUrl === null ? 0 : req.dlrMask & 12);

function newText(req: TextRequest, partIds: readonly number[]): NewText {
  return {
    id: partIds[0] as number,
    clientId: req.clientId,
    channel: req.channel,
    partIds,
    dlrUrl: req.dlrUrl,
    dlrMask: req.dlrMask,
    callbackUrl: req.callbackUrl,
    owedBits: owedBits(req),
  };
}

/** An accepted text's answer: with its state and price as intake committed its parts, when asked (REST). */
function answered(to: string, text: NewText, parts: readonly IntakeAcceptance[], withView: boolean): RecipientResult {
  if (!withView) return { to, ok: true, id: String(text.id), parts: parts.length, state: null, price: null };
  const price = parts.reduce((sum, p) => sum.plus(p.price), new Decimal(0));
  return { to, ok: true, id: String(text.id), parts: parts.length, state: textState(parts.map((p) => ({ state: p.state, errorCode: null }))).state, price: formatPrice(price) };
}
