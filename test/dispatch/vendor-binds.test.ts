import { afterEach, describe, expect, it } from 'vitest';
import { silentLog } from '../../src/messaging/dispatch/log.ts';
import { VendorBinds } from '../../src/messaging/dispatch/vendor-binds.ts';
import type { VendorConfig } from '../../src/messaging/dispatch/vendor.store.ts';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { waitFor } from '../simulator/wait-for.ts';

const opened: { simulators: Simulator[]; binds: VendorBinds[] } = { simulators: [], binds: [] };

afterEach(async () => {
  await Promise.all(opened.binds.map((b) => b.stop()));
  await Promise.all(opened.simulators.map((s) => s.stop()));
  opened.binds = [];
  opened.simulators = [];
});

async function carrier(): Promise<Simulator> {
  const sim = await startSimulator({ port: 0, systemId: 'carrier', credentials: [{ systemId: 'petrel', password: 'secret' }] });
  opened.simulators.push(sim);
  return sim;
}

function bindTo(sim: Simulator, password: string): VendorBinds {
  const vendor: VendorConfig = {
    id: 1, name: 'carrier', host: '127.0.0.1', port: sim.port, tls: false, systemId: 'petrel', password, systemType: '',
    bindType: 'transceiver', sessions: 1, tps: 100, windowSize: 10, enquireLinkSeconds: 30, reconnectDelaySeconds: 1,
    defaultCoding: 'gsm7', sourceTon: null, sourceNpi: null, destTon: 1, destNpi: 1, messageIdBase: 'auto', rerouteCodes: [],
    blocked: false, dailyLimit: null, enabled: true, createdAt: new Date(),
  };
  const binds = new VendorBinds(vendor, () => undefined, silentLog);
  opened.binds.push(binds);
  binds.start();
  return binds;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('vendor binds when the carrier goes away and comes back', () => {
  it('binds again within the reconnect delay of the return, however long the outage', async () => {
    const sim = await carrier();
    const binds = bindTo(sim, 'secret');
    await waitFor(() => binds.senders().length === 1, 5_000, 'the first bind');
    sim.startOutage();
    await waitFor(() => binds.senders().length === 0, 5_000, 'the bind dropped');
    // Four failed binds in a row at 1 s: doubling would now wait 8 s before the next.
    await sleep(4_500);
    expect(binds.slots[0]?.failures).toBeGreaterThanOrEqual(3);
    expect(binds.slots[0]?.refusals).toBe(0);
    sim.endOutage();
    const back = Date.now();
    await waitFor(() => binds.senders().length === 1, 5_000, 'bound again');
    expect(Date.now() - back).toBeLessThan(1_500);
  });

  it('backs off, doubling, while the carrier refuses the bind', async () => {
    const sim = await carrier();
    const binds = bindTo(sim, 'wrong');
    await sleep(3_500);
    // Refused at 0 s, then after 1 s and 2 s: the next is due at 7 s. At the reconnect delay it would be 4 tries.
    expect(sim.counters().bindsRefused).toBe(3);
    expect(binds.slots[0]?.refusals).toBe(3);
    expect(binds.senders()).toHaveLength(0);
  });
});
