import { COMMAND_IDS, commandName, type CommandName } from './command-ids.ts';
import { COMMAND_STATUS as S } from './command-status.ts';
import { FieldError } from './field-error.ts';
import type { Pdu } from './pdu.ts';
import { decodeAlertNotification } from './pdus/alert-notification.ts';
import { decodeBind, decodeBindResp, decodeOutbind } from './pdus/bind.ts';
import { decodeCancelSm } from './pdus/cancel-sm.ts';
import { decodeDataSm } from './pdus/data-sm.ts';
import { decodeHeaderOnly } from './pdus/header-only.ts';
import { decodeMessageIdResp } from './pdus/message-id-resp.ts';
import { decodeQuerySm, decodeQuerySmResp } from './pdus/query-sm.ts';
import { decodeReplaceSm } from './pdus/replace-sm.ts';
import { decodeShortMessage } from './pdus/short-message.ts';
import { decodeSubmitMulti, decodeSubmitMultiResp } from './pdus/submit-multi.ts';
import { Reader } from './reader.ts';

/**
 * Why a PDU could not be decoded, with the command_status to answer it with and, when the header
 * could be read, its sequence number so the session can nack it.
 */
export interface PduDecodeError {
  readonly kind: 'decode_error';
  readonly commandStatus: number;
  readonly commandId: number | undefined;
  /** The command when its id is known: the session answers with that command's _resp. */
  readonly command: CommandName | undefined;
  readonly sequenceNumber: number | undefined;
  readonly message: string;
}

export type DecodeResult = { readonly ok: true; readonly pdu: Pdu } | { readonly ok: false; readonly error: PduDecodeError };

type Decoder = (r: Reader, commandStatus: number, sequenceNumber: number) => Pdu;

const DECODERS: Record<CommandName, Decoder> = {
  generic_nack: (r, s, n) => decodeHeaderOnly('generic_nack', r, s, n),
  bind_receiver: (r, s, n) => decodeBind('bind_receiver', r, s, n),
  bind_receiver_resp: (r, s, n) => decodeBindResp('bind_receiver_resp', r, s, n),
  bind_transmitter: (r, s, n) => decodeBind('bind_transmitter', r, s, n),
  bind_transmitter_resp: (r, s, n) => decodeBindResp('bind_transmitter_resp', r, s, n),
  bind_transceiver: (r, s, n) => decodeBind('bind_transceiver', r, s, n),
  bind_transceiver_resp: (r, s, n) => decodeBindResp('bind_transceiver_resp', r, s, n),
  outbind: decodeOutbind,
  unbind: (r, s, n) => decodeHeaderOnly('unbind', r, s, n),
  unbind_resp: (r, s, n) => decodeHeaderOnly('unbind_resp', r, s, n),
  enquire_link: (r, s, n) => decodeHeaderOnly('enquire_link', r, s, n),
  enquire_link_resp: (r, s, n) => decodeHeaderOnly('enquire_link_resp', r, s, n),
  submit_sm: (r, s, n) => decodeShortMessage('submit_sm', r, s, n),
  submit_sm_resp: (r, s, n) => decodeMessageIdResp('submit_sm_resp', r, s, n),
  deliver_sm: (r, s, n) => decodeShortMessage('deliver_sm', r, s, n),
  deliver_sm_resp: (r, s, n) => decodeMessageIdResp('deliver_sm_resp', r, s, n),
  submit_multi: decodeSubmitMulti,
  submit_multi_resp: decodeSubmitMultiResp,
  data_sm: decodeDataSm,
  data_sm_resp: (r, s, n) => decodeMessageIdResp('data_sm_resp', r, s, n),
  query_sm: decodeQuerySm,
  query_sm_resp: decodeQuerySmResp,
  cancel_sm: decodeCancelSm,
  cancel_sm_resp: (r, s, n) => decodeHeaderOnly('cancel_sm_resp', r, s, n),
  replace_sm: decodeReplaceSm,
  replace_sm_resp: (r, s, n) => decodeHeaderOnly('replace_sm_resp', r, s, n),
  alert_notification: decodeAlertNotification,
};

const DECODERS_BY_ID = new Map<number, Decoder>(
  (Object.keys(COMMAND_IDS) as CommandName[]).map((name) => [COMMAND_IDS[name], DECODERS[name]]),
);

/** Decodes one framed PDU. Never throws: a malformed PDU comes back as `{ ok: false, error }`. */
export function decodePdu(frame: Buffer): DecodeResult {
  if (frame.length < 16) return failure(S.ESME_RINVCMDLEN, undefined, undefined, `PDU of ${frame.length} octets is shorter than its header`);
  const commandId = frame.readUInt32BE(4);
  const sequenceNumber = frame.readUInt32BE(12);
  if (frame.readUInt32BE(0) !== frame.length) {
    return failure(S.ESME_RINVCMDLEN, commandId, sequenceNumber, `command_length ${frame.readUInt32BE(0)} but ${frame.length} octets`);
  }
  const decoder = DECODERS_BY_ID.get(commandId);
  if (decoder === undefined) {
    return failure(S.ESME_RINVCMDID, commandId, sequenceNumber, `unknown command_id 0x${commandId.toString(16)}`);
  }
  try {
    return { ok: true, pdu: decoder(new Reader(frame, 16), frame.readUInt32BE(8), sequenceNumber) };
  } catch (e) {
    if (e instanceof FieldError) return failure(e.commandStatus, commandId, sequenceNumber, e.message);
    return failure(S.ESME_RSYSERR, commandId, sequenceNumber, e instanceof Error ? e.message : String(e));
  }
}

function failure(commandStatus: number, commandId: number | undefined, sequenceNumber: number | undefined, message: string): DecodeResult {
  const command = commandId === undefined ? undefined : commandName(commandId);
  return { ok: false, error: { kind: 'decode_error', commandStatus, commandId, command, sequenceNumber, message } };
}
