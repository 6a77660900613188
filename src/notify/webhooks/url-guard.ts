import { type LookupAddress, lookup as dnsLookup } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { parseCallbackUrl } from './rules/callback-url.ts';
import { isNonPublicAddress } from './rules/private-address.ts';

export type UrlCheck = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string };

/**
 * Callback and webhook URLs that resolve to loopback, private, link-local or unique-local
 * addresses are refused unless the operator allows them (PETREL_ALLOW_PRIVATE_CALLBACKS=1). This
 * check runs when a URL is saved or given; sending checks again at connect time (guardedLookup),
 * since a name may resolve elsewhere by then (DNS rebinding).
 */
export class UrlGuard {
  private readonly resolved = new Map<string, { until: number; reason: string | undefined }>();

  constructor(
    readonly allowPrivate: boolean,
    private readonly cacheMs = 60_000,
  ) {}

  async check(text: string): Promise<UrlCheck> {
    const parsed = parseCallbackUrl(text);
    if (!parsed.ok) return parsed;
    if (this.allowPrivate) return { ok: true, url: text };
    const reason = await this.hostReason(parsed.url.hostname.replace(/^\[|\]$/g, ''));
    return reason === undefined ? { ok: true, url: text } : { ok: false, reason };
  }

  /** The lookup outgoing requests use: it refuses to connect to a non-public address. */
  lookup(): LookupFunction {
    return guardedLookup(this.allowPrivate);
  }

  private async hostReason(host: string): Promise<string | undefined> {
    if (isIP(host)) return isNonPublicAddress(host) ? `points at ${host}, a loopback or private address` : undefined;
    const now = Date.now();
    const cached = this.resolved.get(host);
    if (cached && cached.until > now) return cached.reason;
    let reason: string | undefined;
    try {
      const addresses = await lookup(host, { all: true, verbatim: true });
      const bad = addresses.find((a) => isNonPublicAddress(a.address));
      if (addresses.length === 0) reason = `host ${host} does not resolve`;
      else if (bad) reason = `host ${host} resolves to ${bad.address}, a loopback or private address`;
    } catch {
      reason = `host ${host} does not resolve`;
    }
    if (this.resolved.size > 10_000) this.resolved.clear();
    this.resolved.set(host, { until: now + this.cacheMs, reason });
    return reason;
  }
}

/** A net lookup that fails for non-public addresses (unless allowed): the address checked is the address connected to. */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return ((hostname: string, options: object, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as LookupAddress[];
      const bad = allowPrivate ? undefined : list.find((a) => isNonPublicAddress(a.address));
      if (bad || list.length === 0) {
        const refusal: NodeJS.ErrnoException = new Error(bad ? `${hostname} resolves to ${bad.address}, a loopback or private address; refused` : `${hostname} does not resolve`);
        refusal.code = 'EPRIVATEADDRESS';
        return callback(refusal, '', 0);
      }
      if ((options as { all?: boolean }).all) return callback(null, list);
      const first = list[0] as LookupAddress;
      return callback(null, first.address, first.family);
    });
  }) as LookupFunction;
}
