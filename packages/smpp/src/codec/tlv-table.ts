/**
 * Standard TLVs (optional parameters) of SMPP 3.4 §5.3.2 plus the SMPP 5.0 additions, keyed by the
 * camelCase name they carry on a PDU's `tlvs`; `spec` is the name to search the spec for.
 * `cstring` sizes count the terminating NUL, like the spec's tables.
 */
export type TlvType =
  | { readonly kind: 'int8' }
  | { readonly kind: 'int16' }
  | { readonly kind: 'int32' }
  | { readonly kind: 'cstring'; readonly max: number }
  | { readonly kind: 'octets'; readonly min: number; readonly max: number }
  | { readonly kind: 'network_error_code' };

const int8 = { kind: 'int8' } as const;
const int16 = { kind: 'int16' } as const;
const int32 = { kind: 'int32' } as const;
const cstring = <M extends number>(max: M) => ({ kind: 'cstring', max }) as const;
const octets = (min: number, max: number) => ({ kind: 'octets', min, max }) as const;

export const TLV_TABLE = {
  destAddrSubunit: { tag: 0x0005, spec: 'dest_addr_subunit', type: int8 },
  destNetworkType: { tag: 0x0006, spec: 'dest_network_type', type: int8 },
  destBearerType: { tag: 0x0007, spec: 'dest_bearer_type', type: int8 },
  destTelematicsId: { tag: 0x0008, spec: 'dest_telematics_id', type: int16 },
  sourceAddrSubunit: { tag: 0x000d, spec: 'source_addr_subunit', type: int8 },
  sourceNetworkType: { tag: 0x000e, spec: 'source_network_type', type: int8 },
  sourceBearerType: { tag: 0x000f, spec: 'source_bearer_type', type: int8 },
  sourceTelematicsId: { tag: 0x0010, spec: 'source_telematics_id', type: int8 },
  qosTimeToLive: { tag: 0x0017, spec: 'qos_time_to_live', type: int32 },
  payloadType: { tag: 0x0019, spec: 'payload_type', type: int8 },
  additionalStatusInfoText: { tag: 0x001d, spec: 'additional_status_info_text', type: cstring(256) },
  receiptedMessageId: { tag: 0x001e, spec: 'receipted_message_id', type: cstring(65) },
  msMsgWaitFacilities: { tag: 0x0030, spec: 'ms_msg_wait_facilities', type: int8 },
  privacyIndicator: { tag: 0x0201, spec: 'privacy_indicator', type: int8 },
  sourceSubaddress: { tag: 0x0202, spec: 'source_subaddress', type: octets(2, 23) },
  destSubaddress: { tag: 0x0203, spec: 'dest_subaddress', type: octets(2, 23) },
  userMessageReference: { tag: 0x0204, spec: 'user_message_reference', type: int16 },
  userResponseCode: { tag: 0x0205, spec: 'user_response_code', type: int8 },
  sourcePort: { tag: 0x020a, spec: 'source_port', type: int16 },
  destinationPort: { tag: 0x020b, spec: 'destination_port', type: int16 },
  sarMsgRefNum: { tag: 0x020c, spec: 'sar_msg_ref_num', type: int16 },
  languageIndicator: { tag: 0x020d, spec: 'language_indicator', type: int8 },
  sarTotalSegments: { tag: 0x020e, spec: 'sar_total_segments', type: int8 },
  sarSegmentSeqnum: { tag: 0x020f, spec: 'sar_segment_seqnum', type: int8 },
  scInterfaceVersion: { tag: 0x0210, spec: 'sc_interface_version', type: int8 },
  callbackNumPresInd: { tag: 0x0302, spec: 'callback_num_pres_ind', type: int8 },
  callbackNumAtag: { tag: 0x0303, spec: 'callback_num_atag', type: octets(0, 65) },
  numberOfMessages: { tag: 0x0304, spec: 'number_of_messages', type: int8 },
  callbackNum: { tag: 0x0381, spec: 'callback_num', type: octets(4, 19) },
  dpfResult: { tag: 0x0420, spec: 'dpf_result', type: int8 },
  setDpf: { tag: 0x0421, spec: 'set_dpf', type: int8 },
  msAvailabilityStatus: { tag: 0x0422, spec: 'ms_availability_status', type: int8 },
  networkErrorCode: { tag: 0x0423, spec: 'network_error_code', type: { kind: 'network_error_code' } },
  messagePayload: { tag: 0x0424, spec: 'message_payload', type: octets(0, 65535) },
  deliveryFailureReason: { tag: 0x0425, spec: 'delivery_failure_reason', type: int8 },
  moreMessagesToSend: { tag: 0x0426, spec: 'more_messages_to_send', type: int8 },
  messageState: { tag: 0x0427, spec: 'message_state', type: int8 },
  ussdServiceOp: { tag: 0x0501, spec: 'ussd_service_op', type: int8 },
  displayTime: { tag: 0x1201, spec: 'display_time', type: int8 },
  smsSignal: { tag: 0x1203, spec: 'sms_signal', type: int16 },
  // One octet in 3.4; 5.0 allows a longer form, so it stays raw.
  msValidity: { tag: 0x1204, spec: 'ms_validity', type: octets(1, 4) },
  // Zero-length flag in 3.4 (present = set); 5.0 allows one octet.
  alertOnMessageDelivery: { tag: 0x130c, spec: 'alert_on_message_delivery', type: octets(0, 1) },
  itsReplyType: { tag: 0x1380, spec: 'its_reply_type', type: int8 },
  itsSessionInfo: { tag: 0x1383, spec: 'its_session_info', type: int16 },
  // SMPP 5.0 additions.
  congestionState: { tag: 0x0428, spec: 'congestion_state', type: int8 },
  broadcastChannelIndicator: { tag: 0x0600, spec: 'broadcast_channel_indicator', type: int8 },
  broadcastContentType: { tag: 0x0601, spec: 'broadcast_content_type', type: octets(3, 3) },
  broadcastContentTypeInfo: { tag: 0x0602, spec: 'broadcast_content_type_info', type: octets(0, 255) },
  broadcastMessageClass: { tag: 0x0603, spec: 'broadcast_message_class', type: int8 },
  broadcastRepNum: { tag: 0x0604, spec: 'broadcast_rep_num', type: int16 },
  broadcastFrequencyInterval: { tag: 0x0605, spec: 'broadcast_frequency_interval', type: octets(3, 3) },
  broadcastAreaIdentifier: { tag: 0x0606, spec: 'broadcast_area_identifier', type: octets(0, 100) },
  broadcastErrorStatus: { tag: 0x0607, spec: 'broadcast_error_status', type: int32 },
  broadcastAreaSuccess: { tag: 0x0608, spec: 'broadcast_area_success', type: int8 },
  broadcastEndTime: { tag: 0x0609, spec: 'broadcast_end_time', type: cstring(17) },
  broadcastServiceGroup: { tag: 0x060a, spec: 'broadcast_service_group', type: octets(0, 255) },
  billingIdentification: { tag: 0x060b, spec: 'billing_identification', type: octets(0, 1024) },
  sourceNetworkId: { tag: 0x060d, spec: 'source_network_id', type: cstring(65) },
  destNetworkId: { tag: 0x060e, spec: 'dest_network_id', type: cstring(65) },
  sourceNodeId: { tag: 0x060f, spec: 'source_node_id', type: octets(6, 6) },
  destNodeId: { tag: 0x0610, spec: 'dest_node_id', type: octets(6, 6) },
  destAddrNpResolution: { tag: 0x0611, spec: 'dest_addr_np_resolution', type: int8 },
  destAddrNpInformation: { tag: 0x0612, spec: 'dest_addr_np_information', type: octets(10, 10) },
  destAddrNpCountry: { tag: 0x0613, spec: 'dest_addr_np_country', type: octets(1, 5) },
} as const satisfies Record<string, { tag: number; spec: string; type: TlvType }>;

