import { encodeForWire } from '@petrel/smpp';
import { describe, expect, it } from 'vitest';
import { vendorContent } from './vendor-payload.ts';

const gsm = (text: string): Buffer => {
  const r = encodeForWire(text, 'gsm7');
  if (!r.ok) throw new Error('not GSM');
  return r.value;
};

describe('vendorContent', () => {
  it('sends GSM septets as they are to a vendor reading data_coding 0 as GSM', () => {
    const c = vendorContent({ esmClass: 0, dataCoding: 0, shortMessage: gsm('Hello @ £'), segments: 1 }, 'gsm7');
    expect(c.shortMessage).toEqual(gsm('Hello @ £'));
    expect(c.replaced).toBe(0);
  });

  it('re-codes GSM text as Latin-1 for a vendor reading data_coding 0 as Latin-1', () => {
    const c = vendorContent({ esmClass: 0, dataCoding: 0, shortMessage: gsm('Hello @ £ €'), segments: 1 }, 'latin1');
    expect(c.shortMessage.toString('latin1')).toBe('Hello @ £ ?');
    expect(c.replaced).toBe(1);
  });

  it('re-codes to ASCII and keeps a UDH in front', () => {
    const udh = Buffer.from([5, 0, 3, 7, 2, 1]);
    const c = vendorContent({ esmClass: 0x40, dataCoding: 0, shortMessage: Buffer.concat([udh, gsm('part one [x]')]), segments: 1 }, 'ascii');
    expect(c.shortMessage.subarray(0, 6)).toEqual(udh);
    expect(c.shortMessage.subarray(6).toString('latin1')).toBe('part one [x]');
    expect(c.esmClass).toBe(0x40);
  });

  it('leaves UCS-2 and binary content alone', () => {
    const ucs2 = Buffer.from('Привіт', 'utf16le').swap16();
    expect(vendorContent({ esmClass: 0, dataCoding: 8, shortMessage: ucs2, segments: 1 }, 'latin1').shortMessage).toEqual(ucs2);
  });

  it('puts a long text without a UDH in message_payload, so one vendor id covers it', () => {
    const long = gsm('x'.repeat(300));
    const c = vendorContent({ esmClass: 0, dataCoding: 0, shortMessage: long, segments: 2 }, 'gsm7');
    expect(c.shortMessage.length).toBe(0);
    expect(c.messagePayload).toEqual(long);
  });

  it('keeps only the UDHI bit of esm_class (no receipt or other flags go upstream)', () => {
    expect(vendorContent({ esmClass: 0x44, dataCoding: 0, shortMessage: Buffer.from([5, 0, 3, 1, 1, 1, 0x41]), segments: 1 }, 'gsm7').esmClass).toBe(0x40);
  });
});
