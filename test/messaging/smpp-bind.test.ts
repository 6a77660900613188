import { COMMAND_STATUS as S, connect, SmppCommandError } from '@petrel/smpp';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/platform/clock.ts';
import { ClientQueries } from '../../src/messaging/client-queries.store.ts';
import { BindCounts } from '../../src/smpp/bind-counts.store.ts';
import { ClientBinds } from '../../src/smpp/client-binds.ts';
import { ClientSmppServer } from '../../src/smpp/client-smpp-server.ts';
import { npmBind } from '../simulator/npm-smpp.ts';
import { addClient, bindOwn, startWorld, submit, type World } from './support/world.ts';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => world?.stop());

async function bindStatus(systemId: string, password: string): Promise<number> {
  try {
    const s = await connect({ host: '127.0.0.1', port: world.smppPort, systemId, password, bindType: 'transceiver', enquireLinkIntervalMs: 0 });
    await s.unbind();
    return S.ESME_ROK;
  } catch (err) {
    if (err instanceof SmppCommandError) return err.commandStatus;
    throw err;
  }
}

describe('SMPP binds of clients', () => {
  it('accepts the right credentials, the system_id in any case', async () => {
    const c = await addClient(world, 'bind_ok');
    expect(await bindStatus(c.systemId, c.password)).toBe(S.ESME_ROK);
    expect(await bindStatus(c.systemId.toUpperCase(), c.password)).toBe(S.ESME_ROK);
  });

  it('refuses a wrong password with ESME_RINVPASWD and an unknown system_id with ESME_RINVSYSID', async () => {
    const c = await addClient(world, 'bind_pw');
    expect(await bindStatus(c.systemId, 'wrong')).toBe(S.ESME_RINVPASWD);
    expect(await bindStatus('nobody', 'x')).toBe(S.ESME_RINVSYSID);
  });

  it('refuses with ESME_RBINDFAIL when Can Send via SMPP is off', async () => {
    const c = await addClient(world, 'bind_off', { settings: { canSendSmpp: false } });
    expect(await bindStatus(c.systemId, c.password)).toBe(S.ESME_RBINDFAIL);
  });

  it('refuses a blocked client with ESME_RBINDFAIL', async () => {
    const c = await addClient(world, 'bind_blocked');
    const res = await world.admin.post(`/api/admin/clients/${c.id}/block`, { reason: 'unpaid invoices' });
    expect(res.status).toBe(200);
    expect(await bindStatus(c.systemId, c.password)).toBe(S.ESME_RBINDFAIL);
  });

  it('refuses an address outside the allowed IP ranges, accepts one inside', async () => {
    const outside = await addClient(world, 'bind_ip_out', { allowedIps: ['10.0.0.0/8'] });
    expect(await bindStatus(outside.systemId, outside.password)).toBe(S.ESME_RBINDFAIL);
    const inside = await addClient(world, 'bind_ip_in', { allowedIps: ['10.0.0.0/8', '127.0.0.0/8'] });
    expect(await bindStatus(inside.systemId, inside.password)).toBe(S.ESME_ROK);
  });

  it('refuses the bind past max binds, and takes one again once a bind goes', async () => {
    const c = await addClient(world, 'bind_max', { maxBinds: 2 });
    const a = await bindOwn(world, c);
    const b = await bindOwn(world, c, 'receiver');
    expect(await bindStatus(c.systemId, c.password)).toBe(S.ESME_RBINDFAIL);
    await b.unbind();
    const again = await bindOwn(world, c, 'transmitter');
    await Promise.all([a.unbind(), again.unbind()]);
  });

  it("counts the client's binds on the other nodes too, while those nodes keep their counts fresh", async () => {
    const c = await addClient(world, 'bind_nodes', { maxBinds: 3 });
    await sql`INSERT INTO node_binds (node_id, client_id, binds, seen_at) VALUES ('node-elsewhere', ${c.id}, 2, now())`.execute(world.db);
    const a = await bindOwn(world, c);
    expect(await bindStatus(c.systemId, c.password)).toBe(S.ESME_RBINDFAIL);
    // This node's own row says one bind.
    const mine = await sql<{ binds: number }>`SELECT binds FROM node_binds WHERE client_id = ${c.id} AND node_id <> 'node-elsewhere'`.execute(world.db);
    expect(mine.rows.map((r) => r.binds)).toEqual([1]);
    // A node that stopped refreshing (it died) no longer counts.
    await sql`UPDATE node_binds SET seen_at = now() - interval '1 minute' WHERE node_id = 'node-elsewhere'`.execute(world.db);
    const b = await bindOwn(world, c, 'receiver');
    const c3 = await bindOwn(world, c, 'transmitter');
    expect(await bindStatus(c.systemId, c.password)).toBe(S.ESME_RBINDFAIL);
    await Promise.all([a.unbind(), b.unbind(), c3.unbind()]);
  });

  it('answers a second bind on a bound session with ESME_RALYBND (npm smpp client)', async () => {
    const c = await addClient(world, 'bind_twice');
    const session = await npmBind(world.smppPort, c.systemId, c.password);
    const status = await new Promise<number>((resolve) => session.bind_transceiver({ system_id: c.systemId, password: c.password }, (pdu) => resolve(pdu.command_status)));
    expect(status).toBe(S.ESME_RALYBND);
    session.destroy();
  });

  it('throttles a client above its throughput with ESME_RTHROTTLED, over all its binds', async () => {
    const c = await addClient(world, 'throttled', { throughput: 5 });
    const [a, b] = [await bindOwn(world, c), await bindOwn(world, c)];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => submit(i % 2 ? a : b)));
    const ok = results.filter((r) => r.status === 0).length;
    const throttled = results.filter((r) => r.status === S.ESME_RTHROTTLED).length;
    expect(ok).toBeGreaterThanOrEqual(5);
    expect(ok).toBeLessThanOrEqual(6);
    expect(ok + throttled).toBe(20);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM messages WHERE client_id = ${c.id}`.execute(world.db);
    expect(rows[0]?.n).toBe(ok);
    await Promise.all([a.close(), b.close()]);
  });

  it('enforces its share of the throughput limit when the client has binds on other nodes too', async () => {
    const c = await addClient(world, 'throttled_nodes', { throughput: 20 });
    // Three of the client's four binds are on another node: this node lets a quarter through.
    await sql`INSERT INTO node_binds (node_id, client_id, binds, seen_at) VALUES ('node-elsewhere', ${c.id}, 3, now())`.execute(world.db);
    const s = await bindOwn(world, c);
    const results = await Promise.all(Array.from({ length: 20 }, () => submit(s)));
    const ok = results.filter((r) => r.status === 0).length;
    expect(ok).toBeGreaterThanOrEqual(5);
    expect(ok).toBeLessThanOrEqual(6);
    expect(results.filter((r) => r.status === S.ESME_RTHROTTLED)).toHaveLength(20 - ok);
    await s.close();
  });

  it('takes the login as system_id when none is stored and it fits', async () => {
    const c = await addClient(world, 'LoginBind');
    await sql`UPDATE client_access SET smpp_system_id = NULL WHERE client_id = ${c.id}`.execute(world.db);
    expect(await bindStatus('loginbind', c.password)).toBe(S.ESME_ROK);
  });

  it('says clearly when the SMPP port is taken', async () => {
    const queries = new ClientQueries(world.db, { refund: () => Promise.resolve(false) });
    const bindCounts = new BindCounts(world.db, 'test-node', () => undefined);
    const other = new ClientSmppServer({ db: world.db, intake: world.platform.clientSide.intake, binds: new ClientBinds(), bindCounts, clock: systemClock, log: () => undefined, queries, onReports: () => undefined });
    await expect(other.listen(world.smppPort, '127.0.0.1')).rejects.toThrow(`SMPP port ${world.smppPort} on 127.0.0.1 is already in use; set PETREL_SMPP_PORT to another port`);
  });
});
