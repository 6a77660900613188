import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance, LogController } from 'fastify';
import { isDatabaseUnavailable } from '../platform/database-unavailable.ts';
import { AppError, headersOfCode } from '../platform/errors.ts';
import { ADMIN_READ_ERRORS, ADMIN_WRITE_ERRORS, errorResponses } from './rest-v1/openapi.ts';

export interface HttpAppOptions {
  readonly logLevel: string;
  readonly webDist?: string | undefined;
  readonly version: string;
}

/** The Fastify app with the platform's error shape, OpenAPI document and the built web app. */
export async function createHttpApp(opts: HttpAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: opts.logLevel },
    trustProxy: false,
    bodyLimit: 1024 * 1024,
    logController: new LogController({ disableRequestLogging: opts.logLevel !== 'debug' && opts.logLevel !== 'trace' }),
  });
  // zod validates inside the handlers (every field at once, our error shape); the JSON schemas
  // on routes exist for the OpenAPI document only.
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler(errorHandler);
  await app.register(fastifySwagger, {
    transform: ({ schema, url, route }) => ({ schema: withAdminErrors(schema, url, route.method), url }),
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Petrel API', version: opts.version, description: 'Admin, panel and REST v1 APIs of the Petrel SMS platform.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'petrel_session' },
          bearer: { type: 'http', scheme: 'bearer' },
          basic: { type: 'http', scheme: 'basic', description: 'REST v1: the client login and API password' },
        },
      },
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  app.get('/healthz', { schema: { hide: true } }, () => ({ ok: true }));
  await serveWebApp(app, opts.webDist);
  return app;
}

async function serveWebApp(app: FastifyInstance, webDist: string | undefined): Promise<void> {
  const hasWeb = webDist !== undefined && existsSync(join(webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api/') || request.method !== 'GET';
    if (isApi || !hasWeb) {
      return reply.code(404).send(new AppError('not_found', `no route for ${request.method} ${request.url.split('?')[0]}`).toJSON());
    }
    // The panel is a single-page app: every other GET path is one of its pages.
    return reply.type('text/html').sendFile('index.html');
  });
}

function errorHandler(this: FastifyInstance, error: FastifyError | AppError, request: { log: FastifyInstance['log'] }, reply: import('fastify').FastifyReply): unknown {
  if (error instanceof AppError) {
    if (error.headers) void reply.headers(error.headers);
    return reply.code(error.httpStatus).send(error.toJSON());
  }
  const status = (error as FastifyError).statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    const code = status === 413 || status === 415 || status === 400 ? 'malformed_request' : status === 404 ? 'not_found' : 'malformed_request';
    return reply.code(status).send({ error: { code, message: error.message } });
  }
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: error.message }, 'the database is unreachable; answered 503');
    return reply.code(503).headers(headersOfCode('unavailable') ?? {}).send(new AppError('unavailable', 'the platform cannot reach its database right now; nothing was done; retry shortly').toJSON());
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.code(500).send(new AppError('internal', 'internal error; the operator can find details in the log').toJSON());
}

/**
 * An admin route that documents no answers of its own gets its success (2XX, JSON) and the codes
 * every admin route may answer (rest-v1/openapi.ts), so a generated client knows its errors.
 */
function withAdminErrors<S extends { response?: unknown; hide?: boolean } | undefined>(schema: S, url: string, method: string | string[]): S {
  if (!schema || schema.hide || schema.response !== undefined || !url.startsWith('/api/admin')) return schema;
  const write = [method].flat().some((m) => m !== 'GET' && m !== 'HEAD');
  const errors = url === '/api/admin/login' ? ['unauthorized', 'validation_failed', 'too_many_requests'] as const : write ? ADMIN_WRITE_ERRORS : ADMIN_READ_ERRORS;
  return { ...schema, response: { '2XX': { description: 'success: the JSON answer' }, ...errorResponses(errors) } };
}
