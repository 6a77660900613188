import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGE_STATE, parseReceipt } from '@petrel/smpp';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { npmBind, npmClose, npmSubmit, type NpmPdu, type NpmSession } from './npm-smpp.ts';
import { waitFor } from './wait-for.ts';

let simulator: Simulator | undefined;
let client: NpmSession | undefined;

afterEach(async () => {
  if (client) await npmClose(client);
  await simulator?.stop();
  client = undefined;
  simulator = undefined;
});

describe('the simulator with the independent npm smpp client', () => {
  it('answers 200 submits with ids and sends a matched receipt for every one', async () => {
    simulator = await startSimulator({ port: 0, receiptDelayMs: { min: 5, max: 60 } });
    client = await npmBind(simulator.port, 'anyone', 'anything');
    const receipts: NpmPdu[] = [];
    client.on('deliver_sm', (pdu) => {
      receipts.push(pdu);
      client?.send(pdu.response());
    });

    const N = 200;
    const responses = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        npmSubmit(client as NpmSession, { source_addr: 'Petrel', destination_addr: `4479000${String(i).padStart(5, '0')}`, short_message: `Hello number ${i}`, registered_delivery: 1 }),
      ),
    );
    expect(responses.every((r) => r.command_status === 0)).toBe(true);
    const ids = responses.map((r) => r.message_id as string);
    expect(new Set(ids).size).toBe(N);

    await waitFor(() => receipts.length >= N, 10_000, `${N} receipts`);
    const byId = new Map<string, NpmPdu>();
    for (const pdu of receipts) {
      expect(pdu.esm_class).toBe(0x04);
      const text = String(pdu.short_message?.message);
      const parsed = parseReceipt(text);
      expect(parsed, text).toBeDefined();
      expect(parsed?.id).toBe(pdu.receipted_message_id);
      expect(pdu.message_state).toBe(MESSAGE_STATE[parsed?.stat ?? 'UNKNOWN']);
      expect(pdu.network_error_code?.readUInt16BE(1)).toBe(parsed?.err);
      byId.set(pdu.receipted_message_id as string, pdu);
    }
    expect(byId.size).toBe(N);
    for (const [i, id] of ids.entries()) {
      const receipt = byId.get(id);
      expect(receipt, `receipt for ${id}`).toBeDefined();
      expect(receipt?.source_addr).toBe(`4479000${String(i).padStart(5, '0')}`);
      expect(receipt?.destination_addr).toBe('Petrel');
      expect(parseReceipt(String(receipt?.short_message?.message))?.text).toBe(`Hello number ${i}`.slice(0, 20));
    }
    await waitFor(() => Object.values(simulator?.counters().receipts ?? {}).reduce((a, b) => a + b, 0) === N, 5_000, 'receipt counters');
    expect(simulator.counters()).toMatchObject({ binds: 1, submits: N, accepted: N, receiptsPending: 0 });
  });

  it('sends no receipt when registered_delivery does not ask for one', async () => {
    simulator = await startSimulator({ port: 0, receiptDelayMs: 1 });
    client = await npmBind(simulator.port, 'a', 'b');
    const receipts: NpmPdu[] = [];
    client.on('deliver_sm', (pdu) => receipts.push(pdu));
    const r = await npmSubmit(client, { destination_addr: '447900000001', short_message: 'no receipt' });
    expect(r.command_status).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receipts).toEqual([]);
    expect(simulator.counters().receiptsPending).toBe(0);
  });
});
