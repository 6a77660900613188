import { describe, expect, it } from 'vitest';
import { fillBitsAfterUdh, packSeptets, unpackSeptets } from './septet-packing.ts';

/** An independent packer: a list of bits, least significant first, cut into octets. */
function referencePack(septets: readonly number[], fillBits: number): number[] {
  const bits: number[] = new Array<number>(fillBits).fill(0);
  for (const septet of septets) for (let b = 0; b < 7; b++) bits.push((septet >> b) & 1);
  while (bits.length % 8 !== 0) bits.push(0);
  const octets: number[] = [];
  for (let i = 0; i < bits.length; i += 8) octets.push(bits.slice(i, i + 8).reduce((acc, bit, b) => acc | (bit << b), 0));
  return octets;
}

const hex = (octets: Iterable<number>): string => Buffer.from([...octets]).toString('hex').toUpperCase();
const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

describe('packSeptets', () => {
  it.each([
    { name: '"hellohello", the textbook vector', septets: ascii('hellohello'), fill: 0, packed: 'E8329BFD4697D9EC37' },
    { name: '"hello"', septets: ascii('hello'), fill: 0, packed: 'E8329BFD06' },
    { name: 'nothing', septets: [], fill: 0, packed: '' },
    { name: 'one septet after one fill bit', septets: [0x7f], fill: 1, packed: 'FE' },
  ])('packs $name', ({ septets, fill, packed }) => {
    expect(hex(packSeptets(Uint8Array.from(septets), fill))).toBe(packed);
  });

  const cases = Array.from({ length: 7 }, (_, fill) => Array.from({ length: 24 }, (_, n) => ({ fill, n }))).flat();
  it.each(cases)('matches the reference packer and unpacks back for $n septets after $fill fill bits', ({ fill, n }) => {
    const septets = Array.from({ length: n }, (_, i) => (i * 37 + 11) % 128 || 1);
    const packed = packSeptets(Uint8Array.from(septets), fill);
    expect(hex(packed)).toBe(hex(referencePack(septets, fill)));
    expect([...unpackSeptets(packed, fill, n)]).toEqual(septets);
    expect([...unpackSeptets(packed, fill)]).toEqual(septets); // no septet 0 at the end to confuse
  });
});

describe('unpackSeptets without a septet count', () => {
  it('drops the phantom "@" when the last seven bits are padding (7 septets in 7 octets)', () => {
    const packed = packSeptets(Uint8Array.from(ascii('1234567')));
    expect(packed).toHaveLength(7);
    expect([...unpackSeptets(packed)]).toEqual(ascii('1234567'));
  });

  it('cannot tell a real trailing "@" at that length apart, so a count is needed to keep it', () => {
    const septets = [...ascii('1234567'), 0x00];
    const packed = packSeptets(Uint8Array.from(septets));
    expect(packed).toHaveLength(7);
    expect([...unpackSeptets(packed)]).toEqual(ascii('1234567'));
    expect([...unpackSeptets(packed, 0, 8)]).toEqual(septets);
  });

  it('never reads past the octets it is given', () => {
    expect([...unpackSeptets(Uint8Array.of(0xff), 3)]).toEqual([]);
    expect([...unpackSeptets(Uint8Array.of(), 0, 5)]).toEqual([]);
  });
});

describe('fillBitsAfterUdh', () => {
  it.each([
    { udh: 0, fill: 0 },
    { udh: 6, fill: 1, why: '8-bit concatenation: 48 bits, next septet boundary at 49' },
    { udh: 7, fill: 0, why: '16-bit concatenation: 56 bits is a septet boundary' },
    { udh: 4, fill: 3 },
    { udh: 12, fill: 2 },
  ])('$udh UDH octets need $fill fill bits', ({ udh, fill }) => {
    expect(fillBitsAfterUdh(udh)).toBe(fill);
    expect((udh * 8 + fill) % 7).toBe(0);
  });
});
