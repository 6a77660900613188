import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

const root = fileURLToPath(new URL('../../..', import.meta.url));
export const screenshotDir = join(root, 'test-results', 'e2e');

/** Debian's Chromium, headless; never a downloaded browser. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: process.env.PETREL_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The antd form item holding the control with this id (e.g. "client_login"). */
export const formItem = (page: Page, id: string): Locator => page.locator(`.ant-form-item:has(#${id})`).last();

/** The error message antd shows under a form item. */
export const fieldError = (page: Page, id: string): Locator => page.locator(`#${id}_help`);

/** Opens an antd Select of a form, types to narrow it when it is searchable, and picks the option with this label. */
export async function choose(page: Page, id: string, label: string, opts: { search?: string } = {}): Promise<void> {
  const item = formItem(page, id);
  await chooseIn(page, item.locator('.ant-select').first(), item, id, label, opts);
}

/** The same for a Select outside a form (a filter bar), by its input's id. */
export async function chooseFilter(page: Page, id: string, label: string, opts: { search?: string } = {}): Promise<void> {
  const select = page.locator('.ant-select').filter({ has: page.locator(`#${id}`) }).first();
  await chooseIn(page, select, select, id, label, opts);
}

/** Clicks `select` open and picks; `item` shows the choice once antd took it. */
async function chooseIn(page: Page, select: Locator, item: Locator, id: string, label: string, opts: { search?: string }): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await select.click();
    if (opts.search !== undefined) await page.locator(`#${id}`).fill(opts.search);
    const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: label }).first();
    await option.click();
    // The choice shows in the field once antd took it. A click that landed while the previous
    // Select's dropdown was still closing did not (seen once on a loaded CI machine): open it again.
    const shown = await waitUntil(async () => ((await item.textContent()) ?? '').includes(label), 2_000);
    if (shown) return;
    if (attempt === 3) throw new Error(`the Select #${id} did not take "${label}"`);
    await page.keyboard.press('Escape');
  }
}

/** Polls `check` every 50 ms until it holds or `ms` pass. */
async function waitUntil(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Picks several options of a multiple Select, then closes it. */
export async function chooseMany(page: Page, id: string, labels: readonly string[]): Promise<void> {
  const select = formItem(page, id).locator('.ant-select').first();
  await select.click();
  for (const label of labels) {
    await page.locator(`#${id}`).fill(label);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: new RegExp(`^${label}$`) }).first().click();
  }
  await page.keyboard.press('Escape');
}

/** Types a value into an antd date or time picker and confirms it. */
export async function pick(page: Page, id: string, value: string): Promise<void> {
  const input = page.locator(`#${id}`);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/**
 * A screenshot of the whole page as a user scrolling it would see it: the viewport is made as tall
 * as the page first, so sticky bars sit at its end instead of over its middle.
 */
export async function screenshotWhole(page: Page, path: string): Promise<void> {
  const before = page.viewportSize() ?? { width: 1440, height: 900 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: before.width, height: Math.max(before.height, height) });
  await page.screenshot({ path });
  await page.setViewportSize(before);
}
