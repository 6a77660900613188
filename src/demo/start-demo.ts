import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import type { Clock } from '../platform/clock.ts';
import { type Simulator, startSimulator } from '../simulator/index.ts';
import { DEMO, type DemoSetup, setupDemo } from './setup-demo.ts';

export interface Demo {
  readonly simulator: Simulator;
  readonly setup: DemoSetup;
  stop(): Promise<void>;
}

/**
 * `--demo`: the built-in carrier simulator in this process (on the SMPP port + 1, or any free
 * port when that is taken), then the demo world (setupDemo), then what was set up, printed.
 */
export async function startDemo(o: { db: Kysely<Database>; clock: Clock; host: string; smppPort: number; smppAddress: string; say: (line: string) => void }): Promise<Demo> {
  const simulator = await startOnPort(o.host, o.smppPort === 0 ? 0 : o.smppPort + 1);
  try {
    const setup = await setupDemo(o.db, o.clock, { host: simulator.host, port: simulator.port });
    printSetup(o.say, setup, simulator, o.smppAddress);
    return { simulator, setup, stop: () => simulator.stop() };
  } catch (err) {
    await simulator.stop();
    throw err;
  }
}

async function startOnPort(host: string, port: number): Promise<Simulator> {
  // The simulator is an upstream carrier, reached only by this process: loopback unless the platform listens on one address.
  const at = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  try {
    return await startSimulator({ host: at, port });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw err;
    return startSimulator({ host: at, port: 0 });
  }
}

function printSetup(say: (line: string) => void, s: DemoSetup, simulator: Simulator, smppAddress: string): void {
  const made = (yes: boolean) => (yes ? 'created' : 'already there');
  say(`demo: carrier simulator listening on ${simulator.host}:${simulator.port} (in this process)`);
  say(`demo: vendor "${DEMO.vendor}" (id ${s.vendorId}) ${made(s.created.vendor)}; general route "${DEMO.route}" ${made(s.created.route)}`);
  say(`demo: ${s.destinations} destinations; ${s.pricesAdded} price(s) of ${DEMO.price} EUR added for the demo client`);
  say(`demo: client "${DEMO.login}" (id ${s.clientId}) ${made(s.created.client)}; balance top-up of ${DEMO.balance} EUR ${s.created.topUp ? 'posted' : 'already posted'}`);
  say(`demo: bind SMPP to ${smppAddress} with system_id "${DEMO.login}" password "${DEMO.password}"; HTTP API username "${DEMO.login}" password "${DEMO.password}"`);
  if (s.apiKey) say(`demo: REST API key (shown once): ${s.apiKey}`);
  else say('demo: the demo client already has a REST API key (made on the first demo start; revoke it and restart for a new one)');
}
