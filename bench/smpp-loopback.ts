/**
 * submit_sm round trips per second over TCP on 127.0.0.1, client and server in this process, at
 * windows 1, 10, 100 and 1000: @petrel/smpp against the npm `smpp` package (node-smpp).
 * CPU is process.cpuUsage (user + system, both ends) over wall time: 100% = one core.
 * Run: npx tsx bench/smpp-loopback.ts
 */
import smpp, { type NpmPdu, type NpmSession } from 'smpp';
import { COMMAND_STATUS, connect, createServer } from '../packages/smpp/src/index.ts';
import { writeResults } from './smpp-report.ts';

const CASE_MS = Number(process.env.BENCH_CASE_MS ?? 2_000);
const WINDOWS = [1, 10, 100, 1000];
const message = Buffer.from('Your Petrel verification code is 482913.', 'latin1');

interface Result {
  readonly rate: number;
  readonly cpu: number;
}

/** Keeps `window` submits in flight for CASE_MS; `submit` calls back once per response. */
async function drive(window: number, submit: (done: () => void) => void): Promise<Result> {
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const deadline = started + CASE_MS;
  let completed = 0;
  let inFlight = 0;
  await new Promise<void>((resolve) => {
    const next = (): void => {
      if (performance.now() >= deadline) {
        if (inFlight === 0) resolve();
        return;
      }
      inFlight++;
      submit(() => {
        inFlight--;
        completed++;
        next();
      });
    };
    for (let i = 0; i < window; i++) next();
  });
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  return { rate: completed / elapsed, cpu: (cpu.user + cpu.system) / 1e6 / elapsed };
}

async function ours(window: number): Promise<Result> {
  const server = createServer({
    windowSize: 1,
    inboundHighWaterMark: 10_000,
    onBind: (session) => {
      session.on('submit_sm', (req) => session.respond(req, { messageId: String(req.sequenceNumber) }));
      return COMMAND_STATUS.ESME_ROK;
    },
  });
  const { port } = await server.listen(0, '127.0.0.1');
  const client = await connect({ host: '127.0.0.1', port, systemId: 'bench', password: 'pw', bindType: 'transmitter', windowSize: window });
  const fields = { sourceAddr: 'Petrel', destAddrTon: 1, destAddrNpi: 1, destinationAddr: '447700900123', shortMessage: message };
  const result = await drive(window, (done) => {
    client.submitSm(fields).then(done, done);
  });
  await client.unbind();
  await server.close();
  return result;
}

async function theirs(window: number): Promise<Result> {
  const sessions: NpmSession[] = [];
  const server = smpp.createServer({ debug: false }, (session) => {
    sessions.push(session);
    session.on('error', () => undefined);
    session.on('bind_transmitter', (pdu: NpmPdu) => session.send(pdu.response()));
    session.on('submit_sm', (pdu: NpmPdu) => session.send(pdu.response({ message_id: String(pdu.sequence_number) })));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = smpp.connect({ url: `smpp://127.0.0.1:${server.address().port}`, auto_enquire_link_period: 0 });
  client.on('error', () => undefined);
  await new Promise<void>((resolve) => (client.bind_transmitter as (f: object, cb: () => void) => void)({ system_id: 'bench', password: 'pw' }, resolve));
  const submit = client.submit_sm as (f: object, cb: () => void) => void;
  const fields = { source_addr: 'Petrel', dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '447700900123', short_message: message };
  const result = await drive(window, (done) => submit.call(client, { ...fields }, done));
  client.destroy();
  for (const s of sessions) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return result;
}

const rows: Record<string, string | number>[] = [];
await ours(10); // warm-up both stacks
await theirs(10);
for (const window of WINDOWS) {
  const o = await ours(window);
  const t = await theirs(window);
  rows.push({
    window,
    '@petrel/smpp submit_sm/s': Math.round(o.rate),
    '@petrel/smpp CPU': `${Math.round(o.cpu * 100)}%`,
    'npm smpp submit_sm/s': Math.round(t.rate),
    'npm smpp CPU': `${Math.round(t.cpu * 100)}%`,
    ratio: `${(o.rate / t.rate).toFixed(2)}×`,
  });
}
writeResults('smpp-loopback', 'SMPP loopback: submit_sm round trips over TCP (127.0.0.1)', rows, [
  `${CASE_MS} ms per case after a warm-up of each stack; client and server share one process, so CPU covers both ends (100% = one core).`,
  'window = submit_sm requests kept in flight by the driver (our client also gets windowSize = window; npm smpp has no window of its own).',
  'Goal: @petrel/smpp at least matches npm smpp at every window.',
]);
