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
   * An HTTP or REST text of one part whose reports need its row (a dlr-url or a callbackUrl): the
   * row (api_texts) goes in with the message, in intake's own statement, so a message is never
   * committed without where its report goes. Texts of several parts are recorded once every part
   * is answered (rest-v1/texts/texts.store.ts).
   */
  readonly textRecord?: TextRecord;
}

/** What a one-part text's api_texts row holds besides its id (the message's) and client. */
export interface TextRecord {
  readonly channel: 'http' | 'rest';
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
