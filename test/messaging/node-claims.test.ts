import { connect, type PduOf } from '@petrel/smpp';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientReportsStore } from '../../src/messaging/client-delivery/client-reports.store.ts';
import { takeBackClaims } from '../../src/messaging/node-claims.store.ts';
import { applyTransitions, type Transition } from '../../src/messaging/transitions.store.ts';
import { claimNodeIdentity, NodeIdInUseError } from '../../src/platform/node-identity.ts';
import { waitFor } from '../simulator/wait-for.ts';
import { addClient, bindOwn, startWorld, submit, type World } from './support/world.ts';

// A short lease for receipts to clients, so a lease that is not renewed runs out within the test.
const LEASE_MS = 300;
let world: World;
beforeAll(async () => {
  world = await startWorld({}, { deliverer: { leaseMs: LEASE_MS } });
});
afterAll(async () => world?.stop());

const noRefunds = { refund: () => Promise.reject(new Error('no refund expected')) };

/** The message reaches `delivered` (which files the client's report), as a vendor receipt would make it. */
async function deliver(messageId: string): Promise<readonly number[]> {
  const at = new Date();
  const steps: Transition[][] = [[{ messageId: Number(messageId), to: 'sent', event: 'submitted', at, vendorMessageId: `v-${messageId}` }], [{ messageId: Number(messageId), to: 'delivered', event: 'receipt', at }]];
  return world.db.transaction().execute(async (trx) => {
    let reported: readonly number[] = [];
    for (const step of steps) reported = (await applyTransitions(trx, step, noRefunds)).reportedClients;
    return reported;
  });
}

