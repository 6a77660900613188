import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform } from '../support/platform.ts';
import { addApiClient, call, eventually, type HttpWorld, makeKey, rest, startHttpWorld, UA_NUMBER } from './support/http-world.ts';

// GET /metrics over real traffic: /sendsms and REST messages through the simulator, a refusal, a dlr-url call.
const TOKEN = 'metrics-token-0123456789';
let world: HttpWorld;
beforeAll(async () => {
  world = await startHttpWorld({ config: { metricsToken: TOKEN } });
});
afterAll(async () => {
  await world?.stop();
});

/** The samples of a scrape: `name{labels}` → value. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    out.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return out;
}
const scrape = async () => {
  const r = await call(`${world.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return { text: r.text, values: samples(r.text) };
};

describe('GET /metrics', () => {
  it('counts the messages accepted per channel and refused per code, the binds per vendor and state, and the calls made', async () => {
    const before = (await scrape()).values;
    const c = await addApiClient(world, 'metrics_client');
    const key = await makeKey(world, c.id);
    for (let i = 0; i < 3; i++) expect((await rest(world, key).post('/api/v1/messages', { from: 'Shop', to: UA_NUMBER, text: `rest ${i}` })).status).toBe(202);
    const sent = await call(`${world.url}/sendsms?${new URLSearchParams({ username: c.login, password: c.apiPassword, from: 'Shop', to: `${UA_NUMBER},12`, text: 'http', 'dlr-url': `${world.url}/nowhere?s=%d` })}`);
    expect(sent.status).toBe(202); // one accepted, "12" refused
    await eventually(
      async () => {
        const now = (await scrape()).values;
        const grown = (name: string) => (now.get(name) ?? 0) - (before.get(name) ?? 0);
        return grown('petrel_webhook_attempts_total') > 0 && grown('petrel_vendor_submits_total{vendor="simulator"}') >= 4;
      },
      10_000,
      'the four messages submitted and the dlr-url call made',
    );
    const { text, values } = await scrape();
    const grew = (name: string) => (values.get(name) ?? 0) - (before.get(name) ?? 0);
    expect(grew('petrel_messages_accepted_total{channel="rest"}')).toBe(3);
    expect(grew('petrel_messages_accepted_total{channel="http"}')).toBe(1);
    expect(grew('petrel_messages_refused_total{code="invalid_destination"}')).toBe(1);
    expect(grew('petrel_intake_requests_total')).toBeGreaterThanOrEqual(5);
    expect(values.get('petrel_vendor_binds{vendor="simulator",state="bound"}')).toBeGreaterThanOrEqual(1);
    expect(grew('petrel_vendor_submits_total{vendor="simulator"}')).toBeGreaterThanOrEqual(4);
    expect(values.get('petrel_mail_outbox_pending')).toBe(0);
    expect(values.has('petrel_client_smpp_sessions')).toBe(true);
    expect(text).toContain('# TYPE petrel_messages_accepted_total counter');
    expect(values.get('petrel_process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).toContain('petrel_nodejs_eventloop_lag_seconds');
  });

  it('asks for the token, and is off without one', async () => {
    const none = await call(`${world.url}/metrics`);
    expect([none.status, none.json.error.code]).toEqual([401, 'unauthorized']);
    const wrong = await call(`${world.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN.slice(0, -1)}x` } });
    expect(wrong.status).toBe(401);
    const off = await startTestPlatform();
    try {
      const r = await call(`${off.httpUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect([r.status, r.json.error.message]).toEqual([404, 'metrics are off: set PETREL_METRICS_TOKEN to scrape them']);
    } finally {
      await off.stop();
    }
  });
});
