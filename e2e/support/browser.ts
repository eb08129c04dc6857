/**
 * Debian's Chromium, driven by playwright-core (no browser is ever downloaded). When it is
 * missing the e2e suite is skipped with a message, except under CI (`CI` set), where that is a
 * failure: `.ci/run` installs it with `apt-get install chromium`.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why the browser tests cannot run here, or null when they can. */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM) ? null : `${CHROMIUM} not found (install it with \`apt-get install chromium\`; .ci/run does)`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 30_000 });
}

/** The phone most applicants use: 360 px wide, Indonesian, Atambua's time zone. */
export const PHONE = { width: 360, height: 740 } as const;
export const DESKTOP = { width: 1280, height: 900 } as const;

/** Every wait of a test is bounded by these (Playwright's own default is 30 s). */
export const WAIT_MS = 15_000;

export type Tab = {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions in the page (a user would see a broken page). */
  errors: string[];
  close(): Promise<void>;
};

/** A fresh browser profile (cookies, localStorage) with one page, on a phone-sized screen. */
export async function openTab(browser: Browser, baseURL: string): Promise<Tab> {
  const context = await browser.newContext({
    baseURL,
    viewport: PHONE,
    deviceScaleFactor: 1,
    locale: 'id-ID',
    timezoneId: 'Asia/Makassar',
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.stack ?? err.message));
  return { context, page, errors, close: () => context.close() };
}
