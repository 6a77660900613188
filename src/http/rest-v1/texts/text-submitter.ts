import { Decimal } from 'decimal.js';
import { formatPrice } from '../../../billing/money.ts';
import type { Intake, IntakeAcceptance, IntakeRefusal, IntakeRequest, TextRecord } from '../../../messaging/intake/intake-request.ts';
import type { MessageState } from '../../../messaging/rules/message-states.ts';
import type { ErrorCode } from '../../../platform/errors.ts';
import { senderAddress } from './rules/sender-address.ts';
import { type Content, type SplitText, splitText, type TextPart } from './rules/split-text.ts';
import { textState } from './rules/text-state.ts';

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
 * goes to intake at once, in one tick (so they share a group commit), each text with what its
 * reports need (IntakeRequest.textRecord). Intake commits a text whole or refuses it whole, with
 * its api_texts row in the same statement, so there is nothing to record or undo here.
 */
export class TextSubmitter {
  private reference = Math.floor(Math.random() * 256);

  constructor(private readonly intake: Intake) {}

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
    const perRecipient = req.recipients.map((to) => {
      const record = textRecord(req, split.parts.length);
      return Promise.all(split.parts.map((part, k) => this.intake.submit(intakeRequest(req, sender, to, part, record, k + 1))));
    });
    const answers = await Promise.all(perRecipient);
    return answers.map((parts, i): RecipientResult => {
      const to = req.recipients[i] as string;
      const refusal = parts.find((p): p is IntakeRefusal => !p.ok);
      if (refusal) return { to, ok: false, code: refusal.code, message: refusal.message };
      return answered(to, parts as IntakeAcceptance[], req.withViews);
    });
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

/** An accepted text's answer: with its state and price as intake committed its parts, when asked (REST). */
function answered(to: string, parts: readonly IntakeAcceptance[], withView: boolean): RecipientResult {
  // A text's id is its first part's.
  const id = (parts[0] as IntakeAcceptance).messageId;
  if (!withView) return { to, ok: true, id, parts: parts.length, state: null, price: null };
  const price = parts.reduce((sum, p) => sum.plus(p.price), new Decimal(0));
  return { to, ok: true, id, parts: parts.length, state: textState(parts.map((p) => ({ state: p.state, errorCode: null }))).state, price: formatPrice(price) };
}
