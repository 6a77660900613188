import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpCaller } from '../../src/notify/webhooks/http-call.ts';

/** A real endpoint on loopback that records what reaches it and answers by path. */
interface Endpoint {
  readonly base: string;
  readonly port: number;
  readonly seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[];
  connections: number;
  close(): Promise<void>;
}

async function endpoint(): Promise<Endpoint> {
  const seen: Endpoint['seen'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const path = (req.url ?? '').split('?')[0];
      if (path === '/silent') return; // never answers
      if (path === '/moved') return void res.writeHead(302, { location: '/elsewhere' }).end();
      if (path === '/large') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(1024 * 1024));
      if (path === '/fail') return void res.writeHead(500).end('down');
      res.writeHead(path === '/created' ? 201 : 204).end();
    });
  });
  const e = { seen, connections: 0 } as Endpoint;
  server.on('connection', () => e.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(e, {
    base: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

let ep: Endpoint;
let caller: HttpCaller;
beforeAll(async () => {
  ep = await endpoint();
  caller = new HttpCaller(true, 400);
});
afterAll(async () => {
  await caller.close();
  await ep.close();
});

describe('HttpCaller: one call to a client endpoint', () => {
  it('sends a GET with its path, query and headers, and reports the answer', async () => {
    ep.seen.length = 0;
    const r = await caller.call({ method: 'GET', url: `${ep.base}/dlr?id=7&s=1&to=%2B380501234567`, headers: { 'user-agent': 'Petrel-Webhooks/test', 'x-petrel-event': 'dlr' }, body: null });
    expect([r.status, r.error]).toEqual([204, null]);
    expect(ep.seen).toHaveLength(1);
    expect(ep.seen[0]).toMatchObject({ method: 'GET', url: '/dlr?id=7&s=1&to=%2B380501234567', body: '' });
    expect(ep.seen[0]?.headers).toMatchObject({ 'user-agent': 'Petrel-Webhooks/test', 'x-petrel-event': 'dlr', host: `127.0.0.1:${ep.port}` });
  });

  it('sends a POST body whole, with its length', async () => {
    ep.seen.length = 0;
    const body = JSON.stringify({ event: 'dlr', text: 'Привіт, 👋' });
    const r = await caller.call({ method: 'POST', url: `${ep.base}/created`, headers: { 'content-type': 'application/json' }, body });
    expect(r.status).toBe(201);
    expect(ep.seen[0]).toMatchObject({ method: 'POST', body });
    expect(ep.seen[0]?.headers['content-length']).toBe(String(Buffer.byteLength(body)));
  });

  it('does not follow a redirect: the 3xx is the answer', async () => {
    ep.seen.length = 0;
    const r = await caller.call({ method: 'GET', url: `${ep.base}/moved`, headers: {}, body: null });
    expect(r.status).toBe(302);
    expect(ep.seen.map((s) => s.url)).toEqual(['/moved']);
  });

  it('gives up on an endpoint that does not answer within the limit, and says so', async () => {
    const r = await caller.call({ method: 'GET', url: `${ep.base}/silent`, headers: {}, body: null });
    expect([r.status, r.error]).toEqual([null, 'no answer within 400 ms']);
    expect(r.durationMs).toBeGreaterThanOrEqual(350);
  });

  it('reads and drops a large answer, and goes on calling', async () => {
    expect((await caller.call({ method: 'GET', url: `${ep.base}/large`, headers: {}, body: null })).status).toBe(200);
    expect((await caller.call({ method: 'GET', url: `${ep.base}/fail`, headers: {}, body: null })).status).toBe(500);
  });

  it('keeps the connection open between calls to one endpoint', async () => {
    const fresh = await endpoint();
    const own = new HttpCaller(true, 2_000);
    try {
      for (let i = 0; i < 20; i++) expect((await own.call({ method: 'GET', url: `${fresh.base}/dlr?i=${i}`, headers: {}, body: null })).status).toBe(204);
      expect(fresh.seen).toHaveLength(20);
      // not one connection per call (undici may open a second while the first is handed back)
      expect(fresh.connections).toBeLessThanOrEqual(2);
    } finally {
      await own.close();
      await fresh.close();
    }
  });

  it('reports a refused connection and a URL it cannot call without calling anything', async () => {
    const closed = await endpoint();
    await closed.close();
    const refused = await caller.call({ method: 'GET', url: `http://127.0.0.1:${closed.port}/x`, headers: {}, body: null });
    expect(refused.status).toBeNull();
    expect(refused.error).toMatch(/ECONNREFUSED/);
    expect(await caller.call({ method: 'GET', url: 'not a url', headers: {}, body: null })).toMatchObject({ status: null, error: 'not a valid URL' });
    expect(await caller.call({ method: 'GET', url: 'ftp://example.com/x', headers: {}, body: null })).toMatchObject({ status: null, error: 'ftp: is not HTTP; refused' });
  });

  it('refuses loopback and private addresses unless they are allowed, by literal and by the address a name resolves to', async () => {
    const strict = new HttpCaller(false, 2_000);
    ep.seen.length = 0;
    try {
      const literal = await strict.call({ method: 'GET', url: `${ep.base}/x`, headers: {}, body: null });
      expect(literal).toMatchObject({ status: null, error: '127.0.0.1 is a loopback or private address; refused' });
      const named = await strict.call({ method: 'GET', url: `http://localhost:${ep.port}/x`, headers: {}, body: null });
      expect(named.status).toBeNull();
      expect(named.error).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), a loopback or private address; refused$/);
      expect(ep.seen).toHaveLength(0);
    } finally {
      await strict.close();
    }
  });
});
