import { join } from 'node:path';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, requiredFields } from '../support/clients.ts';
import { type ApiClient, type ApiResponse, startTestPlatform } from '../support/platform.ts';
import { choose, fieldError, launchChromium, pick, screenshotDir, screenshotWhole } from './support/browser.ts';
import { webDist } from './support/build-web.ts';
import { signInAsAdmin } from './support/traffic.ts';

/**
 * The client profile's money and access tabs in a real browser against the whole platform:
 * Payments (top-up, ledger), Prices (set, schedule, history), Routes, SMPP & API (credentials, IP
 * ranges, an API key shown once) and Senders (add, approve), plus the operator pages they rely on.
 */

let p: Awaited<ReturnType<typeof startTestPlatform>>;
let admin: ApiClient;
let browser: Browser;
let page: Page;
let clientId: number;
let ukraineId: number;
let nowhereId: number;
let elsewhereId: number;

async function expectStatus(res: Promise<ApiResponse>, status = 201): Promise<ApiResponse['body']> {
  const r = await res;
  if (r.status !== status) throw new Error(`setup call answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

beforeAll(async () => {
  p = await startTestPlatform({ webDist });
  admin = await p.api.signIn();
  await expectStatus(admin.put('/api/admin/currencies/EUR', { enabled: true }), 200);
  // Manual moderation: a new sender name waits for the operator.
  const client = await createClient(admin, { ...requiredFields('Lark_Books', 'lark-pass-2026'), moderation: 'manual', company: 'Lark Books Ltd' });
  clientId = client.id;
  ukraineId = (await expectStatus(admin.post('/api/admin/destinations', { country: 'UA', mcc: '255', prefixes: ['380'] }))).destination.id;
  await expectStatus(admin.post('/api/admin/destinations', { country: 'UA', network: 'Kyivstar', mcc: '255', mnc: '03', prefixes: ['38067', '38068'] }));
  // A vendor that cannot be reached (its binds stay down), a pool and a general route to it.
  const vendor = (await expectStatus(admin.post('/api/admin/vendors', { name: 'Nowhere SMSC', host: '127.0.0.1', port: 9, systemId: 'petrel', password: 'secret' }))).vendor;
  nowhereId = vendor.id;
  // A vendor that another node (edge-2) binds: its lease is taken before it is enabled here.
  elsewhereId = (await expectStatus(admin.post('/api/admin/vendors', { name: 'Elsewhere SMSC', host: '127.0.0.1', port: 9, systemId: 'petrel', password: 'secret', enabled: false }))).vendor.id;
  await sql`INSERT INTO vendor_leases (vendor_id, node_id, until) VALUES (${elsewhereId}, 'edge-2', now() + interval '1 hour')`.execute(p.db);
  await expectStatus(admin.patch(`/api/admin/vendors/${elsewhereId}`, { enabled: true }), 200);
  const pool = (await expectStatus(admin.post('/api/admin/pools', { name: 'Main', members: [{ vendorId: vendor.id, weight: 100 }] }))).pool;
  await expectStatus(admin.post('/api/admin/routes', { name: 'Ukraine main', destinationId: ukraineId, priority: 10, poolId: pool.id }));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await p?.stop();
});

const tab = (name: string) => page.getByRole('tab', { name, exact: true });
const shot = (name: string) => screenshotWhole(page, join(screenshotDir, `${name}.png`));

describe('A client’s money and access on its profile page', () => {
  it('signs in and opens the client’s profile', async () => {
    await signInAsAdmin(page, p.httpUrl, `/clients/${clientId}`);
    await page.getByTestId('client-header').waitFor();
    expect(await page.getByTestId('client-login').textContent()).toBe('Lark_Books');
    for (const name of ['Profile', 'Payments', 'Prices', 'Routes', 'SMPP & API', 'Senders', 'Messages', 'Statistics', 'History']) expect(await tab(name).count(), name).toBe(1);
  });

  it('Payments: refuses a negative top-up beside its field, then tops up 100.00 and shows the ledger row', async () => {
    await tab('Payments').click();
    await page.waitForURL(/tab=payments/);
    expect(await page.getByTestId('funds-balance').textContent()).toContain('0.00 EUR');
    await page.locator('#payment_amount').fill('-5');
    await page.getByTestId('add-payment').click();
    await expect.poll(() => fieldError(page, 'payment_amount').textContent()).toContain('a top-up is more than 0');

    await page.locator('#payment_amount').fill('100.00');
    await page.locator('#payment_comment').fill('Bank transfer 2026-07-01');
    await page.getByTestId('add-payment').click();
    await expect.poll(() => page.getByTestId('funds-balance').textContent()).toContain('100.00 EUR');
    expect(await page.getByTestId('funds-available').textContent()).toContain('100.00 EUR');
    await expect.poll(() => page.getByTestId('header-balance').textContent()).toContain('100.00 EUR');
    const row = page.getByTestId('ledger-table').locator('tbody tr').filter({ hasText: 'Bank transfer' });
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('Top-up');
    expect(text).toContain('+100.00 EUR');
    expect(text).toContain('admin');
    await shot('profile-payments');

    const ledger = await admin.get(`/api/admin/clients/${clientId}/ledger`);
    expect(ledger.body).toMatchObject({ balance: '100.00', items: [{ kind: 'topup', amount: '100.00', balanceAfter: '100.00', comment: 'Bank transfer 2026-07-01', actor: 'admin' }] });
  });

  it('Prices: sets a price from now, schedules the next one, and shows both with their history', async () => {
    await tab('Prices').click();
    await choose(page, 'price_destinationId', 'Ukraine (UA, 255)', { search: 'Ukraine' });
    await page.locator('#price_price').fill('0.0150');
    await page.getByTestId('set-price').click();
    const row = page.getByTestId('prices-table').locator('tbody tr').filter({ hasText: 'Ukraine' });
    await expect.poll(() => row.first().textContent()).toContain('0.0150 EUR');

    await row.getByRole('button', { name: 'Change', exact: true }).click();
    await page.locator('#price_price').fill('0.0200');
    expect(await page.getByTestId('set-price').textContent()).toBe('Set price');
    // Enter confirms the date and, as in any form, submits it.
    await pick(page, 'price_effectiveFrom', '2030-01-01 00:00');
    await expect.poll(() => row.first().textContent()).toContain('0.0200 EUR from 2030-01-01');
    await shot('profile-prices');

    await page.getByRole('button', { name: 'History of Ukraine' }).click();
    const history = page.getByTestId('price-history').locator('tbody tr');
    await expect.poll(() => history.count()).toBe(2);
    expect(await history.nth(0).textContent()).toContain('scheduled');
    expect(await history.nth(1).textContent()).toContain('in force');
    await page.keyboard.press('Escape');

    const prices = await admin.get(`/api/admin/clients/${clientId}/prices`);
    expect(prices.body.items).toMatchObject([{ destinationId: ukraineId, price: '0.0150', scheduled: [{ price: '0.0200', effectiveFrom: expect.stringMatching(/^20(29-12-31|30-01-01)T/) }] }]);
  });

  it('Routes: lists the general route that applies', async () => {
    await tab('Routes').click();
    const row = page.getByTestId('client-routes').locator('tbody tr').filter({ hasText: 'Ukraine main' });
    await row.waitFor();
    // The pool's and the destination's names arrive after the route itself.
    await expect.poll(() => row.textContent()).toContain('Ukraine (UA, 255)');
    await expect.poll(() => row.textContent()).toContain('Main');
    expect(await row.textContent()).toContain('general');
    await shot('profile-routes');
  });

  it('SMPP & API: saves a password and an IP range; after a reload the password is "set" and the range is there', async () => {
    await tab('SMPP & API').click();
    await page.getByTestId('smpp-access').waitFor();
    expect(await page.getByTestId('smpp-password-state').textContent()).toBe('not set');
    expect(await page.locator('#access_smppSystemId').inputValue()).toBe('Lark_Books');
    await page.locator('#access_smppPassword').fill('lark8pwd');
    await page.locator('#access_allowedIps').fill('203.0.113.0/24');
    await page.locator('#access_allowedIps').press('Enter');
    await page.locator('#access_maxBinds').fill('3');
    await page.locator('#access_throughput').fill('50');
    await page.getByTestId('save-access').click();
    await expect.poll(() => page.getByTestId('smpp-password-state').textContent()).toBe('set');

    await page.reload();
    await page.getByTestId('smpp-access').waitFor();
    expect(await page.getByTestId('smpp-password-state').textContent()).toBe('set');
    expect(await page.getByTestId('api-password-state').textContent()).toBe('not set');
    expect(await page.getByTestId('allowed-ips').textContent()).toContain('203.0.113.0/24');
    expect(await page.locator('#access_smppPassword').inputValue()).toBe('');
    expect(await page.getByTestId('connection-details').textContent()).toContain('2775');
    const access = await admin.get(`/api/admin/clients/${clientId}/access`);
    expect(access.body.access).toMatchObject({ smppSystemId: 'Lark_Books', smppPasswordSet: true, allowedIps: ['203.0.113.0/24'], maxBinds: 3, throughput: 50 });
  });

  it('SMPP & API: an API key is shown once, then only its prefix', async () => {
    await page.locator('#apiKey_name').fill('CRM production');
    await page.getByTestId('create-api-key').click();
    const secret = page.getByTestId('secret-value');
    await secret.waitFor();
    const key = (await secret.textContent())?.trim() ?? '';
    expect(key).toMatch(/^ptl_/);
    await shot('profile-api-key-once');
    await page.getByTestId('secret-done').click();
    await secret.waitFor({ state: 'detached' });

    const row = page.getByTestId('api-keys-table').locator('tbody tr').filter({ hasText: 'CRM production' });
    await row.waitFor();
    const { body } = await admin.get(`/api/admin/clients/${clientId}/api-keys`);
    const prefix: string = body.items[0].prefix;
    expect(key.startsWith(prefix)).toBe(true);
    expect(await row.textContent()).toContain(prefix);
    expect(await page.content()).not.toContain(key);
    await page.reload();
    await page.getByTestId('api-keys-table').locator('tbody tr').filter({ hasText: 'CRM production' }).waitFor();
    expect(await page.content()).not.toContain(key);
    await shot('profile-smpp-api');
  });

  it('Senders: adds a name that waits for approval, and approves it', async () => {
    await tab('Senders').click();
    await page.locator('#sender_name').fill('LarkBooks');
    await page.getByTestId('add-sender').click();
    const status = page.getByTestId('sender-status-LarkBooks');
    await expect.poll(() => status.textContent()).toBe('pending');
    await page.getByTestId('approve-LarkBooks').click();
    await expect.poll(() => status.textContent()).toBe('approved');
    await shot('profile-senders');
    const { body } = await admin.get(`/api/admin/clients/${clientId}/senders`);
    expect(body.items).toMatchObject([{ name: 'LarkBooks', status: 'approved', decidedBy: 'admin' }]);
  });

  it('History: shows the top-up, the price and the access changes', async () => {
    await tab('History').click();
    const table = page.getByTestId('history-table');
    await table.locator('tbody tr').first().waitFor();
    const text = await table.textContent();
    expect(text).toContain('topup');
    expect(text).toContain('Price (destination');
    expect(text).toContain('Allowed IP ranges');
  });

  it('shows the operator pages: vendors with their binds, destinations, the sender queue', async () => {
    await page.goto(`${p.httpUrl}/routing/vendors`);
    const vendor = page.getByTestId('vendors-table').locator('tbody tr').filter({ hasText: 'Nowhere SMSC' });
    await vendor.waitFor();
    expect(await vendor.textContent()).toContain('127.0.0.1:9');
    // Its binds are this node's (it holds the vendor), and each says so when pointed at.
    const binds = page.getByTestId(`vendor-binds-${nowhereId}`);
    await binds.locator('.ant-tag').first().hover();
    await expect.poll(async () => (await page.locator('.ant-tooltip').last().textContent()) ?? '').toContain(`on ${p.nodeId}`);
    // A vendor another node holds shows that node instead of binds.
    const elsewhere = page.getByTestId(`vendor-binds-${elsewhereId}`);
    await expect.poll(async () => (await elsewhere.textContent()) ?? '', { timeout: 10_000 }).toBe('bound by node edge-2');
    await page.mouse.move(0, 0);
    await page.locator('.ant-tooltip:not(.ant-tooltip-hidden)').waitFor({ state: 'detached' }).catch(() => undefined);
    await shot('routing-vendors');
    await page.goto(`${p.httpUrl}/routing/destinations`);
    await page.getByTestId('destinations-table').locator('tbody tr').filter({ hasText: 'Kyivstar' }).waitFor();
    await shot('routing-destinations');
    await page.goto(`${p.httpUrl}/moderation/senders?status=all`);
    await page.getByTestId('sender-queue').locator('tbody tr').filter({ hasText: 'LarkBooks' }).waitFor();
    await shot('moderation-senders');
  });
});
