import { afterEach, describe, expect, it } from 'vitest';
import { COMMAND_STATUS, parseReceipt, SmppCommandError, type Session } from '@petrel/smpp';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/index.ts';
import { bindEsme, type Esme } from './own-client.ts';
import { seededRandom } from './seeded-random.ts';
import { waitFor } from './wait-for.ts';

const opened: { simulators: Simulator[]; sessions: Session[] } = { simulators: [], sessions: [] };

async function simulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const s = await startSimulator({ port: 0, receiptDelayMs: 5, ...options });
  opened.simulators.push(s);
  return s;
}

async function esme(port: number, options: Parameters<typeof bindEsme>[1] = {}): Promise<Esme> {
  const e = await bindEsme(port, options);
  opened.sessions.push(e.session);
  return e;
}

afterEach(async () => {
  await Promise.all(opened.sessions.map((s) => s.close()));
  await Promise.all(opened.simulators.map((s) => s.stop()));
  opened.sessions = [];
  opened.simulators = [];
});

const submit = (e: Esme, i: number, extra: object = {}) =>
  e.session.submitSm({ sourceAddr: 'Petrel', destinationAddr: `44790${String(i).padStart(7, '0')}`, shortMessage: Buffer.from(`msg ${i}`), registeredDelivery: 1, ...extra });

