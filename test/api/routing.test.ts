import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DestinationStore } from '../../src/routing/destination.store.ts';
import { MoNumberStore } from '../../src/routing/mo-number.store.ts';
import { PoolStore } from '../../src/routing/pool.store.ts';
import { RouteStore } from '../../src/routing/route.store.ts';
import { buildDestinationIndex, resolveDestination } from '../../src/routing/rules/resolve-destination.ts';
import { selectRoutes } from '../../src/routing/rules/select-routes.ts';
import { eventually } from '../http/support/http-world.ts';
import { createClient, createManager, requiredFields } from '../support/clients.ts';
import { type ApiClient, type ApiResponse, startTestPlatform } from '../support/platform.ts';

type Row = Record<string, unknown>;

let p: Awaited<ReturnType<typeof startTestPlatform>>;
let admin: ApiClient;
beforeAll(async () => {
  p = await startTestPlatform();
  admin = await p.api.signIn();
});
afterAll(async () => {
  await p?.stop();
});

/** POSTs a raw text body (CSV imports). */
async function postText(api: ApiClient, path: string, text: string, type = 'text/csv') {
  const res = await fetch(api.baseUrl + path, { method: 'POST', headers: { 'content-type': type, cookie: api.cookie ?? '' }, body: text });
  const body: ApiResponse['body'] = await res.json();
  return { status: res.status, body };
}

const historyRows = async (entity: string, id: number) =>
  (await sql<{ action: string; field: string | null }>`SELECT action, field FROM history WHERE entity = ${entity} AND entity_id = ${id} ORDER BY id`.execute(p.db)).rows;

describe('the world table of destinations', () => {
  it('seeds one row per country and one per operational network, idempotently', async () => {
    const first = await admin.post('/api/admin/destinations/seed-world');
    expect(first.status).toBe(200);
    expect(first.body.created).toBeGreaterThan(1000);
    const again = await admin.post('/api/admin/destinations/seed-world');
    expect(again.body).toEqual({ created: 0, existing: first.body.created });
    const ua = await admin.get('/api/admin/destinations?country=UA&pageSize=100');
    expect(ua.body.items[0]).toMatchObject({ country: 'UA', name: 'Ukraine', network: null, mcc: '255', mnc: null, prefixes: ['380'] });
    expect(ua.body.items.some((d: Row) => d.network === 'Kyivstar' && d.mcc === '255' && d.mnc === '03')).toBe(true);
  });

  it('resolves numbers of shared calling codes with the country libphonenumber found', async () => {
    const index = buildDestinationIndex(await new DestinationStore(p.db).all());
    expect(resolveDestination(index, '380671234567')?.country).toBe('UA');
    expect(resolveDestination(index, '12684601234')?.country).toBe('AG'); // 1-268: Antigua by its leading digits
    expect(resolveDestination(index, '77011234567')?.country).toBe('KZ');
    expect(resolveDestination(index, '79161234567')?.country).toBe('RU');
    expect(resolveDestination(index, '14165551234')?.country).toBe('US'); // no hint: the main country of +1
    expect(resolveDestination(index, '14165551234', 'CA')?.country).toBe('CA');
  });

  it('finds destinations by name, MCC-MNC or number prefix', async () => {
    expect((await admin.get('/api/admin/destinations?search=kyivstar')).body.items.every((d: Row) => d.country === 'UA')).toBe(true);
    expect((await admin.get('/api/admin/destinations?search=255-03')).body.items[0]).toMatchObject({ network: 'Kyivstar' });
    expect((await admin.get('/api/admin/destinations?search=%2B380501234567')).body.items.map((d: Row) => d.name)).toContain('Ukraine');
  });
});