describe('claims carry the node that holds them', () => {
  it('a node started again under its name takes back its own claims at once, and leaves other nodes’ claims to their leases', async () => {
    const c = await addClient(world, 'claims_back');
    const s = await bindOwn(world, c, 'transmitter');
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(Number((await submit(s)).id));
    const [a1, a2, b, reported] = ids as [number, number, number, number];
    const until = new Date(Date.now() + 60_000);
    await sql`UPDATE messages SET claimed_until = ${until}, claimed_by = 'node-a' WHERE id IN (${a1}, ${a2})`.execute(world.db);
    await sql`UPDATE messages SET claimed_until = ${until}, claimed_by = 'node-b' WHERE id = ${b}`.execute(world.db);
    await sql`INSERT INTO client_reports (client_id, message_id, state, claimed_until, claimed_by) VALUES (${c.id}, ${reported}, 'delivered', ${until}, 'node-a')`.execute(world.db);

    expect(await takeBackClaims(world.db, 'node-a')).toEqual({ messages: 2, reports: 1, mo: 0 });
    const rows = await sql<{ id: number; claimed_until: Date | null; claimed_by: string | null }>`SELECT id, claimed_until, claimed_by FROM messages WHERE id = ANY(${ids}::bigint[]) ORDER BY id`.execute(world.db);
    expect(rows.rows.map((r) => [Number(r.id), r.claimed_by, r.claimed_until === null])).toEqual([
      [a1, null, true],
      [a2, null, true],
      [b, 'node-b', false],
      [reported, null, true],
    ]);
    const report = await sql<{ claimed_until: Date | null }>`SELECT claimed_until FROM client_reports WHERE message_id = ${reported}`.execute(world.db);
    expect(report.rows[0]?.claimed_until).toBeNull();
    // Nothing left under that name.
    expect(await takeBackClaims(world.db, 'node-a')).toEqual({ messages: 0, reports: 0, mo: 0 });
    await s.close();
  });

  it('holds a node name for one process at a time on PostgreSQL (the embedded database has one process anyway)', async () => {
    const databaseUrl = world.platform.config.databaseUrl;
    if (world.platform.dbKind === 'pglite') {
      expect(await claimNodeIdentity({ configured: undefined, databaseUrl, smppPort: 2775 })).toMatchObject({ id: 'embedded', stable: true });
      expect(await claimNodeIdentity({ configured: 'edge-1', databaseUrl, smppPort: 2775 })).toMatchObject({ id: 'edge-1', stable: true });
      return;
    }
    const first = await claimNodeIdentity({ configured: 'edge-1', databaseUrl, smppPort: 0 });
    expect(first).toMatchObject({ id: 'edge-1', stable: true });
    const second = claimNodeIdentity({ configured: 'edge-1', databaseUrl, smppPort: 0, waitMs: 500 });
    await expect(second).rejects.toBeInstanceOf(NodeIdInUseError);
    await expect(second).rejects.toThrow(/PETREL_NODE_ID/);
    // A name let go while another process waits for it (a restart after kill -9) is taken.
    const waiting = claimNodeIdentity({ configured: 'edge-1', databaseUrl, smppPort: 0, waitMs: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await first.release();
    const lines: string[] = [];
    const again = await claimNodeIdentity({ configured: 'edge-2', databaseUrl, smppPort: 0, retryMs: 100, warn: (line) => lines.push(line) });
    expect(await waiting).toMatchObject({ id: 'edge-1', stable: true });
    expect(again).toMatchObject({ id: 'edge-2', stable: true });
    // The database cuts the connection that holds the name (a restart, a failover): it is taken again.
    const cut = await sql<{ n: number }>`SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = 'petrel node name' AND datname = current_database()`.execute(world.db);
    expect(cut.rows[0]?.n).toBe(2);
    await waitFor(() => lines.some((l) => l.includes('"edge-2": held again')), 5_000, 'edge-2 held again');
    await expect(claimNodeIdentity({ configured: 'edge-2', databaseUrl, smppPort: 0, waitMs: 300 })).rejects.toBeInstanceOf(NodeIdInUseError);
    await again.release();
    await (await waiting).release();
    // No name and no fixed SMPP port: a random name, and recovery is left to the leases.
    expect(await claimNodeIdentity({ configured: undefined, databaseUrl, smppPort: 0 })).toMatchObject({ stable: false });
  });
});

describe('receipts on their way to a slow client', () => {
  /** A client bound as a transceiver that answers each receipt only after a second: more than three leases. */
  async function slowClient(login: string) {
    const c = await addClient(world, login);
    const session = await connect({ host: '127.0.0.1', port: world.smppPort, systemId: c.systemId, password: c.password, bindType: 'transceiver', enquireLinkIntervalMs: 0 });
    session.on('error', () => undefined);
    const received: PduOf<'deliver_sm'>[] = [];
    session.on('deliver_sm', (pdu) => {
      received.push(pdu);
      setTimeout(() => session.respond(pdu, { messageId: '' }), 1_000);
    });
    return { c, session, received };
  }

  it('keep their lease while the client has not answered, so no other node sends them again', async () => {
    const { c, session, received } = await slowClient('claims_slow');
    const r = await submit(session);
    for (const clientId of await deliver(r.id)) world.platform.clientSide.notifyReports(clientId);
    await waitFor(() => received.length === 1, 5_000, 'the receipt at the client');
    await new Promise((resolve) => setTimeout(resolve, 2 * LEASE_MS));
    // Another node looking for stale claims finds none: the lease was renewed.
    expect(await new ClientReportsStore(world.db, 'other-node').claimReports(c.id, 10, new Date(), LEASE_MS)).toEqual([]);
    await world.platform.clientSide.deliverer.idle();
    const row = await sql<{ n: number }>`SELECT count(*)::int AS n FROM client_reports WHERE message_id = ${Number(r.id)}`.execute(world.db);
    expect(row.rows[0]?.n).toBe(0);
    expect(received).toHaveLength(1);
    await session.close();
  });

  it('are not taken for waiting ones by the sweep: the client’s next receipts still go straight to it', async () => {
    const { c, session, received } = await slowClient('claims_sweep');
    const deliverer = world.platform.clientSide.deliverer;
    const r = await submit(session);
    const at = new Date();
    // As the receipt intake does: the report goes in claimed by this node and is sent from memory after commit.
    const applied = await world.db.transaction().execute(async (trx) => {
      await applyTransitions(trx, [{ messageId: Number(r.id), to: 'sent', event: 'submitted', at, vendorMessageId: `v-${r.id}` }], noRefunds);
      return applyTransitions(trx, [{ messageId: Number(r.id), to: 'delivered', event: 'receipt', at }], noRefunds, [], deliverer);
    });
    expect(applied.handedReports.map((h) => h.messageId)).toEqual([Number(r.id)]);
    deliverer.deliver(applied.handedReports);
    await waitFor(() => received.length === 1, 5_000, 'the receipt at the client');
    // Unanswered, its row is claimed by this node: the sweep finds nothing waiting and starts no flush.
    await deliverer.sweep();
    expect(deliverer.takes(c.id)).toBe(true);
    await deliverer.idle();
    expect(received).toHaveLength(1);
    await session.close();
  });
});
