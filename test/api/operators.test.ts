import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startTestPlatform } from '../support/platform.ts';

let p: Awaited<ReturnType<typeof startTestPlatform>>;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(async () => {
  await p?.stop();
});

describe('operator sign-in', () => {
  it('signs the first-start admin in with an HttpOnly, SameSite=Strict session cookie', async () => {
    const res = await p.api.post('/api/admin/login', { login: 'admin', password: 'admin-test-pass' });
    expect(res.status).toBe(200);
    expect(res.body.operator).toMatchObject({ login: 'admin', role: 'admin' });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect((await p.api.get('/api/admin/me')).body.operator.login).toBe('admin');
  });

  it('signs out: the answer clears the cookie and the old cookie no longer signs in', async () => {
    const c = await p.api.signIn();
    const old = c.cookie;
    const res = await c.post('/api/admin/logout', {});
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^petrel_session=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT/);
    const stale = new ApiClient(p.httpUrl);
    stale.cookie = old;
    expect((await stale.get('/api/admin/me')).status).toBe(401);
  });

  it('answers 401 to anonymous requests and to a wrong password', async () => {
    const anon = new ApiClient(p.httpUrl);
    expect((await anon.get('/api/admin/me')).status).toBe(401);
    expect((await anon.post('/api/admin/login', { login: 'admin', password: 'nope-nope' })).status).toBe(401);
  });

  it('throttles repeated failed sign-ins with 429 and Retry-After', async () => {
    const c = await p.api.signIn();
    await c.post('/api/admin/operators', { login: 'victim', password: 'victim-pass-1', role: 'manager' });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await p.api.post('/api/admin/login', { login: 'victim', password: 'wrong-pass' })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const last = await p.api.post('/api/admin/login', { login: 'victim', password: 'victim-pass-1' });
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('accepts a bearer token made by the operator and refuses it once revoked', async () => {
    const admin = await p.api.signIn();
    const made = await admin.post('/api/admin/tokens', { name: 'script' });
    expect(made.status).toBe(201);
    const script = new ApiClient(admin.baseUrl);
    script.bearer = made.body.token;
    expect((await script.get('/api/admin/me')).body.operator.login).toBe('admin');
    await admin.delete(`/api/admin/tokens/${made.body.id}`);
    expect((await script.get('/api/admin/me')).status).toBe(401);
  });

  it('lets only admins create operators', async () => {
    const admin = await p.api.signIn();
    expect((await admin.post('/api/admin/operators', { login: 'mgr_one', password: 'manager-pass', role: 'manager' })).status).toBe(201);
    const mgr = await p.api.signIn('mgr_one', 'manager-pass');
    const res = await mgr.post('/api/admin/operators', { login: 'mgr_two', password: 'manager-pass' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('reports every invalid operator field at once', async () => {
    const admin = await p.api.signIn();
    const res = await admin.post('/api/admin/operators', { login: 'x', password: 'short', role: 'boss', extra: 1 });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['extra', 'login', 'password', 'role']);
  });
});
