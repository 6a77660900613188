import { describe, expect, it } from 'vitest';
import { buildPdu, encodePdu, type Pdu } from '../src/index.ts';

const refusals: { rule: string; pdu: Pdu }[] = [
  { rule: 'system_id over 15 characters', pdu: buildPdu('bind_transmitter', 1, { systemId: 'x'.repeat(16) }) },
  { rule: 'password over 8 characters', pdu: buildPdu('bind_transmitter', 1, { password: 'x'.repeat(9) }) },
  { rule: 'short_message over 254 octets', pdu: buildPdu('submit_sm', 1, { shortMessage: Buffer.alloc(255) }) },
  { rule: 'message_id over 64 characters', pdu: buildPdu('submit_sm_resp', 1, { messageId: 'm'.repeat(65) }) },
  { rule: 'a validity_period that is not 16 characters', pdu: buildPdu('submit_sm', 1, { validityPeriod: '1d' }) },
  { rule: 'an int8 above 255', pdu: buildPdu('submit_sm', 1, { dataCoding: 256 }) },
  { rule: 'a negative sequence number', pdu: buildPdu('enquire_link', -1) },
  { rule: 'submit_multi without destinations', pdu: buildPdu('submit_multi', 1, {}) },
  { rule: 'a TLV name the table does not know', pdu: buildPdu('submit_sm', 1, { tlvs: { nonsense: 1 } as never }) },
  { rule: 'an octets TLV outside its size range', pdu: buildPdu('submit_sm', 1, { tlvs: { sourceNodeId: Buffer.alloc(2) } }) },
];

describe('encodePdu refuses fields the spec does not allow', () => {
  for (const { rule, pdu } of refusals) {
    it(`throws RangeError for ${rule}`, () => {
      expect(() => encodePdu(pdu)).toThrow(RangeError);
    });
  }
});
