import type { Tlvs } from '../codec/tlv-table.ts';
import type { Receipt } from './receipt.ts';
import { statOfMessageState } from './receipt-stat.ts';

/**
 * A receipt from receipted_message_id and message_state (with network_error_code when present);
 * undefined unless both are there and the state has a receipt name.
 */
export function receiptFromTlvs(tlvs: Tlvs): Receipt | undefined {
  const id = tlvs.receiptedMessageId;
  const state = tlvs.messageState;
  if (id === undefined || id === '' || state === undefined) return undefined;
  const stat = statOfMessageState(state);
  if (stat === undefined) return undefined;
  const code = tlvs.networkErrorCode;
  return code === undefined ? { id, stat, err: 0 } : { id, stat, err: code.errorCode, networkType: code.networkType };
}
