import type { Kysely } from 'kysely';
import { looksLikeApiKey } from '../../accounts/api-keys-format.ts';
import type { ApiKeyStore } from '../../accounts/api-keys.store.ts';
import { ipAllowed } from '../../accounts/rules/cidr.ts';
import { SignInThrottle } from '../../accounts/sign-in-throttle.ts';
import type { Database } from '../../database.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { hashToken } from '../../platform/ids.ts';
import { type ClientAccess, findClientAccess, findKeyAccess, type KeyAccess } from './client-auth.store.ts';
import { PasswordChecks } from '../../accounts/password-checks.ts';
import { TtlCache } from './ttl-cache.ts';

export type ApiChannel = 'http' | 'rest';

/** The client a request acts for, once its credentials, rights and address were checked. */
export interface ApiPrincipal {
  readonly clientId: number;
  readonly login: string;
  /** The API key used, or null for the API password. */
  readonly keyId: number | null;
  /** The key's own rate limit, when set. */
  readonly ratePerSecond: number | null;
}

const CHANNEL_RIGHT = {
  http: { name: 'the HTTP API', field: 'Can Send via API' },
  rest: { name: 'the REST API', field: 'Can Send via RESTAPI' },
} as const;

/**
 * Who is calling the HTTP and REST APIs: the API password (argon2, successes remembered a minute so
 * each request does not cost a verify) or an API key (SHA-256 lookup). Access rows are cached for
 * `cacheMs`, so a changed right, address range or password takes effect within that time; a
 * revoked key at once on this node. Repeated failures from one address are throttled.
 */
export class ClientApiAuth {
  private readonly logins: TtlCache<string, ClientAccess | null>;
  private readonly keys: TtlCache<string, KeyAccess | null>;
  private readonly passwords = new PasswordChecks(60_000);
  private readonly perLogin = new SignInThrottle(10, 60_000);
  private readonly perAddress = new SignInThrottle(50, 60_000);
  private readonly touched = new Map<number, number>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly keyStore: ApiKeyStore,
    private readonly clock: Clock,
    cacheMs = 2_000,
  ) {
    this.logins = new TtlCache(cacheMs);
    this.keys = new TtlCache(cacheMs);
  }

  /** `username` + API password (/sendsms, and HTTP Basic on the REST API). */
  async withPassword(login: string, password: string, ip: string, channel: ApiChannel): Promise<ApiPrincipal> {
    const now = this.clock.now().getTime();
    const throttleKey = `${ip} ${login.toLowerCase()}`;
    const wait = Math.max(this.perLogin.retryAfterMs(throttleKey, now), this.perAddress.retryAfterMs(ip, now));
    if (wait > 0) {
      const seconds = String(Math.ceil(wait / 1000));
      throw new AppError('too_many_requests', `too many failed sign-ins; try again in ${seconds} s`, undefined, { 'retry-after': seconds });
    }
    const access = await this.accessOf(login, now);
    if (!access || !(await this.passwords.verify(access.apiPasswordHash, password, now))) {
      this.perLogin.recordFailure(throttleKey, now);
      this.perAddress.recordFailure(ip, now);
      throw new AppError('unauthorized', 'wrong username or API password (the API password is set on the SMPP & API tab of the profile)');
    }
    this.perLogin.recordSuccess(throttleKey);
    admit(access, ip, channel);
    return { clientId: access.clientId, login: access.login, keyId: null, ratePerSecond: null };
  }

  /** The REST API's Authorization header: `Bearer <api key>` or `Basic <login:API password>`. */
  async fromHeader(authorization: string | undefined, ip: string): Promise<ApiPrincipal> {
    const [scheme = '', value = ''] = (authorization ?? '').trim().split(/\s+/, 2);
    if (/^bearer$/i.test(scheme) && value) return this.withKey(value, ip);
    if (/^basic$/i.test(scheme) && value) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) return this.withPassword(decoded.slice(0, colon), decoded.slice(colon + 1), ip, 'rest');
    }
    throw new AppError('unauthorized', 'send Authorization: Bearer <API key>, or Basic with the login and API password', undefined, { 'www-authenticate': 'Bearer realm="petrel", Basic realm="petrel"' });
  }

  async withKey(key: string, ip: string): Promise<ApiPrincipal> {
    const now = this.clock.now().getTime();
    const wait = this.perAddress.retryAfterMs(ip, now);
    if (wait > 0) {
      const seconds = String(Math.ceil(wait / 1000));
      throw new AppError('too_many_requests', `too many failed sign-ins; try again in ${seconds} s`, undefined, { 'retry-after': seconds });
    }
    const hash = looksLikeApiKey(key) ? hashToken(key) : undefined;
    let access: KeyAccess | null | undefined;
    if (hash !== undefined) {
      access = this.keys.get(hash, now)?.value;
      if (access === undefined) {
        access = (await findKeyAccess(this.db, hash)) ?? null;
        this.keys.set(hash, access, now);
      }
    }
    if (!access || access.revoked) {
      this.perAddress.recordFailure(ip, now);
      throw new AppError('unauthorized', 'unknown or revoked API key');
    }
    admit(access, ip, 'rest');
    this.touch(access.keyId, now);
    return { clientId: access.clientId, login: access.login, keyId: access.keyId, ratePerSecond: access.ratePerSecond };
  }

  /** A key was revoked here: refuse it from now on. */
  forgetKey(hash: string): void {
    this.keys.delete(hash);
  }

  private async accessOf(login: string, now: number): Promise<ClientAccess | null> {
    const key = login.toLowerCase();
    const cached = this.logins.get(key, now);
    if (cached) return cached.value;
    const access = (await findClientAccess(this.db, login)) ?? null;
    this.logins.set(key, access, now);
    return access;
  }

  /** last_used_at, written at most once a minute per key. */
  private touch(keyId: number, now: number): void {
    if ((this.touched.get(keyId) ?? 0) > now - 60_000) return;
    this.touched.set(keyId, now);
    this.keyStore.touch(keyId, new Date(now)).catch(() => this.touched.delete(keyId));
  }
}

function admit(access: ClientAccess, ip: string, channel: ApiChannel): void {
  if (access.blocked) throw new AppError('client_blocked', 'the client is blocked; the operator can unblock it');
  const allowed = channel === 'http' ? access.canSendHttpApi : access.canSendRest;
  if (!allowed) throw new AppError('channel_disabled', `the client may not use ${CHANNEL_RIGHT[channel].name} (${CHANNEL_RIGHT[channel].field} is off)`);
  if (!ipAllowed(access.allowedIps, ip)) throw new AppError('forbidden', `requests from ${ip} are not in the client's allowed IP ranges`);
}