describe('the simulator with our own client', () => {
  it('sends a matched receipt for each of 200 submits, by TLVs and by text', async () => {
    const sim = await simulator({ receiptDelayMs: { min: 1, max: 50 } });
    const client = await esme(sim.port);
    const ids = (await Promise.all(Array.from({ length: 200 }, (_, i) => submit(client, i)))).map((r) => r.messageId);
    await waitFor(() => client.receipts.length >= 200, 10_000, '200 receipts');
    expect(new Set(client.receipts.map((r) => r.id))).toEqual(new Set(ids));
    for (const pdu of client.delivered) {
      const fromText = parseReceipt(pdu.shortMessage.toString('latin1'));
      expect(fromText?.id).toBe(pdu.tlvs.receiptedMessageId);
      expect(pdu.esmClass).toBe(0x04);
    }
  });

  it('honours the outcome mix and its error codes within tolerance', async () => {
    const N = 2000;
    const sim = await simulator({
      receiptDelayMs: 1,
      outcomes: { DELIVRD: 0.7, UNDELIV: 0.2, EXPIRED: 0.1 },
      outcomeErrors: { UNDELIV: [34], EXPIRED: [27] },
      random: seededRandom(1),
    });
    const client = await esme(sim.port, { windowSize: 200 });
    await Promise.all(Array.from({ length: N }, (_, i) => submit(client, i)));
    await waitFor(() => client.receipts.length >= N, 20_000, `${N} receipts`);
    const share = (stat: string) => client.receipts.filter((r) => r.stat === stat).length / N;
    // Three standard deviations of a binomial share at N=2000 are under 0.031.
    expect(Math.abs(share('DELIVRD') - 0.7)).toBeLessThan(0.035);
    expect(Math.abs(share('UNDELIV') - 0.2)).toBeLessThan(0.03);
    expect(Math.abs(share('EXPIRED') - 0.1)).toBeLessThan(0.025);
    expect(share('REJECTD')).toBe(0);
    for (const r of client.receipts) expect(r.err).toBe({ DELIVRD: 0, UNDELIV: 34, EXPIRED: 27 }[r.stat as 'DELIVRD']);
    await waitFor(() => sim.counters().receiptsPending === 0);
    expect(sim.counters().receipts).toMatchObject({ DELIVRD: share('DELIVRD') * N, UNDELIV: share('UNDELIV') * N, EXPIRED: share('EXPIRED') * N });
  });

  it('hands out hex ids in 12-digit upper-case receipts when asked', async () => {
    const sim = await simulator({ messageIdBase: 'hex', firstMessageId: 0xabcdef00, receiptFormat: { dateDigits: 12, case: 'upper' } });
    const client = await esme(sim.port);
    const { messageId } = await submit(client, 1);
    expect(messageId).toBe('abcdef00');
    await waitFor(() => client.receipts.length === 1);
    const text = client.delivered[0]?.shortMessage.toString('latin1') ?? '';
    expect(text).toMatch(/^ID:abcdef00 SUB:001 DLVRD:00[01] SUBMIT DATE:\d{12} DONE DATE:\d{12} STAT:[A-Z]{7} ERR:\d{3} TEXT:msg 1$/);
    expect(client.receipts[0]?.id).toBe('abcdef00');
  });

  it('answers ESME_RTHROTTLED above the configured rate', async () => {
    const sim = await simulator({ throttleAbove: 50 });
    const client = await esme(sim.port);
    const results = await Promise.allSettled(Array.from({ length: 150 }, (_, i) => submit(client, i, { registeredDelivery: 0 })));
    const throttled = results.filter((r) => r.status === 'rejected' && (r.reason as SmppCommandError).commandStatus === COMMAND_STATUS.ESME_RTHROTTLED);
    const accepted = results.filter((r) => r.status === 'fulfilled');
    // A burst of one second's worth passes (plus what refills while the burst is answered).
    expect(accepted.length).toBeGreaterThanOrEqual(50);
    expect(accepted.length).toBeLessThan(80);
    expect(throttled.length).toBe(150 - accepted.length);
    expect(sim.counters()).toMatchObject({ submits: 150, accepted: accepted.length, throttled: throttled.length });
    // After a second the rate is available again.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await expect(submit(client, 1000, { registeredDelivery: 0 })).resolves.toMatchObject({ commandStatus: 0 });
  });

  it('refuses the configured share of submits with the chosen codes', async () => {
    const N = 1000;
    const codes = [COMMAND_STATUS.ESME_RSUBMITFAIL, COMMAND_STATUS.ESME_RMSGQFUL];
    const sim = await simulator({ rejectShare: { share: 0.1, status: codes }, random: seededRandom(2) });
    const client = await esme(sim.port, { windowSize: 200 });
    const results = await Promise.allSettled(Array.from({ length: N }, (_, i) => submit(client, i)));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as SmppCommandError).commandStatus] : []));
    expect(Math.abs(refused.length / N - 0.1)).toBeLessThan(0.03);
    expect(new Set(refused)).toEqual(new Set(codes));
    await waitFor(() => client.receipts.length >= N - refused.length);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(client.receipts.length).toBe(N - refused.length); // no receipt for a refused submit
    expect(sim.counters()).toMatchObject({ rejected: refused.length, accepted: N - refused.length });
  });

  it('refuses unknown system_ids and wrong passwords when credentials are configured', async () => {
    const sim = await simulator({ credentials: [{ systemId: 'vendor1', password: 'pw1' }] });
    const status = (p: Promise<unknown>) => p.then(() => 0, (e: SmppCommandError) => e.commandStatus);
    expect(await status(esme(sim.port, { systemId: 'nobody', password: 'pw1' }))).toBe(COMMAND_STATUS.ESME_RINVSYSID);
    expect(await status(esme(sim.port, { systemId: 'vendor1', password: 'wrong' }))).toBe(COMMAND_STATUS.ESME_RINVPASWD);
    expect(await status(esme(sim.port, { systemId: 'vendor1', password: 'pw1' }))).toBe(0);
    expect(sim.counters()).toMatchObject({ binds: 1, bindsRefused: 2 });
  });

  it('keeps receipts while no receiver is bound and delivers them after a bind', async () => {
    const sim = await simulator();
    const tx = await esme(sim.port, { systemId: 'acme', bindType: 'transmitter' });
    const ids = (await Promise.all(Array.from({ length: 20 }, (_, i) => submit(tx, i)))).map((r) => r.messageId);
    await waitFor(() => sim.counters().receiptsPending === 20);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const other = await esme(sim.port, { systemId: 'someone-else', bindType: 'receiver' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(other.delivered).toEqual([]); // receipts only go to their own system_id
    const rx = await esme(sim.port, { systemId: 'acme', bindType: 'receiver' });
    await waitFor(() => rx.receipts.length === 20);
    expect(rx.receipts.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(tx.delivered).toEqual([]);
  });

  it('holds at most maxPending receipts and counts the ones it had to drop', async () => {
    const sim = await simulator({ maxPending: 5, receiptDelayMs: 1 });
    const tx = await esme(sim.port, { systemId: 'full', bindType: 'transmitter' });
    await Promise.all(Array.from({ length: 12 }, (_, i) => submit(tx, i)));
    expect(sim.counters()).toMatchObject({ accepted: 12, receiptsPending: 5, receiptsDropped: 7 });
    const rx = await esme(sim.port, { systemId: 'full', bindType: 'receiver' });
    await waitFor(() => rx.receipts.length === 5);
    await waitFor(() => sim.counters().receiptsPending === 0);
  });

  it('sends text-only receipts when the TLVs are turned off', async () => {
    const sim = await simulator({ receiptTlvs: false });
    const client = await esme(sim.port);
    const { messageId } = await submit(client, 3);
    await waitFor(() => client.receipts.length === 1);
    expect(client.delivered[0]?.tlvs).toEqual({});
    expect(client.receipts[0]).toMatchObject({ id: messageId, text: 'msg 3' });
  });

  it('spreads receipts round-robin over the receivers of a system_id', async () => {
    const sim = await simulator();
    const a = await esme(sim.port, { systemId: 'rr' });
    const b = await esme(sim.port, { systemId: 'rr', bindType: 'receiver' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await Promise.all(Array.from({ length: 40 }, (_, i) => submit(a, i)));
    await waitFor(() => a.receipts.length + b.receipts.length === 40);
    expect(a.receipts.length).toBeGreaterThanOrEqual(15);
    expect(b.receipts.length).toBeGreaterThanOrEqual(15);
  });

  it('delivers a long MO as concatenated parts with a UDH, and a short one whole', async () => {
    const sim = await simulator();
    const client = await esme(sim.port, { systemId: 'mo' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const long = 'This MO is longer than one segment. '.repeat(6);
    await expect(sim.sendMo({ from: '+447700900123', to: '12345', text: long, systemId: 'mo' })).resolves.toBe(2);
    await expect(sim.sendMo({ from: '447700900123', to: '12345', text: 'Привет' })).resolves.toBe(1);
    const [p1, p2, p3] = client.delivered;
    expect(client.delivered).toHaveLength(3);
    expect(p1?.esmClass).toBe(0x40);
    expect([...(p1?.shortMessage.subarray(0, 6) ?? [])]).toEqual([5, 0, 3, p1?.shortMessage[3], 2, 1]);
    expect([...(p2?.shortMessage.subarray(0, 6) ?? [])]).toEqual([5, 0, 3, p1?.shortMessage[3], 2, 2]);
    const text = Buffer.concat([p1?.shortMessage.subarray(6) ?? Buffer.alloc(0), p2?.shortMessage.subarray(6) ?? Buffer.alloc(0)]).toString('latin1');
    expect(text).toBe(long); // GSM 7-bit unpacked: ASCII letters are the same octets
    expect(p1).toMatchObject({ sourceAddr: '447700900123', sourceAddrTon: 1, destinationAddr: '12345', dataCoding: 0 });
    expect(p3).toMatchObject({ esmClass: 0, dataCoding: 8 });
    expect(p3?.shortMessage.swap16().toString('utf16le')).toBe('Привет');
    expect(sim.counters().moSent).toBe(2);
  });

  it('answers data_sm and submit_multi with ids and receipts', async () => {
    const sim = await simulator();
    const client = await esme(sim.port);
    const data = await client.session.dataSm({ destinationAddr: '447700900001', registeredDelivery: 1, dataCoding: 3, tlvs: { messagePayload: Buffer.from('via data_sm') } });
    const multi = await client.session.submitMulti({
      destAddresses: [
        { kind: 'sme', destAddrTon: 1, destAddrNpi: 1, destinationAddr: '447700900002' },
        { kind: 'sme', destAddrTon: 1, destAddrNpi: 1, destinationAddr: '447700900003' },
      ],
      shortMessage: Buffer.from('to two'),
      registeredDelivery: 1,
    });
    await waitFor(() => client.receipts.length === 3);
    expect(client.receipts.filter((r) => r.id === data.messageId).map((r) => r.text)).toEqual(['via data_sm']);
    expect(client.receipts.filter((r) => r.id === multi.messageId)).toHaveLength(2);
    expect(client.delivered.map((p) => p.sourceAddr).sort()).toEqual(['447700900001', '447700900002', '447700900003']);
  });

  it('drops a connection instead of answering its n-th submit, and on demand', async () => {
    const sim = await simulator({ dropConnectionAfter: 3 });
    const client = await esme(sim.port);
    await submit(client, 1);
    await submit(client, 2);
    await expect(submit(client, 3)).rejects.toThrow(/closed/);
    await waitFor(() => client.session.state === 'closed');
    const again = await esme(sim.port);
    sim.dropConnections();
    await waitFor(() => again.session.state === 'closed');
    expect(sim.counters().dropped).toBe(2);
  });

  it('in an outage drops every connection and refuses new ones, keeps the receipts it owes and sends them after the rebind', async () => {
    const sim = await simulator({ receiptDelayMs: 300 });
    const client = await esme(sim.port);
    const ids = (await Promise.all(Array.from({ length: 20 }, (_, i) => submit(client, i)))).map((r) => r.messageId);
    sim.startOutage();
    await waitFor(() => client.session.state === 'closed');
    await expect(esme(sim.port)).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 400)); // the receipts fall due while nobody can bind
    expect(sim.counters().receiptsPending).toBe(20);
    sim.endOutage();
    const again = await esme(sim.port);
    await waitFor(() => again.receipts.length >= 20, 5_000, 'the 20 receipts after the rebind');
    expect(new Set(again.receipts.map((r) => r.id))).toEqual(new Set(ids));
  });

  it('sends a receipt refused with a temporary error again after a pause, and never one refused for good', async () => {
    const sim = await simulator();
    let refusedForNow = 0;
    const client = await esme(sim.port, { refuse: (pdu) => (pdu.shortMessage.includes('msg 1') && refusedForNow++ < 2 ? COMMAND_STATUS.ESME_RX_T_APPN : pdu.shortMessage.includes('msg 2') ? COMMAND_STATUS.ESME_RINVDSTADR : undefined) });
    const started = Date.now();
    const [first, second, third] = await Promise.all([submit(client, 1), submit(client, 2), submit(client, 3)]);
    await waitFor(() => client.receipts.length === 2, 10_000, 'the refused-for-now receipt, tried again');
    // Refused twice for now: tried again after 1 s, then 2 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
    expect(refusedForNow).toBe(3);
    expect(client.receipts.map((r) => r.id).sort()).toEqual([first.messageId, third.messageId].sort());
    await new Promise((r) => setTimeout(r, 1_500));
    expect(client.receipts.map((r) => r.id)).not.toContain(second.messageId);
    expect(sim.counters().receiptsPending).toBe(0);
  });

  it('emits every submit with its answer', async () => {
    const sim = await simulator({ rejectShare: { share: 1 } });
    const seen: unknown[] = [];
    sim.on('submit', (e) => seen.push({ systemId: e.systemId, status: e.status, to: e.pdu.command === 'submit_sm' ? e.pdu.destinationAddr : '' }));
    const client = await esme(sim.port, { systemId: 'ev' });
    await expect(submit(client, 7)).rejects.toBeInstanceOf(SmppCommandError);
    expect(seen).toEqual([{ systemId: 'ev', status: COMMAND_STATUS.ESME_RSUBMITFAIL, to: '447900000007' }]);
  });

  it('stops cleanly with receipts still pending and clients bound', async () => {
    const sim = await simulator({ receiptDelayMs: 60_000 });
    const client = await esme(sim.port);
    await Promise.all(Array.from({ length: 100 }, (_, i) => submit(client, i)));
    expect(sim.counters().receiptsPending).toBe(100);
    const started = Date.now();
    await sim.stop();
    expect(Date.now() - started).toBeLessThan(2_000);
    await waitFor(() => client.session.state === 'closed');
  });
});
