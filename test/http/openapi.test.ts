import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpWorld, startHttpWorld } from './support/http-world.ts';

let world: HttpWorld;
let doc: any;
beforeAll(async () => {
  world = await startHttpWorld();
  doc = await (await fetch(`${world.url}/api/openapi.json`)).json();
});
afterAll(async () => {
  await world?.stop();
});

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;
/** Routes that are not part of the API: the document itself, the docs page, health. */
const INFRA = [/^\/api\/docs/, /^\/api\/openapi\.json$/, /^\/healthz$/, /\*/];

/** The parts of the OpenAPI 3.1 structure a client generator relies on, as a JSON Schema. */
const OPENAPI_31_SHAPE = {
  type: 'object',
  required: ['openapi', 'info', 'paths'],
  properties: {
    openapi: { type: 'string', pattern: '^3\\.1\\.\\d+$' },
    info: { type: 'object', required: ['title', 'version'], properties: { title: { type: 'string', minLength: 1 }, version: { type: 'string', minLength: 1 } } },
    components: { type: 'object', properties: { schemas: { type: 'object' }, securitySchemes: { type: 'object', additionalProperties: { type: 'object', required: ['type'] } } } },
    paths: {
      type: 'object',
      propertyNames: { pattern: '^/' },
      additionalProperties: {
        type: 'object',
        propertyNames: { enum: [...METHODS, 'parameters', 'summary', 'description', 'servers', '$ref'] },
        additionalProperties: {
          type: 'object',
          required: ['responses'],
          properties: {
            tags: { type: 'array', items: { type: 'string' } },
            summary: { type: 'string' },
            operationId: { type: 'string' },
            parameters: {
              type: 'array',
              items: { type: 'object', required: ['name', 'in'], properties: { name: { type: 'string' }, in: { enum: ['query', 'header', 'path', 'cookie'] }, required: { type: 'boolean' }, schema: { type: 'object' } } },
            },
            requestBody: { type: 'object', required: ['content'], properties: { content: { type: 'object', minProperties: 1, additionalProperties: { type: 'object' } } } },
            responses: {
              type: 'object',
              minProperties: 1,
              propertyNames: { pattern: '^([1-5](\\d\\d|XX)|default)$' },
              additionalProperties: { type: 'object', required: ['description'], properties: { description: { type: 'string' }, content: { type: 'object', additionalProperties: { type: 'object' } } } },
            },
            security: { type: 'array', items: { type: 'object', additionalProperties: { type: 'array' } } },
          },
        },
      },
    },
  },
};

/** The routes of Fastify's route tree (each line a path segment under its parent), as OpenAPI paths. */
function routesOf(tree: string): { method: string; path: string }[] {
  const stack: string[] = [];
  const out: { method: string; path: string }[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = (m[1] as string).length / 4;
    const path = (stack[depth - 1] ?? '') + (m[2] as string);
    stack[depth] = path;
    for (const method of (m[3] ?? '').split(', ').filter((x) => x && x !== 'HEAD' && x !== 'OPTIONS')) out.push({ method: method.toLowerCase(), path: path.replace(/:([A-Za-z]+)/g, '{$1}') });
  }
  return out;
}

function operations(): { path: string; method: string; op: any }[] {
  return Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([m]) => (METHODS as readonly string[]).includes(m))
      .map(([method, op]) => ({ path, method, op })),
  );
}

/** Every schema in the document (parameters, bodies, responses, components). */
function schemas(): { where: string; schema: object }[] {
  const out: { where: string; schema: object }[] = [];
  for (const { path, method, op } of operations()) {
    for (const p of op.parameters ?? []) if (p.schema) out.push({ where: `${method} ${path} parameter ${p.name}`, schema: p.schema });
    for (const [type, media] of Object.entries<any>(op.requestBody?.content ?? {})) if (media.schema) out.push({ where: `${method} ${path} body ${type}`, schema: media.schema });
    for (const [status, r] of Object.entries<any>(op.responses ?? {})) for (const [type, media] of Object.entries<any>(r.content ?? {})) if (media.schema) out.push({ where: `${method} ${path} ${status} ${type}`, schema: media.schema });
  }
  for (const [name, schema] of Object.entries<object>(doc.components?.schemas ?? {})) out.push({ where: `components.schemas.${name}`, schema });
  return out;
}

