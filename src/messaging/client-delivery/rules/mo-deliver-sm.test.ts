import { decodeUcs2, parseUdh } from '@petrel/smpp';
import { describe, expect, it } from 'vitest';
import { moDeliverSms } from './mo-deliver-sm.ts';

describe('MO deliver_sm', () => {
  it('is one plain deliver_sm when the text fits', () => {
    const [pdu, ...rest] = moDeliverSms({ id: 1, source: '+380671112233', destination: '12345', text: 'STOP' }, 7);
    expect(rest).toHaveLength(0);
    expect(pdu).toMatchObject({ esmClass: 0, dataCoding: 0, sourceAddr: '380671112233', sourceAddrTon: 1, destinationAddr: '12345' });
    expect(pdu?.shortMessage.toString()).toBe('STOP');
  });

  it('is concatenated with one reference when long', () => {
    const text = 'Привіт '.repeat(20);
    const parts = moDeliverSms({ id: 1, source: '380671112233', destination: '12345', text }, 300);
    expect(parts).toHaveLength(3);
    const udhs = parts.map((p) => parseUdh(p.shortMessage));
    expect(udhs.map((u) => u.ok && u.value.concatenation)).toEqual([1, 2, 3].map((sequence) => ({ kind: 'concatenation', referenceBits: 8, reference: 300 & 0xff, total: 3, sequence })));
    const joined = udhs.map((u) => (u.ok ? decodeUcs2(u.value.body) : undefined)).map((r) => (r?.ok ? r.value : '')).join('');
    expect(joined).toBe(text);
    expect(parts.every((p) => p.esmClass === 0x40 && p.dataCoding === 8)).toBe(true);
  });
});
