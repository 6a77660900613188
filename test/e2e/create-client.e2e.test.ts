import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, type ApiResponse, startTestPlatform } from '../support/platform.ts';
import { choose, chooseMany, fieldError, formItem, launchChromium, pick, screenshotDir, screenshotWhole } from './support/browser.ts';
import { webDist } from './support/build-web.ts';
import { signInAsAdmin } from './support/traffic.ts';

/**
 * Profiles → Clients → Create a client, in a real browser against the whole platform: every field
 * of clients.md is filled through the form, saved, and read back on the client's profile page.
 */

let p: Awaited<ReturnType<typeof startTestPlatform>>;
let admin: ApiClient;
let browser: Browser;
let page: Page;
let clientId: number;

const CLIENT = {
  login: 'Orchid_magazine',
  password: 'orchid-pass-2026',
  contactName: 'Olena Kovalenko',
  phone: '+380501234567',
  email: 'olena@orchid.example',
  priceUpdateEmail: 'prices@orchid.example',
  billingEmail: 'billing@orchid.example',
  notificationLimit: '25.50',
  creditLimit: '100.00',
  overdrawAmount: '50.00',
  overdrawUntil: '2030-12-31',
  monthlyPostpaidTopup: '500.00',
  dailyLimit: '10000',
  priority: '10',
  dlrWaitDays: '5',
  contractNumber: 'C-2026/117',
  company: 'Orchid Magazine LLC',
  companyCredentials: 'Tax no. 1234567890, Kyiv, Khreshchatyk 1',
  messenger: '@orchid_mag',
  comments: 'Signed at the spring fair.',
};

/** Switch values the test sets, each different from the form's default where it can be. */
const SWITCHES: Record<string, boolean> = {
  blacklistDisabled: true,
  dynamicSender: true,
  moViaSmpp: true,
  shortUrls: true,
  canSendTests: true,
  dailyStatsEmail: true,
  canSendSmpp: true,
  canSendHttpApi: false,
  canSendWeb: true,
  canSendRest: false,
  canAddSubaccounts: true,
  sendStats: true,
  sendInvoices: true,
  sendInvoicesByEmail: true,
};

beforeAll(async () => {
  p = await startTestPlatform({ webDist });
  admin = await p.api.signIn();
  // The lists the form's selects are fed from, made through the API.
  await expectCreated(admin.put('/api/admin/currencies/EUR', { enabled: true }), 200);
  await expectCreated(admin.post('/api/admin/business-types', { name: 'Publishing' }));
  await expectCreated(admin.post('/api/admin/category-types', { name: 'Key account' }));
  const entity = await expectCreated(admin.post('/api/admin/legal-entities', { name: 'Petrel Telecom OÜ', country: 'EE', invoicePrefix: 'PT-' }));
  await expectCreated(
    admin.post('/api/admin/products', {
      name: 'Standard',
      description: 'Prepaid, automatic moderation',
      defaults: { moderation: 'automatic', priority: 3, canSendTests: true, dlrWaitDays: 3, invoiceDays: [1], legalEntityId: entity.legalEntity?.id ?? entity.id },
    }),
  );
  await expectCreated(admin.post('/api/admin/operators', { login: 'anna_m', password: 'anna-pass-2026', role: 'manager', name: 'Anna Manager', email: 'anna@petrel.example' }));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await p?.stop();
});

