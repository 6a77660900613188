import { parseCookie, type SetCookie, stringifySetCookie } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Cookies for the few routes that use one (the operator's session), read and written where they
 * are used instead of by a plugin's hooks, which would run on every request — the APIs' included.
 */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  return header ? parseCookie(header)[name] : undefined;
}

export function setCookie(reply: FastifyReply, cookie: SetCookie): void {
  const previous = reply.getHeader('set-cookie');
  const line = stringifySetCookie(cookie);
  void reply.header('set-cookie', previous === undefined ? line : [...(Array.isArray(previous) ? previous : [String(previous)]), line]);
}

/** Tells the browser to drop the cookie (empty value, expired). */
export function clearCookie(reply: FastifyReply, name: string, path: string): void {
  setCookie(reply, { name, value: '', path, expires: new Date(0) });
}
