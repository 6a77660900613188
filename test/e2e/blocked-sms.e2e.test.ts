import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestPlatform } from '../support/platform.ts';
import { chooseFilter, launchChromium, screenshotDir, screenshotWhole } from './support/browser.ts';
import { webDist } from './support/build-web.ts';
import { type HttpApiClient, httpApiClient, ok, sendsms, signInAsAdmin } from './support/traffic.ts';

/**
 * Traffic → Blocked SMS in a real browser: messages refused at intake (sent here over /sendsms by
 * two clients, for three reasons) listed newest first with client, destination, code and reason,
 * the totals per code, and the filters by client, code and number.
 */

let p: Awaited<ReturnType<typeof startTestPlatform>>;
let admin: ApiClient;
let browser: Browser;
let page: Page;

/** A /sendsms request that intake must refuse; returns the answer's first line. */
async function refusedSend(c: HttpApiClient, to: string): Promise<string> {
  const { status, text } = await sendsms(p.httpUrl, c, [to]);
  if (status < 400) throw new Error(`expected a refusal, got ${status}: ${text}`);
  return text.split('\n')[0] ?? '';
}

let lark: HttpApiClient;
let wren: HttpApiClient;

beforeAll(async () => {
  p = await startTestPlatform({ webDist });
  admin = await p.api.signIn();
  await ok(admin.put('/api/admin/currencies/EUR', { enabled: true }), 200);
  lark = await httpApiClient(admin, 'Lark_Books');
  wren = await httpApiClient(admin, 'Wren_Travel');
  // No destination, route or price is set up: a number is refused with no_route; "12" is no number at all.
  expect(await refusedSend(lark, '380501234567')).toMatch(/^ERR no_route/);
  expect(await refusedSend(lark, '12')).toMatch(/^ERR invalid_destination/);
  expect(await refusedSend(wren, '4915112345678')).toMatch(/^ERR no_route/);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await p?.stop();
});

const rows = () => page.getByTestId('blocked-table').locator('tbody tr.ant-table-row');
const shot = (name: string) => screenshotWhole(page, join(screenshotDir, `${name}.png`));

describe('Traffic → Blocked SMS', () => {
  it('is in the menu and lists the refusals newest first, with client, channel, destination, code and reason', async () => {
    await signInAsAdmin(page, p.httpUrl);
    await page.getByTestId('main-menu').getByText('Blocked SMS', { exact: true }).click();
    await page.waitForURL(/\/traffic\/blocked$/);
    await expect.poll(() => rows().count()).toBe(3);
    const first = await rows().nth(0).innerText();
    expect(first).toContain('Wren_Travel');
    expect(first).toContain('HTTP');
    expect(first).toContain('4915112345678');
    expect(first).toContain('no_route');
    const second = await rows().nth(1).innerText();
    expect(second).toContain('Lark_Books');
    expect(second).toContain('invalid_destination');
    expect(await page.getByTestId('blocked-count').textContent()).toBe('3 refusal(s)');
    expect(await page.getByTestId('total-no_route').textContent()).toBe('no_route: 2');
    expect(await page.getByTestId('total-invalid_destination').textContent()).toBe('invalid_destination: 1');
    await shot('blocked-sms');
  });

  it('filters by client on the server, and by code and number in the page', async () => {
    await chooseFilter(page, 'blocked_client', 'Lark_Books', { search: 'Lark' });
    await expect.poll(() => rows().count()).toBe(2);
    expect(await rows().allInnerTexts()).toEqual([expect.stringContaining('Lark_Books'), expect.stringContaining('Lark_Books')]);

    await page.getByTestId('total-no_route').click();
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows().nth(0).innerText()).toContain('380501234567');
    expect(await page.getByTestId('blocked-count').textContent()).toBe('1 of 2 refusal(s)');

    await page.locator('#blocked_number').fill('4915');
    await expect.poll(() => page.getByTestId('blocked-table').innerText()).toContain('No refusal matches the filters.');
  });

  it('shows a new refusal after Refresh, and links a row to its client', async () => {
    await page.locator('#blocked_number').fill('');
    await refusedSend(lark, '380509876543');
    await page.getByTestId('blocked-reload').click();
    await expect.poll(() => rows().count()).toBe(2);
    expect(await rows().nth(0).innerText()).toContain('380509876543');
    await rows().nth(0).getByRole('link', { name: 'Lark_Books' }).click();
    await page.waitForURL(new RegExp(`/clients/${lark.id}$`));
    await page.getByTestId('client-header').waitFor();
  });
});
