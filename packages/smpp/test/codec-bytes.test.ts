import { describe, expect, it } from 'vitest';
import { COMMAND_IDS, decodePdu, encodePdu, type CommandName } from '../src/index.ts';
import { CASES } from './pdu-cases.ts';

describe('codec bytes against the naive builder', () => {
  it('has an example of every command', () => {
    const covered = new Set(CASES.map((x) => x.pdu.command));
    expect([...Object.keys(COMMAND_IDS)].filter((name) => !covered.has(name as CommandName))).toEqual([]);
  });

  for (const { name, pdu, bytes } of CASES) {
    const clean = JSON.parse(JSON.stringify(pdu, (_k, v: unknown) => (v === undefined ? undefined : v)));
    it(`encodes ${name} to the spec's bytes`, () => {
      expect(encodePdu(pdu).toString('hex')).toBe(bytes.toString('hex'));
    });
    it(`decodes ${name} from the spec's bytes`, () => {
      const result = decodePdu(bytes);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(JSON.parse(JSON.stringify(result.pdu))).toEqual(clean);
      // Round trip: what we decode encodes back to the very same bytes (unknown TLVs included).
      expect(encodePdu(result.pdu).equals(bytes)).toBe(true);
    });
  }
});
