/**
 * The load side of bench/e2e-smpp.ts, in its own process: binds transceivers, submits `count`
 * messages with every bind's window kept full, acknowledges the receipts that come back on the same
 * binds, and reports rates and latencies as JSON on stdout.
 * Usage: node --import tsx bench/e2e-smpp-load.ts '<json options>'
 */
import { connect, type Session } from '@petrel/smpp';

interface LoadOptions {
  readonly port: number;
  readonly credentials: readonly { systemId: string; password: string }[];
  readonly bindsPerClient: number;
  readonly window: number;
  readonly count: number;
  readonly timeoutSeconds: number;
}

const o = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
const submittedAt = new Map<string, number>();
const early = new Map<string, number>();
const respMs: number[] = [];
const e2eMs: number[] = [];
let receipts = 0;
let refused = 0;
let failed = 0;
let lastReceiptAt = 0;
let lastRespAt = 0;
let sent = 0;
let allReceipts: () => void = () => undefined;
const done = new Promise<void>((resolve) => (allReceipts = resolve));

const sessions: Session[] = [];
for (const c of o.credentials) {
  for (let i = 0; i < o.bindsPerClient; i++) {
    const s = await connect({ host: '127.0.0.1', port: o.port, systemId: c.systemId, password: c.password, bindType: 'transceiver', windowSize: o.window, enquireLinkIntervalMs: 0, requestTimeoutMs: 120_000, inboundHighWaterMark: 5_000 });
    s.on('deliver_sm', (pdu) => {
      const now = performance.now();
      const id = pdu.tlvs.receiptedMessageId ?? '';
      s.respond(pdu, { messageId: '' });
      if ((pdu.esmClass & 0x3c) !== 0x04) return;
      receipts++;
      lastReceiptAt = now;
      const at = submittedAt.get(id);
      if (at === undefined) early.set(id, now);
      else e2eMs.push(now - at);
      if (receipts >= sent && sent === o.count - refused - failed) allReceipts();
    });
    sessions.push(s);
  }
}

const t0 = performance.now();
let next = 0;
async function loop(session: Session): Promise<void> {
  let inFlight = 0;
  await new Promise<void>((finish) => {
    const pump = (): void => {
      while (next < o.count && inFlight < o.window) {
        const n = next++;
        inFlight++;
        const started = performance.now();
        session
          .submitSm({ sourceAddr: 'Bench', sourceAddrTon: 5, destinationAddr: `38050${String(1_000_000 + n).padStart(7, '0')}`, destAddrTon: 1, destAddrNpi: 1, registeredDelivery: 1, shortMessage: Buffer.from('Your one-time code is 482913. It expires in 5 minutes.') })
          .then(
            (resp) => {
              const now = performance.now();
              lastRespAt = now;
              respMs.push(now - started);
              submittedAt.set(resp.messageId, started);
              const before = early.get(resp.messageId);
              if (before !== undefined) e2eMs.push(before - started);
              sent++;
            },
            (err: { commandStatus?: number }) => {
              if (err.commandStatus === undefined) failed++;
              else refused++;
            },
          )
          .finally(() => {
            inFlight--;
            if (next >= o.count && inFlight === 0) finish();
            else pump();
          });
      }
    };
    pump();
  });
}
await Promise.all(sessions.map(loop));
const submitSeconds = (lastRespAt - t0) / 1000;
if (receipts >= sent) allReceipts();
await Promise.race([done, new Promise((r) => setTimeout(r, o.timeoutSeconds * 1000))]);
const e2eSeconds = (lastReceiptAt - t0) / 1000;
await Promise.all(sessions.map((s) => s.unbind().catch(() => undefined)));

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
process.stdout.write(
  `${JSON.stringify({
    binds: sessions.length,
    window: o.window,
    count: o.count,
    accepted: sent,
    refused,
    failed,
    receipts,
    acceptedPerSecond: sent / submitSeconds,
    endToEndPerSecond: receipts / e2eSeconds,
    submitSeconds,
    endToEndSeconds: e2eSeconds,
    submitRespMs: { p50: pct(respMs, 50), p99: pct(respMs, 99), max: pct(respMs, 100) },
    endToEndMs: { p50: pct(e2eMs, 50), p90: pct(e2eMs, 90), p99: pct(e2eMs, 99), max: pct(e2eMs, 100) },
    loadRssMb: Math.round(process.memoryUsage().rss / 1048576),
  })}\n`,
);
process.exit(0);
