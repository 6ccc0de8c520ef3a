import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../kit/http-session.js';
import { chooseChromium } from './chromium-path.js';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
export const SCREENSHOTS = '.tmp/screenshots';

let browser: Promise<Browser> | undefined;

/** One Chromium for every browser test of the run: started by the first that asks, closed after the run. */
export function sharedBrowser(): Promise<Browser> {
  browser ??= chooseChromium().then(({ path, source }) =>
    chromium.launch({ executablePath: path, args: CHROMIUM_ARGS }).catch((error: unknown) => {
      throw new Error(`Chromium from ${source} (${path}) did not start: ${error instanceof Error ? error.message : String(error)}`);
    }),
  );
  return browser;
}

// A root-level hook: mocha runs it once, after every suite of the run.
after(async () => {
  if (browser) await (await browser).close();
});

/** A fresh page (own cookies) on the shared browser; page errors fail loudly instead of hiding. */
export async function newPage(): Promise<Page> {
  const context = await (
    await sharedBrowser()
  ).newContext({ viewport: { width: 1280, height: 900 }, locale: 'fi-FI', timezoneId: 'Europe/Helsinki' });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

/** Opens a page of the app and signs in through its form. */
export async function signInAt(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Käyttäjätunnus').fill(username);
  await page.getByLabel('Salasana').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Kirjaudu' }).click();
  await page.locator('header.site-header').waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}
