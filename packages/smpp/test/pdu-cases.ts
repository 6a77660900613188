import type { Pdu } from '../src/index.ts';
import { NO_TLVS } from '../src/index.ts';
import { c, octets, pdu, tlv, u16, u32, u8 } from './naive-builder.ts';

/** One example of every PDU type: the value, and its bytes built by hand from the spec. */
export interface PduCase {
  readonly name: string;
  readonly pdu: Pdu;
  readonly bytes: Buffer;
}

const text = Buffer.from('Hello from Petrel', 'latin1');
const bind = { systemId: 'petrel', password: 'secret', systemType: 'VMA', interfaceVersion: 0x34, addrTon: 1, addrNpi: 1, addressRange: '^44' };
const bindBytes = [c('petrel'), c('secret'), c('VMA'), u8(0x34), u8(1), u8(1), c('^44')];
const sm = {
  serviceType: 'CMT',
  sourceAddrTon: 5,
  sourceAddrNpi: 0,
  sourceAddr: 'Petrel',
  destAddrTon: 1,
  destAddrNpi: 1,
  destinationAddr: '447700900123',
  esmClass: 0x40,
  protocolId: 0,
  priorityFlag: 1,
  scheduleDeliveryTime: '',
  validityPeriod: '000001000000000R',
  registeredDelivery: 1,
  replaceIfPresentFlag: 0,
  dataCoding: 8,
  smDefaultMsgId: 0,
  shortMessage: text,
};
const smBytes = [
  c('CMT'), u8(5), u8(0), c('Petrel'), u8(1), u8(1), c('447700900123'), u8(0x40), u8(0), u8(1),
  c(''), c('000001000000000R'), u8(1), u8(0), u8(8), u8(0), u8(text.length), text,
];
const sar = { sarMsgRefNum: 0x1234, sarTotalSegments: 3, sarSegmentSeqnum: 2 };
const sarBytes = [tlv(0x020c, u16(0x1234)), tlv(0x020e, u8(3)), tlv(0x020f, u8(2))];
const h = (command: string, commandStatus = 0, sequenceNumber = 7) => ({ command, commandStatus, sequenceNumber });