describe('destinations', () => {
  it('creates, edits and deletes a destination with history; one row per country, MCC and MNC', async () => {
    const created = await admin.post('/api/admin/destinations', { country: 'DE', network: 'Test Net', mcc: '262', mnc: '99', prefixes: ['+49159', '49158'] });
    expect(created.status).toBe(201);
    expect(created.body.destination).toMatchObject({ name: 'Germany — Test Net', prefixes: ['49159', '49158'] });
    const id = created.body.destination.id;
    const dup = await admin.post('/api/admin/destinations', { country: 'DE', mcc: '262', mnc: '99' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields).toHaveProperty('mnc');
    const edited = await admin.patch(`/api/admin/destinations/${id}`, { prefixes: ['49159'] });
    expect(edited.body.destination.prefixes).toEqual(['49159']);
    expect((await admin.delete(`/api/admin/destinations/${id}`)).status).toBe(200);
    expect((await admin.get(`/api/admin/destinations/${id}`)).status).toBe(404);
    expect((await historyRows('destination', id)).map((h) => h.action)).toEqual(expect.arrayContaining(['create', 'update', 'delete']));
  });

  it('reports every invalid field at once', async () => {
    const res = await admin.post('/api/admin/destinations', { country: 'XX', mcc: '1', mnc: 'a', prefixes: ['12a'], extra: true });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['country', 'extra', 'mcc', 'mnc', 'prefixes.0']);
  });

  it('lets managers read destinations but not change them', async () => {
    const mgr = await createManager(admin, 'dest_mgr');
    expect((await mgr.api.get('/api/admin/destinations?country=UA')).status).toBe(200);
    expect((await mgr.api.post('/api/admin/destinations', { country: 'UA', mcc: '255', mnc: '77' })).status).toBe(403);
  });
});

describe('CSV import of destinations', () => {
  it('upserts good lines by (country, MCC, MNC) and reports bad ones with their line numbers', async () => {
    const csv = [
      'country,name,network,mcc,mnc,prefixes',
      'UA,Ukraine — Kyivstar,Kyivstar,255,03,38067 38068 38096 38097 38098',
      'UA,,Vodafone,255,01,38050 38066 38095 38099',
      'XX,Nowhere,,,,1',
      'UA,Ukraine — lifecell,lifecell,255,6,38063',
      'PL,Poland — Test,Test,260,98,48500',
      'UA,Again,Kyivstar,255,03,38067',
    ].join('\n');
    const res = await postText(admin, '/api/admin/destinations/import', csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 3, created: 1, updated: 2 });
    expect(res.body.refused).toEqual([
      { line: 4, reason: 'country "XX" is not an ISO 3166-1 alpha-2 code' },
      { line: 5, reason: 'MNC "6" is not 2 or 3 digits' },
      { line: 7, reason: 'the same country, MCC and MNC as line 2' },
    ]);
    const kyivstar = (await admin.get('/api/admin/destinations?search=255-03')).body.items[0];
    expect(kyivstar.prefixes).toEqual(['38067', '38068', '38096', '38097', '38098']);
    const index = buildDestinationIndex(await new DestinationStore(p.db).all());
    expect(resolveDestination(index, '380671234567')?.network).toBe('Kyivstar');
    expect(resolveDestination(index, '380501234567')?.name).toBe('Ukraine — Vodafone');
    expect(resolveDestination(index, '380931234567')?.name).toBe('Ukraine');
  });

  it('takes JSON { csv } as well, and refuses a body without CSV', async () => {
    const res = await admin.post('/api/admin/destinations/import', { csv: 'PL,Poland — Test 2,Test2,260,97,48501' });
    expect(res.body).toMatchObject({ accepted: 1, created: 1, refused: [] });
    expect((await admin.post('/api/admin/destinations/import', { rows: [] })).status).toBe(400);
  });
});

