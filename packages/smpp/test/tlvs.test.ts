import { describe, expect, it } from 'vitest';
import { buildPdu, decodePdu, encodePdu, TLV_TABLE, type TlvName, type TlvType } from '../src/index.ts';
import { c, tlv, u16, u32, u8 } from './naive-builder.ts';

/** A sample value for a TLV type and its bytes built by hand. */
function sample(type: TlvType): { value: unknown; bytes: Buffer } {
  switch (type.kind) {
    case 'int8':
      return { value: 0xab, bytes: u8(0xab) };
    case 'int16':
      return { value: 0xabcd, bytes: u16(0xabcd) };
    case 'int32':
      return { value: 0xdeadbeef, bytes: u32(0xdeadbeef) };
    case 'cstring':
      return { value: 'v'.repeat(type.max - 1), bytes: c('v'.repeat(type.max - 1)) };
    case 'octets':
      return { value: Buffer.alloc(type.max, 7), bytes: Buffer.alloc(type.max, 7) };
    case 'network_error_code':
      return { value: { networkType: 3, errorCode: 0x0105 }, bytes: Buffer.concat([u8(3), u16(0x0105)]) };
  }
}

describe('every standard TLV', () => {
  for (const name of Object.keys(TLV_TABLE) as TlvName[]) {
    const { tag, spec, type } = TLV_TABLE[name];
    it(`${spec} (0x${tag.toString(16).padStart(4, '0')}) encodes by hand-built bytes and decodes to a typed value`, () => {
      const { value, bytes } = sample(type);
      const encoded = encodePdu(buildPdu('data_sm', 1, { tlvs: { [name]: value } }));
      const expected = tlv(tag, bytes);
      expect(encoded.subarray(encoded.length - expected.length).equals(expected)).toBe(true);
      const decoded = decodePdu(encoded);
      expect(decoded.ok && decoded.pdu.command === 'data_sm' && decoded.pdu.tlvs[name]).toEqual(value);
    });
  }

  it('keeps unknown TLVs as raw bytes, in order, and writes them back unchanged', () => {
    const vendor = [tlv(0x1400, Buffer.from('x')), tlv(0x2150, Buffer.alloc(0)), tlv(0x1401, Buffer.from([1, 2, 3, 4]))];
    const base = encodePdu(buildPdu('data_sm', 1, {}));
    const bytes = Buffer.concat([base, ...vendor]);
    bytes.writeUInt32BE(bytes.length, 0);
    const decoded = decodePdu(bytes);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok || decoded.pdu.command !== 'data_sm') return;
    expect(decoded.pdu.tlvs.unknown?.map((t) => t.tag)).toEqual([0x1400, 0x2150, 0x1401]);
    expect(encodePdu(decoded.pdu).equals(bytes)).toBe(true);
  });

  it('the table has no duplicate tags', () => {
    const tags = Object.values(TLV_TABLE).map((t) => t.tag);
    expect(new Set(tags).size).toBe(tags.length);
  });
});
