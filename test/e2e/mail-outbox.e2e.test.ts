import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestPlatform } from '../support/platform.ts';
import { launchChromium, screenshotDir, screenshotWhole } from './support/browser.ts';
import { webDist } from './support/build-web.ts';
import { httpApiClient, ok, routeToNowhere, signInAsAdmin } from './support/traffic.ts';

/**
 * Settings → E-mail outbox in a real browser, on a platform with no SMTP server (interfaces.md: the
 * mail is kept in the outbox and seen in the admin panel): a price change's mail, pending, with
 * its text.
 */

let p: Awaited<ReturnType<typeof startTestPlatform>>;
let admin: ApiClient;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  p = await startTestPlatform({ webDist });
  admin = await p.api.signIn();
  const { destinationId } = await routeToNowhere(admin);
  const lark = await httpApiClient(admin, 'Lark_Books');
  await ok(admin.put(`/api/admin/clients/${lark.id}/prices`, { destinationId, price: '0.0150' }), 200);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await p?.stop();
});

const rows = () => page.getByTestId('mail-table').locator('tbody tr.ant-table-row');

describe('Settings → E-mail outbox', () => {
  it('lists the mail to clients, says that none is sent without a server, and opens a mail’s text', async () => {
    await signInAsAdmin(page, p.httpUrl);
    await page.getByTestId('main-menu').getByText('E-mail outbox', { exact: true }).click();
    await page.waitForURL(/\/settings\/mail$/);
    await expect.poll(() => rows().count()).toBe(1);
    const row = await rows().nth(0).innerText();
    expect(row).toContain('Lark_Books');
    expect(row).toContain('Price update');
    expect(row).toContain('lark_books.prices@example.com');
    expect(row).toContain('Price change for Ukraine: none → 0.0150 EUR');
    expect(row).toContain('pending');
    expect(await page.getByTestId('mail-not-sending').innerText()).toContain('PETREL_SMTP_URL');
    await rows().nth(0).locator('.ant-table-row-expand-icon').click();
    await expect.poll(() => page.getByTestId('mail-body').innerText()).toContain('New price:        0.0150 EUR per message part');
    await screenshotWhole(page, join(screenshotDir, 'mail-outbox.png'));
  });
});
