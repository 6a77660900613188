import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type PduOf } from '@petrel/smpp';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../../src/main.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { eventually } from './support/db.ts';

let dataDir: string;
let databaseUrl: string | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'petrel-demo-'));
  const base = process.env.DATABASE_URL;
  if (base) {
    const name = `petrel_demo_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
});
afterAll(async () => {
  if (databaseUrl && process.env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${new URL(databaseUrl).pathname.slice(1)} WITH (FORCE)`);
    await client.end();
  }
  rmSync(dataDir, { recursive: true, force: true });
});

async function startDemoPlatform(): Promise<{ platform: Platform; lines: string[] }> {
  const lines: string[] = [];
  const config = loadConfig({ PETREL_LOG_LEVEL: 'warn' }, { dataDir, databaseUrl, httpPort: 0, smppPort: 0, adminPassword: 'admin-test-pass', webDist: join(dataDir, 'no-web'), demo: true });
  const platform = await startPlatform(config, { say: (line) => lines.push(line) });
  return { platform, lines };
}

async function counts(platform: Platform): Promise<Record<string, number>> {
  const { rows } = await sql<Record<string, number>>`
    SELECT (SELECT count(*)::int FROM vendors WHERE lower(name) = 'simulator') AS vendors,
           (SELECT count(*)::int FROM routes WHERE client_id IS NULL AND destination_id IS NULL) AS routes,
           (SELECT count(*)::int FROM clients WHERE login = 'demo') AS clients,
           (SELECT count(*)::int FROM ledger WHERE kind = 'topup') AS topups,
           (SELECT count(*)::int FROM api_keys) AS keys,
           (SELECT count(*)::int FROM destinations) AS destinations,
           (SELECT count(*)::int FROM client_prices) AS prices,
           (SELECT balance::float8 FROM clients WHERE login = 'demo') AS balance`.execute(platform.db);
  return rows[0] as Record<string, number>;
}

describe('npm start -- --demo', () => {
  it('sets the demo up once, works end to end, and adds nothing on a second start', async () => {
    const first = await startDemoPlatform();
    let before: Record<string, number>;
    try {
      before = await counts(first.platform);
      expect(before).toMatchObject({ vendors: 1, routes: 1, clients: 1, topups: 1, keys: 1, balance: 100 });
      expect(before.destinations).toBeGreaterThan(200);
      expect(before.prices).toBe(before.destinations);
      expect(first.lines.some((l) => /REST API key \(shown once\): ptl_/.test(l))).toBe(true);

      // A newcomer binds as demo/demo1234, submits, and gets a receipt with the same id.
      await first.platform.vendorSide.dispatcher.refresh();
      const [host, port] = first.platform.clientSide.smppAddress.split(/:(?=\d+$)/) as [string, string];
      const session = await connect({ host, port: Number(port), systemId: 'demo', password: 'demo1234', bindType: 'transceiver', enquireLinkIntervalMs: 0 });
      const receipts: PduOf<'deliver_sm'>[] = [];
      session.on('deliver_sm', (pdu) => {
        receipts.push(pdu);
        session.respond(pdu, { messageId: '' });
      });
      const resp = await session.submitSm({ sourceAddr: 'Demo', sourceAddrTon: 5, destinationAddr: '380501234567', destAddrTon: 1, destAddrNpi: 1, registeredDelivery: 1, shortMessage: Buffer.from('Hello from the demo') });
      await eventually(() => receipts.length > 0, 20_000, 'the receipt');
      expect(receipts[0]?.tlvs.receiptedMessageId).toBe(resp.messageId);
      await session.unbind();

      // The HTTP API with the demo's username and password, and the REST API with the printed key.
      const sendsms = await fetch(`${first.platform.httpUrl}/sendsms?username=demo&password=demo1234&from=Demo&to=380501234568&text=hello`);
      expect(sendsms.status).toBe(202);
      const key = /REST API key \(shown once\): (\S+)/.exec(first.lines.join('\n'))?.[1];
      const balance = await fetch(`${first.platform.httpUrl}/api/v1/balance`, { headers: { authorization: `Bearer ${key}` } });
      expect(balance.status).toBe(200);
    } finally {
      await first.platform.close();
    }

    const second = await startDemoPlatform();
    try {
      const after = await counts(second.platform);
      expect({ ...after, balance: 0 }).toEqual({ ...before, balance: 0 });
      expect(after.balance).toBeLessThan(100); // the demo messages were charged, the top-up not repeated
      expect(after.balance).toBeGreaterThanOrEqual(99.998);
      expect(second.lines.some((l) => /REST API key \(shown once\)/.test(l))).toBe(false);
      expect(second.lines.some((l) => /client "demo" .* already there/.test(l))).toBe(true);
    } finally {
      await second.platform.close();
    }
  });
});
