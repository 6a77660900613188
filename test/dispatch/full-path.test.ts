import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { addClient, bindOwn, startWorld, type World } from '../messaging/support/world.ts';
import { type NpmPdu, npmBind, npmClose, npmSubmit } from '../simulator/npm-smpp.ts';
import { eventually, ledgerMismatches, statsMismatches } from './support/db.ts';

let sim: Simulator;
let world: World;
beforeAll(async () => {
  sim = await startSimulator({ receiptDelayMs: 20, outcomes: { DELIVRD: 1 } });
  world = await startWorld({}, {}, { port: sim.port });
  await world.platform.vendorSide.dispatcher.refresh();
});
afterAll(async () => {
  await world?.stop();
  await sim?.stop();
});

describe('client → Petrel → simulator → receipt back, with the npm smpp package as the client', () => {
  it('returns a receipt for every message carrying the id submit_sm_resp gave', async () => {
    const c = await addClient(world, 'npm_path');
    const session = await npmBind(world.smppPort, c.systemId, c.password);
    const receipts: NpmPdu[] = [];
    session.on('deliver_sm', (pdu) => {
      receipts.push(pdu);
      session.send(pdu.response());
    });
    const resps = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        npmSubmit(session, { source_addr: 'Petrel', source_addr_ton: 5, destination_addr: `38050123450${i}`, dest_addr_ton: 1, dest_addr_npi: 1, registered_delivery: 1, short_message: `npm message ${i}` }),
      ),
    );
    expect(resps.every((r) => r.command_status === 0)).toBe(true);
    const ids = resps.map((r) => String(r.message_id));
    await eventually(() => receipts.length >= ids.length, 20_000, 'a receipt for each message');
    expect(receipts.map((r) => r.receipted_message_id).sort()).toEqual([...ids].sort());
    for (const r of receipts) {
      expect(r.esm_class).toBe(0x04);
      expect(String(r.short_message?.message)).toMatch(new RegExp(`^id:${r.receipted_message_id} .*stat:DELIVRD err:000`));
    }
    await npmClose(session);
  });
});

describe('vendor binds', () => {
  it('shows the live state of the vendor binds in the admin API', async () => {
    const res = await world.admin.get(`/api/admin/vendors/${world.vendorId}`);
    expect(res.status).toBe(200);
    expect(res.body.binds).toEqual([expect.objectContaining({ session: 0, state: 'bound', lastError: null })]);
  });
});

describe('MO from the vendor', () => {
  it('goes over SMPP to a client that binds later, and into the inbox of one that does not want SMPP', async () => {
    const smppClient = await addClient(world, 'mo_smpp', { settings: { moViaSmpp: true } });
    const inboxClient = await addClient(world, 'mo_inbox');
    await sql`INSERT INTO mo_numbers (number, keyword, client_id) VALUES ('447700900100', NULL, ${smppClient.id}), ('447700900200', NULL, ${inboxClient.id})`.execute(world.db);
    await sim.sendMo({ from: '+380501112233', to: '447700900100', text: 'Reply to the SMPP client' });
    await sim.sendMo({ from: '+380501112244', to: '447700900200', text: 'Reply kept in the inbox' });

    const rx = await bindOwn(world, smppClient, 'receiver');
    await eventually(() => rx.received.some((p) => p.esmClass === 0), 20_000, 'the MO over SMPP');
    const mo = rx.received.find((p) => p.esmClass === 0);
    expect(mo?.sourceAddr).toBe('380501112233');
    expect(mo?.destinationAddr).toBe('447700900100');
    expect(mo?.shortMessage.toString('latin1')).toBe('Reply to the SMPP client');
    await rx.close();

    const inbox = await world.admin.get(`/api/admin/clients/${inboxClient.id}/inbox`);
    expect(inbox.status).toBe(200);
    expect(inbox.body.items).toEqual([expect.objectContaining({ source: '380501112244', destination: '447700900200', text: 'Reply kept in the inbox', viaSmpp: false })]);
  });
});

describe('statistics and books after the suite', () => {
  it('serves counters that equal a count of messages by state, without scanning messages', async () => {
    expect(await statsMismatches(world.db)).toEqual([]);
    const res = await world.admin.get('/api/admin/stats?groupBy=client,state');
    expect(res.status).toBe(200);
    const { rows } = await sql<{ client_id: number; state: string; n: number }>`SELECT client_id, state, count(*)::int AS n FROM messages GROUP BY 1, 2 ORDER BY 1, 2`.execute(world.db);
    expect(res.body.rows.map((r: { clientId: number; state: string; messages: number }) => [r.clientId, r.state, r.messages])).toEqual(rows.map((r) => [Number(r.client_id), r.state, r.n]));
    expect((await world.admin.get('/api/admin/stats?groupBy=nonsense')).status).toBe(422);
    const { rows: logins } = await sql<{ id: number; login: string }>`SELECT id, login FROM clients`.execute(world.db);
    for (const r of res.body.rows as { clientId: number; clientLogin: string }[]) expect(r.clientLogin).toBe(logins.find((c) => Number(c.id) === r.clientId)?.login);
    const byNetwork = await world.admin.get('/api/admin/stats?groupBy=network');
    const { rows: networks } = await sql<{ code: string; name: string }>`SELECT mcc || '-' || mnc AS code, network AS name FROM destinations WHERE mnc IS NOT NULL`.execute(world.db);
    expect(byNetwork.body.rows.some((r: { network: string }) => r.network !== '')).toBe(true);
    for (const r of byNetwork.body.rows as { network: string; networkName: string | null }[]) expect(r.networkName).toBe(r.network ? (networks.find((n) => n.code === r.network)?.name ?? null) : null);
    const byVendor = await world.admin.get('/api/admin/stats?groupBy=vendor');
    const { rows: vendors } = await sql<{ id: number; name: string }>`SELECT id, name FROM vendors`.execute(world.db);
    expect(byVendor.body.rows.length).toBeGreaterThan(0);
    for (const r of byVendor.body.rows as { vendorId: number; vendorName: string | null }[]) expect(r.vendorName).toBe(vendors.find((v) => Number(v.id) === r.vendorId)?.name ?? null);
  });

  it('leaves every balance equal to the sum of its ledger', async () => {
    expect(await ledgerMismatches(world.db)).toEqual([]);
  });
});
