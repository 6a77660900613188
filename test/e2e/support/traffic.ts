import type { Page } from 'playwright-core';
import { createClient, requiredFields } from '../../support/clients.ts';
import { ADMIN_PASSWORD, type ApiClient, type ApiResponse } from '../../support/platform.ts';

/**
 * What the browser tests of the traffic views share: signing in through the panel's form, a route
 * to Ukraine over a vendor nobody can reach (messages stay queued), and clients that send over
 * /sendsms.
 */

/** Opens `path` and signs in as the admin on the form the panel shows first. */
export async function signInAsAdmin(page: Page, baseUrl: string, path = '/clients'): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.locator('#signIn_login').fill('admin');
  await page.locator('#signIn_password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The body of a set-up call's answer; anything but `status` ends the set-up with the answer. */
export async function ok(res: Promise<ApiResponse>, status = 201): Promise<ApiResponse['body']> {
  const r = await res;
  if (r.status !== status) throw new Error(`setup call answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** EUR enabled, Ukraine (+380) routed to a vendor at 127.0.0.1:9, where no SMSC answers. */
export async function routeToNowhere(admin: ApiClient): Promise<{ destinationId: number; vendorId: number }> {
  await ok(admin.put('/api/admin/currencies/EUR', { enabled: true }), 200);
  const destinationId = (await ok(admin.post('/api/admin/destinations', { country: 'UA', mcc: '255', prefixes: ['380'] }))).destination.id;
  const vendorId = (await ok(admin.post('/api/admin/vendors', { name: 'Nowhere SMSC', host: '127.0.0.1', port: 9, systemId: 'petrel', password: 'secret' }))).vendor.id;
  const pool = (await ok(admin.post('/api/admin/pools', { name: 'Main', members: [{ vendorId, weight: 100 }] }))).pool;
  await ok(admin.post('/api/admin/routes', { name: 'Ukraine', destinationId, priority: 10, poolId: pool.id }));
  return { destinationId, vendorId };
}

export interface HttpApiClient {
  readonly id: number;
  readonly login: string;
  readonly password: string;
}

/** A client that may send over /sendsms (API password `api-<login>-pw`); with `pricedFor`, a price there and 10.00 to spend. */
export async function httpApiClient(admin: ApiClient, login: string, pricedFor?: number): Promise<HttpApiClient> {
  const client = await createClient(admin, { ...requiredFields(login), dynamicSender: true, canSendHttpApi: true });
  const password = `api-${login}-pw`;
  await ok(admin.put(`/api/admin/clients/${client.id}/access`, { apiPassword: password }), 200);
  if (pricedFor !== undefined) {
    await ok(admin.put(`/api/admin/clients/${client.id}/prices`, { destinationId: pricedFor, price: '0.0150' }), 200);
    await ok(admin.post(`/api/admin/clients/${client.id}/payments`, { kind: 'topup', amount: '10.00' }));
  }
  return { id: Number(client.id), login, password };
}

/** One GET /sendsms from `client` to the numbers `to` (one request); its status and answer. */
export async function sendsms(baseUrl: string, client: HttpApiClient, to: readonly string[], text = 'hello'): Promise<{ status: number; text: string }> {
  const res = await fetch(`${baseUrl}/sendsms?${new URLSearchParams({ username: client.login, password: client.password, from: 'Shop', to: to.join(','), text })}`);
  return { status: res.status, text: await res.text() };
}

/** /sendsms that must accept every recipient: the ids, in the order of `to`. */
export async function accepted(baseUrl: string, client: HttpApiClient, to: readonly string[], text?: string): Promise<string[]> {
  const answer = await sendsms(baseUrl, client, to, text);
  if (answer.status !== 202) throw new Error(`/sendsms answered ${answer.status}: ${answer.text}`);
  return [...answer.text.matchAll(/Accepted for delivery (\d+)/g)].map((m) => m[1] as string);
}