describe('vendors, pools and routes', () => {
  let vendorA: number;
  let vendorB: number;
  let poolId: number;

  it('keeps every vendor field and never answers the password', async () => {
    const res = await admin.post('/api/admin/vendors', {
      name: 'Carrier A',
      host: '127.0.0.1',
      port: 2776,
      systemId: 'petrel',
      password: 'secret1',
      systemType: 'SMPP',
      bindType: 'transmitter',
      sessions: 2,
      tps: 50,
      windowSize: 20,
      enquireLinkSeconds: 15,
      reconnectDelaySeconds: 3,
      defaultCoding: 'latin1',
      sourceTon: 5,
      sourceNpi: 0,
      destTon: 1,
      destNpi: 1,
      messageIdBase: 'hex',
      rerouteCodes: [8, 88],
      blocked: true,
      dailyLimit: 100000,
      enabled: true,
    });
    expect(res.status).toBe(201);
    expect(JSON.stringify(res.body)).not.toContain('secret1');
    expect(res.body.vendor).toMatchObject({ name: 'Carrier A', bindType: 'transmitter', sessions: 2, tps: 50, windowSize: 20, messageIdBase: 'hex', rerouteCodes: [8, 88], blocked: true, dailyLimit: 100000, passwordSet: true });
    vendorA = res.body.vendor.id;
    // The dispatcher takes a new vendor up as soon as the change is answered (an onResponse hook
    // starts its refresh, which a loaded machine may not finish before the next request): two
    // transmitters and a receiver for its receipts, none bound (nothing listens at its port).
    const one = await eventually(async () => {
      const r = await admin.get(`/api/admin/vendors/${vendorA}`);
      return r.body.binds.length === 3 ? r : undefined;
    }, 10_000, 'the dispatcher taking the new vendor up');
    expect(one.body.binds.map((b: { session: number }) => b.session).sort()).toEqual([0, 1, 2]);
    expect(one.body.binds.filter((b: { state: string }) => b.state === 'bound')).toEqual([]);
    // This node holds the vendor, and says so per bind and for the vendor.
    expect(one.body.heldBy).toBe(p.nodeId);
    expect(new Set(one.body.binds.map((b: { node: string }) => b.node))).toEqual(new Set([p.nodeId]));
    expect(one.body.vendor).not.toHaveProperty('password');
    vendorB = (await admin.post('/api/admin/vendors', { name: 'Carrier B', host: 'smsc.example.net', port: 2775, systemId: 'b', password: 'pw' })).body.vendor.id;
    expect((await admin.post('/api/admin/vendors', { name: 'carrier a', host: 'x', port: 1, systemId: 'x', password: 'x' })).status).toBe(409);
    const patched = await admin.patch(`/api/admin/vendors/${vendorA}`, { blocked: false, password: 'newpw' });
    expect(patched.body.vendor.blocked).toBe(false);
    const hist = await sql<{ field: string; before: unknown; after: unknown }>`SELECT field, before, after FROM history WHERE entity = 'vendor' AND entity_id = ${vendorA} AND field = 'password'`.execute(p.db);
    expect(JSON.stringify(hist.rows)).not.toMatch(/secret1|newpw/);
  });

  it("shows the binds of a vendor another node holds, as that node last wrote them with its lease", async () => {
    const id = (await admin.post('/api/admin/vendors', { name: 'Carrier Elsewhere', host: 'smsc.example.org', port: 2775, systemId: 'e', password: 'pw', enabled: false })).body.vendor.id;
    const binds = [{ session: 0, state: 'bound', since: '2026-11-27T10:00:00.000Z', inFlight: 3, lastError: null, node: 'edge-2' }];
    await sql`INSERT INTO vendor_leases (vendor_id, node_id, until, binds) VALUES (${id}, 'edge-2', now() + interval '1 minute', ${JSON.stringify(binds)}::jsonb)`.execute(p.db);
    const one = await admin.get(`/api/admin/vendors/${id}`);
    expect(one.body.heldBy).toBe('edge-2');
    expect(one.body.binds).toEqual(binds);
    await sql`DELETE FROM vendor_leases WHERE vendor_id = ${id}`.execute(p.db);
  });

  it('refuses to delete a vendor that messages wait for, and deletes it once none do', async () => {
    const id = (await admin.post('/api/admin/vendors', { name: 'Carrier Gone', host: 'smsc.example.org', port: 2775, systemId: 'g', password: 'pw' })).body.vendor.id;
    const client = await createClient(admin, requiredFields('vendor_waiting'));
    const { rows } = await sql<{ id: number }>`
      INSERT INTO messages (client_id, channel, state, source, destination, short_message, vendor_id, dlr_deadline)
      VALUES (${client.id}, 'smpp', 'queued', 'Petrel', '380501234567', ${Buffer.from('hi')}, ${id}, now() + interval '1 day') RETURNING id`.execute(p.db);
    const refused = await admin.delete(`/api/admin/vendors/${id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/messages wait/);
    await sql`UPDATE messages SET state = 'delivered' WHERE id = ${rows[0]?.id}`.execute(p.db);
    expect((await admin.delete(`/api/admin/vendors/${id}`)).status).toBe(200);
    expect((await admin.get(`/api/admin/vendors/${id}`)).status).toBe(404);
  });

  it('refuses bad vendor fields all at once, and vendors to managers', async () => {
    const res = await admin.post('/api/admin/vendors', { name: '', host: 'x', port: 70000, systemId: 'way-too-long-system-id', password: 'toolongpw', bindType: 'receiver' });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['bindType', 'name', 'password', 'port', 'systemId']);
    const mgr = await createManager(admin, 'vend_mgr');
    expect((await mgr.api.get('/api/admin/vendors')).status).toBe(403);
  });

  it('makes pools whose weights sum to 100', async () => {
    const bad = await admin.post('/api/admin/pools', { name: 'Split', members: [{ vendorId: vendorA, weight: 60 }, { vendorId: vendorB, weight: 30 }] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.members).toBe('the weights must sum to 100');
    const missing = await admin.post('/api/admin/pools', { name: 'Ghost', members: [{ vendorId: 999999, weight: 100 }] });
    expect(missing.status).toBe(422);
    const res = await admin.post('/api/admin/pools', { name: 'Split', members: [{ vendorId: vendorA, weight: 70 }, { vendorId: vendorB, weight: 30 }] });
    expect(res.status).toBe(201);
    expect(res.body.pool.members).toEqual([
      { vendorId: vendorA, weight: 70, vendorName: 'Carrier A' },
      { vendorId: vendorB, weight: 30, vendorName: 'Carrier B' },
    ]);
    poolId = res.body.pool.id;
    expect((await new PoolStore(p.db).membersByPool()).get(poolId)).toEqual([
      { vendorId: vendorA, weight: 70 },
      { vendorId: vendorB, weight: 30 },
    ]);
    expect((await admin.delete(`/api/admin/vendors/${vendorB}`)).status).toBe(409);
  });

  it('orders general and personal routes for failover and shows a client its routes', async () => {
    const client = await createClient(admin, requiredFields('route_client'));
    const ua = (await admin.get('/api/admin/destinations?country=UA')).body.items.find((d: Row) => d.mnc === null);
    const general = await admin.post('/api/admin/routes', { name: 'World', poolId, priority: 100 });
    expect(general.status).toBe(201);
    expect(general.body.route).toMatchObject({ kind: 'general', clientId: null, destinationId: null, filterSenders: [] });
    const personal = await admin.post('/api/admin/routes', { clientId: client.id, destinationId: ua.id, poolId, priority: 10, filterSenders: ['Shop'], filterPrefixes: ['+38067'], filterText: ['code'] });
    expect(personal.status).toBe(201);
    expect(personal.body.route.filterPrefixes).toEqual(['38067']);
    const other = await admin.post('/api/admin/routes', { destinationId: ua.id, poolId, priority: 10 });
    const listed = await admin.get(`/api/admin/clients/${client.id}/routes`);
    expect(listed.body.items.map((r: Row) => r.id)).toEqual([personal.body.route.id, other.body.route.id, general.body.route.id]);
    const routes = await new RouteStore(p.db).all();
    const q = { clientId: client.id, destinationId: ua.id, source: 'shop', destination: '380671234567', text: 'Your CODE 1' };
    expect(selectRoutes(routes, q).map((r) => r.id)).toEqual([personal.body.route.id, other.body.route.id, general.body.route.id]);
    expect(selectRoutes(routes, { ...q, text: 'hello' }).map((r) => r.id)).toEqual([other.body.route.id, general.body.route.id]);
    expect((await admin.delete(`/api/admin/pools/${poolId}`)).status).toBe(409);
  });

  it('refuses routes to records that do not exist, and hides foreign clients from managers', async () => {
    const res = await admin.post('/api/admin/routes', { clientId: 999999, destinationId: 999999, poolId: 999999 });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['clientId', 'destinationId', 'poolId']);
    const mgr = await createManager(admin, 'route_mgr');
    const foreign = await createClient(admin, requiredFields('foreign_route'));
    expect((await mgr.api.get(`/api/admin/clients/${foreign.id}/routes`)).status).toBe(404);
    expect((await mgr.api.post('/api/admin/routes', { poolId })).status).toBe(403);
  });
});

describe('MO numbers', () => {
  it('gives an incoming message to the keyword owner, else to the number owner', async () => {
    const a = await createClient(admin, requiredFields('mo_keyword'));
    const b = await createClient(admin, requiredFields('mo_catchall'));
    expect((await admin.post('/api/admin/mo-numbers', { number: '+447700900123', keyword: 'STOP', clientId: a.id })).status).toBe(201);
    expect((await admin.post('/api/admin/mo-numbers', { number: '447700900123', clientId: b.id })).status).toBe(201);
    expect((await admin.post('/api/admin/mo-numbers', { number: '447700900123', keyword: 'stop', clientId: b.id })).status).toBe(409);
    expect((await admin.post('/api/admin/mo-numbers', { number: '12', clientId: 999999 })).status).toBe(422);
    const store = new MoNumberStore(p.db);
    expect(await store.ownerOf('447700900123', 'stop please')).toBe(a.id);
    expect(await store.ownerOf('+447700900123', '  Stop')).toBe(a.id);
    expect(await store.ownerOf('447700900123', 'stopped')).toBe(b.id);
    expect(await store.ownerOf('447700900123', '')).toBe(b.id);
    expect(await store.ownerOf('447700900999', 'STOP')).toBeUndefined();
    const listed = (await admin.get('/api/admin/mo-numbers')).body.items;
    expect(listed.map((m: Row) => [m.keyword, m.clientLogin])).toEqual([
      ['STOP', 'mo_keyword'],
      [null, 'mo_catchall'],
    ]);
    const mgr = await createManager(admin, 'mo_mgr');
    expect((await mgr.api.get('/api/admin/mo-numbers')).body.items).toEqual([]);
    expect((await admin.delete(`/api/admin/mo-numbers/${listed[0].id}`)).status).toBe(200);
    expect(await store.ownerOf('447700900123', 'STOP')).toBe(b.id);
  });
});

describe('the OpenAPI document', () => {
  it('describes the configuration API with its request schemas', async () => {
    const doc = (await admin.get('/api/openapi.json')).body;
    for (const path of ['/api/admin/destinations', '/api/admin/destinations/import', '/api/admin/vendors', '/api/admin/pools', '/api/admin/routes', '/api/admin/mo-numbers', '/api/admin/clients/{id}/prices', '/api/admin/clients/{id}/payments', '/api/admin/clients/{id}/ledger', '/api/admin/senders', '/api/admin/blacklist', '/api/admin/clients/{id}/access', '/api/admin/settings/policy']) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    expect(doc.paths['/api/admin/vendors'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('tps');
  });
});
