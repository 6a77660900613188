import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { ApiPrincipal } from './client-auth.ts';

declare module 'fastify' {
  interface FastifyRequest {
    apiPrincipal?: ApiPrincipal;
  }
}

/** The client of a REST v1 request (set by the v1 preHandler). */
export function apiPrincipalOf(request: FastifyRequest): ApiPrincipal {
  if (!request.apiPrincipal) throw new AppError('unauthorized', 'send Authorization: Bearer <API key>');
  return request.apiPrincipal;
}
