import { describe, expect, it } from 'vitest';
import { moPdus } from './mo-pdus.ts';

describe('moPdus', () => {
  it('sends a short GSM text as one plain deliver_sm', () => {
    const built = moPdus({ from: '+447700900123', to: 'Acme', text: 'STOP' }, 7);
    expect(built.ok && built.pdus).toEqual([
      { sourceAddrTon: 1, sourceAddrNpi: 1, sourceAddr: '447700900123', destAddrTon: 5, destAddrNpi: 0, destinationAddr: 'Acme', esmClass: 0, dataCoding: 0, shortMessage: Buffer.from('STOP') },
    ]);
  });

  const sizes: ReadonlyArray<[string, string, number, number]> = [
    ['160 GSM characters', 'a'.repeat(160), 1, 0],
    ['161 GSM characters', 'a'.repeat(161), 2, 0],
    ['70 UCS-2 characters', 'й'.repeat(70), 1, 8],
    ['71 UCS-2 characters', 'й'.repeat(71), 2, 8],
    ['3 parts of GSM', 'b'.repeat(153 * 2 + 1), 3, 0],
  ];
  it.each(sizes)('%s → %i part(s), data_coding %i', (_name, text, parts, dataCoding) => {
    const built = moPdus({ from: '12345', to: '447700900123', text }, 300);
    if (!built.ok) throw new Error('split failed');
    expect(built.pdus).toHaveLength(parts);
    for (const [i, pdu] of built.pdus.entries()) {
      expect(pdu.dataCoding).toBe(dataCoding);
      if (parts > 1) {
        expect(pdu.esmClass).toBe(0x40);
        expect([...(pdu.shortMessage ?? Buffer.alloc(0)).subarray(0, 6)]).toEqual([5, 0, 3, 300 & 0xff, parts, i + 1]);
      }
    }
  });

  it('labels a short code as unknown TON', () => {
    const built = moPdus({ from: '1234', to: '5678', text: 'x' }, 0);
    expect(built.ok && built.pdus[0]).toMatchObject({ sourceAddrTon: 0, sourceAddrNpi: 1 });
  });
});
