import * as net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildPdu, COMMAND_STATUS as S, decodePdu, encodePdu } from '../src/index.ts';
import { Harness, until } from './helpers.ts';
import { CASES } from './pdu-cases.ts';

const h = new Harness();
afterEach(() => h.cleanup());

/** A small seeded PRNG so a failure can be replayed. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A mutated copy of a valid PDU (or pure noise); `fixLength` keeps command_length truthful. */
function mutant(random: () => number, fixLength: boolean, pool = CASES): Buffer {
  const int = (n: number) => Math.floor(random() * n);
  let bytes =
    random() < 0.15 ? Buffer.from(Array.from({ length: 16 + int(64) }, () => int(256))) : Buffer.from(pool[int(pool.length)]!.bytes);
  const edits = 1 + int(4);
  for (let i = 0; i < edits; i++) {
    const kind = int(4);
    if (kind === 0 && bytes.length > 0) bytes[int(bytes.length)] = int(256);
    if (kind === 1) bytes = bytes.subarray(0, int(bytes.length + 1));
    if (kind === 2) bytes = Buffer.concat([bytes, Buffer.from(Array.from({ length: int(20) }, () => int(256)))]);
    if (kind === 3 && bytes.length > 16) bytes[16 + int(bytes.length - 16)] = 0;
  }
  if (bytes.length < 16) bytes = Buffer.concat([bytes, Buffer.alloc(16 - bytes.length)]);
  if (fixLength) bytes.writeUInt32BE(bytes.length, 0);
  return bytes;
}

describe('fuzz', () => {
  it('20,000 random and mutated PDUs: decodePdu never throws and what it decodes re-encodes to the same PDU', () => {
    const random = prng(1234);
    let decoded = 0;
    for (let i = 0; i < 20_000; i++) {
      const bytes = mutant(random, random() < 0.8);
      const result = decodePdu(bytes);
      if (!result.ok) {
        expect(result.error.commandStatus).toBeGreaterThan(0);
        continue;
      }
      decoded++;
      const again = decodePdu(encodePdu(result.pdu));
      expect(again.ok && JSON.stringify(again.pdu)).toBe(JSON.stringify(result.pdu));
    }
    expect(decoded).toBeGreaterThan(1_000); // the mutations do reach the decoders, not just the header checks
  });

  it('20,000 mutated PDUs over TCP: the server answers or closes, stays up, and leaves no socket open', async () => {
    let served = 0;
    const { server, port } = await h.server({
      maxPduLength: 4_096,
      onBind: (session) => {
        session.on('submit_sm', (req) => served += Number(session.respond(req, { messageId: 'fuzz' })));
        session.on('data_sm', (req) => session.respond(req, { commandStatus: S.ESME_RTHROTTLED }));
        return S.ESME_ROK;
      },
    });
    const random = prng(99);
    // unbind would end most connections after a few dozen PDUs; it still comes, at the end of some.
    const pool = CASES.filter((x) => x.pdu.command !== 'unbind');
    const sockets = new Set<net.Socket>();
    let sent = 0;
    while (sent < 20_000) {
      // One connection: a bind, then a burst of mutants with honest lengths, sometimes raw garbage at the end.
      const socket = net.connect({ host: '127.0.0.1', port });
      sockets.add(socket);
      socket.on('error', () => undefined);
      const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      await new Promise<void>((resolve) => socket.once('connect', resolve));
      socket.write(encodePdu(buildPdu('bind_transceiver', 1, { systemId: 'fuzz' })));
      await new Promise<void>((resolve) => socket.once('data', () => resolve()));
      socket.resume();
      const burst: Buffer[] = [];
      for (let i = 0; i < 500; i++) burst.push(mutant(random, true, pool));
      if (random() < 0.5) burst.push(random() < 0.5 ? mutant(random, false) : encodePdu(buildPdu('unbind', 2)));
      sent += burst.length + 1;
      socket.end(Buffer.concat(burst));
      await closed;
    }
    await until(() => server.sessions.size === 0, 5_000);
    expect(served).toBeGreaterThan(100); // mutants got past framing and decoding into the application
    // Still serving: a normal client binds and submits.
    const client = await h.client(port);
    expect(await client.submitSm({ destinationAddr: '1' })).toMatchObject({ messageId: 'fuzz' });
    await client.close();
    await until(() => server.sessions.size === 0);
    expect([...sockets].every((s) => s.destroyed)).toBe(true);
  });
});
