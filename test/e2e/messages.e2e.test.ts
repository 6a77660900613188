import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestPlatform } from '../support/platform.ts';
import { chooseFilter, launchChromium, screenshotDir, screenshotWhole } from './support/browser.ts';
import { webDist } from './support/build-web.ts';
import { accepted, httpApiClient, routeToNowhere, signInAsAdmin } from './support/traffic.ts';

/**
 * Traffic → Messages in a real browser: messages sent over /sendsms (queued: the vendor cannot be
 * reached), newest first, 50 at a time, searched by number, and one opened with its life.
 */

let p: Awaited<ReturnType<typeof startTestPlatform>>;
let admin: ApiClient;
let browser: Browser;
let page: Page;
let wrenMessage: string;
const clientIds: Record<string, number> = {};

/** A client that may send over /sendsms, with a price for Ukraine and money; sends `to` in one request. */
async function sends(login: string, destinationId: number, to: string[], text: string): Promise<string[]> {
  const client = await httpApiClient(admin, login, destinationId);
  clientIds[login] = client.id;
  return accepted(p.httpUrl, client, to, text);
}

beforeAll(async () => {
  p = await startTestPlatform({ webDist });
  admin = await p.api.signIn();
  const { destinationId: ukraine, vendorId } = await routeToNowhere(admin);
  await sends('Lark_Books', ukraine, Array.from({ length: 54 }, (_, i) => `3805012300${String(i).padStart(2, '0')}`), 'Your order has shipped');
  [wrenMessage] = (await sends('Wren_Travel', ukraine, ['380671234567'], 'Your flight leaves at 9:40')) as [string];
  // A step of the history table, as a failed try at the vendor would leave it.
  await sql`INSERT INTO message_events (message_id, at, kind, vendor_id, state, error_code, detail)
    VALUES (${Number(wrenMessage)}, now() + interval '1 second', 'submit_failed', ${vendorId}, 'queued', 8, 'the vendor answered ESME_RSYSERR; tried again in 2 s')`.execute(p.db);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await p?.stop();
});

const rows = () => page.getByTestId('messages-table').locator('tbody tr.ant-table-row');
const shot = (name: string) => screenshotWhole(page, join(screenshotDir, `${name}.png`));

describe('Traffic → Messages', () => {
  it('lists the newest 50 first, then loads the older ones', async () => {
    await signInAsAdmin(page, p.httpUrl);
    await page.getByTestId('main-menu').getByText('Messages', { exact: true }).click();
    await page.waitForURL(/\/traffic\/messages$/);
    await expect.poll(() => rows().count()).toBe(50);
    const newest = await rows().nth(0).innerText();
    expect(newest).toContain(wrenMessage);
    expect(newest).toContain('Wren_Travel');
    expect(newest).toContain('380671234567');
    expect(newest).toContain('Your flight leaves at 9:40');
    expect(newest).toContain('queued');
    expect(await page.getByTestId('messages-shown').textContent()).toBe('50 message(s) shown; more are older');
    await shot('messages');
    await page.getByTestId('messages-more').click();
    await expect.poll(() => rows().count()).toBe(55);
    expect(await page.getByTestId('messages-shown').textContent()).toBe('55 message(s) shown');
    expect(await page.getByTestId('messages-more').count()).toBe(0);
  });

  it('searches by number, narrows by state, and exports the search as CSV', async () => {
    await page.locator('#messages_number').fill('+380501230007');
    await page.getByTestId('messages-search').click();
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows().nth(0).innerText()).toContain('Lark_Books');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('messages-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^petrel-messages-\d{8}-\d{6}\.csv$/);
    const lines = readFileSync(await download.path(), 'utf8').split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^id,accepted_at,client,/);
    expect(lines[1]).toMatch(/,Lark_Books,http,Shop,380501230007,UA,Your order has shipped,1,0.015000,false,queued,/);
    await page.locator('#messages_number').fill('');
    await chooseFilter(page, 'messages_state', 'delivered');
    await page.getByTestId('messages-search').click();
    await expect.poll(() => page.getByTestId('messages-table').innerText()).toContain('No message matches.');
  });

  it('opens a message with its text, client, price and life: accepted, then a failed try at the vendor', async () => {
    await page.goto(`${p.httpUrl}/traffic/messages`); // every filter back to none
    await page.locator('#messages_number').fill('380671234567');
    await page.getByTestId('messages-search').click();
    await expect.poll(() => rows().count()).toBe(1);
    await rows().nth(0).click();
    const drawer = page.getByTestId('message-drawer');
    await drawer.getByText('Your flight leaves at 9:40').waitFor();
    expect(await drawer.innerText()).toContain('Wren_Travel');
    expect(await drawer.innerText()).toContain('0.0150');
    const steps = drawer.getByTestId('message-step');
    await expect.poll(() => steps.count()).toBe(2);
    expect(await steps.nth(0).innerText()).toContain('accepted');
    expect(await steps.nth(1).innerText()).toContain('submit failed');
    expect(await steps.nth(1).innerText()).toContain('Nowhere SMSC');
    expect(await steps.nth(1).innerText()).toContain('ESME_RSYSERR');
    await page.waitForTimeout(500); // the drawer's opening animation, for the picture
    await shot('message-drawer');
  });

  it('shows the client’s own messages and statistics on its profile', async () => {
    await page.goto(`${p.httpUrl}/clients/${clientIds.Lark_Books}?tab=messages`);
    await expect.poll(() => rows().count()).toBe(50);
    expect(await page.locator('#messages_client').count()).toBe(0);
    expect(new Set(await rows().locator('td:nth-child(3)').allInnerTexts())).toEqual(new Set(['Lark_Books']));
    await page.getByTestId('messages-more').click();
    await expect.poll(() => rows().count()).toBe(54);

    await page.getByRole('tab', { name: 'Statistics', exact: true }).click();
    await page.waitForURL(/tab=statistics/);
    await expect.poll(() => page.getByTestId('total-messages-EUR').innerText().catch(() => '')).toContain('54');
    expect(await page.getByTestId('total-amount-EUR').innerText()).toContain('0.81 EUR');
    expect(await page.getByTestId('stats-by').getByText('Client', { exact: true }).count()).toBe(0);
    await shot('profile-statistics');
  });

  it('cancels a waiting message from its drawer: deleted, refunded, the cancel in its life', async () => {
    await page.goto(`${p.httpUrl}/traffic/messages`);
    await page.locator('#messages_number').fill('380501230003');
    await page.getByTestId('messages-search').click();
    await expect.poll(() => rows().count()).toBe(1);
    await rows().nth(0).click();
    const drawer = page.getByTestId('message-drawer');
    await drawer.getByText('queued').first().waitFor();
    await page.getByTestId('message-cancel').click();
    await page.getByRole('button', { name: 'Cancel the message' }).click();
    await expect.poll(() => drawer.getByTestId('message-step').count()).toBe(2);
    expect(await drawer.getByTestId('message-step').nth(1).innerText()).toContain('cancelled by operator admin');
    expect(await page.getByTestId('message-cancel').count()).toBe(0);
    await expect.poll(() => rows().nth(0).innerText()).toContain('deleted');
    const balance = await admin.get(`/api/admin/clients/${clientIds.Lark_Books}`);
    expect(balance.body.client.balance).toBe('9.205'); // 10.00 less 54 messages at 0.015 (9.19), one refunded
    await shot('message-cancelled');
  });
});
