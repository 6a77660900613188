import { join } from 'node:path';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestPlatform } from '../support/platform.ts';
import { chooseFilter, launchChromium, screenshotDir, screenshotWhole } from './support/browser.ts';
import { webDist } from './support/build-web.ts';
import { accepted, type HttpApiClient, httpApiClient, routeToNowhere, signInAsAdmin } from './support/traffic.ts';

/**
 * Traffic → Statistics in a real browser. Today's messages are real: sent over /sendsms and queued
 * (the vendor cannot be reached). Two days ago is history as the counters hold it (rows of
 * stats_daily, as the folder would have left them): delivered and undelivered messages.
 */

let p: Awaited<ReturnType<typeof startTestPlatform>>;
let admin: ApiClient;
let browser: Browser;
let page: Page;
let vendorId: number;

beforeAll(async () => {
  p = await startTestPlatform({ webDist });
  admin = await p.api.signIn();
  let ukraine: number;
  ({ destinationId: ukraine, vendorId } = await routeToNowhere(admin));
  const lark: HttpApiClient = await httpApiClient(admin, 'Lark_Books', ukraine);
  const wren = await httpApiClient(admin, 'Wren_Travel', ukraine);
  for (const to of ['380501234567', '380501234568', '380501234569']) await accepted(p.httpUrl, lark, [to]);
  await accepted(p.httpUrl, wren, ['380671234567']);
  await sql`INSERT INTO stats_daily (day, client_id, vendor_id, country, network, state, messages, segments, amount) VALUES
    (current_date - 2, ${lark.id}, ${vendorId}, 'UA', '255-01', 'delivered', 8, 9, 0.135),
    (current_date - 2, ${lark.id}, ${vendorId}, 'UA', '255-01', 'undelivered', 2, 2, 0.03)`.execute(p.db);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await p?.stop();
});

const rows = () => page.getByTestId('stats-table').locator('tbody tr.ant-table-row');
const cells = async (i: number) => (await rows().nth(i).locator('td').allInnerTexts()).map((t) => t.trim());
const shot = (name: string) => screenshotWhole(page, join(screenshotDir, `${name}.png`));

describe('Traffic → Statistics', () => {
  it('shows the last 7 days by day: totals, delivered, not delivered, in progress, delivery rate and amounts', async () => {
    await signInAsAdmin(page, p.httpUrl, '/traffic/statistics');
    await page.getByTestId('stats-table').waitFor();
    await expect.poll(() => rows().count()).toBe(2);
    await expect.poll(() => page.getByTestId('total-messages-EUR').innerText()).toContain('14');
    expect(await page.getByTestId('total-rate-EUR').innerText()).toContain('80.0 %');
    expect(await page.getByTestId('total-amount-EUR').innerText()).toContain('0.225 EUR');
    const [history, today] = [await cells(0), await cells(1)];
    // Day, messages, segments, delivered, not delivered, refunded, in progress, rate, amount.
    expect(history).toEqual([expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), '10', '11', '8', '2', '0', '0', '80.0 %', '0.165 EUR']);
    expect(today).toEqual([new Date().toISOString().slice(0, 10), '4', '4', '0', '0', '0', '4', '—', '0.06 EUR']);
    await shot('statistics-by-day');
  });

  it('groups by client and by vendor, and narrows to one client', async () => {
    await page.getByTestId('stats-by').getByText('Client', { exact: true }).click();
    await expect.poll(async () => (await cells(0))[0]).toBe('Lark_Books');
    expect((await cells(0)).slice(0, 2)).toEqual(['Lark_Books', '13']);
    expect((await cells(1)).slice(0, 2)).toEqual(['Wren_Travel', '1']);

    await page.getByTestId('stats-by').getByText('Vendor', { exact: true }).click();
    await expect.poll(async () => (await cells(0))[0]).toBe('Nowhere SMSC');
    expect(await rows().count()).toBe(1);
    expect((await cells(0)).slice(0, 4)).toEqual(['Nowhere SMSC', '14', '15', '8']);

    await chooseFilter(page, 'stats_client', 'Wren_Travel', { search: 'Wren' });
    await expect.poll(() => rows().count()).toBe(1);
    expect((await cells(0)).slice(0, 2)).toEqual(['Nowhere SMSC', '1']);
    expect(await page.getByTestId('total-messages-EUR').innerText()).toContain('1');
    await shot('statistics-by-vendor');
  });
});
