import { describe, expect, it } from 'vitest';
import { buildPdu, decodePdu, encodePdu, readReceipt } from '@petrel/smpp';
import { receiptPdu, type OwedReceipt } from './receipt-pdu.ts';

const owed: OwedReceipt = {
  systemId: 'acme',
  messageId: '1a2b',
  stat: 'UNDELIV',
  err: 32,
  submittedAt: Date.UTC(2024, 4, 6, 7, 8, 9),
  source: { ton: 5, npi: 0, addr: 'Acme' },
  destination: { ton: 1, npi: 1, addr: '447700900123' },
  text: 'Your code is 1234. Do not share it.',
};
const doneAt = Date.UTC(2024, 4, 6, 7, 9, 10);
const format = { dateDigits: 10, idBase: 'hex', case: 'lower' } as const;

describe('receiptPdu', () => {
  it('writes the Appendix B text and the receipt TLVs, addressed back to the sender', () => {
    const fields = receiptPdu(owed, doneAt, format, true);
    expect(fields.shortMessage?.toString('latin1')).toBe(
      'id:1a2b sub:001 dlvrd:000 submit date:2405060708 done date:2405060709 stat:UNDELIV err:032 text:Your code is 1234. D',
    );
    expect(fields).toMatchObject({
      esmClass: 0x04,
      dataCoding: 0,
      sourceAddr: '447700900123',
      sourceAddrTon: 1,
      destinationAddr: 'Acme',
      destAddrTon: 5,
      tlvs: { receiptedMessageId: '1a2b', messageState: 5, networkErrorCode: { networkType: 3, errorCode: 32 } },
    });
    expect(readReceipt(buildPdu('deliver_sm', 1, fields))).toMatchObject({ id: '1a2b', stat: 'UNDELIV', err: 32, text: 'Your code is 1234. D' });
  });

  it('leaves the TLVs out when asked', () => {
    expect(receiptPdu(owed, doneAt, format, false).tlvs).toEqual({});
  });

  const codings: ReadonlyArray<[string, number]> = [
    ['plain text', 0],
    ['mail me @ home', 3], // '@' differs between ASCII and GSM: Latin-1 says which
    ['prix: 5 €', 8],
    ['Привет', 8],
    ['café', 3],
  ];
  it.each(codings)('quotes %j with data_coding %i and reads back unchanged', (text, dataCoding) => {
    const fields = receiptPdu({ ...owed, text }, doneAt, format, false);
    expect(fields.dataCoding).toBe(dataCoding);
    expect(readReceipt(buildPdu('deliver_sm', 1, fields))?.text).toBe(text);
  });

  it('carries a UCS-2 receipt longer than 254 octets in message_payload, readable by readReceipt', () => {
    const fields = receiptPdu({ ...owed, messageId: '1234567890123456', text: 'Привіт, ваш код 1234' }, doneAt, { dateDigits: 12, idBase: 'decimal', case: 'lower' }, false);
    expect(fields.shortMessage?.length).toBe(0);
    expect(fields.tlvs?.messagePayload?.length).toBeGreaterThan(254);
    const decoded = decodePdu(encodePdu(buildPdu('deliver_sm', 7, fields)));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok || decoded.pdu.command !== 'deliver_sm') throw new Error('expected a deliver_sm');
    expect(readReceipt(decoded.pdu)).toMatchObject({ id: '1234567890123456', stat: 'UNDELIV' });
  });
});
