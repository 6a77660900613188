import type { Decimal } from 'decimal.js';
import type { ErrorCode } from '../../platform/errors.ts';

export type Channel = 'smpp' | 'http' | 'rest' | 'web';

/**
 * One message as a channel hands it to intake. SMPP passes the PDU's fields as they came;
 * HTTP, REST and web pass the text (a string) and the TON/NPI they imply.
 */
export interface IntakeRequest {
  readonly clientId: number;
  readonly channel: Channel;
  readonly source: string;
  readonly sourceTon: number;
  readonly sourceNpi: number;
  readonly destination: string;
  readonly destTon: number;
  readonly destNpi: number;
  /** For a Buffer: how its octets are coded. Ignored for a string (intake chooses GSM 7-bit or UCS-2). */
  readonly dataCoding: number;
  readonly esmClass: number;
  /** The short_message octets (UDH included when esm_class has UDHI), or the text. */
  readonly shortMessage: Buffer | string;
  /** SMPP registered_delivery; bit 0 set = the client wants a final receipt. */
  readonly registeredDelivery: number;
  /**
   * The message's own urgency, 0–3 (SMPP priority_flag, /sendsms and REST `priority`; 0 when absent).
   * It orders the client's messages among themselves; the client's SMS priority still decides
   * between clients (see queueRank).
   */
  readonly priorityFlag?: number;
  readonly isTest?: boolean;
  /** Not before this time (REST `scheduledAt`, HTTP `deferred`); the dispatch window still applies after it. */
  readonly scheduledAt?: Date;
  /** Not sent after this time (SMPP validity_period, HTTP and REST `validity`); the vendor is told it too. */
  readonly validUntil?: Date;
  /**
   * The api_texts row of the HTTP or REST text this message is a part of, when its reports need
   * one (several parts, a dlr-url or a callbackUrl): one object per text and recipient, shared by
   * its parts. A text commits whole or not at all: intake decides its parts together (all
   * accepted, or all refused with one part's refusal), never splits them between batches, and
   * writes the row (and the parts' api_text_parts rows) in the statement that stores them, so such
   * a text is never committed without where its reports go. Submit every part of a text in the
   * same tick, one after the other, as the text submitter does: parts that reach intake apart
   * are refused.
   */
  readonly textRecord?: TextRecord;
  /** This message's place in its text, from 1 (with textRecord; 1 when absent). */
  readonly textPart?: number;
}

/** What a text's api_texts row holds besides its id (its first part's) and client. */
export interface TextRecord {
  readonly channel: 'http' | 'rest';
  /** How many parts (messages) the text has. */
  readonly parts: number;
  readonly dlrUrl: string | null;
  readonly dlrMask: number;
  readonly callbackUrl: string | null;
  /** dlr-mask bits 4 and 8 still to report. */
  readonly owedBits: number;
}

export type IntakeResult = IntakeAcceptance | IntakeRefusal;

export interface IntakeAcceptance {
  readonly ok: true;
  readonly messageId: string;
  /** As committed: sent as soon as possible, or held until its time (`scheduledAt`, the dispatch window). */
  readonly state: 'queued' | 'scheduled';
  /** What the message was charged. */
  readonly price: Decimal;
}

export interface IntakeRefusal {
  readonly ok: false;
  /** A refusal code of the registry, or `internal` when the batch could not be committed. */
  readonly code: ErrorCode;
  readonly message: string;
}

/** What every channel calls: resolves once the message and its charge are committed, or refused. */
export interface Intake {
  submit(request: IntakeRequest): Promise<IntakeResult>;
}
