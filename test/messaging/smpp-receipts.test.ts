import { MESSAGE_STATE, type PduOf } from '@petrel/smpp';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTransitions, type Transition } from '../../src/messaging/transitions.store.ts';
import { npmBind, type NpmPdu } from '../simulator/npm-smpp.ts';
import { waitFor } from '../simulator/wait-for.ts';
import { addClient, bindOwn, startWorld, submit, type World } from './support/world.ts';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => world?.stop());

const noRefunds = { refund: () => Promise.reject(new Error('no refund expected')) };

/** What the vendor side does on a vendor receipt: the transition (which files the client's report), then the notification. */
async function finish(messageIds: readonly string[], to: Transition['to'], errorCode: number | null = null): Promise<void> {
  const at = new Date();
  const sent = messageIds.map((id, i): Transition => ({ messageId: Number(id), to: 'sent', event: 'submitted', at, vendorMessageId: `v-${id}-${i}` }));
  const done = messageIds.map((id): Transition => ({ messageId: Number(id), to, event: 'receipt', at, errorCode }));
  const applied = await world.db.transaction().execute(async (trx) => {
    await applyTransitions(trx, sent, noRefunds);
    return applyTransitions(trx, done, noRefunds);
  });
  for (const clientId of applied.reportedClients) world.platform.clientSide.notifyReports(clientId);
}

const RECEIPT = /^id:(\d+) sub:001 dlvrd:(\d{3}) submit date:\d{10} done date:\d{10} stat:([A-Z]+) err:(\d{3}) text:(.*)$/;

describe('delivery receipts to clients', () => {
  it('sends a receipt on the live bind: esm_class 0x04, the text of interfaces.md, receipted_message_id and message_state', async () => {
    const c = await addClient(world, 'rcpt_live');
    const s = await bindOwn(world, c);
    const r = await submit(s, { shortMessage: Buffer.from('Your parcel 42 is on its way to you') });
    await finish([r.id], 'delivered');
    await waitFor(() => s.received.length === 1, 10_000, 'the receipt');
    const pdu = s.received[0] as PduOf<'deliver_sm'>;
    expect(pdu.esmClass).toBe(0x04);
    expect(pdu.sourceAddr).toBe('380501234567');
    expect(pdu.destinationAddr).toBe('Petrel');
    const text = pdu.shortMessage.toString('latin1');
    expect(text).toMatch(RECEIPT);
    expect(RECEIPT.exec(text)?.slice(1)).toEqual([r.id, '001', 'DELIVRD', '000', 'Your parcel 42 is on']);
    expect(pdu.tlvs.receiptedMessageId).toBe(r.id);
    expect(pdu.tlvs.messageState).toBe(MESSAGE_STATE.DELIVRD);
    await world.platform.clientSide.deliverer.idle();
    // Answered, the report is no longer owed: its row is gone.
    const row = await sql<{ n: number }>`SELECT count(*)::int AS n FROM client_reports WHERE message_id = ${Number(r.id)}`.execute(world.db);
    expect(row.rows[0]?.n).toBe(0);
    await s.close();
  });

  it('maps states to stat and message_state as message-states.md says, with the error code', async () => {
    const c = await addClient(world, 'rcpt_states');
    const s = await bindOwn(world, c);
    const [a, b] = [await submit(s), await submit(s)];
    await finish([a.id], 'undelivered', 21);
    await finish([b.id], 'expired');
    await waitFor(() => s.received.length === 2, 10_000, 'two receipts');
    const byId = new Map(s.received.map((p) => [p.tlvs.receiptedMessageId, p]));
    expect(byId.get(a.id)?.shortMessage.toString()).toContain('stat:UNDELIV err:021');
    expect(byId.get(a.id)?.tlvs.messageState).toBe(5);
    expect(byId.get(b.id)?.shortMessage.toString()).toContain('stat:EXPIRED err:000');
    expect(byId.get(b.id)?.tlvs.messageState).toBe(3);
    await s.close();
  });

  it('keeps receipts for a client with no receiving bind and delivers them when it binds, each once', async () => {
    const c = await addClient(world, 'rcpt_later');
    const tx = await bindOwn(world, c, 'transmitter');
    const ids = [(await submit(tx)).id, (await submit(tx)).id, (await submit(tx)).id];
    await finish(ids, 'delivered');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const pending = await sql<{ n: number }>`SELECT count(*)::int AS n FROM client_reports WHERE client_id = ${c.id} AND delivered_at IS NULL`.execute(world.db);
    expect(pending.rows[0]?.n).toBe(3);
    expect(tx.received).toHaveLength(0);
    const rx = await bindOwn(world, c, 'receiver');
    await waitFor(() => rx.received.length === 3, 10_000, 'the waiting receipts');
    expect(rx.received.map((p) => p.tlvs.receiptedMessageId).sort()).toEqual([...ids].sort());
    await world.platform.clientSide.deliverer.idle();
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM client_reports WHERE client_id = ${c.id}`.execute(world.db);
    expect(left.rows[0]?.n).toBe(0);
    await world.platform.clientSide.deliverer.sweep();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(rx.received).toHaveLength(3);
    await Promise.all([tx.close(), rx.close()]);
  });

  it('works with the npm smpp package as the client: submit, then the receipt with the same id', async () => {
    const c = await addClient(world, 'rcpt_npm');
    const session = await npmBind(world.smppPort, c.systemId, c.password);
    const receipts: NpmPdu[] = [];
    session.on('deliver_sm', (pdu) => {
      receipts.push(pdu);
      session.send(pdu.response());
    });
    const resp = await new Promise<NpmPdu>((resolve) =>
      session.submit_sm({ source_addr: 'Petrel', source_addr_ton: 5, destination_addr: '380501234567', dest_addr_ton: 1, dest_addr_npi: 1, registered_delivery: 1, short_message: 'hello from node-smpp' }, resolve),
    );
    expect(resp.command_status).toBe(0);
    const id = resp.message_id as string;
    await finish([id], 'delivered');
    await waitFor(() => receipts.length === 1, 10_000, 'the receipt over node-smpp');
    expect(receipts[0]?.esm_class).toBe(4);
    expect(receipts[0]?.receipted_message_id).toBe(id);
    expect(String(receipts[0]?.short_message?.message)).toContain(`id:${id} sub:001 dlvrd:001`);
    session.destroy();
  });
});

describe('MO to clients over SMPP', () => {
  it('delivers inbox rows marked via_smpp as deliver_sm (esm_class 0), long ones concatenated', async () => {
    const c = await addClient(world, 'mo_smpp', { settings: { moViaSmpp: true } });
    await sql`INSERT INTO inbox (client_id, source, destination, text, via_smpp) VALUES
      (${c.id}, '380671112233', '12345', 'STOP', true),
      (${c.id}, '380671112233', '12345', ${'Привіт '.repeat(20)}, true)`.execute(world.db);
    const rx = await bindOwn(world, c, 'receiver');
    await waitFor(() => rx.received.length >= 4, 10_000, 'the MO parts');
    const [first, ...parts] = rx.received;
    expect(first?.esmClass).toBe(0);
    expect(first?.shortMessage.toString()).toBe('STOP');
    expect(first?.sourceAddr).toBe('380671112233');
    expect(parts.every((p) => p.esmClass === 0x40 && p.dataCoding === 8)).toBe(true);
    expect(parts).toHaveLength(3);
    await world.platform.clientSide.deliverer.idle();
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM inbox WHERE client_id = ${c.id} AND delivered_at IS NULL`.execute(world.db);
    expect(left.rows[0]?.n).toBe(0);
    await rx.close();
  });
});
