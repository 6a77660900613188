import * as net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildPdu, encodePdu } from '../src/index.ts';
import { Harness, until } from './helpers.ts';

const h = new Harness();
const sockets: net.Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await h.cleanup();
});

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('many idle sessions', () => {
  it('holds 1,000 bound idle sessions with one timer each and no other per-session work', async () => {
    const { server, port } = await h.server({ enquireLinkIntervalMs: 60_000 });
    const before = timers();
    const heapBefore = process.memoryUsage().heapUsed;
    const bind = encodePdu(buildPdu('bind_transceiver', 1, { systemId: 'idle' }));
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from({ length: 100 }, async () => {
          const socket = net.connect({ host: '127.0.0.1', port });
          sockets.push(socket);
          socket.on('error', () => undefined);
          await new Promise<void>((resolve) => socket.once('connect', resolve));
          socket.write(bind);
          await new Promise<void>((resolve) => socket.once('data', () => resolve()));
        }),
      );
    }
    await until(() => [...server.sessions].filter((s) => s.state === 'bound_trx').length === 1_000, 10_000);
    expect(timers() - before).toBeLessThanOrEqual(1_000);
    // Heap growth per connection, both ends and garbage included: a loose ceiling, not a measurement.
    expect((process.memoryUsage().heapUsed - heapBefore) / 1_000).toBeLessThan(64 * 1024);
  });
});
