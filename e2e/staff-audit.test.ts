/**
 * The auditor console end to end (GitHub issue 5): the built client served by a real server with
 * the shipped passport flows on SQLite, driven in Debian's Chromium through playwright-core.
 *
 * Applications are put in place through the API (one taken to `collected` through booking, the
 * sandbox payment and the officer's steps; a few left in earlier states); then the seeded auditor
 * searches, opens the collected one (its path on the diagram's text alternative, its timeline
 * equal to the history), verifies it, and opens the flow's heatmap, whose counts must equal the
 * database's. Every auditor page is checked with axe-core (no serious or critical violation) and
 * photographed at 360 and 1280 px as e2e/artifacts/staff-audit-<page>-<width>.png.
 *
 * Without /usr/bin/chromium the file is skipped with a message, except under CI (`CI` set).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestClient } from '#server/testing/harness.ts';
import {
  atbTime,
  atbToday,
  book,
  bookAndPay,
  checkInAndRecord,
  clockTo,
  firstOpenDay,
  historyOf,
  ok,
  plusDays,
  walkToSchedule,
  type HistoryEntry,
  type Server,
  handOverOnPickupDay,
} from '#server/domain/passport/testing/acceptance.ts';
import { SHIPPED } from '#server/domain/passport/testing/passport.ts';
import { auditTexts } from '#client/staff/audit/texts.ts';
import { ui } from './support/applicant.ts';
import { runAxe, FAILING_IMPACTS, formatFindings, type AxeFinding } from './support/axe.ts';
import { chromiumMissing, DESKTOP, launchChromium, openTab, PHONE, type Tab } from './support/browser.ts';
import { buildClient, type BuiltClient } from './support/build-client.ts';
import { ARTIFACTS } from './support/captures.ts';

const missing = chromiumMissing();
const skip = missing !== null && !process.env.CI;
if (skip) console.warn(`\n[e2e] auditor browser tests SKIPPED: ${missing}. Under CI this fails.\n`);

const a = (key: Parameters<typeof auditTexts.text>[1], params?: Record<string, string | number>) => auditTexts.text('id', key, params);
const AUDITOR = { email: 'auditor@alur.test', password: 'Alur-demo-2026!' };
const FLOW = 'passport-new';

/** Entries into states along a history, counted independently of the client's code. */
function expectedVisits(history: readonly HistoryEntry[]): Record<string, number> {
  const out: Record<string, number> = {};
  let last: string | null = null;
  for (const e of history) {
    if (e.to !== last) out[e.to] = (out[e.to] ?? 0) + 1;
    last = e.to;
  }
  return out;
}