export type TlvName = keyof typeof TLV_TABLE;

/** network_error_code: a network type (1 = ANSI-136, 2 = IS-95, 3 = GSM ...) and its error code. */
export interface NetworkErrorCode {
  readonly networkType: number;
  readonly errorCode: number;
}

type ValueOf<T extends TlvType> = T extends { kind: 'int8' | 'int16' | 'int32' }
  ? number
  : T extends { kind: 'cstring' }
    ? string
    : T extends { kind: 'octets' }
      ? Buffer
      : NetworkErrorCode;

/** A TLV whose tag is not in the table: kept as raw bytes and re-encoded unchanged. */
export interface RawTlv {
  readonly tag: number;
  readonly value: Buffer;
}

/** The TLVs of a PDU. Known ones are typed; unknown ones travel in `unknown`, in wire order. */
export type Tlvs = { readonly [N in TlvName]?: ValueOf<(typeof TLV_TABLE)[N]['type']> } & {
  readonly unknown?: readonly RawTlv[];
};

export interface TlvEntry {
  readonly name: TlvName;
  readonly tag: number;
  readonly type: TlvType;
}

/** Tag → entry, for decoding. */
export const TLV_BY_TAG = new Map<number, TlvEntry>(
  (Object.keys(TLV_TABLE) as TlvName[]).map((name) => {
    const { tag, type } = TLV_TABLE[name];
    return [tag, { name, tag, type }];
  }),
);
