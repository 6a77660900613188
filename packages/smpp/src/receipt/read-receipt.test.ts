import { describe, expect, it } from 'vitest';
import { buildPdu } from '../codec/pdu-defaults.ts';
import type { Tlvs } from '../codec/tlv-table.ts';
import { encodeUcs2 } from '../text/ucs2.ts';
import { readReceipt } from './read-receipt.ts';
import { receiptFromTlvs } from './receipt-from-tlvs.ts';

const TEXT = 'id:abc sub:001 dlvrd:001 submit date:2401010000 done date:2401010005 stat:DELIVRD err:000 text:hi';

describe('receiptFromTlvs', () => {
  const cases: ReadonlyArray<[string, Tlvs, unknown]> = [
    ['id and state', { receiptedMessageId: 'x1', messageState: 2 }, { id: 'x1', stat: 'DELIVRD', err: 0 }],
    [
      'with a network error code',
      { receiptedMessageId: 'x1', messageState: 5, networkErrorCode: { networkType: 3, errorCode: 27 } },
      { id: 'x1', stat: 'UNDELIV', err: 27, networkType: 3 },
    ],
    ['EXPIRED', { receiptedMessageId: 'x', messageState: 3 }, { id: 'x', stat: 'EXPIRED', err: 0 }],
    ['DELETED', { receiptedMessageId: 'x', messageState: 4 }, { id: 'x', stat: 'DELETED', err: 0 }],
    ['ACCEPTD', { receiptedMessageId: 'x', messageState: 6 }, { id: 'x', stat: 'ACCEPTD', err: 0 }],
    ['UNKNOWN', { receiptedMessageId: 'x', messageState: 7 }, { id: 'x', stat: 'UNKNOWN', err: 0 }],
    ['REJECTD', { receiptedMessageId: 'x', messageState: 8 }, { id: 'x', stat: 'REJECTD', err: 0 }],
    ['ENROUTE', { receiptedMessageId: 'x', messageState: 1 }, { id: 'x', stat: 'ENROUTE', err: 0 }],
    ['no state', { receiptedMessageId: 'x1' }, undefined],
    ['no id', { messageState: 2 }, undefined],
    ['an empty id', { receiptedMessageId: '', messageState: 2 }, undefined],
    ['a state with no receipt name (5.0 SKIPPED)', { receiptedMessageId: 'x', messageState: 9 }, undefined],
  ];
  it.each(cases)('%s', (_name, tlvs, expected) => {
    expect(receiptFromTlvs(tlvs)).toEqual(expected);
  });
});

describe('readReceipt', () => {
  const receipt = (fields: Parameters<typeof buildPdu<'deliver_sm'>>[2]) => readReceipt(buildPdu('deliver_sm', 1, { esmClass: 0x04, ...fields }));

  it('takes id, state and error from the TLVs and the rest from the text', () => {
    const r = receipt({
      shortMessage: Buffer.from(TEXT.replace('stat:DELIVRD err:000', 'stat:DELIVRD err:009')),
      tlvs: { receiptedMessageId: 'ABC', messageState: 5, networkErrorCode: { networkType: 3, errorCode: 11 } },
    });
    expect(r).toMatchObject({ id: 'ABC', stat: 'UNDELIV', err: 11, networkType: 3, text: 'hi', dlvrd: 1 });
    expect(r?.doneDate?.toISOString()).toBe('2024-01-01T00:05:00.000Z');
  });

  it("keeps the text's err when the TLVs carry none", () => {
    expect(receipt({ shortMessage: Buffer.from(TEXT.replace('err:000', 'err:042')), tlvs: { receiptedMessageId: 'abc', messageState: 2 } })?.err).toBe(42);
  });

  it('reads the text alone when there are no TLVs', () => {
    expect(receipt({ shortMessage: Buffer.from(TEXT) })).toMatchObject({ id: 'abc', stat: 'DELIVRD', err: 0 });
  });

  it('reads the TLVs alone when the text is empty or unreadable', () => {
    expect(receipt({ tlvs: { receiptedMessageId: 'z', messageState: 3 } })).toEqual({ id: 'z', stat: 'EXPIRED', err: 0 });
    expect(receipt({ shortMessage: Buffer.from('garbage'), tlvs: { receiptedMessageId: 'z', messageState: 3 } })).toEqual({ id: 'z', stat: 'EXPIRED', err: 0 });
  });

  it('reads underscores as ASCII whatever data_coding says', () => {
    const text = 'id:u1 submit_date:2401010000 done_date:2401010001 stat:DELIVRD err:000';
    expect(receipt({ dataCoding: 0, shortMessage: Buffer.from(text, 'latin1') })?.submitDate?.toISOString()).toBe('2024-01-01T00:00:00.000Z');
  });

  it('reads UCS-2 text and text in message_payload', () => {
    expect(receipt({ dataCoding: 8, shortMessage: encodeUcs2(TEXT) })?.id).toBe('abc');
    expect(receipt({ tlvs: { messagePayload: Buffer.from(TEXT) } })?.id).toBe('abc');
    const dataSm = buildPdu('data_sm', 1, { esmClass: 0x04, tlvs: { messagePayload: Buffer.from(TEXT) } });
    expect(readReceipt(dataSm)?.id).toBe('abc');
  });

  it('ignores an MO message, even one that looks like a receipt', () => {
    expect(readReceipt(buildPdu('deliver_sm', 1, { esmClass: 0, shortMessage: Buffer.from(TEXT) }))).toBeUndefined();
  });

  it('accepts a receipt flagged only by its TLV, or an intermediate notification', () => {
    expect(readReceipt(buildPdu('deliver_sm', 1, { esmClass: 0, tlvs: { receiptedMessageId: 'q', messageState: 2 } }))?.id).toBe('q');
    expect(readReceipt(buildPdu('deliver_sm', 1, { esmClass: 0x20, shortMessage: Buffer.from(TEXT.replace('DELIVRD', 'ENROUTE')) }))?.stat).toBe('ENROUTE');
  });
});
