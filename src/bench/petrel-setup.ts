import { BENCH_ADMIN_PASSWORD } from './petrel-child.ts';

/** The bench's client: SMPP and HTTP API credentials. */
export interface BenchClient {
  readonly id: number;
  readonly login: string;
  readonly systemId: string;
  readonly smppPassword: string;
  readonly apiPassword: string;
  readonly vendorId: number;
}

export interface BenchWorld {
  readonly simulatorPort: number;
  /** Vendor SMPP connections and window: what Kannel gets too. */
  readonly vendorSessions: number;
  readonly vendorWindow: number;
  readonly maxBinds: number;
  /** Top-up in EUR; the price is 0.001 EUR a message. */
  readonly balance: string;
  /** The admin's password when not the bench's own. */
  readonly adminPassword?: string;
  /** Seconds between vendor reconnect attempts (the vendor's default otherwise). */
  readonly reconnectDelaySeconds?: number;
}

/** The destination every bench message goes to (a Ukrainian mobile, as in the message-path tests). */
export const BENCH_DESTINATION = '380501234567';

/**
 * Sets up, through the admin API only, what a bench needs: a destination, the simulator as a
 * vendor (no TPS cap, the given sessions and window), a pool and a general route to it, and a
 * client with SMPP and HTTP API access, a price and money.
 */
export async function setUpBenchWorld(httpUrl: string, w: BenchWorld): Promise<BenchClient> {
  const api = await AdminApi.signIn(httpUrl, w.adminPassword);
  const destination = await api.call('POST', '/api/admin/destinations', { country: 'UA', name: 'Ukraine', mcc: '255' });
  const vendor = await api.call('POST', '/api/admin/vendors', {
    name: 'simulator',
    host: '127.0.0.1',
    port: w.simulatorPort,
    systemId: 'petrel',
    password: 'petrel',
    bindType: 'transceiver',
    sessions: w.vendorSessions,
    windowSize: w.vendorWindow,
    tps: 100_000,
    ...(w.reconnectDelaySeconds === undefined ? {} : { reconnectDelaySeconds: w.reconnectDelaySeconds }),
  });
  const vendorId = Number(vendor.vendor.id);
  const pool = await api.call('POST', '/api/admin/pools', { name: 'simulator', members: [{ vendorId, weight: 100 }] });
  await api.call('POST', '/api/admin/routes', { name: 'everything to the simulator', poolId: Number(pool.pool.id) });
  const login = 'bench_client';
  const password = 'bench-client-pass';
  const created = await api.call('POST', '/api/admin/clients', {
    login,
    password,
    passwordConfirm: password,
    currency: 'EUR',
    contactName: 'Bench',
    phone: '+380501234567',
    email: 'bench@example.com',
    priceUpdateEmail: 'bench.prices@example.com',
    billingEmail: 'bench.billing@example.com',
    dynamicSender: true,
  });
  const id = Number(created.client.id);
  const client = { id, login, systemId: 'bench', smppPassword: 'bench123', apiPassword: 'bench-api-pass', vendorId };
  await api.call('PUT', `/api/admin/clients/${id}/access`, { smppSystemId: client.systemId, smppPassword: client.smppPassword, apiPassword: client.apiPassword, maxBinds: w.maxBinds, throughput: null });
  await api.call('PUT', `/api/admin/clients/${id}/prices`, { destinationId: Number(destination.destination.id), price: '0.001' });
  await api.call('POST', `/api/admin/clients/${id}/payments`, { kind: 'topup', amount: w.balance, comment: 'bench' });
  return client;
}

/** A signed-in admin session over HTTP (cookie). */
export class AdminApi {
  private constructor(
    readonly baseUrl: string,
    private readonly cookie: string,
  ) {}

  static async signIn(baseUrl: string, password = BENCH_ADMIN_PASSWORD): Promise<AdminApi> {
    const res = await fetch(`${baseUrl}/api/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'admin', password }) });
    if (res.status !== 200) throw new Error(`admin sign-in failed: ${res.status} ${await res.text()}`);
    return new AdminApi(baseUrl, (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '');
  }

  /** The JSON answer; throws with the status and body unless 2xx. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async call(method: string, path: string, body?: unknown): Promise<any> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : undefined;
  }
}