describe('the OpenAPI document at /api/openapi.json', () => {
  it('has the structure of OpenAPI 3.1', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const valid = ajv.validate(OPENAPI_31_SHAPE, doc);
    expect(valid, ajv.errorsText(ajv.errors)).toBe(true);
  });

  it('declares every path parameter of every path template, as required', () => {
    for (const { path, method, op } of operations()) {
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const declared = (op.parameters ?? []).filter((p: { in: string }) => p.in === 'path');
      expect(declared.map((p: { name: string }) => p.name).sort(), `${method} ${path}`).toEqual([...inPath].sort());
      for (const p of declared) expect(p.required, `${method} ${path} ${p.name}`).toBe(true);
    }
  });

  it('has only valid JSON Schemas (2020-12, the dialect of OpenAPI 3.1)', () => {
    const ajv = new Ajv2020({ strict: false });
    const all = schemas();
    expect(all.length).toBeGreaterThan(50);
    for (const { where, schema } of all) expect(() => ajv.compile(schema), where).not.toThrow();
  });

  it('lists every route of the app', () => {
    const routes = routesOf(world.platform.http.printRoutes({ commonPrefix: false }));
    expect(routes.length).toBeGreaterThan(40);
    const missing = routes.filter((r) => !INFRA.some((re) => re.test(r.path)) && !doc.paths[r.path]?.[r.method]);
    expect(missing).toEqual([]);
  });

  it('documents the HTTP API, REST v1, API keys and webhooks fully: tags, summary, success and error answers with their codes', () => {
    const ours = operations().filter(({ path }) => path === '/sendsms' || path.startsWith('/api/v1/') || /\/api-keys|\/webhook/.test(path));
    expect(ours.map(({ method, path }) => `${method.toUpperCase()} ${path}`).sort()).toEqual([
      'DELETE /api/admin/clients/{id}/api-keys/{keyId}',
      'DELETE /api/v1/messages/{id}',
      'GET /api/admin/clients/{id}/api-keys',
      'GET /api/admin/clients/{id}/webhook',
      'GET /api/admin/clients/{id}/webhook/deliveries',
      'GET /api/v1/balance',
      'GET /api/v1/inbox',
      'GET /api/v1/messages',
      'GET /api/v1/messages/{id}',
      'GET /api/v1/prices',
      'GET /api/v1/senders',
      'GET /sendsms',
      'POST /api/admin/clients/{id}/api-keys',
      'POST /api/admin/clients/{id}/webhook/resend',
      'POST /api/admin/clients/{id}/webhook/rotate-secret',
      'POST /api/v1/messages',
      'POST /api/v1/senders',
      'POST /sendsms',
      'PUT /api/admin/clients/{id}/webhook',
    ]);
    for (const { path, method, op } of ours) {
      const where = `${method} ${path}`;
      expect(op.tags?.length, where).toBeGreaterThan(0);
      expect(op.summary, where).toEqual(expect.any(String));
      const statuses = Object.keys(op.responses);
      expect(statuses.some((s) => s.startsWith('2')), where).toBe(true);
      for (const s of ['400', '401', '500']) expect(statuses, `${where} documents ${s}`).toContain(s);
      for (const [status, r] of Object.entries<any>(op.responses)) {
        expect(r.content?.['application/json']?.schema, `${where} ${status}`).toBeDefined();
        if (status.startsWith('2')) continue;
        const codes = r.content['application/json'].schema.properties.error.properties.code.enum;
        expect(codes.length, `${where} ${status} names its codes`).toBeGreaterThan(0);
      }
    }
    const send = doc.paths['/api/v1/messages'].post;
    expect(send.responses['402'].content['application/json'].schema.properties.error.properties.code.enum).toEqual(['insufficient_funds']);
    expect(send.responses['409'].content['application/json'].schema.properties.error.properties.code.enum).toContain('conflict');
    expect(send.parameters.some((p: { in: string; name: string }) => p.in === 'header' && p.name === 'idempotency-key')).toBe(true);
    expect(Object.keys(doc.paths['/sendsms'].get.responses['202'].content).sort()).toEqual(['application/json', 'text/plain']);
    expect(doc.paths['/sendsms'].post.requestBody.content['application/x-www-form-urlencoded']).toBeDefined();
  });

  it('documents a success and the error answers with their codes for every admin operation', () => {
    const admin = operations().filter(({ path }) => path.startsWith('/api/admin'));
    expect(admin.length).toBeGreaterThan(90);
    for (const { path, method, op } of admin) {
      const where = `${method} ${path}`;
      const statuses = Object.keys(op.responses);
      expect(statuses.some((s) => s.startsWith('2')), `${where} documents a success`).toBe(true);
      for (const s of ['400', '500']) expect(statuses, `${where} documents ${s}`).toContain(s);
      if (path !== '/api/admin/login') expect(statuses, `${where} documents 401`).toContain('401');
      for (const [status, r] of Object.entries<any>(op.responses)) {
        if (status.startsWith('2')) continue;
        expect(r.content['application/json'].schema.properties.error.properties.code.enum.length, `${where} ${status} names its codes`).toBeGreaterThan(0);
      }
    }
    expect(doc.paths['/api/admin/clients'].post.responses['409'].content['application/json'].schema.properties.error.properties.code.enum).toContain('login_taken');
    expect(doc.paths['/api/admin/login'].post.responses['429'].content['application/json'].schema.properties.error.properties.code.enum).toEqual(['too_many_requests']);
    expect(doc.paths['/api/admin/clients'].get.responses['409']).toBeUndefined();
  });

  it('serves the docs page', async () => {
    const res = await fetch(`${world.url}/api/docs/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/swagger/i);
  });
});
