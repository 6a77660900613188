import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Platform, type StartOptions, startPlatform } from '../../src/main.ts';
import { type Config, loadConfig } from '../../src/platform/config.ts';

export const ADMIN_PASSWORD = 'admin-test-pass';

/**
 * A whole platform for one test file, on a database of its own: a fresh PGlite folder, or, when
 * DATABASE_URL is set (CI's second run), a fresh database on that PostgreSQL server.
 */
export async function startTestPlatform(overrides: Partial<Config> = {}, opts: StartOptions = {}): Promise<Platform & { api: ApiClient; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'petrel-test-'));
  const baseUrl = process.env.DATABASE_URL;
  const databaseUrl = baseUrl ? await createDatabase(baseUrl) : undefined;
  const config = loadConfig(
    { PETREL_LOG_LEVEL: 'warn' },
    { dataDir, databaseUrl, httpPort: 0, smppPort: 0, adminPassword: ADMIN_PASSWORD, webDist: join(dataDir, 'no-web'), ...overrides },
  );
  const platform = await startPlatform(config, opts);
  return {
    ...platform,
    api: new ApiClient(platform.httpUrl),
    stop: async () => {
      await platform.close();
      if (databaseUrl && baseUrl) await dropDatabase(baseUrl, databaseUrl);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function createDatabase(baseUrl: string): Promise<string> {
  const name = `petrel_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(baseUrl: string, url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export interface ApiResponse<T = any> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** A small HTTP client that keeps the session cookie, for API tests. */
export class ApiClient {
  cookie: string | undefined;
  bearer: string | undefined;

  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const res = await fetch(this.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body ?? {});
  patch = <T = any>(path: string, body?: unknown) => this.request<T>('PATCH', path, body ?? {});
  put = <T = any>(path: string, body?: unknown) => this.request<T>('PUT', path, body ?? {});
  delete = <T = any>(path: string) => this.request<T>('DELETE', path);

  /** A new client signed in as the given operator. */
  async signIn(login = 'admin', password = ADMIN_PASSWORD): Promise<ApiClient> {
    const c = new ApiClient(this.baseUrl);
    const r = await c.post('/api/admin/login', { login, password });
    if (r.status !== 200) throw new Error(`sign-in as ${login} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return c;
  }
}
