import type { Pdu } from './pdu.ts';
import { encodeAlertNotification } from './pdus/alert-notification.ts';
import { encodeBind, encodeBindResp, encodeOutbind } from './pdus/bind.ts';
import { encodeCancelSm } from './pdus/cancel-sm.ts';
import { encodeDataSm } from './pdus/data-sm.ts';
import { encodeHeaderOnly } from './pdus/header-only.ts';
import { encodeMessageIdResp } from './pdus/message-id-resp.ts';
import { encodeQuerySm, encodeQuerySmResp } from './pdus/query-sm.ts';
import { encodeReplaceSm } from './pdus/replace-sm.ts';
import { encodeShortMessage } from './pdus/short-message.ts';
import { encodeSubmitMulti, encodeSubmitMultiResp } from './pdus/submit-multi.ts';

/**
 * Encodes one PDU into a single Buffer. Throws RangeError when a field breaks the spec (a string
 * too long, short_message over 254 octets, an integer out of range): that is a bug in the caller.
 */
export function encodePdu(pdu: Pdu): Buffer {
  switch (pdu.command) {
    case 'bind_transmitter':
    case 'bind_receiver':
    case 'bind_transceiver':
      return encodeBind(pdu);
    case 'bind_transmitter_resp':
    case 'bind_receiver_resp':
    case 'bind_transceiver_resp':
      return encodeBindResp(pdu);
    case 'outbind':
      return encodeOutbind(pdu);
    case 'submit_sm':
    case 'deliver_sm':
      return encodeShortMessage(pdu);
    case 'submit_sm_resp':
    case 'deliver_sm_resp':
    case 'data_sm_resp':
      return encodeMessageIdResp(pdu);
    case 'submit_multi':
      return encodeSubmitMulti(pdu);
    case 'submit_multi_resp':
      return encodeSubmitMultiResp(pdu);
    case 'data_sm':
      return encodeDataSm(pdu);
    case 'query_sm':
      return encodeQuerySm(pdu);
    case 'query_sm_resp':
      return encodeQuerySmResp(pdu);
    case 'cancel_sm':
      return encodeCancelSm(pdu);
    case 'replace_sm':
      return encodeReplaceSm(pdu);
    case 'alert_notification':
      return encodeAlertNotification(pdu);
    case 'generic_nack':
    case 'unbind':
    case 'unbind_resp':
    case 'enquire_link':
    case 'enquire_link_resp':
    case 'cancel_sm_resp':
    case 'replace_sm_resp':
      return encodeHeaderOnly(pdu);
  }
}
