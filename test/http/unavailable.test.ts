import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createHttpApp } from '../../src/http/app.ts';
import { errorAnswer } from '../../src/http/sendsms-answer.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = await createHttpApp({ logLevel: 'silent', version: 'test' });
  const cut = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
  app.get('/cut', () => Promise.reject(cut));
  app.get('/bug', () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'id')")));
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

describe('answers while the database cannot be reached', () => {
  it('is 503 unavailable with Retry-After, not a 500, when a route meets a lost database connection', async () => {
    const res = await app.inject({ method: 'GET', url: '/cut' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json()).toEqual({ error: { code: 'unavailable', message: 'the platform cannot reach its database right now; nothing was done; retry shortly' } });
  });

  it('stays 500 internal, with nothing of the error shown, for any other fault', async () => {
    const res = await app.inject({ method: 'GET', url: '/bug' });
    expect(res.statusCode).toBe(500);
    expect(res.headers['retry-after']).toBeUndefined();
    expect(res.json()).toEqual({ error: { code: 'internal', message: 'internal error; the operator can find details in the log' } });
  });

  it("gives /sendsms' unavailable refusal 503 and Retry-After, as text and as JSON", () => {
    expect(errorAnswer('unavailable', 'the platform cannot reach its database right now; nothing was stored; retry shortly', false)).toEqual({
      status: 503,
      type: 'text/plain; charset=utf-8',
      body: 'ERR unavailable: the platform cannot reach its database right now; nothing was stored; retry shortly\n',
      headers: { 'retry-after': '5' },
    });
    expect(errorAnswer('unavailable', 'x', true)).toMatchObject({ status: 503, headers: { 'retry-after': '5' } });
    expect(errorAnswer('daily_limit', 'x', true).headers).toBeUndefined();
  });
});
