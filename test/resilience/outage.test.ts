import { connect, readReceipt, type Session } from '@petrel/smpp';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchText } from '../../src/bench/load-result.ts';
import { BENCH_DESTINATION, type BenchClient, setUpBenchWorld } from '../../src/bench/petrel-setup.ts';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { checkBooks } from '../../bench/resilience/books.ts';
import { ADMIN_PASSWORD, startTestPlatform } from '../support/platform.ts';

type TestPlatform = Awaited<ReturnType<typeof startTestPlatform>>;

const until = async (check: () => boolean | Promise<boolean>, ms: number): Promise<void> => {
  const end = Date.now() + ms;
  while (!(await check()) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
};

describe('vendor outage: the carrier goes away and comes back', () => {
  let platform: TestPlatform;
  let simulator: Simulator;
  let port: number;
  let client: BenchClient;
  let session: Session;
  const receipts = new Map<string, string>();
  const acked: string[] = [];
  let seq = 0;

  const send = async (n: number): Promise<string[]> => {
    const ids = await Promise.all(
      Array.from({ length: n }, () =>
        session.submitSm({ sourceAddr: 'Petrel', sourceAddrTon: 5, destinationAddr: BENCH_DESTINATION, destAddrTon: 1, destAddrNpi: 1, registeredDelivery: 1, shortMessage: Buffer.from(benchText(seq++), 'latin1') }).then((r) => r.messageId),
      ),
    );
    acked.push(...ids);
    return ids;
  };
  const states = async (ids: readonly string[]): Promise<Record<string, number>> => {
    const { rows } = await sql<{ state: string; n: number }>`SELECT state, count(*)::int AS n FROM messages WHERE id = ANY(${ids.map(Number)}::bigint[]) GROUP BY state`.execute(platform.db);
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  };

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, receiptDelayMs: 50, outcomes: { DELIVRD: 1 } });
    port = simulator.port;
    platform = await startTestPlatform();
    client = await setUpBenchWorld(platform.httpUrl, { simulatorPort: port, vendorSessions: 1, vendorWindow: 50, maxBinds: 5, balance: '100', adminPassword: ADMIN_PASSWORD, reconnectDelaySeconds: 1 });
    session = await connect({ host: '127.0.0.1', port: platform.clientSide.smpp.port, systemId: client.systemId, password: client.smppPassword, bindType: 'transceiver', windowSize: 50, enquireLinkIntervalMs: 0 });
    session.on('deliver_sm', (pdu) => {
      session.respond(pdu, {});
      const r = readReceipt(pdu);
      if (r) receipts.set(r.id, r.stat);
    });
  }, 120_000);

  afterAll(async () => {
    await session?.unbind().catch(() => undefined);
    await platform?.stop();
    await simulator?.stop();
  });

  it('delivers before the outage', async () => {
    const ids = await send(100);
    await until(() => ids.every((id) => receipts.has(id)), 30_000);
    expect(ids.filter((id) => receipts.get(id) === 'DELIVRD')).toHaveLength(100);
  }, 40_000);

  it('keeps accepting while the carrier is down; the messages wait, none fails', async () => {
    await simulator.stop();
    const ids = await send(300);
    expect(ids).toHaveLength(300);
    await new Promise((r) => setTimeout(r, 4000));
    const s = await states(ids);
    expect(s.queued ?? 0).toBe(300);
    expect(ids.some((id) => receipts.has(id))).toBe(false);
  }, 30_000);

  it('drains after the rebind: every message delivered once, with its receipt, and the books balance', async () => {
    simulator = await startSimulator({ port, receiptDelayMs: 50, outcomes: { DELIVRD: 1 } });
    await until(() => acked.every((id) => receipts.has(id)), 45_000);
    expect(acked.filter((id) => receipts.get(id) === 'DELIVRD')).toHaveLength(400);
    expect(await states(acked)).toEqual({ delivered: 400 });
    // The carrier that came back got the 300 waiting messages, each once.
    expect(simulator.counters().accepted).toBe(300);
    const books = await checkBooks(platform.db as never, acked);
    expect(books.failures).toEqual([]);
  }, 60_000);
});
