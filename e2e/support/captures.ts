/**
 * Every applicant page the journeys reach is captured once: axe-core at 360 and 1280 px, a
 * full-page screenshot at each width under e2e/artifacts/, and whether the page is wider than a
 * 360 px phone (a page that scrolls sideways). The accessibility and screenshot tests then check
 * what was captured, one test per page. `captureAt` does the same for another file's pages
 * (stay-permit.test.ts keeps its own list).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '#server/config.ts';
import { runAxe, type AxeFinding } from './axe.ts';
import { DESKTOP, PHONE } from './browser.ts';

export const ARTIFACTS = path.join(REPO_ROOT, 'e2e/artifacts');

/** The applicant pages, by the name their screenshots carry (`applicant-<name>-<width>.png`). */
export const APPLICANT_PAGES = [
  'home',
  'register',
  'verify',
  'login',
  'my-applications-empty',
  'home-logged-in',
  'step-identity',
  'step-identity-errors',
  'step-documents',
  'step-documents-uploaded',
  'step-check-answers',
  'step-schedule',
  'payment',
  'confirmation',
  'my-applications',
  'history',
  'replacement-reason',
  'walk-in',
] as const;
export type PageName = (typeof APPLICANT_PAGES)[number];

export const WIDTHS = [PHONE.width, DESKTOP.width] as const;

export type Capture = {
  name: PageName;
  url: string;
  violations: (AxeFinding & { width: number })[];
  incomplete: (AxeFinding & { width: number })[];
  /** Per width: the screenshot file and the document's scroll width. */
  shots: { width: number; file: string; scrollWidth: number }[];
};

export const captures = new Map<PageName, Capture>();

/** Waits until images have loaded and layout has settled (two animation frames). */
async function settle(page: Page) {
  await page.waitForFunction(() => [...document.images].every((img) => img.complete), undefined, { timeout: 10_000 });
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
}

/** What one capture found: per width, axe's findings and the screenshot with the page's scroll width. */
export type Captured = Omit<Capture, 'name'>;

/**
 * The page as it is now (the caller has waited for what makes it that page), at 360 and 1280 px:
 * axe-core, and a full-page screenshot `e2e/artifacts/<file>-<width>.png`. The viewport is left
 * as it was.
 */
export async function captureAt(page: Page, file: string): Promise<Captured> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const before = page.viewportSize() ?? PHONE;
  const entry: Captured = { url: new URL(page.url()).pathname, violations: [], incomplete: [], shots: [] };
  try {
    for (const width of WIDTHS) {
      await page.setViewportSize(width === PHONE.width ? PHONE : DESKTOP);
      await settle(page);
      const report = await runAxe(page);
      entry.violations.push(...report.violations.map((v) => ({ ...v, width })));
      entry.incomplete.push(...report.incomplete.map((v) => ({ ...v, width })));
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      const shot = path.join(ARTIFACTS, `${file}-${width}.png`);
      await page.screenshot({ path: shot, fullPage: true, animations: 'disabled', caret: 'hide', timeout: 15_000 });
      entry.shots.push({ width, file: shot, scrollWidth });
    }
  } finally {
    await page.setViewportSize(before);
  }
  return entry;
}

/** Captures the applicant page `name` as it is now (`applicant-<name>-<width>.png`). */
export async function capture(page: Page, name: PageName): Promise<void> {
  captures.set(name, { name, ...(await captureAt(page, `applicant-${name}`)) });
}
