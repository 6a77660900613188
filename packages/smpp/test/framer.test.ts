import { describe, expect, it } from 'vitest';
import { PduFramer, type FramingError } from '../src/index.ts';
import { pdu, u32 } from './naive-builder.ts';
import { CASES } from './pdu-cases.ts';

function frames(framer: PduFramer, chunks: Buffer[]): (Buffer | FramingError)[] {
  const out: (Buffer | FramingError)[] = [];
  for (const chunk of chunks) {
    framer.push(chunk);
    for (let f = framer.next(); f !== undefined; f = framer.next()) out.push(f);
  }
  return out;
}

describe('PduFramer', () => {
  for (const { name, bytes } of CASES) {
    it(`yields ${name} whole when split at every offset`, () => {
      for (let at = 0; at <= bytes.length; at++) {
        const got = frames(new PduFramer(70_000), [bytes.subarray(0, at), bytes.subarray(at)]);
        expect(got).toHaveLength(1);
        expect((got[0] as Buffer).equals(bytes)).toBe(true);
      }
    });
  }

  it('yields every PDU of a stream fed one byte at a time, in order', () => {
    const stream = Buffer.concat(CASES.map((x) => x.bytes));
    const chunks = [...stream].map((b) => Buffer.from([b]));
    const got = frames(new PduFramer(70_000), chunks) as Buffer[];
    expect(got.map((f) => f.toString('hex'))).toEqual(CASES.map((x) => x.bytes.toString('hex')));
  });

  it('yields every PDU of a stream split at every offset into three chunks', () => {
    const stream = Buffer.concat(CASES.slice(0, 6).map((x) => x.bytes));
    for (let a = 0; a < stream.length; a += 3) {
      const b = Math.min(stream.length, a + 17);
      const got = frames(new PduFramer(70_000), [stream.subarray(0, a), stream.subarray(a, b), stream.subarray(b)]) as Buffer[];
      expect(Buffer.concat(got).equals(stream)).toBe(true);
    }
  });

  it('reports a command_length below 16 as a framing error, then yields nothing more', () => {
    const framer = new PduFramer(1024);
    const got = frames(framer, [Buffer.concat([u32(12), u32(0x15), u32(0), u32(5)]), pdu(0x15, 0, 6)]);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ kind: 'framing_error', commandLength: 12, commandId: 0x15, sequenceNumber: 5 });
  });

  it('reports a command_length above the maximum with the header it could read', () => {
    const framer = new PduFramer(1024);
    const got = frames(framer, [Buffer.concat([u32(5000), u32(0x04), u32(0), u32(42)])]);
    expect(got).toEqual([expect.objectContaining({ kind: 'framing_error', commandLength: 5000, commandId: 4, sequenceNumber: 42 })]);
  });

  it('reports an oversized length as soon as the 4 length octets are in, without the rest of the header', () => {
    const got = frames(new PduFramer(1024), [u32(0xffffffff)]);
    expect(got).toEqual([expect.objectContaining({ kind: 'framing_error', commandLength: 0xffffffff, sequenceNumber: undefined })]);
  });

  it('waits for the rest of a PDU without yielding a partial one', () => {
    const framer = new PduFramer(1024);
    const bytes = CASES[1]!.bytes;
    expect(frames(framer, [bytes.subarray(0, 20)])).toEqual([]);
    expect(framer.bufferedLength).toBe(20);
  });
});