describe.skipIf(skip)('auditor console in Chromium (e2e)', () => {
  let client: BuiltClient | undefined;
  let srv: Server | undefined;
  let browser: Browser | undefined;
  let tab: Tab | undefined;
  let collectedId = '';
  const otherIds: string[] = [];
  const violations: (AxeFinding & { page: string; width: number })[] = [];
  const wide: string[] = [];

  beforeAll(async () => {
    if (missing) throw new Error(`CI is set and the browser tests cannot run: ${missing}`);
    client = await buildClient();
    [srv, browser] = await Promise.all([startTestServer({ provider: 'sqlite', env: { ...SHIPPED, CLIENT_DIR: client.dir } }), launchChromium()]);

    const applicant: TestClient = srv.client();
    await applicant.signUp(`e2e-audit-${process.pid}@example.id`);
    const officer = srv.client();
    await officer.loginAs('officer');

    // One application all the way to collected.
    const { id } = await walkToSchedule(applicant, { flow: FLOW });
    const date = await firstOpenDay(applicant, plusDays(await atbToday(applicant), 1));
    const paid = await bookAndPay(applicant, id, date);
    await clockTo(srv, officer, atbTime(date, '07:30'));
    await checkInAndRecord(officer, id, paid.appointment!.queueCode!, { ktp: true, kk: true, birthProof: true });
    const approved = await ok(officer, id, 'APPROVE');
    await ok(officer, id, 'PRINTED');
    expect((await handOverOnPickupDay(srv, officer, id, approved.pickupDate!)).status).toBe('collected');
    collectedId = id;

    // A few in other states: identity, schedule, awaiting payment.
    const started = await applicant.post<{ id: string }>('/api/applications', { flow: FLOW });
    expect(started.status).toBe(201);
    otherIds.push(started.body.id);
    otherIds.push((await walkToSchedule(applicant, { flow: FLOW })).id);
    const pending = (await walkToSchedule(applicant, { flow: FLOW })).id;
    await book(applicant, pending, await firstOpenDay(applicant, plusDays(await atbToday(applicant), 1)));
    otherIds.push(pending);

    tab = await openTab(browser, srv.url);
  }, 120_000);

  afterAll(async () => {
    await tab?.close();
    await browser?.close();
    await srv?.close();
    await client?.remove();
  });

  /** axe at 360 and 1280 px and a full-page screenshot at each width. */
  async function capture(page: Page, name: string) {
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const size of [PHONE, DESKTOP]) {
      await page.setViewportSize(size);
      await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
      const report = await runAxe(page);
      violations.push(...report.violations.filter((v) => FAILING_IMPACTS.has(v.impact)).map((v) => ({ ...v, page: name, width: size.width })));
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (size.width === PHONE.width && scrollWidth > PHONE.width) {
        // name the widest elements that stick out (those without a wider child)
        const culprits = await page.evaluate((w) => {
          const clipped = (el: Element) => {
            for (let p = el.parentElement; p; p = p.parentElement) if (['auto', 'hidden', 'scroll', 'clip'].includes(getComputedStyle(p).overflowX)) return true;
            return false;
          };
          const out = [...document.querySelectorAll('body *')].filter((el) => !clipped(el) && el.getBoundingClientRect().right > w + 1);
          return out.slice(-5).map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} in ${el.parentElement?.tagName.toLowerCase()}.${[...(el.parentElement?.classList ?? [])].join('.')}`);
        }, PHONE.width);
        wide.push(`${name}: ${scrollWidth} px (${culprits.join('; ')})`);
      }
      await page.screenshot({ path: path.join(ARTIFACTS, `staff-audit-${name}-${size.width}.png`), fullPage: true, animations: 'disabled', caret: 'hide', timeout: 15_000 });
      // The diagram alone, legible (the full page shrinks it).
      const canvas = page.locator('.sc__canvas');
      if ((await canvas.count()) > 0) await canvas.screenshot({ path: path.join(ARTIFACTS, `staff-audit-${name}-diagram-${size.width}.png`), animations: 'disabled', timeout: 15_000 });
    }
    await page.setViewportSize(PHONE);
  }

  const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

  it('logs in as the auditor, finds the collected application, and sees its path, timeline, documents and a clean verification', async () => {
    const { page, errors } = tab!;
    await page.goto('/login?next=%2Faudit');
    await page.getByLabel(ui.id.t('field.email'), { exact: true }).fill(AUDITOR.email);
    await page.getByLabel(ui.id.t('field.password'), { exact: true }).fill(AUDITOR.password);
    await page.getByRole('button', { name: ui.id.t('login.submit'), exact: true }).click();
    await h1(page, a('search.title')).waitFor();
    await page.locator('tr[data-id]').first().waitFor();
    await capture(page, 'search');

    // Search: status collected finds exactly the collected one; the filter stays in the URL. The
    // statuses offered are those the flows' definitions name, in their words.
    const collectedOption = page.getByLabel(a('search.status'), { exact: true }).locator('option[value="collected"]');
    await collectedOption.waitFor({ state: 'attached' });
    expect(await collectedOption.textContent()).toBe('Sudah diambil');
    await page.getByLabel(a('search.status'), { exact: true }).selectOption('collected');
    await page.getByLabel(a('search.flow'), { exact: true }).selectOption(FLOW);
    await page.getByRole('button', { name: a('search.submit'), exact: true }).click();
    await page.waitForURL(/status=collected/);
    await expect.poll(() => page.locator('tr[data-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')))).toEqual([collectedId]);
    await capture(page, 'search-results');

    // Its page.
    await page.locator(`tr[data-id="${collectedId}"] a`).click();
    await h1(page, a('app.title', { id: collectedId.slice(0, 8) })).waitFor();
    const auditor = srv!.client();
    await auditor.login(AUDITOR.email, AUDITOR.password);
    const history = await historyOf(auditor, collectedId);
    // The diagram: its text alternative marks the current state and counts the visits.
    const rows = page.locator('.sc__table tbody tr');
    await rows.first().waitFor({ state: 'attached' });
    expect(await page.locator('.sc__table tr[data-current="true"]').evaluateAll((r) => r.map((x) => x.getAttribute('data-state')))).toEqual(['collected']);
    const shown = await page.locator('.sc__table td[data-visits]').evaluateAll((cells) =>
      Object.fromEntries(cells.map((c) => [c.closest('tr')!.getAttribute('data-state'), Number(c.getAttribute('data-visits'))]).filter(([, n]) => (n as number) > 0)),
    );
    expect(shown).toEqual(expectedVisits(history));
    // The canvas drew a node per state, the current one marked in text too.
    await page.locator('.react-flow__node').first().waitFor();
    expect(await page.locator('.sc-node--current').innerText()).toContain('Sekarang');

    // The timeline equals the history.
    const entries = await page.locator('.audit-timeline > li').evaluateAll((items) =>
      items.map((li) => ({ seq: Number(li.getAttribute('data-seq')), type: li.getAttribute('data-type'), to: li.getAttribute('data-to'), text: li.textContent ?? '' })),
    );
    expect(entries.map(({ seq, type, to }) => ({ seq, type, to }))).toEqual(history.map((e) => ({ seq: e.seq, type: e.type, to: e.to })));
    for (const [i, e] of history.entries()) expect(entries[i]!.text).toContain(e.actor);

    // Documents: the three uploads and the officer's photo, each with a download link.
    const links = page.getByRole('link', { name: /^Unduh / });
    await expect.poll(() => links.count()).toBe(4);

    // Verify: OK.
    await page.getByRole('button', { name: a('app.verify'), exact: true }).click();
    await page.locator('[data-verify="ok"]').waitFor();
    // Open the text alternative for the screenshot and axe.
    await page.locator('.sc__alt summary').click();
    await capture(page, 'application');
    expect(errors).toEqual([]);
  });

  it('shows the flow heatmap with the database counts, verifies the flow and exports the log as CSV', async () => {
    const { page, errors } = tab!;
    await page.getByRole('link', { name: a('nav.flows'), exact: true }).click();
    await h1(page, a('flows.title')).waitFor();
    await capture(page, 'flows');

    await page.locator(`a[href="/audit/flows/${FLOW}"]`).click();
    const table = page.getByTestId('heat-table');
    await table.waitFor();
    await page.locator('.react-flow__node').first().waitFor();
    const version = Number(await page.getByLabel(a('flows.version'), { exact: true }).inputValue());
    const counts = await srv!.deps.sql.all<{ state: string; n: number | string }>(
      'SELECT "state", COUNT(*) AS n FROM "Application" WHERE "flowKey" = ? AND "flowVersion" = ? GROUP BY "state"',
      [FLOW, version],
    );
    const expected = Object.fromEntries(counts.map((r) => [r.state, Number(r.n)]));
    expect(Object.values(expected).reduce((x, y) => x + y, 0)).toBe(1 + otherIds.length);
    const shown = await table.locator('tbody tr').evaluateAll((rows) =>
      Object.fromEntries(
        rows.map((r) => [r.getAttribute('data-state'), Number(r.querySelector('[data-count]')?.getAttribute('data-count'))]).filter(([, n]) => (n as number) > 0),
      ),
    );
    expect(shown).toEqual(expected);
    // The diagram's text alternative has the same counts.
    const onDiagram = await page.locator('.sc__table td[data-count]').evaluateAll((cells) =>
      Object.fromEntries(cells.map((c) => [c.closest('tr')!.getAttribute('data-state'), Number(c.getAttribute('data-count'))]).filter(([, n]) => (n as number) > 0)),
    );
    expect(onDiagram).toEqual(expected);

    await page.getByRole('button', { name: a('flows.verify'), exact: true }).click();
    await page.locator('[data-verify="ok"]').waitFor();
    expect(await page.locator('[data-verify="ok"]').innerText()).toContain(`${1 + otherIds.length} permohonan`);

    const href = await page.getByTestId('export-csv').getAttribute('href');
    expect(href).toBe(`/api/audit/events.csv?flow=${FLOW}`);
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^applicationId,flow,flowVersion,seq,type/);
    expect(lines.some((l) => l.startsWith(collectedId))).toBe(true);
    await capture(page, 'flow-heatmap');

    // In English, the same page in English words (durations too).
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${auditTexts.text('en', 'flows.title')}`) }).waitFor();
    await page.getByRole('columnheader', { name: auditTexts.text('en', 'flows.count'), exact: true }).waitFor();
    expect(await table.locator('tbody').innerText()).toMatch(/\d+ (s|min|h|d)\b/);
    await page.getByRole('button', { name: 'Bahasa Indonesia', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${a('flows.title')}`) }).waitFor();
    expect(errors).toEqual([]);
  });

  it('has no serious or critical accessibility violation and no page wider than a phone', () => {
    expect(violations, formatFindings(violations.map((v) => ({ ...v, id: `${v.page}: ${v.id}` })))).toEqual([]);
    expect(wide).toEqual([]);
  });
});
