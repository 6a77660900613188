import { describe, expect, it } from 'vitest';
import type { CharsetOptions } from './coding.ts';
import { readIncomingPart, type IncomingPart, type ReceivedShortMessage } from './read-incoming-part.ts';
import { Reassembler, type AddResult } from './reassembler.ts';
import type { Concatenation } from './segment-capacity.ts';
import { splitMessage, type SubmitPart } from './split-message.ts';

const TIMEOUT = 60_000;

function received(part: SubmitPart, dataCoding: number, source = '4915112345678', destination = '12345'): ReceivedShortMessage {
  const { messagePayload, shortMessage, esmClassUdhi, sar } = part;
  return { source, destination, dataCoding, shortMessage: messagePayload ?? shortMessage, esmClassUdhi, sar };
}

function incoming(message: ReceivedShortMessage): IncomingPart {
  const part = readIncomingPart(message);
  if (!part.ok) throw new Error(`unexpected ${part.error.kind}`);
  return part.value;
}

function partsOf(content: string | Uint8Array, mode: Concatenation, options: CharsetOptions & { coding?: 'latin1' } = {}, reference = 7) {
  const split = splitMessage(content, { mode, reference, ...options });
  if (!split.ok) throw new Error(`unexpected ${split.error.kind}`);
  return split.value.parts.map((part) => incoming(received(part, split.value.dataCoding)));
}

