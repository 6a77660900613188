import { buildPdu, COMMAND_IDS, type CommandName, encodePdu, type Pdu } from '@petrel/smpp';
import type { Rng } from './random.ts';

const COMMANDS = Object.keys(COMMAND_IDS) as CommandName[];
const REQUESTS = COMMANDS.filter((c) => (COMMAND_IDS[c] & 0x80000000) === 0);
const HEADER = 16;

/** A valid bind for the fuzz client, or a broken one. */
export function bindPdu(rng: Rng, credentials: { systemId: string; password: string }, seq: number): Buffer {
  const command = rng.pick(['bind_transceiver', 'bind_transmitter', 'bind_receiver'] as const);
  const good = rng.chance(0.8);
  return encodePdu(buildPdu(command, seq, { systemId: good ? credentials.systemId : rng.text(20).slice(0, 15), password: good ? credentials.password : rng.text(8).slice(0, 8), interfaceVersion: rng.pick([0x34, 0x33, 0x50, rng.int(0, 255)]) }));
}

/**
 * One fuzz PDU: a well-formed one with random field values, a mutation of one (bit flips, bytes
 * overwritten, truncated, extended, a wrong command_length, id or status, TLV garbage, strings
 * without their NUL), or random bytes behind a plausible header. Requests mostly, submits rarely
 * (each accepted submit is a real message). Never throws.
 */
export function fuzzPdu(rng: Rng, seq: number): Buffer {
  const roll = rng.next();
  if (roll < 0.25) return wellFormed(rng, seq);
  if (roll < 0.8) return mutate(rng, wellFormed(rng, seq));
  if (roll < 0.95) return randomBody(rng, seq);
  return rng.bytes(rng.int(1, 64)); // no framing at all
}

function wellFormed(rng: Rng, seq: number): Buffer {
  const command = rng.chance(0.85) ? rng.pick(REQUESTS) : rng.pick(COMMANDS);
  for (const pdu of [() => randomFields(rng, command, seq), () => buildPdu(command, seq), () => buildPdu('enquire_link', seq)]) {
    try {
      return encodePdu(pdu());
    } catch {
      // a field out of the encoder's range: try plainer
    }
  }
  return randomBody(rng, seq);
}

function randomFields(rng: Rng, command: CommandName, seq: number): Pdu {
  const addr = () => (rng.chance(0.7) ? `380${rng.int(100000000, 999999999)}` : rng.text(25).slice(0, 20));
  const fields: Record<string, unknown> = {
    serviceType: rng.chance(0.8) ? '' : rng.text(6).slice(0, 5),
    sourceAddr: rng.chance(0.5) ? 'Petrel' : addr(),
    sourceAddrTon: rng.int(0, 7),
    sourceAddrNpi: rng.int(0, 19),
    destinationAddr: addr(),
    destAddrTon: rng.int(0, 7),
    destAddrNpi: rng.int(0, 19),
    esmClass: rng.pick([0, 0x40, 0x04, rng.int(0, 255)]),
    dataCoding: rng.pick([0, 3, 8, 4, rng.int(0, 255)]),
    registeredDelivery: rng.int(0, 31),
    priorityFlag: rng.int(0, 5),
    protocolId: rng.int(0, 255),
    validityPeriod: rng.pick(['', '000001000000000R', rng.text(17).slice(0, 16)]),
    scheduleDeliveryTime: rng.pick(['', '261231235959000+', rng.text(17).slice(0, 16)]),
    shortMessage: rng.chance(0.5) ? Buffer.from(rng.text(160), 'latin1').subarray(0, 254) : rng.bytes(rng.int(0, 254)),
    messageId: rng.text(70).slice(0, 64),
    systemId: rng.text(16).slice(0, 15),
    password: rng.text(9).slice(0, 8),
  };
  return buildPdu(command, seq, fields as never, rng.chance(0.9) ? 0 : rng.int(0, 0x500));
}

function mutate(rng: Rng, pdu: Buffer): Buffer {
  const b = Buffer.from(pdu);
  switch (rng.int(0, 8)) {
    case 0: // bit flips in the body
      for (let i = rng.int(1, 8); i > 0 && b.length > HEADER; i--) b[rng.int(HEADER, b.length - 1)]! ^= 1 << rng.int(0, 7);
      return b;
    case 1: // bytes overwritten anywhere past the length
      for (let i = rng.int(1, 4); i > 0 && b.length > 4; i--) b[rng.int(4, b.length - 1)] = rng.pick([0, 0xff, 0x7f, 0x80, rng.int(0, 255)]);
      return b;
    case 2: // truncated, length kept: the framer waits for bytes that come from the next PDU
      return b.subarray(0, rng.int(HEADER, Math.max(HEADER, b.length - 1)));
    case 3: {
      // truncated with a matching length: a body that ends early
      const cut = b.subarray(0, rng.int(HEADER, b.length));
      cut.writeUInt32BE(cut.length, 0);
      return cut;
    }
    case 4: // a wrong command_length
      b.writeUInt32BE(rng.pick([0, 1, 15, 16, b.length - 1, b.length + 1, 0xffffffff, 70_000, rng.int(0, 0xffffffff)]) >>> 0, 0);
      return b;
    case 5: // an unknown or response command_id, odd status or sequence
      b.writeUInt32BE(rng.pick([rng.int(0, 0xffffffff), 0x80000004, 0x80000000, 0x0000000a, 0x00000104, 0x00000000]) >>> 0, 4);
      if (rng.chance(0.3)) b.writeUInt32BE(rng.int(0, 0xffffffff) >>> 0, 8);
      if (rng.chance(0.3)) b.writeUInt32BE(rng.pick([0, 0x7fffffff, 0xffffffff]) >>> 0, 12);
      return b;
    case 6: {
      // TLV garbage appended (tags known and unknown, lengths that lie)
      const tlvs: Buffer[] = [];
      for (let i = rng.int(1, 5); i > 0; i--) {
        const value = rng.bytes(rng.int(0, 40));
        const t = Buffer.alloc(4);
        t.writeUInt16BE(rng.pick([0x0424, 0x020c, 0x020e, 0x020f, 0x0204, 0x001e, 0x0427, 0x1403, rng.int(0, 0xffff)]), 0);
        t.writeUInt16BE(rng.chance(0.7) ? value.length : rng.int(0, 0xffff), 2);
        tlvs.push(t, value);
      }
      const out = Buffer.concat([b, ...tlvs]);
      out.writeUInt32BE(out.length, 0);
      return out;
    }
    case 7: {
      // NUL terminators removed: C-strings that run into the next field
      for (let i = HEADER; i < b.length; i++) if (b[i] === 0 && rng.chance(0.5)) b[i] = rng.int(0x41, 0x5a);
      return b;
    }
    default: {
      // random bytes spliced into the body, length fixed up
      const at = rng.int(Math.min(HEADER, b.length), b.length);
      const out = Buffer.concat([b.subarray(0, at), rng.bytes(rng.int(1, 32)), b.subarray(at)]);
      out.writeUInt32BE(out.length, 0);
      return out;
    }
  }
}

function randomBody(rng: Rng, seq: number): Buffer {
  const body = rng.bytes(rng.int(0, 300));
  const b = Buffer.alloc(HEADER + body.length);
  b.writeUInt32BE(b.length, 0);
  b.writeUInt32BE(rng.chance(0.7) ? COMMAND_IDS[rng.pick(REQUESTS)] : rng.int(0, 0xffffffff) >>> 0, 4);
  b.writeUInt32BE(0, 8);
  b.writeUInt32BE(seq >>> 0, 12);
  body.copy(b, HEADER);
  return b;
}
