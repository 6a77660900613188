import type { CommandName, RESPONSE_OF, RespondedCommand } from './command-ids.ts';
import type { Tlvs } from './tlv-table.ts';

/**
 * Every SMPP 3.4 PDU as a readonly value discriminated on `command` (the spec name). Field names are
 * the spec's in camelCase; C-Octet Strings are strings (ASCII), Octet Strings are Buffers.
 */
interface Header<C extends CommandName> {
  readonly command: C;
  readonly commandStatus: number;
  readonly sequenceNumber: number;
}

export interface BindBody {
  readonly systemId: string;
  readonly password: string;
  readonly systemType: string;
  readonly interfaceVersion: number;
  readonly addrTon: number;
  readonly addrNpi: number;
  readonly addressRange: string;
}
export interface BindRespBody {
  readonly systemId: string;
  readonly tlvs: Tlvs;
}

/** submit_sm and deliver_sm share one body (SMPP 3.4 §4.4.1, §4.6.1). */
export interface ShortMessageBody {
  readonly serviceType: string;
  readonly sourceAddrTon: number;
  readonly sourceAddrNpi: number;
  readonly sourceAddr: string;
  readonly destAddrTon: number;
  readonly destAddrNpi: number;
  readonly destinationAddr: string;
  readonly esmClass: number;
  readonly protocolId: number;
  readonly priorityFlag: number;
  readonly scheduleDeliveryTime: string;
  readonly validityPeriod: string;
  readonly registeredDelivery: number;
  readonly replaceIfPresentFlag: number;
  readonly dataCoding: number;
  readonly smDefaultMsgId: number;
  /** Up to 254 octets; sm_length is derived from it. */
  readonly shortMessage: Buffer;
  readonly tlvs: Tlvs;
}
export interface MessageIdRespBody {
  readonly messageId: string;
  readonly tlvs: Tlvs;
}

export type DestAddress =
  | { readonly kind: 'sme'; readonly destAddrTon: number; readonly destAddrNpi: number; readonly destinationAddr: string }
  | { readonly kind: 'distribution_list'; readonly dlName: string };

export interface SubmitMultiBody extends Omit<ShortMessageBody, 'destAddrTon' | 'destAddrNpi' | 'destinationAddr'> {
  /** 1..254 destinations (number_of_dests). */
  readonly destAddresses: readonly DestAddress[];
}
export interface UnsuccessSme {
  readonly destAddrTon: number;
  readonly destAddrNpi: number;
  readonly destinationAddr: string;
  readonly errorStatusCode: number;
}
export interface SubmitMultiRespBody {
  readonly messageId: string;
  readonly unsuccessSmes: readonly UnsuccessSme[];
  readonly tlvs: Tlvs;
}

export interface DataSmBody {
  readonly serviceType: string;
  readonly sourceAddrTon: number;
  readonly sourceAddrNpi: number;
  readonly sourceAddr: string;
  readonly destAddrTon: number;
  readonly destAddrNpi: number;
  readonly destinationAddr: string;
  readonly esmClass: number;
  readonly registeredDelivery: number;
  readonly dataCoding: number;
  readonly tlvs: Tlvs;
}

export interface QuerySmBody {
  readonly messageId: string;
  readonly sourceAddrTon: number;
  readonly sourceAddrNpi: number;
  readonly sourceAddr: string;
}
export interface QuerySmRespBody {
  readonly messageId: string;
  readonly finalDate: string;
  readonly messageState: number;
  readonly errorCode: number;
}

export interface CancelSmBody {
  readonly serviceType: string;
  readonly messageId: string;
  readonly sourceAddrTon: number;
  readonly sourceAddrNpi: number;
  readonly sourceAddr: string;
  readonly destAddrTon: number;
  readonly destAddrNpi: number;
  readonly destinationAddr: string;
}

export interface ReplaceSmBody {
  readonly messageId: string;
  readonly sourceAddrTon: number;
  readonly sourceAddrNpi: number;
  readonly sourceAddr: string;
  readonly scheduleDeliveryTime: string;
  readonly validityPeriod: string;
  readonly registeredDelivery: number;
  readonly smDefaultMsgId: number;
  readonly shortMessage: Buffer;
}

export interface OutbindBody {
  readonly systemId: string;
  readonly password: string;
}

export interface AlertNotificationBody {
  readonly sourceAddrTon: number;
  readonly sourceAddrNpi: number;
  readonly sourceAddr: string;
  readonly esmeAddrTon: number;
  readonly esmeAddrNpi: number;
  readonly esmeAddr: string;
  readonly tlvs: Tlvs;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type Empty = {};

/** The body of each command, without the header. */
export interface BodyOf {
  generic_nack: Empty;
  bind_receiver: BindBody;
  bind_receiver_resp: BindRespBody;
  bind_transmitter: BindBody;
  bind_transmitter_resp: BindRespBody;
  bind_transceiver: BindBody;
  bind_transceiver_resp: BindRespBody;
  outbind: OutbindBody;
  unbind: Empty;
  unbind_resp: Empty;
  enquire_link: Empty;
  enquire_link_resp: Empty;
  submit_sm: ShortMessageBody;
  submit_sm_resp: MessageIdRespBody;
  deliver_sm: ShortMessageBody;
  deliver_sm_resp: MessageIdRespBody;
  submit_multi: SubmitMultiBody;
  submit_multi_resp: SubmitMultiRespBody;
  data_sm: DataSmBody;
  data_sm_resp: MessageIdRespBody;
  query_sm: QuerySmBody;
  query_sm_resp: QuerySmRespBody;
  cancel_sm: CancelSmBody;
  cancel_sm_resp: Empty;
  replace_sm: ReplaceSmBody;
  replace_sm_resp: Empty;
  alert_notification: AlertNotificationBody;
}

/** The PDU of one command: header plus body (distributes over a union of commands). */
export type PduOf<C extends CommandName> = C extends CommandName ? Header<C> & BodyOf[C] : never;

export type Pdu = { [C in CommandName]: PduOf<C> }[CommandName];

export type BindCommand = 'bind_transmitter' | 'bind_receiver' | 'bind_transceiver';
export type BindPdu = PduOf<BindCommand>;

/** Commands that are requests (everything without the response bit). */
export type RequestCommand = RespondedCommand | 'outbind' | 'alert_notification';
export type RequestPdu = PduOf<RequestCommand>;
export type ResponseCommand = Exclude<CommandName, RequestCommand>;
export type ResponsePdu = PduOf<ResponseCommand>;

/** The response PDU a request expects. */
export type ResponseTo<C extends RespondedCommand> = PduOf<(typeof RESPONSE_OF)[C]>;
