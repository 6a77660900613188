import { describe, expect, it } from 'vitest';
import { encodeUdh } from './encode-udh.ts';
import { parseUdh } from './parse-udh.ts';
import type { UdhElement } from './udh-element.ts';

const bytes = (hex: string): Buffer => Buffer.from(hex.replace(/ /g, ''), 'hex');

describe('parseUdh', () => {
  it.each([
    {
      name: '8-bit concatenation',
      hex: '05 00 03 AB 03 02 6869',
      elements: [{ kind: 'concatenation', referenceBits: 8, reference: 0xab, total: 3, sequence: 2 }],
      udhLength: 6,
      body: '6869',
    },
    {
      name: '16-bit concatenation',
      hex: '06 08 04 1234 02 01 41',
      elements: [{ kind: 'concatenation', referenceBits: 16, reference: 0x1234, total: 2, sequence: 1 }],
      udhLength: 7,
      body: '41',
    },
    { name: 'an empty UDH', hex: '00 41', elements: [], udhLength: 1, body: '41' },
    {
      name: 'port addressing kept raw beside concatenation',
      hex: '0B 05 04 0B84 23F0 00 03 01 02 01 FF',
      elements: [
        { kind: 'raw', iei: 0x05, data: bytes('0B8423F0') },
        { kind: 'concatenation', referenceBits: 8, reference: 1, total: 2, sequence: 1 },
      ],
      udhLength: 12,
      body: 'FF',
    },
    {
      name: 'national language shift IEs',
      hex: '06 24 01 01 25 01 03',
      elements: [
        { kind: 'national-single-shift', language: 'turkish' },
        { kind: 'national-locking-shift', language: 'portuguese' },
      ],
      udhLength: 7,
      body: '',
    },
    {
      name: 'a national language Petrel has no table for, kept raw',
      hex: '03 24 01 0E',
      elements: [{ kind: 'raw', iei: 0x24, data: bytes('0E') }],
      udhLength: 4,
      body: '',
    },
  ])('reads $name', ({ hex, elements, udhLength, body }) => {
    const result = parseUdh(bytes(hex));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.elements).toEqual(elements);
    expect(result.value.udhLength).toBe(udhLength);
    expect(Buffer.from(result.value.body).toString('hex')).toBe(body.toLowerCase());
  });

  it('gives the shift tables and the last concatenation IE', () => {
    const result = parseUdh(bytes('0D 00 03 01 02 01 25 01 01 00 03 07 02 02'));
    expect(result).toMatchObject({ ok: true, value: { concatenation: { reference: 7, sequence: 2 }, shiftTables: { locking: 'turkish' } } });
  });

  it.each([
    { name: 'an empty message', hex: '', offset: 0 },
    { name: 'a UDH length past the message', hex: '05 00 03 01', offset: 0 },
    { name: 'an IE with no length octet', hex: '01 00 03 01 02 01', offset: 1 },
    { name: 'an IE running past the UDH', hex: '03 00 03 01 02 01', offset: 1 },
    { name: '8-bit concatenation with 2 octets', hex: '04 00 02 01 02', offset: 1 },
    { name: '16-bit concatenation with 3 octets', hex: '05 08 03 01 02 01', offset: 1 },
    { name: 'a concatenation of 0 parts', hex: '05 00 03 01 00 01', offset: 1 },
    { name: 'part 0', hex: '05 00 03 01 02 00', offset: 1 },
    { name: 'part 3 of 2', hex: '05 00 03 01 02 03', offset: 1 },
    { name: 'a bad second IE', hex: '08 24 01 01 00 03 01 02 03', offset: 4 },
  ])('refuses $name with a typed error', ({ hex, offset }) => {
    expect(parseUdh(bytes(hex))).toMatchObject({ ok: false, error: { kind: 'malformed-udh', offset } });
  });

  it('never throws, whatever the octets: every prefix and every single-octet change of a valid UDH', () => {
    const valid = bytes('0B 05 04 0B84 23F0 00 03 01 02 01 FF');
    for (let length = 0; length <= valid.length; length++) expect(() => parseUdh(valid.subarray(0, length))).not.toThrow();
    for (let at = 0; at < valid.length; at++) {
      for (let value = 0; value < 256; value++) {
        const changed = Buffer.from(valid);
        changed[at] = value;
        const result = parseUdh(changed);
        expect(result.ok || result.error.kind === 'malformed-udh').toBe(true);
      }
    }
  });
});

describe('encodeUdh', () => {
  it.each<{ name: string; elements: UdhElement[]; hex: string }>([
    { name: '8-bit concatenation', elements: [{ kind: 'concatenation', referenceBits: 8, reference: 0x2a, total: 3, sequence: 1 }], hex: '0500032a0301' },
    { name: '16-bit concatenation', elements: [{ kind: 'concatenation', referenceBits: 16, reference: 0xbeef, total: 2, sequence: 2 }], hex: '060804beef0202' },
    { name: 'shift IEs', elements: [{ kind: 'national-single-shift', language: 'spanish' }, { kind: 'national-locking-shift', language: 'turkish' }], hex: '06240102250101' },
    { name: 'a raw IE', elements: [{ kind: 'raw', iei: 0x05, data: bytes('0B8423F0') }], hex: '0605040b8423f0' },
    { name: 'nothing', elements: [], hex: '00' },
  ])('writes $name, and parseUdh reads it back', ({ elements, hex }) => {
    const udh = encodeUdh(elements);
    expect(udh.toString('hex')).toBe(hex);
    expect(parseUdh(udh)).toMatchObject({ ok: true, value: { elements } });
  });
});