async function expectCreated(res: Promise<ApiResponse>, status = 201): Promise<ApiResponse['body']> {
  const r = await res;
  if (r.status !== status) throw new Error(`setup call answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

async function setSwitch(key: string, on: boolean): Promise<void> {
  const control = page.getByTestId(`switch-${key}`);
  if ((await control.getAttribute('aria-checked')) !== String(on)) await control.click();
  await expect.poll(() => control.getAttribute('aria-checked')).toBe(String(on));
}

const value = (key: string) => page.getByTestId(`value-${key}`);

describe('Create a client in the admin panel', () => {
  it('signs in and opens Profiles → Clients → Create a client', async () => {
    await signInAsAdmin(page, p.httpUrl);
    await page.getByTestId('signed-in-operator').waitFor();
    await page.getByTestId('create-client').click();
    await page.waitForURL(/\/clients\/new$/);
    await page.getByTestId('client-form').waitFor();
    await expect.poll(() => page.locator('h3').first().textContent()).toBe('Create a client');
  });

  it('fills every field, with a product pre-filling its defaults', async () => {
    // Product first: choosing it fills the form with its presets, which the operator then overrides.
    await choose(page, 'client_productId', 'Standard');
    await expect.poll(() => page.locator('#client_priority').inputValue()).toBe('3');
    await expect.poll(() => formItem(page, 'client_legalEntityId').textContent()).toContain('Petrel Telecom OÜ');

    await page.locator('#client_login').fill(CLIENT.login);
    await page.locator('#client_password').fill(CLIENT.password);
    await page.locator('#client_passwordConfirm').fill(CLIENT.password);
    await choose(page, 'client_currency', 'EUR — Euro', { search: 'EUR' });
    await page.locator('#client_contactName').fill(CLIENT.contactName);
    await page.locator('#client_phone').fill(CLIENT.phone);
    await page.locator('#client_email').fill(CLIENT.email);
    await page.locator('#client_priceUpdateEmail').fill(CLIENT.priceUpdateEmail);
    await page.locator('#client_billingEmail').fill(CLIENT.billingEmail);
    await choose(page, 'client_managerId', 'Anna Manager (anna_m)');
    await choose(page, 'client_timezone', 'Europe/Berlin', { search: 'Europe/Berlin' });

    await page.locator('#client_notificationLimit').fill(CLIENT.notificationLimit);
    await page.locator('#client_creditLimit').fill(CLIENT.creditLimit);
    await page.locator('#client_overdraw_amount').fill(CLIENT.overdrawAmount);
    await pick(page, 'client_overdraw_until', CLIENT.overdrawUntil);
    await page.locator('#client_monthlyPostpaidTopup').fill(CLIENT.monthlyPostpaidTopup);
    await page.locator('#client_dailyLimit').fill(CLIENT.dailyLimit);

    await choose(page, 'client_moderation', 'Manual');
    // Time of dispatch: two windows kept, a third added and removed again.
    for (let i = 0; i < 3; i++) await page.getByTestId('add-window').click();
    await pick(page, 'client_dispatchWindows_0_from', '09:00');
    await pick(page, 'client_dispatchWindows_0_to', '21:00');
    for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']) await page.getByTestId('dispatch-window-0').getByLabel(day).check();
    await pick(page, 'client_dispatchWindows_1_from', '10:00');
    await pick(page, 'client_dispatchWindows_1_to', '16:00');
    for (const day of ['Sat', 'Sun']) await page.getByTestId('dispatch-window-1').getByLabel(day).check();
    await page.getByTestId('remove-window-2').click();
    await expect.poll(() => page.locator('[data-testid^=dispatch-window-]').count()).toBe(2);
    await page.locator('#client_priority').fill(CLIENT.priority);
    await page.locator('#client_dlrWaitDays').fill(CLIENT.dlrWaitDays);
    await choose(page, 'client_expiredDlrStatus', 'UNDELIV');
    for (const [key, on] of Object.entries(SWITCHES)) await setSwitch(key, on);

    await page.locator('#client_contractNumber').fill(CLIENT.contractNumber);
    await page.locator('#client_company').fill(CLIENT.company);
    await page.locator('#client_companyCredentials').fill(CLIENT.companyCredentials);
    await choose(page, 'client_country', 'Ukraine (UA)', { search: 'Ukraine' });
    await choose(page, 'client_businessType', 'Publishing');
    await choose(page, 'client_categoryType', 'Key account');
    await page.locator('#client_messenger').fill(CLIENT.messenger);
    await page.locator('#client_comments').fill(CLIENT.comments);

    await chooseMany(page, 'client_invoiceDays', ['16']);
    await page.locator('#client_login').click();
    await screenshotWhole(page, join(screenshotDir, 'create-client-form.png'));
  });

  it('saves and lands on the profile page', async () => {
    await page.getByTestId('save-client').click();
    await page.waitForURL(/\/clients\/\d+$/);
    clientId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByTestId('client-header').waitFor();
    expect(await page.getByTestId('client-login').textContent()).toBe(CLIENT.login);
    await screenshotWhole(page, join(screenshotDir, 'client-profile.png'));
  });

  it('stored every value the form sent, amounts as decimal strings', async () => {
    const { body, status } = await admin.get(`/api/admin/clients/${clientId}`);
    expect(status).toBe(200);
    const c = body.client;
    expect(c).toMatchObject({
      login: CLIENT.login,
      currency: 'EUR',
      contactName: CLIENT.contactName,
      phone: CLIENT.phone,
      email: CLIENT.email,
      priceUpdateEmail: CLIENT.priceUpdateEmail,
      billingEmail: CLIENT.billingEmail,
      managerLogin: 'anna_m',
      notificationLimit: CLIENT.notificationLimit,
      moderation: 'manual',
      timezone: 'Europe/Berlin',
      dispatchWindows: [
        { from: '09:00', to: '21:00', days: [1, 2, 3, 4, 5] },
        { from: '10:00', to: '16:00', days: [6, 7] },
      ],
      creditLimit: CLIENT.creditLimit,
      overdraw: { amount: CLIENT.overdrawAmount },
      priority: 10,
      monthlyPostpaidTopup: CLIENT.monthlyPostpaidTopup,
      dailyLimit: 10000,
      productName: 'Standard',
      contractNumber: CLIENT.contractNumber,
      company: CLIENT.company,
      companyCredentials: CLIENT.companyCredentials,
      country: 'UA',
      businessType: 'Publishing',
      categoryType: 'Key account',
      messenger: CLIENT.messenger,
      dlrWaitDays: 5,
      expiredDlrStatus: 'UNDELIV',
      legalEntityName: 'Petrel Telecom OÜ',
      invoiceDays: [1, 16],
      comments: CLIENT.comments,
      ...SWITCHES,
    });
    // The overdraw ends with the last second of its day in the client's Local time (Berlin, CET).
    expect(c.overdraw.until).toBe('2030-12-31T22:59:59.000Z');
  });

  it('shows the saved values on the profile page after a reload', async () => {
    await page.reload();
    await page.getByTestId('client-header').waitFor();
    expect(await page.getByTestId('header-credit').textContent()).toContain('100.00 EUR');
    expect(await page.getByTestId('header-overdraw').textContent()).toContain('50.00 EUR until 2030-12-31');
    expect(await page.getByTestId('header-local-time').textContent()).toContain('Europe/Berlin');
    expect(await page.getByTestId('header-balance').textContent()).toContain('0.00 EUR');
    const expected: Record<string, string> = {
      contactName: CLIENT.contactName,
      phone: CLIENT.phone,
      email: CLIENT.email,
      billingEmail: CLIENT.billingEmail,
      currency: 'EUR',
      managerId: 'anna_m',
      productId: 'Standard',
      legalEntityId: 'Petrel Telecom OÜ',
      notificationLimit: '25.50 EUR',
      overdraw: '50.00 EUR until 2030-12-31',
      monthlyPostpaidTopup: '500.00 EUR',
      dailyLimit: '10000',
      moderation: 'Manual',
      timezone: 'Europe/Berlin',
      expiredDlrStatus: 'UNDELIV',
      country: 'Ukraine (UA)',
      businessType: 'Publishing',
      categoryType: 'Key account',
      company: CLIENT.company,
      contractNumber: CLIENT.contractNumber,
      invoiceDays: '1, 16',
      comments: CLIENT.comments,
      canSendHttpApi: 'Off',
      shortUrls: 'On',
    };
    for (const [key, text] of Object.entries(expected)) expect(await value(key).textContent(), key).toContain(text);
    const windows = await value('dispatchWindows').textContent();
    expect(windows).toContain('09:00–21:00 Mon, Tue, Wed, Thu, Fri');
    expect(windows).toContain('10:00–16:00 Sat, Sun');
  });

  it('keeps the history of the creation', async () => {
    await page.getByRole('tab', { name: 'History' }).click();
    const table = page.getByTestId('history-table');
    const creation = table.locator('tbody tr').first();
    await creation.waitFor();
    expect(await creation.textContent()).toMatch(/admin\s*create\s*\d+ fields/);
    await creation.locator('.ant-table-row-expand-icon').click();
    const credit = table.locator('tbody tr').filter({ hasText: 'Allow credit' });
    expect(await credit.textContent()).toContain('→ 100.00');
  });

  it('opens Edit with Currency read-only and the password optional', async () => {
    await page.getByTestId('edit-client').click();
    await page.waitForURL(/\/clients\/\d+\/edit$/);
    await page.getByTestId('client-form').waitFor();
    const currency = formItem(page, 'client_currency');
    expect(await currency.locator('.ant-select-disabled').count()).toBe(1);
    expect(await currency.textContent()).toContain('EUR');
    expect(await page.locator('#client_login').inputValue()).toBe(CLIENT.login);
    expect(await page.locator('#client_password').getAttribute('placeholder')).toContain('keep the current password');
    expect(await formItem(page, 'client_dispatchWindows_0_from').locator('input').inputValue()).toBe('09:00');
  });

  it('saves an edit: only what changed is sent, and the history shows it', async () => {
    await page.locator('#client_creditLimit').fill('150.00');
    await page.getByTestId('remove-window-1').click();
    await page.getByTestId('save-client').click();
    await page.waitForURL(/\/clients\/\d+$/);
    await page.getByTestId('client-header').waitFor();
    await expect.poll(() => page.getByTestId('header-credit').textContent()).toContain('150.00 EUR');
    expect(await value('dispatchWindows').textContent()).not.toContain('Sat');
    const { body } = await admin.get(`/api/admin/clients/${clientId}/history`);
    const updates = body.items.filter((i: { action: string }) => i.action === 'update');
    expect(updates.map((i: { field: string }) => i.field).sort()).toEqual(['creditLimit', 'dispatchWindows']);
    expect(updates.find((i: { field: string }) => i.field === 'creditLimit')).toMatchObject({ before: '100.00', after: '150.00', actor: 'admin' });
  });

  it('shows every problem of a broken form beside its field, the server’s too', async () => {
    await page.goto(`${p.httpUrl}/clients/new`);
    await page.getByTestId('client-form').waitFor();
    await page.locator('#client_login').fill('bad login!');
    await page.locator('#client_password').fill('secret-pass-1');
    await page.locator('#client_passwordConfirm').fill('secret-pass-2');
    await page.locator('#client_email').fill('not-an-email');
    await page.locator('#client_phone').fill('12345');
    await page.getByTestId('save-client').click();
    await expect.poll(() => fieldError(page, 'client_login').textContent()).toContain('3–32 characters: letters, digits or _');
    expect(await fieldError(page, 'client_passwordConfirm').textContent()).toContain('Passwords do not match');
    expect(await fieldError(page, 'client_email').textContent()).toContain('not a valid e-mail address');
    expect(await fieldError(page, 'client_phone').textContent()).toContain('not a valid international phone number');
    expect(await fieldError(page, 'client_currency').textContent()).toContain('required');
    expect(page.url()).toMatch(/\/clients\/new$/);
    await screenshotWhole(page, join(screenshotDir, 'create-client-invalid.png'));

    // Valid for the browser, refused by the server: the login is taken (case-insensitively).
    await page.locator('#client_login').fill('orchid_MAGAZINE');
    await page.locator('#client_passwordConfirm').fill('secret-pass-1');
    await page.locator('#client_email').fill('second@orchid.example');
    await page.locator('#client_phone').fill('+380671234567');
    await choose(page, 'client_currency', 'EUR — Euro', { search: 'EUR' });
    await page.locator('#client_contactName').fill('Second Contact');
    await page.locator('#client_priceUpdateEmail').fill('prices2@orchid.example');
    await page.locator('#client_billingEmail').fill('billing2@orchid.example');
    await page.getByTestId('save-client').click();
    await page.getByTestId('form-error').waitFor();
    await expect.poll(() => fieldError(page, 'client_login').textContent()).toMatch(/taken/i);
    expect(page.url()).toMatch(/\/clients\/new$/);
    await screenshotWhole(page, join(screenshotDir, 'create-client-errors.png'));
    const list = await admin.get('/api/admin/clients?search=orchid');
    expect(list.body.total).toBe(1);
  });
});
