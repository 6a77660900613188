import { afterEach, describe, expect, it } from 'vitest';
import { buildPdu, COMMAND_STATUS as S, encodePdu, SmppClosedError, SmppTimeoutError, type PduOf, type Session } from '../src/index.ts';
import { delay, Harness, until } from './helpers.ts';

const h = new Harness();
afterEach(() => h.cleanup());

/** A server whose submit_sm requests are held for the test to answer. */
async function holdingServer(options: Parameters<Harness['server']>[0] = {}) {
  const held: { session: Session; req: PduOf<'submit_sm'> }[] = [];
  let maxUnanswered = 0;
  const { server, port } = await h.server({
    ...options,
    onBind: (session) => {
      session.on('submit_sm', (req) => {
        held.push({ session, req });
        maxUnanswered = Math.max(maxUnanswered, session.awaitingResponses);
      });
      return S.ESME_ROK;
    },
  });
  const answer = (n: number) => {
    for (const { session, req } of held.splice(0, n)) session.respond(req, { messageId: String(req.sequenceNumber) });
  };
  return { server, port, held, answer, maxUnanswered: () => maxUnanswered };
}

describe('window, timeouts, keep-alive', () => {
  it('never has more requests in flight than windowSize; the rest go out in order', async () => {
    const s = await holdingServer();
    const client = await h.client(s.port, { windowSize: 3 });
    const sent = Array.from({ length: 10 }, (_, i) => client.submitSm({ destinationAddr: String(i) }));
    await until(() => s.held.length === 3);
    await delay(50);
    expect(s.held.length).toBe(3);
    expect(client.queued).toBe(7);
    const order: string[] = [];
    while (order.length < 10) {
      await until(() => s.held.length > 0);
      order.push(...s.held.map((x) => x.req.destinationAddr));
      s.answer(s.held.length);
    }
    await Promise.all(sent);
    expect(order).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(s.maxUnanswered()).toBeLessThanOrEqual(3);
  });

  it('rejects a request with SmppTimeoutError when no response comes in requestTimeoutMs', async () => {
    const s = await holdingServer();
    const client = await h.client(s.port, { requestTimeoutMs: 150 });
    const started = Date.now();
    const error = await client.submitSm({ destinationAddr: '1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmppTimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(client.outstanding).toBe(0);
  });

  it('closes the session when the peer does not answer the keep-alive enquire_link', async () => {
    const port = await h.netServer((peer) => {
      void (async () => {
        const bind = await peer.next();
        peer.send(encodePdu(buildPdu('bind_transceiver_resp', bind.sequenceNumber, { systemId: 'mute' })));
        // ...and then never answers anything again.
      })();
    });
    const client = await h.client(port, { enquireLinkIntervalMs: 100, requestTimeoutMs: 150 });
    const closed = new Promise<void>((resolve) => client.once('close', resolve));
    await closed;
    expect(client.closeReason).toBe('peer did not answer enquire_link');
  });

  it('keeps a quiet session alive with enquire_link when the peer answers', async () => {
    const { port } = await h.server();
    const client = await h.client(port, { enquireLinkIntervalMs: 50, requestTimeoutMs: 100 });
    await delay(400);
    expect(client.state).toBe('bound_trx');
  });

  it('rejects requests still waiting with SmppClosedError when the connection drops', async () => {
    const s = await holdingServer();
    const client = await h.client(s.port, { windowSize: 1 });
    const inFlight = client.submitSm({});
    const waiting = client.submitSm({});
    await until(() => s.held.length === 1);
    s.held[0]!.session.close();
    await expect(inFlight).rejects.toBeInstanceOf(SmppClosedError);
    await expect(waiting).rejects.toBeInstanceOf(SmppClosedError);
  });
});

describe('unbind', () => {
  it('waits for requests in flight, then unbinds and closes both ends', async () => {
    const s = await holdingServer();
    const client = await h.client(s.port);
    const inFlight = client.submitSm({ destinationAddr: '1' });
    await until(() => s.held.length === 1);
    const unbound = client.unbind();
    expect(client.state).toBe('unbinding');
    await expect(client.submitSm({})).rejects.toBeInstanceOf(SmppClosedError);
    await delay(50);
    s.answer(1);
    await expect(inFlight).resolves.toMatchObject({ command: 'submit_sm_resp' });
    await unbound;
    expect(client.closeReason).toBe('unbound');
    await until(() => s.server.sessions.size === 0);
  });

  it('tells the client when the server unbinds it', async () => {
    const { server, port } = await h.server();
    const client = await h.client(port);
    const gotUnbind = new Promise<void>((resolve) => client.once('unbind', resolve));
    await [...server.sessions][0]!.unbind();
    await gotUnbind;
    await until(() => client.state === 'closed');
  });

  it('a server draining toward its unbind answers a new submit_sm "send again" (ESME_RSYSERR), not a final refusal', async () => {
    const s = await holdingServer();
    const client = await h.client(s.port);
    const owed = client.submitSm({ destinationAddr: '1' });
    await until(() => s.held.length === 1);
    const serverSession = s.held[0]!.session;
    const unbound = serverSession.unbind();
    expect(serverSession.state).toBe('unbinding');
    await expect(client.submitSm({ destinationAddr: '2' })).rejects.toMatchObject({ commandStatus: S.ESME_RSYSERR });
    s.answer(1);
    await expect(owed).resolves.toMatchObject({ command: 'submit_sm_resp' });
    await unbound;
    await until(() => client.state === 'closed');
  });

  it('server.close() unbinds its bound sessions', async () => {
    const { server, port } = await h.server();
    const client = await h.client(port);
    await server.close();
    await until(() => client.state === 'closed');
    expect(client.closeReason).toBe('unbound by peer');
  });
});

describe('backpressure', () => {
  it('stops reading above the high-water mark and resumes below the low-water mark', async () => {
    const s = await holdingServer({ inboundHighWaterMark: 5, inboundLowWaterMark: 2 });
    const client = await h.client(s.port, { windowSize: 50 });
    const all = Array.from({ length: 20 }, (_, i) => client.submitSm({ destinationAddr: String(i) }));
    await until(() => s.held.length === 5);
    const serverSession = s.held[0]!.session;
    const events: string[] = [];
    serverSession.on('resume', () => events.push('resume'));
    serverSession.on('pause', () => events.push('pause'));
    await delay(100);
    expect(s.held.length).toBe(5); // nothing more is read while paused
    s.answer(2);
    await delay(50);
    expect(s.held.length).toBe(3); // 3 unanswered is still above the low-water mark
    s.answer(1);
    await until(() => events.includes('resume'));
    while (s.held.length > 0 || client.outstanding > 0) {
      s.answer(s.held.length);
      await delay(10);
    }
    await Promise.all(all);
    expect(s.maxUnanswered()).toBe(5);
  });

  it('the application can pause and resume reading itself', async () => {
    const s = await holdingServer();
    const client = await h.client(s.port);
    await until(() => s.server.sessions.size === 1);
    const serverSession = [...s.server.sessions][0]!;
    serverSession.pauseReading();
    const pending = client.submitSm({});
    await delay(80);
    expect(s.held.length).toBe(0);
    serverSession.resumeReading();
    await until(() => s.held.length === 1);
    s.answer(1);
    await pending;
  });
});