export const CASES: readonly PduCase[] = [
  { name: 'generic_nack', pdu: { ...h('generic_nack', 0x03) } as Pdu, bytes: pdu(0x80000000, 3, 7) },
  { name: 'bind_transmitter', pdu: { ...h('bind_transmitter'), ...bind } as Pdu, bytes: pdu(0x02, 0, 7, ...bindBytes) },
  { name: 'bind_receiver', pdu: { ...h('bind_receiver'), ...bind } as Pdu, bytes: pdu(0x01, 0, 7, ...bindBytes) },
  { name: 'bind_transceiver', pdu: { ...h('bind_transceiver'), ...bind } as Pdu, bytes: pdu(0x09, 0, 7, ...bindBytes) },
  {
    name: 'bind_transmitter_resp',
    pdu: { ...h('bind_transmitter_resp'), systemId: 'SMSC', tlvs: { scInterfaceVersion: 0x34 } } as Pdu,
    bytes: pdu(0x80000002, 0, 7, c('SMSC'), tlv(0x0210, u8(0x34))),
  },
  { name: 'bind_receiver_resp', pdu: { ...h('bind_receiver_resp'), systemId: 'SMSC', tlvs: NO_TLVS } as Pdu, bytes: pdu(0x80000001, 0, 7, c('SMSC')) },
  {
    name: 'bind_transceiver_resp (error, no body)',
    pdu: { ...h('bind_transceiver_resp', 0x0e), systemId: '', tlvs: NO_TLVS } as Pdu,
    bytes: pdu(0x80000009, 0x0e, 7),
  },
  { name: 'outbind', pdu: { ...h('outbind'), systemId: 'SMSC', password: 'pw' } as Pdu, bytes: pdu(0x0b, 0, 7, c('SMSC'), c('pw')) },
  { name: 'unbind', pdu: h('unbind') as Pdu, bytes: pdu(0x06, 0, 7) },
  { name: 'unbind_resp', pdu: h('unbind_resp') as Pdu, bytes: pdu(0x80000006, 0, 7) },
  { name: 'enquire_link', pdu: h('enquire_link', 0, 0x7fffffff) as Pdu, bytes: pdu(0x15, 0, 0x7fffffff) },
  { name: 'enquire_link_resp', pdu: h('enquire_link_resp') as Pdu, bytes: pdu(0x80000015, 0, 7) },
  { name: 'submit_sm', pdu: { ...h('submit_sm'), ...sm, tlvs: NO_TLVS } as Pdu, bytes: pdu(0x04, 0, 7, ...smBytes) },
  {
    name: 'submit_sm with SAR and unknown TLVs',
    pdu: { ...h('submit_sm'), ...sm, tlvs: { ...sar, unknown: [{ tag: 0x1401, value: octets(1, 2, 3) }] } } as Pdu,
    bytes: pdu(0x04, 0, 7, ...smBytes, ...sarBytes, tlv(0x1401, octets(1, 2, 3))),
  },
  {
    name: 'submit_sm with message_payload',
    pdu: { ...h('submit_sm'), ...sm, shortMessage: Buffer.alloc(0), tlvs: { messagePayload: Buffer.alloc(300, 0x41) } } as Pdu,
    bytes: pdu(0x04, 0, 7, ...smBytes.slice(0, -2), u8(0), tlv(0x0424, Buffer.alloc(300, 0x41))),
  },
  { name: 'submit_sm_resp', pdu: { ...h('submit_sm_resp'), messageId: 'abc-123', tlvs: NO_TLVS } as Pdu, bytes: pdu(0x80000004, 0, 7, c('abc-123')) },
  { name: 'submit_sm_resp (throttled, no body)', pdu: { ...h('submit_sm_resp', 0x58), messageId: '', tlvs: NO_TLVS } as Pdu, bytes: pdu(0x80000004, 0x58, 7) },
  {
    name: 'deliver_sm (receipt)',
    pdu: {
      ...h('deliver_sm'),
      ...sm,
      esmClass: 0x04,
      validityPeriod: '',
      tlvs: { receiptedMessageId: 'abc-123', messageState: 2, networkErrorCode: { networkType: 3, errorCode: 0x0102 } },
    } as Pdu,
    bytes: pdu(
      0x05, 0, 7,
      ...smBytes.slice(0, 7), u8(0x04), ...smBytes.slice(8, 10), c(''), c(''), ...smBytes.slice(12),
      tlv(0x001e, c('abc-123')), tlv(0x0427, u8(2)), tlv(0x0423, Buffer.concat([u8(3), u16(0x0102)])),
    ),
  },
  { name: 'deliver_sm_resp', pdu: { ...h('deliver_sm_resp'), messageId: '', tlvs: NO_TLVS } as Pdu, bytes: pdu(0x80000005, 0, 7, c('')) },
  {
    name: 'submit_multi',
    pdu: {
      ...h('submit_multi'),
      ...sm,
      destAddrTon: undefined,
      destAddrNpi: undefined,
      destinationAddr: undefined,
      destAddresses: [
        { kind: 'sme', destAddrTon: 1, destAddrNpi: 1, destinationAddr: '447700900001' },
        { kind: 'distribution_list', dlName: 'friends' },
      ],
      tlvs: { userMessageReference: 9 },
    } as unknown as Pdu,
    bytes: pdu(
      0x21, 0, 7,
      c('CMT'), u8(5), u8(0), c('Petrel'), u8(2),
      u8(1), u8(1), u8(1), c('447700900001'), u8(2), c('friends'),
      ...smBytes.slice(7), tlv(0x0204, u16(9)),
    ),
  },
  {
    name: 'submit_multi_resp',
    pdu: {
      ...h('submit_multi_resp'),
      messageId: 'm1',
      unsuccessSmes: [{ destAddrTon: 1, destAddrNpi: 1, destinationAddr: '447700900002', errorStatusCode: 0x0b }],
      tlvs: NO_TLVS,
    } as Pdu,
    bytes: pdu(0x80000021, 0, 7, c('m1'), u8(1), u8(1), u8(1), c('447700900002'), u32(0x0b)),
  },
  {
    name: 'data_sm',
    pdu: {
      ...h('data_sm'),
      serviceType: '',
      sourceAddrTon: 1,
      sourceAddrNpi: 1,
      sourceAddr: 'a'.repeat(64),
      destAddrTon: 1,
      destAddrNpi: 1,
      destinationAddr: '447700900123',
      esmClass: 0,
      registeredDelivery: 1,
      dataCoding: 0,
      tlvs: { messagePayload: text, sourceNetworkId: 'net-a', billingIdentification: octets(0, 1), congestionState: 40 },
    } as Pdu,
    bytes: pdu(
      0x103, 0, 7,
      c(''), u8(1), u8(1), c('a'.repeat(64)), u8(1), u8(1), c('447700900123'), u8(0), u8(1), u8(0),
      tlv(0x0424, text), tlv(0x060d, c('net-a')), tlv(0x060b, octets(0, 1)), tlv(0x0428, u8(40)),
    ),
  },
  {
    name: 'data_sm_resp',
    pdu: { ...h('data_sm_resp', 0xfe), messageId: 'd1', tlvs: { deliveryFailureReason: 1, additionalStatusInfoText: 'absent' } } as Pdu,
    bytes: pdu(0x80000103, 0xfe, 7, c('d1'), tlv(0x0425, u8(1)), tlv(0x001d, c('absent'))),
  },
  {
    name: 'query_sm',
    pdu: { ...h('query_sm'), messageId: 'abc-123', sourceAddrTon: 5, sourceAddrNpi: 0, sourceAddr: 'Petrel' } as Pdu,
    bytes: pdu(0x03, 0, 7, c('abc-123'), u8(5), u8(0), c('Petrel')),
  },
  {
    name: 'query_sm_resp',
    pdu: { ...h('query_sm_resp'), messageId: 'abc-123', finalDate: '240101120000000+', messageState: 2, errorCode: 0 } as Pdu,
    bytes: pdu(0x80000003, 0, 7, c('abc-123'), c('240101120000000+'), u8(2), u8(0)),
  },
  {
    name: 'cancel_sm',
    pdu: {
      ...h('cancel_sm'),
      serviceType: '',
      messageId: 'abc-123',
      sourceAddrTon: 5,
      sourceAddrNpi: 0,
      sourceAddr: 'Petrel',
      destAddrTon: 1,
      destAddrNpi: 1,
      destinationAddr: '447700900123',
    } as Pdu,
    bytes: pdu(0x08, 0, 7, c(''), c('abc-123'), u8(5), u8(0), c('Petrel'), u8(1), u8(1), c('447700900123')),
  },
  { name: 'cancel_sm_resp', pdu: h('cancel_sm_resp') as Pdu, bytes: pdu(0x80000008, 0, 7) },
  {
    name: 'replace_sm',
    pdu: {
      ...h('replace_sm'),
      messageId: 'abc-123',
      sourceAddrTon: 5,
      sourceAddrNpi: 0,
      sourceAddr: 'Petrel',
      scheduleDeliveryTime: '240101120000000+',
      validityPeriod: '',
      registeredDelivery: 0,
      smDefaultMsgId: 0,
      shortMessage: octets(0x48, 0x69),
    } as Pdu,
    bytes: pdu(0x07, 0, 7, c('abc-123'), u8(5), u8(0), c('Petrel'), c('240101120000000+'), c(''), u8(0), u8(0), u8(2), octets(0x48, 0x69)),
  },
  { name: 'replace_sm_resp', pdu: h('replace_sm_resp') as Pdu, bytes: pdu(0x80000007, 0, 7) },
  {
    name: 'alert_notification',
    pdu: {
      ...h('alert_notification'),
      sourceAddrTon: 1,
      sourceAddrNpi: 1,
      sourceAddr: '447700900123',
      esmeAddrTon: 0,
      esmeAddrNpi: 0,
      esmeAddr: 'petrel',
      tlvs: { msAvailabilityStatus: 0 },
    } as Pdu,
    bytes: pdu(0x102, 0, 7, u8(1), u8(1), c('447700900123'), u8(0), u8(0), c('petrel'), tlv(0x0422, u8(0))),
  },
];
