export type ParsedUrl = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly reason: string };

const MAX_LENGTH = 2000;

/**
 * The shape every callback URL (webhook, callbackUrl, dlr-url) must have: absolute http or https,
 * no user:password part, at most 2000 characters. dlr-url placeholders (%d, %i, …) are allowed
 * anywhere a value can go. Pure; where the host points is checked by url-guard.ts.
 */
export function parseCallbackUrl(text: string): ParsedUrl {
  if (text.length > MAX_LENGTH) return { ok: false, reason: `is longer than ${MAX_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(text.replace(/%[dipsAT%]/g, '0'));
  } catch {
    return { ok: false, reason: 'is not an absolute URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'must be an http or https URL' };
  if (url.username || url.password) return { ok: false, reason: 'must not carry a user name or password' };
  if (!url.hostname) return { ok: false, reason: 'has no host' };
  return { ok: true, url };
}