/** A fixed shuffle, so failures reproduce. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const orders: Record<string, <T>(parts: readonly T[]) => T[]> = {
  'in order': (parts) => [...parts],
  reversed: (parts) => [...parts].reverse(),
  'shuffled with duplicates': (parts) => shuffled([...parts, ...parts, parts[0] as (typeof parts)[number]], 42),
};

const texts = {
  'short GSM': 'See you at 8.',
  'long GSM with extension characters on the boundaries': ('a'.repeat(152) + '€').repeat(4) + ' [end] {ok}',
  'long UCS-2 with emoji on the boundaries': ('я'.repeat(66) + '😀').repeat(4) + ' 👍🏽',
  'GSM ending in @': 'x'.repeat(200) + '@',
};

const modes: { mode: Concatenation; options: CharsetOptions }[] = [
  { mode: 'udh8', options: {} },
  { mode: 'udh16', options: {} },
  { mode: 'sar', options: {} },
  { mode: 'payload', options: {} },
  { mode: 'udh8', options: { gsm7Packed: true } },
  { mode: 'udh16', options: { gsm7Packed: true } },
  { mode: 'udh8', options: { dataCoding0: 'latin1' } },
];

const roundTrips = modes.flatMap(({ mode, options }) =>
  Object.entries(texts).flatMap(([textName, text]) =>
    Object.keys(orders).map((order) => ({ mode, options, textName, text, order })),
  ),
);

function feed(reassembler: Reassembler, parts: readonly IncomingPart[], nowMs = 0): AddResult[] {
  return parts.map((part) => reassembler.add(part, nowMs));
}

function completed(results: readonly AddResult[]) {
  return results.flatMap((r) => (r.status === 'complete' ? [r.message] : []));
}

describe('split then reassemble gives the original back', () => {
  it.each(roundTrips)('$mode $options: $textName, $order', ({ mode, options, text, order }) => {
    const parts = partsOf(text, mode, options);
    const reassembler = new Reassembler({ timeoutMs: TIMEOUT, ...options });
    const fed = (orders[order] ?? ((p) => p))(parts);
    const done = completed(feed(reassembler, fed));
    // A one-part message carries no reference: each copy is a message of its own here.
    expect(done).toHaveLength(parts.length === 1 ? fed.length : 1);
    for (const message of done) expect(message.text).toEqual({ ok: true, value: text });
    expect(reassembler.pendingCount).toBe(0);
  });

  it('Latin-1 (data_coding 3) round-trips', () => {
    const text = 'Grüße aus Köln! '.repeat(12);
    const done = completed(feed(new Reassembler({ timeoutMs: TIMEOUT }), shuffled(partsOf(text, 'udh8', { coding: 'latin1' }), 3)));
    expect(done[0]?.text).toEqual({ ok: true, value: text });
  });

  it('binary round-trips as octets; its text is reported as binary content', () => {
    const content = Uint8Array.from({ length: 400 }, (_, i) => (i * 7) & 0xff);
    const [message] = completed(feed(new Reassembler({ timeoutMs: TIMEOUT }), shuffled(partsOf(content, 'udh16'), 5)));
    expect(Buffer.concat(message?.parts.map((p) => p.body) ?? [])).toEqual(Buffer.from(content));
    expect(message?.text).toEqual({ ok: false, error: { kind: 'binary-content', dataCoding: 4 } });
  });
});

describe('Reassembler', () => {
  it('keeps messages apart by source, destination and reference', () => {
    const reassembler = new Reassembler({ timeoutMs: TIMEOUT });
    const one = partsOf('1'.repeat(200), 'udh8', {}, 1);
    const two = partsOf('2'.repeat(200), 'udh8', {}, 2);
    const other = partsOf('3'.repeat(200), 'udh8', {}, 1).map((p) => ({ ...p, source: '999' }));
    const results = feed(reassembler, [one[0], two[1], other[0], two[0], other[1], one[1]] as IncomingPart[]);
    expect(completed(results).map((m) => m.text)).toEqual([
      { ok: true, value: '2'.repeat(200) },
      { ok: true, value: '3'.repeat(200) },
      { ok: true, value: '1'.repeat(200) },
    ]);
  });

  it('reports progress and duplicates', () => {
    const reassembler = new Reassembler({ timeoutMs: TIMEOUT });
    const [p1, p2, p3] = partsOf('x'.repeat(400), 'udh8') as [IncomingPart, IncomingPart, IncomingPart];
    expect(reassembler.add(p2, 0)).toEqual({ status: 'pending', received: 1, total: 3 });
    expect(reassembler.add(p2, 1)).toEqual({ status: 'duplicate' });
    expect(reassembler.add(p1, 2)).toEqual({ status: 'pending', received: 2, total: 3 });
    expect(reassembler.add(p3, 3)).toMatchObject({ status: 'complete' });
  });

  it('hands back what timed out, with the missing parts, and forgets it', () => {
    const reassembler = new Reassembler({ timeoutMs: TIMEOUT });
    const [p1, , p3] = partsOf('x'.repeat(400), 'udh8') as IncomingPart[];
    reassembler.add(p3 as IncomingPart, 1_000);
    reassembler.add(p1 as IncomingPart, 30_000);
    expect(reassembler.expire(60_999)).toEqual([]);
    const [expired, ...rest] = reassembler.expire(61_000);
    expect(rest).toEqual([]);
    expect(expired).toMatchObject({ reference: 7, total: 3, firstSeenMs: 1_000, missing: [2] });
    expect(expired?.parts.map((p) => p.sequence)).toEqual([1, 3]);
    expect(reassembler.pendingCount).toBe(0);
  });

  it('takes a part arriving after completion for a duplicate while the timeout lasts', () => {
    const reassembler = new Reassembler({ timeoutMs: TIMEOUT });
    const parts = partsOf('x'.repeat(200), 'udh8');
    feed(reassembler, parts, 0);
    expect(reassembler.add(parts[1] as IncomingPart, 10_000)).toEqual({ status: 'duplicate' });
    expect(reassembler.pendingCount).toBe(0);
    reassembler.expire(60_000);
    expect(reassembler.add(parts[1] as IncomingPart, 60_000)).toMatchObject({ status: 'pending' });
  });

  it('takes a reused reference with different content for a new message', () => {
    const reassembler = new Reassembler({ timeoutMs: TIMEOUT });
    feed(reassembler, partsOf('x'.repeat(200), 'udh8'), 0);
    const again = partsOf('y'.repeat(200), 'udh8');
    expect(completed(feed(reassembler, again, 5_000)).map((m) => m.text)).toEqual([{ ok: true, value: 'y'.repeat(200) }]);
  });

  it('refuses new messages past maxPending and impossible parts', () => {
    const reassembler = new Reassembler({ timeoutMs: TIMEOUT, maxPending: 1 });
    expect(reassembler.add(partsOf('x'.repeat(200), 'udh8', {}, 1)[0] as IncomingPart, 0)).toMatchObject({ status: 'pending' });
    expect(reassembler.add(partsOf('x'.repeat(200), 'udh8', {}, 2)[0] as IncomingPart, 0)).toEqual({ status: 'refused', reason: 'too-many-pending' });
    const part = partsOf('x'.repeat(200), 'udh8')[0] as IncomingPart;
    expect(reassembler.add({ ...part, sequence: 0 }, 0)).toEqual({ status: 'refused', reason: 'invalid-part' });
    expect(reassembler.add({ ...part, sequence: 3 }, 0)).toEqual({ status: 'refused', reason: 'invalid-part' });
  });

  it('does not keep a view of the caller’s buffer', () => {
    const reassembler = new Reassembler({ timeoutMs: TIMEOUT });
    const [p1, p2] = partsOf('x'.repeat(200), 'udh8') as [IncomingPart, IncomingPart];
    const body = Buffer.from(p1.body);
    reassembler.add({ ...p1, body }, 0);
    body.fill(0x79);
    expect(completed([reassembler.add(p2, 0)])[0]?.text).toEqual({ ok: true, value: 'x'.repeat(200) });
  });
});

describe('joining before decoding repairs senders that split pairs', () => {
  const udh = (sequence: number): number[] => [0x05, 0x00, 0x03, 0x33, 0x02, sequence];
  it.each([
    { name: 'an escape pair split across parts', dataCoding: 0, first: [0x41, 0x1b], second: [0x65, 0x42], text: 'A€B' },
    { name: 'a surrogate pair split across parts', dataCoding: 8, first: [0x00, 0x41, 0xd8, 0x3d], second: [0xde, 0x00], text: 'A😀' },
  ])('$name', ({ dataCoding, first, second, text }) => {
    const reassembler = new Reassembler({ timeoutMs: TIMEOUT });
    const message = (sequence: number, body: number[]) =>
      incoming({ source: 's', destination: 'd', dataCoding, esmClassUdhi: true, shortMessage: Uint8Array.from([...udh(sequence), ...body]) });
    reassembler.add(message(2, second), 0);
    expect(completed([reassembler.add(message(1, first), 0)])[0]?.text).toEqual({ ok: true, value: text });
  });
});

describe('readIncomingPart', () => {
  const base = { source: 's', destination: 'd', dataCoding: 0 };
  it.each([
    { name: 'a plain message is part 1 of 1', message: { ...base, shortMessage: Buffer.from('hi'), esmClassUdhi: false }, expected: { ok: true, value: { reference: 0, total: 1, sequence: 1 } } },
    {
      name: 'SAR values',
      message: { ...base, shortMessage: Buffer.from('hi'), esmClassUdhi: false, sar: { sarMsgRefNum: 500, sarTotalSegments: 3, sarSegmentSeqnum: 2 } },
      expected: { ok: true, value: { reference: 500, total: 3, sequence: 2 } },
    },
    {
      name: 'SAR part 3 of 2',
      message: { ...base, shortMessage: Buffer.from('hi'), esmClassUdhi: false, sar: { sarMsgRefNum: 1, sarTotalSegments: 2, sarSegmentSeqnum: 3 } },
      expected: { ok: false, error: { kind: 'invalid-part' } },
    },
    {
      name: 'a UDH with the fill bits its length needs',
      message: { ...base, shortMessage: Uint8Array.of(0x05, 0x00, 0x03, 0x09, 0x02, 0x01, 0x41), esmClassUdhi: true },
      expected: { ok: true, value: { reference: 9, total: 2, sequence: 1, fillBits: 1 } },
    },
    {
      name: 'a malformed UDH',
      message: { ...base, shortMessage: Uint8Array.of(0x09, 0x00, 0x03), esmClassUdhi: true },
      expected: { ok: false, error: { kind: 'malformed-udh' } },
    },
  ])('$name', ({ message, expected }) => {
    expect(readIncomingPart(message)).toMatchObject(expected);
  });
});

describe('national language shift IEs of an incoming UDH', () => {
  it('decode the text with the tables they announce', () => {
    // A Turkish locking shift IE, then septets 1C 07 0C: Ş ı ğ in that table, Æ ì ø in the default one.
    const shortMessage = Uint8Array.of(0x03, 0x25, 0x01, 0x01, 0x1c, 0x07, 0x0c);
    const part = incoming({ source: 's', destination: 'd', dataCoding: 0, esmClassUdhi: true, shortMessage });
    const [message] = completed([new Reassembler({ timeoutMs: TIMEOUT }).add(part, 0)]);
    expect(message?.text).toEqual({ ok: true, value: 'Şığ' });
  });
});
