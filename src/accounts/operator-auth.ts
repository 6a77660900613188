import type { FastifyReply, FastifyRequest } from 'fastify';
import { readCookie } from '../http/cookies.ts';
import { AppError } from '../platform/errors.ts';
import type { Clock } from '../platform/clock.ts';
import { hashToken, randomSecret } from '../platform/ids.ts';
import type { Operator } from './operator.ts';
import type { OperatorStore } from './operator.store.ts';
import { verifyPassword } from './password.ts';
import { SignInThrottle } from './sign-in-throttle.ts';

export const SESSION_COOKIE = 'petrel_session';
const SESSION_TTL_MS = 12 * 3600_000;

declare module 'fastify' {
  interface FastifyRequest {
    operator?: Operator;
  }
}

/** Operator sign-in: panel sessions (cookie) and script tokens (bearer), with throttled failures. */
export class OperatorAuth {
  // Five tries per login from one address, and a wider net for one address trying many logins.
  private readonly perLogin = new SignInThrottle(5, 60_000);
  private readonly perAddress = new SignInThrottle(30, 60_000);

  constructor(
    private readonly store: OperatorStore,
    private readonly clock: Clock,
  ) {}

  async signIn(login: string, password: string, address: string): Promise<{ token: string; operator: Operator; expiresAt: Date }> {
    const now = this.clock.now().getTime();
    const loginKey = `${address} ${login.toLowerCase()}`;
    const wait = Math.max(this.perLogin.retryAfterMs(loginKey, now), this.perAddress.retryAfterMs(address, now));
    if (wait > 0) {
      const seconds = String(Math.ceil(wait / 1000));
      throw new AppError('too_many_requests', `too many failed sign-ins; try again in ${seconds} s`, undefined, { 'retry-after': seconds });
    }
    const found = await this.store.findByLogin(login);
    if (!found || found.disabled || !(await verifyPassword(found.passwordHash, password))) {
      this.perLogin.recordFailure(loginKey, now);
      this.perAddress.recordFailure(address, now);
      throw new AppError('unauthorized', 'wrong login or password');
    }
    this.perLogin.recordSuccess(loginKey);
    const token = randomSecret(32);
    const expiresAt = new Date(now + SESSION_TTL_MS);
    await this.store.createSession(hashToken(token), found.id, expiresAt);
    const { passwordHash: _hash, ...operator } = found;
    return { token, operator, expiresAt };
  }

  async signOut(token: string): Promise<void> {
    await this.store.deleteSession(hashToken(token));
  }

  /** The operator behind a request's bearer token or session cookie, if any. */
  async authenticate(request: FastifyRequest): Promise<Operator | undefined> {
    const now = this.clock.now();
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const session = bearer ? undefined : readCookie(request, SESSION_COOKIE);
    const op = bearer ? await this.store.findByToken(hashToken(bearer), now) : session ? await this.store.findBySession(hashToken(session), now) : undefined;
    return op && !op.disabled ? op : undefined;
  }

  /** A preHandler that lets only signed-in operators (of a role, when given) through. */
  guard(role?: Operator['role']) {
    return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
      const op = await this.authenticate(request);
      if (!op) throw new AppError('unauthorized', 'sign in first (session cookie or Bearer token)');
      if (role && op.role !== role) throw new AppError('forbidden', `only the ${role} role may do this`);
      request.operator = op;
    };
  }
}

/** The signed-in operator of a guarded route. */
export function operatorOf(request: FastifyRequest): Operator {
  if (!request.operator) throw new AppError('unauthorized', 'sign in first');
  return request.operator;
}
