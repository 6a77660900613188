import { COMMAND_STATUS, encodeUdh, parseSmppTime, type PduOf } from '@petrel/smpp';
import type { IntakeRequest, IntakeResult } from '../messaging/intake/intake-request.ts';
import { errorRegistry } from '../platform/errors.ts';

export type Converted = { readonly ok: true; readonly request: IntakeRequest } | { readonly ok: false; readonly status: number };

/**
 * submit_sm fields → the channel-agnostic intake request: short_message, or message_payload when
 * short_message is empty; schedule_delivery_time becomes scheduledAt (ESME_RINVSCHED when unreadable),
 * validity_period validUntil (ESME_RINVEXPIRY when unreadable or already past), priority_flag the
 * message's own priority. A part sent with the SAR TLVs instead of a UDH gets the equivalent
 * concatenation UDH (esm_class UDHI), so the rest of the path (segments, the vendor's submit, the
 * handset) sees one kind of multipart.
 */
export function intakeRequestOf(clientId: number, pdu: PduOf<'submit_sm'>, now: Date): Converted {
  const schedule = parseSmppTime(pdu.scheduleDeliveryTime, now);
  if (schedule.kind === 'invalid') return { ok: false, status: COMMAND_STATUS.ESME_RINVSCHED };
  const validity = parseSmppTime(pdu.validityPeriod, now);
  if (validity.kind === 'invalid' || (validity.kind === 'at' && validity.at.getTime() <= now.getTime())) return { ok: false, status: COMMAND_STATUS.ESME_RINVEXPIRY };
  const payload = pdu.tlvs.messagePayload;
  const content = pdu.shortMessage.length === 0 && payload ? Buffer.from(payload) : pdu.shortMessage;
  return withSar(pdu, content, {
    priorityFlag: pdu.priorityFlag,
    ...(schedule.kind === 'at' ? { scheduledAt: schedule.at } : {}),
    ...(validity.kind === 'at' ? { validUntil: validity.at } : {}),
  }, clientId);
}

/**
 * data_sm → the intake request: the text is message_payload, qos_time_to_live (seconds) is the
 * validity, and SAR TLVs become a concatenation UDH as for submit_sm. data_sm has no priority_flag
 * or schedule (SMPP 3.4 §4.7).
 */
export function intakeRequestOfDataSm(clientId: number, pdu: PduOf<'data_sm'>, now: Date): Converted {
  const payload = pdu.tlvs.messagePayload;
  const ttl = pdu.tlvs.qosTimeToLive;
  if (ttl !== undefined && ttl <= 0) return { ok: false, status: COMMAND_STATUS.ESME_RINVEXPIRY };
  return withSar(pdu, payload ? Buffer.from(payload) : Buffer.alloc(0), ttl !== undefined ? { validUntil: new Date(now.getTime() + ttl * 1000) } : {}, clientId);
}

type Timing = Pick<IntakeRequest, 'priorityFlag' | 'scheduledAt' | 'validUntil'>;

function withSar(pdu: PduOf<'submit_sm'> | PduOf<'data_sm'>, content: Buffer, timing: Timing, clientId: number): Converted {
  const sar = sarAsUdh(pdu);
  if (sar === 'invalid') return { ok: false, status: COMMAND_STATUS.ESME_RINVOPTPARAMVAL };
  const request: IntakeRequest = {
    clientId,
    channel: 'smpp',
    source: pdu.sourceAddr,
    sourceTon: pdu.sourceAddrTon,
    sourceNpi: pdu.sourceAddrNpi,
    destination: pdu.destinationAddr,
    destTon: pdu.destAddrTon,
    destNpi: pdu.destAddrNpi,
    dataCoding: pdu.dataCoding,
    esmClass: sar ? pdu.esmClass | ESM_UDHI : pdu.esmClass,
    shortMessage: sar ? Buffer.concat([sar, content]) : content,
    registeredDelivery: pdu.registeredDelivery,
    ...timing,
  };
  return { ok: true, request };
}

/** The command_status that answers an intake result: the registry's SMPP code, ESME_RSYSERR when nothing was stored. */
export function commandStatusOf(result: IntakeResult): number {
  if (result.ok) return COMMAND_STATUS.ESME_ROK;
  const entry = errorRegistry[result.code] as { readonly smpp?: number };
  if (entry.smpp !== undefined) return entry.smpp;
  if (result.code === 'internal' || result.code === 'unavailable') return COMMAND_STATUS.ESME_RSYSERR;
  return COMMAND_STATUS.ESME_RSUBMITFAIL;
}

const ESM_UDHI = 0x40;

/**
 * The concatenation UDH equivalent to a part's SAR TLVs (SMPP 3.4 §5.3.2.22–24): undefined when the
 * part has none, 'invalid' when they are incomplete, out of range, or come with a UDH of its own.
 */
function sarAsUdh(pdu: PduOf<'submit_sm'> | PduOf<'data_sm'>): Buffer | undefined | 'invalid' {
  const { sarMsgRefNum: reference, sarTotalSegments: total, sarSegmentSeqnum: sequence } = pdu.tlvs;
  if (reference === undefined && total === undefined && sequence === undefined) return undefined;
  if (reference === undefined || total === undefined || sequence === undefined) return 'invalid';
  if (total < 1 || sequence < 1 || sequence > total || (pdu.esmClass & ESM_UDHI) !== 0) return 'invalid';
  return encodeUdh([{ kind: 'concatenation', referenceBits: reference > 0xff ? 16 : 8, reference, total, sequence }]);
}
