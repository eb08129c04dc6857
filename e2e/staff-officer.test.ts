/**
 * The officer console end to end (GitHub issues 5 and 9): the built client served by a real
 * server with the shipped flows on SQLite, driven in Debian's Chromium through playwright-core.
 *
 * Applicants book and pay by API (one at Atambua, one at Kupang); the manual clock moves to the
 * appointment morning; then, in the browser, the seeded Atambua officer lands on the generic work
 * queue (`awaiting=me`), which lists the Atambua bookings and not the Kupang one, and opens one's
 * work page. On the passport pack's Today page (`/officer/today`) the officer sees the booking,
 * checks the applicant in by typing the queue code, records biometrics (with the photo upload),
 * approves, marks the passport printed from the pack's printing queue and hands it over; the
 * application ends `collected` in the database and on the page. A Kupang code typed at Atambua is
 * explained, and a walk-in is opened from the counter. Every officer page is checked with
 * axe-core at 360 and 1280 px and photographed into
 * `e2e/artifacts/staff-officer-<page>-<width>.png`.
 *
 * Without /usr/bin/chromium the file is skipped with a message, except under CI (`CI` set).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatQueueNumber } from '#client/domain/passport/format.ts';
import { officerPages } from '#client/domain/passport/officer/pages.ts';
import { counterTexts, type CounterTextKey } from '#client/domain/passport/officer/texts.ts';
import { i18nFor, type Lang } from '#client/lib/i18n.ts';
import { officerTexts, type OfficerTextKey } from '#client/staff/officer/texts.ts';
import { REPO_ROOT } from '#server/config.ts';
import { startTestServer, type TestClient } from '#server/testing/harness.ts';
import {
  atbTime,
  atbToday,
  bookAndPay,
  clockTo,
  firstOpenDay,
  ok,
  pay,
  plusDays,
  walkToSchedule,
  type Server,
} from '#server/domain/passport/testing/acceptance.ts';
import { identity, SHIPPED } from '#server/domain/passport/testing/passport.ts';
import { companySponsor, FLOW as STAY_FLOW, toReview, viewOf as stayViewOf } from '#server/testing/stay-permit.ts';
import { apiGet, escapeRegExp, h1, hasFocus, startsWith, uploadDocument, until } from './support/applicant.ts';
import { FAILING_IMPACTS, formatFindings, runAxe, type AxeFinding } from './support/axe.ts';
import { CHROMIUM, chromiumMissing, DESKTOP, launchChromium, openTab, PHONE, type Tab } from './support/browser.ts';
import { buildClient, type BuiltClient } from './support/build-client.ts';
import { ARTIFACTS } from './support/captures.ts';
import { canvasImage } from './support/files.ts';
import { writeQrVideo } from './support/qr-video.ts';

const missing = chromiumMissing();
const skip = missing !== null && !process.env.CI;
if (skip) console.warn(`\n[e2e] officer browser tests SKIPPED: ${missing}. Under CI this fails.\n`);

const OFFICER = { email: 'officer@alur.test', password: 'Alur-demo-2026!' };
const ui = i18nFor('id');
/** The generic officer area's texts (work queue, work page). */
const o = (key: OfficerTextKey, params?: Record<string, string | number>, lang: Lang = 'id') => officerTexts.text(lang, key, params);
/** The passport pack's counter texts (today, queues, walk-in, the work page's panel). */
const c = (key: CounterTextKey, params?: Record<string, string | number>, lang: Lang = 'id') => counterTexts.text(lang, key, params);
/** The pack's pages' navigation labels. */
const navLabel = (path: string) => officerPages.find((p) => p.path === path)?.label.id ?? path;

/** Words the passport-new definition gives (statuses, document kinds, its title), read independently of the client. */
type Definition = { title: { id: string }; statuses: Record<string, { label: { id: string } }>; documents: Record<string, { title: { id: string } }> };
const definition = JSON.parse(readFileSync(path.join(REPO_ROOT, 'machines/definitions/passport-new.json'), 'utf8')) as Definition;
const statusWords = (status: string) => definition.statuses[status]?.label.id ?? status;
const kindTitle = (kind: string) => definition.documents[kind]?.title.id ?? kind;
const FLOW_TITLE = definition.title.id;
/** The stay-permit flow (a permit written as data only), reviewed in parallel by two groups of officers. */
type StayDefinition = { title: { id: string }; statuses: Record<string, { label: { id: string } }> };
const stayDefinition = JSON.parse(readFileSync(path.join(REPO_ROOT, `machines/definitions/${STAY_FLOW}.json`), 'utf8')) as StayDefinition;
const VERIFIER = { email: 'verifier@alur.test', password: 'Alur-demo-2026!' };

const PAGES = ['queue', 'work-booked', 'queue-group', 'work-group', 'work-group-confirm', 'today', 'today-other-office', 'work-checked-in', 'work-biometrics', 'work-in-review', 'queues', 'work-ready', 'work-collected', 'walk-in', 'work-walk-in'] as const;
type PageName = (typeof PAGES)[number];
type Capture = { url: string; violations: (AxeFinding & { width: number })[]; shots: { width: number; file: string; scrollWidth: number }[] };
const captures = new Map<PageName, Capture>();

/** axe-core and a full-page screenshot at 360 and 1280 px (`staff-officer-<name>-<width>.png`). */
async function capture(page: Page, name: PageName): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const entry: Capture = { url: new URL(page.url()).pathname, violations: [], shots: [] };
  try {
    for (const size of [PHONE, DESKTOP]) {
      await page.setViewportSize(size);
      await page.waitForFunction(() => [...document.images].every((img) => img.complete), undefined, { timeout: 10_000 });
      await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
      const report = await runAxe(page);
      entry.violations.push(...report.violations.map((v) => ({ ...v, width: size.width })));
      const file = path.join(ARTIFACTS, `staff-officer-${name}-${size.width}.png`);
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide', timeout: 15_000 });
      entry.shots.push({ width: size.width, file, scrollWidth: await page.evaluate(() => document.documentElement.scrollWidth) });
    }
  } finally {
    await page.setViewportSize(PHONE);
  }
  captures.set(name, entry);
}

describe.skipIf(skip)('officer console in Chromium (e2e)', () => {
  let client: BuiltClient | undefined;
  let srv: Server | undefined;
  let browser: Browser | undefined;
  let tab: Tab | undefined;
  let applicant: TestClient;
  let kupangApplicant: TestClient;
  let booked: { id: string; queueCode: string; queueNumber: number; date: string };
  let kupangCode: string;
  let kupangId: string;
  let laterCode: string;
  let scanned: { id: string; queueCode: string };
  let stayId: string;
  let stayApplicant: TestClient;

  beforeAll(async () => {
    if (missing) throw new Error(`CI is set and the browser tests cannot run: ${missing}`);
    client = await buildClient();
    [srv, browser] = await Promise.all([startTestServer({ provider: 'sqlite', env: { ...SHIPPED, CLIENT_DIR: client.dir } }), launchChromium()]);

    // An Atambua applicant booked and paid for the first open morning from tomorrow, by API.
    applicant = srv.client();
    await applicant.signUp(`officer-e2e-${process.pid}@example.id`);
    const date = await firstOpenDay(applicant, plusDays(await atbToday(applicant), 1));
    const { id } = await walkToSchedule(applicant, { flow: 'passport-new' });
    const paid = await bookAndPay(applicant, id, date);
    booked = { id, queueCode: paid.appointment!.queueCode!, queueNumber: paid.appointment!.queueNumber!, date };

    // Someone who booked Kupang the same day (and came to Atambua by mistake).
    kupangApplicant = srv.client();
    await kupangApplicant.signUp(`officer-e2e-kpg-${process.pid}@example.id`);
    const other = await walkToSchedule(kupangApplicant, { flow: 'passport-new' });
    const held = await ok(kupangApplicant, other.id, 'SUBMIT', { officeCode: 'KPG', date, session: 'pagi' });
    kupangCode = (await pay(kupangApplicant, other.id, held.payment!.billingCode)).appointment!.queueCode!;
    kupangId = other.id;

    // Another Atambua applicant, booked for a later day (came too early).
    const later = srv.client();
    await later.signUp(`officer-e2e-later-${process.pid}@example.id`);
    const laterApp = await walkToSchedule(later, { flow: 'passport-new' });
    laterCode = (await bookAndPay(later, laterApp.id, await firstOpenDay(later, plusDays(date, 1)))).appointment!.queueCode!;

    // A third Atambua applicant of the same morning, whose QR the officer will scan.
    const third = srv.client();
    await third.signUp(`officer-e2e-qr-${process.pid}@example.id`);
    const thirdApp = await walkToSchedule(third, { flow: 'passport-new' }, { fullName: 'Yohanes Berek' });
    scanned = { id: thirdApp.id, queueCode: (await bookAndPay(third, thirdApp.id, date)).appointment!.queueCode! };

    // A stay-permit extension sent by its sponsor: in the parallel review (verification and intelligence).
    stayApplicant = srv.client();
    await stayApplicant.signUp(`officer-e2e-stay-${process.pid}@example.id`);
    stayId = (await toReview(stayApplicant, companySponsor)).id;

    // The appointment morning, 07:30 office time: check-in is open (the session starts at 08:00).
    await clockTo(srv, applicant, atbTime(date, '07:30'));

    tab = await openTab(browser, srv.url);
  }, 120_000);

  afterAll(async () => {
    if (tab) await tab.close();
    await browser?.close();
    await srv?.close();
    await client?.remove();
  });

  const statusIs = (page: Page, status: string) => page.locator('.facts').first().getByText(statusWords(status), { exact: true }).waitFor();
  /** The work page of a passport application: the generic page titled by the flow, the pack's panel naming the applicant. */
  const workPageOf = async (page: Page, name: string) => {
    await h1(page, FLOW_TITLE).waitFor();
    await page.locator('.counter-panel .facts').getByText(name, { exact: true }).waitFor();
  };
  const logInOfficer = async (page: Page, next: string) => {
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel(ui.t('field.email'), { exact: true }).fill(OFFICER.email);
    await page.getByLabel(ui.t('field.password'), { exact: true }).fill(OFFICER.password);
    await page.getByRole('button', { name: ui.t('login.submit'), exact: true }).click();
  };

  // First: the main scenario below moves the clock to the pickup date, after this morning.
  it('checks an applicant in by scanning the queue QR with the camera (a fake camera showing it)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'alur-e2e-qr-'));
    const video = path.join(dir, 'qr.y4m');
    writeQrVideo(video, scanned.queueCode);
    const camBrowser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
      timeout: 30_000,
    });
    try {
      const cam = await openTab(camBrowser, srv!.url);
      const { page, errors } = cam;
      await logInOfficer(page, '/officer/today');
      await page.getByRole('table', { name: c('today.session', { start: '08:00', end: '12:00' }) }).getByRole('row', { name: /Yohanes Berek/ }).waitFor();
      await page.getByRole('button', { name: c('checkIn.scan'), exact: true }).click();
      // NOTE: decoding frames of the fake camera is CPU-bound; on a loaded CI machine it can take
      // a while. On failure, say what the page showed (an alert, a status) rather than only "timeout".
      await page.waitForURL(`**/officer/applications/${scanned.id}`, { timeout: 45_000 }).catch(async (err: unknown) => {
        const said = await page.locator('[role="alert"], [role="status"]').allInnerTexts();
        const video = await page.evaluate(() => {
          const v = document.querySelector('video');
          return v && { readyState: v.readyState, width: v.videoWidth, paused: v.paused, time: v.currentTime };
        });
        throw new Error(`the scan did not open the work page: ${String(err)}\npage said: ${JSON.stringify(said)}; camera: ${JSON.stringify(video)}`);
      });
      await workPageOf(page, 'Yohanes Berek');
      await statusIs(page, 'checkedIn');
      // The camera is off once the page moved on.
      expect(await page.evaluate(() => document.querySelectorAll('video').length)).toBe(0);
      const row = await srv!.deps.sql.get<{ status: string }>('SELECT "status" FROM "Application" WHERE "id" = ?', [scanned.id]);
      expect(row?.status).toBe('checkedIn');
      expect(errors).toEqual([]);
      await cam.close();
    } finally {
      await camBrowser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('lands the officer on the work queue, which lists what awaits them (not another office’s), filters by flow and opens the work page', async () => {
    const { page, errors } = tab!;
    const name = identity.fullName;

    // Log in as the Atambua officer: the officer area opens on the generic work queue.
    await logInOfficer(page, '/officer');
    await h1(page, o('queue.title')).waitFor();
    const nav = page.getByRole('navigation', { name: o('nav.label') });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual([o('nav.queue'), navLabel('today'), navLabel('queues'), navLabel('walk-in')]);
    const queue = page.getByRole('table', { name: o('queue.caption') });
    const bookedRow = queue.locator(`tr[data-id="${booked.id}"]`);
    await bookedRow.waitFor();
    // The flow's title with the queue code (the application's lookup code), the stage, the status in words, since when.
    await bookedRow.getByRole('link', { name: `${FLOW_TITLE} ${booked.queueCode}`, exact: true }).waitFor();
    await bookedRow.getByText(statusWords('booked'), { exact: true }).waitFor();
    expect(await bookedRow.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // Every Atambua application waiting for an officer; none of Kupang's.
    const ids = await queue.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
    expect(ids).toEqual(expect.arrayContaining([booked.id, scanned.id]));
    expect(ids).not.toContain(kupangId);
    const viaApi = await apiGet<{ items: { id: string }[] }>(page, '/api/applications?awaiting=me');
    expect(ids).toEqual(viaApi.items.map((i) => i.id));
    await page.getByRole('status').getByText(o('queue.count', { n: ids.length }), { exact: true }).waitFor();
    await capture(page, 'queue');

    // The flow filter: kept in the address; another flow has nothing waiting for this officer.
    const flowSelect = page.getByLabel(o('queue.flow'), { exact: true });
    await flowSelect.selectOption('passport-new');
    await page.getByRole('button', { name: o('queue.show'), exact: true }).click();
    await page.waitForURL(/\/officer\?flow=passport-new$/);
    await queue.locator(`tr[data-id="${booked.id}"]`).waitFor();
    const otherFlow = (await flowSelect.locator('option').evaluateAll((os) => os.map((x) => (x as HTMLOptionElement).value))).find((v) => v && v !== 'passport-new');
    if (otherFlow) {
      await flowSelect.selectOption(otherFlow);
      await page.getByRole('button', { name: o('queue.show'), exact: true }).click();
      await page.getByRole('status').getByText(o('queue.empty'), { exact: true }).waitFor();
      expect(await page.getByRole('table', { name: o('queue.caption') }).count()).toBe(0);
    }
    await page.goBack();
    await page.goBack();
    await page.waitForURL(/\/officer$/);

    // Opening it: the generic work page, the pack's panel, the officer's event (check-in, with its form).
    await queue.locator(`tr[data-id="${booked.id}"]`).getByRole('link').click();
    await page.waitForURL(`**/officer/applications/${booked.id}`);
    await workPageOf(page, name);
    await statusIs(page, 'booked');
    const panel = page.locator('.counter-panel');
    await panel.getByText(formatQueueNumber(booked.queueNumber), { exact: true }).waitFor();
    await panel.getByText(booked.queueCode, { exact: true }).waitFor();
    await page.getByRole('region', { name: o('work.actions') }).getByRole('button', { name: 'Lapor diri', exact: true }).waitFor();
    await page.getByRole('link', { name: startsWith(kindTitle('ktp')) }).first().waitFor();
    await capture(page, 'work-booked');
    await page.getByRole('link', { name: o('work.back'), exact: true }).click();
    await h1(page, o('queue.title')).waitFor();
    expect(errors).toEqual([]);
  }, 60_000);

  it('checks a booked applicant in by queue code, records biometrics, approves, prints from the queue and hands over; a Kupang code is explained', async () => {
    const { page, errors } = tab!;
    const name = identity.fullName;

    // The pack's Today page, from the officer area's navigation.
    await page.getByRole('navigation', { name: o('nav.label') }).getByRole('link', { name: navLabel('today'), exact: true }).click();
    await page.waitForURL(/\/officer\/today$/);
    await h1(page, c('today.title', { office: 'Kantor Imigrasi Kelas II TPI Atambua' })).waitFor();

    // Today's list: the booking in the morning session, with its queue number and status.
    const morning = page.getByRole('table', { name: c('today.session', { start: '08:00', end: '12:00' }) });
    const row = morning.getByRole('row', { name: new RegExp(escapeRegExp(name)) });
    await row.waitFor();
    expect(await row.getByRole('cell').first().textContent()).toBe(formatQueueNumber(booked.queueNumber));
    await row.getByText(statusWords('booked'), { exact: true }).waitFor();
    expect(await page.getByRole('heading', { level: 2, name: ui.formatDate(booked.date) }).count()).toBe(1);
    await capture(page, 'today');

    // The camera: this headless browser has none (or no permission): said in words, typing still works.
    await page.getByRole('button', { name: c('checkIn.scan'), exact: true }).click();
    const cameraTexts = [c('checkIn.noCamera'), c('checkIn.denied'), c('checkIn.cameraFailed')];
    const cameraAlert = page.getByRole('alert').filter({ hasText: new RegExp(cameraTexts.map(escapeRegExp).join('|')) });
    await cameraAlert.waitFor();
    expect(cameraTexts).toContain(await cameraAlert.textContent());
    await page.getByRole('button', { name: c('checkIn.scan'), exact: true }).waitFor();

    // A Kupang code at Atambua: explained, nothing sent.
    const code = page.getByLabel(c('checkIn.code'), { exact: true });
    await code.fill(kupangCode.toLowerCase());
    await page.getByRole('button', { name: c('checkIn.submit'), exact: true }).click();
    await page.getByRole('alert').getByText(c('checkIn.otherOffice', { code: kupangCode, office: 'KPG', officeName: 'Kantor Imigrasi Kelas I TPI Kupang', mine: 'ATB' }), { exact: true }).waitFor();
    await capture(page, 'today-other-office');

    // A code of this office for another day: the server's 409 (wrong-day) in the error summary.
    await code.fill(laterCode);
    await page.getByRole('button', { name: c('checkIn.submit'), exact: true }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(await hasFocus(summary)).toBe(true);

    // Check in by typing the code → the work page.
    await code.fill(booked.queueCode);
    await page.getByRole('button', { name: c('checkIn.submit'), exact: true }).click();
    await page.waitForURL(`**/officer/applications/${booked.id}`);
    await workPageOf(page, name);
    await statusIs(page, 'checkedIn');
    await page.getByRole('status').getByText(c('checkIn.done', { name, queue: formatQueueNumber(booked.queueNumber) })).waitFor();
    await page.getByRole('link', { name: startsWith(kindTitle('ktp')) }).first().waitFor();
    await capture(page, 'work-checked-in');

    // Biometrics through the generic step form, with the photo taken at the counter.
    await page.getByRole('button', { name: 'Rekam biometrik', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Wawancara dan perekaman biometrik' }).waitFor();
    for (const label of ['KTP asli', 'Kartu Keluarga asli', 'Akta kelahiran, buku nikah, atau ijazah asli']) await page.getByLabel(label, { exact: true }).check();
    await uploadDocument(page, 'Foto pemohon', await canvasImage(page, 'image/jpeg', 'foto.jpg', 'FOTO'));
    await page.getByLabel(startsWith('Sidik jari sudah direkam')).check();
    await capture(page, 'work-biometrics');
    await page.getByRole('button', { name: 'Rekam biometrik', exact: true }).click();
    await statusIs(page, 'inReview');
    await page.getByRole('link', { name: startsWith(kindTitle('photo')) }).waitFor();
    await capture(page, 'work-in-review');

    // Approve (no form: a button).
    await page.getByRole('button', { name: 'Setujui', exact: true }).click();
    await statusIs(page, 'printing');

    // The printing queue: one click.
    await page.getByRole('navigation', { name: o('nav.label') }).getByRole('link', { name: navLabel('queues'), exact: true }).click();
    await h1(page, c('queues.title')).waitFor();
    const printing = page.getByRole('table', { name: c('queues.printing') });
    await printing.getByRole('row', { name: new RegExp(escapeRegExp(name)) }).waitFor();
    await capture(page, 'queues');
    await printing.getByRole('button', { name: new RegExp(`^${escapeRegExp(c('queues.printed'))}.*${escapeRegExp(name)}`) }).click();
    await page.getByRole('status').getByText(c('queues.done', { name })).waitFor();
    const handOver = page.getByRole('table', { name: c('queues.handOver') });
    await handOver.getByRole('link', { name: c('queues.handOverNamed', { name }), exact: true }).click();

    // Hand-over on the work page.
    await workPageOf(page, name);
    await statusIs(page, 'readyForPickup');
    await capture(page, 'work-ready');
    // Before the pickup date the applicant was given, the server refuses and the page says why.
    await page.getByRole('button', { name: 'Serahkan paspor', exact: true }).click();
    await page.getByText(/dapat diserahkan mulai/).first().waitFor();
    const pickupDate = (await applicant.get<{ pickupDate: string }>(`/api/applications/${booked.id}`)).body.pickupDate;
    await clockTo(srv!, applicant, atbTime(pickupDate, '09:00'));
    await page.reload();
    await statusIs(page, 'readyForPickup');
    await page.getByRole('button', { name: 'Serahkan paspor', exact: true }).click();
    await statusIs(page, 'collected');
    await page.getByText(o('work.final'), { exact: true }).waitFor();
    // What the officer recorded, labelled from the event's form (met on this page before the reload).
    await page.getByRole('heading', { level: 3, name: o('work.recorded'), exact: true }).waitFor();
    for (const label of ['Dokumen asli yang sudah dicocokkan', 'Foto pemohon', 'Sidik jari sudah direkam']) {
      await page.locator('.summary-list__key').getByText(label, { exact: true }).waitFor();
    }
    await capture(page, 'work-collected');

    // In the database and through the API.
    const row2 = await srv!.deps.sql.get<{ status: string; state: string }>('SELECT "status", "state" FROM "Application" WHERE "id" = ?', [booked.id]);
    expect(row2).toEqual({ status: 'collected', state: 'collected' });
    const seen = await applicant.get<{ status: string; pickupDate?: string }>(`/api/applications/${booked.id}`);
    expect(seen.body.status).toBe('collected');
    const history = await applicant.get<{ type: string }[]>(`/api/applications/${booked.id}/history`);
    expect(history.body.map((e) => e.type).slice(-5)).toEqual(['CHECK_IN', 'RECORD_BIOMETRICS', 'APPROVE', 'PRINTED', 'HAND_OVER']);
    expect(errors).toEqual([]);
  }, 60_000);

  it('opens a walk-in with priority from the counter and lands on its work page', async () => {
    const { page, errors } = tab!;
    await page.getByRole('navigation', { name: o('nav.label') }).getByRole('link', { name: navLabel('walk-in'), exact: true }).click();
    await h1(page, c('walkIn.title')).waitFor();
    // Without a name: the error at the field and in the summary.
    await page.getByRole('button', { name: c('walkIn.submit'), exact: true }).click();
    const walkInSummary = page.locator('.error-summary');
    await walkInSummary.getByRole('link', { name: c('walkIn.required'), exact: true }).waitFor();
    expect(await hasFocus(walkInSummary)).toBe(true);
    await walkInSummary.getByRole('link', { name: c('walkIn.required'), exact: true }).click();
    expect(await hasFocus(page.getByLabel(c('walkIn.fullName'), { exact: true }))).toBe(true);
    await page.getByRole('radio', { name: c('priority.elderly'), exact: true }).check();
    await page.getByLabel(c('walkIn.fullName'), { exact: true }).fill('Bapak Yoseph Manek');
    await page.getByLabel(c('walkIn.nik'), { exact: true }).fill('5304010101500001');
    await capture(page, 'walk-in');
    await page.getByRole('button', { name: c('walkIn.submit'), exact: true }).click();
    await workPageOf(page, 'Bapak Yoseph Manek');
    await statusIs(page, 'checkedIn');
    await page.locator('.counter-panel').getByText(c('priority.elderly'), { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Rekam biometrik', exact: true }).waitFor();
    await capture(page, 'work-walk-in');
    const id = /\/officer\/applications\/([^/?#]+)/.exec(page.url())?.[1];
    const row = await until(
      'the walk-in in the database',
      () => srv!.deps.sql.get<{ status: string; officeCode: string }>('SELECT "status", "officeCode" FROM "Application" WHERE "id" = ?', [id ?? '']),
      (r) => r !== undefined,
    );
    expect(row).toEqual({ status: 'checkedIn', officeCode: 'ATB' });

    // Back on today's list, the walk-in waits with its priority.
    await page.getByRole('navigation', { name: o('nav.label') }).getByRole('link', { name: navLabel('today'), exact: true }).click();
    const waiting = page.getByRole('table', { name: c('today.walkInsTitle') });
    await waiting.getByRole('row', { name: /Bapak Yoseph Manek/ }).getByText(c('priority.elderly'), { exact: true }).waitFor();
    expect(errors).toEqual([]);
  }, 40_000);

  it('serves any flow: a verification officer’s queue lists the stay-permit application, whose work page shows its fields and only their group’s events, confirming in the definition’s words', async () => {
    const verifier = await openTab(browser!, srv!.url);
    try {
      const { page, errors } = verifier;
      const title = stayDefinition.title.id;
      await page.goto(`/login?next=${encodeURIComponent('/officer')}`);
      await page.getByLabel(ui.t('field.email'), { exact: true }).fill(VERIFIER.email);
      await page.getByLabel(ui.t('field.password'), { exact: true }).fill(VERIFIER.password);
      await page.getByRole('button', { name: ui.t('login.submit'), exact: true }).click();
      await h1(page, o('queue.title')).waitFor();

      // The queue: the application, by its flow's title, its stage and status in the definition's words.
      const row = page.getByRole('table', { name: o('queue.caption') }).locator(`tr[data-id="${stayId}"]`);
      await row.waitFor();
      await row.getByRole('link', { name: new RegExp(`^${escapeRegExp(title)} `) }).waitFor();
      await row.getByText(stayDefinition.statuses.inReview!.label.id, { exact: true }).waitFor();
      // Nothing of the passport counter (no office): the Atambua bookings are not this officer's.
      const ids = await page.locator('tr[data-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
      expect(ids).toEqual([stayId]);
      await capture(page, 'queue-group');

      // The work page: called after the sponsor (the first staff field), the definition's staff fields, the group's events only.
      await row.getByRole('link').click();
      await page.waitForURL(`**/officer/applications/${stayId}`);
      await h1(page, companySponsor.sponsorName).waitFor();
      const summary = page.getByRole('region', { name: o('work.summary') });
      await summary.getByText(companySponsor.companyName, { exact: true }).waitFor();
      expect(await summary.locator('.summary-list__key').first().textContent()).toBe('Penjamin');
      const actions = page.getByRole('region', { name: o('work.actions') });
      expect(await actions.getByRole('button').allInnerTexts()).toEqual(['Dokumen lengkap dan benar', 'Minta keterangan', 'Tolak']);
      // Its documents under the kinds' declared titles.
      await page.getByRole('link', { name: startsWith('Surat permohonan dan penjaminan') }).waitFor();
      await capture(page, 'work-group');

      // Refusing asks first, in the definition's words; "No" sends nothing.
      await actions.getByRole('button', { name: 'Tolak', exact: true }).click();
      await page.getByRole('heading', { level: 2, name: 'Alasan penolakan' }).waitFor();
      await page.getByLabel(startsWith('Alasan untuk penjamin')).fill('Surat sponsor tidak ditandatangani pejabat perusahaan.');
      await page.getByRole('button', { name: 'Tolak', exact: true }).click();
      const dialog = page.getByRole('alertdialog');
      await dialog.getByText('Tolak permohonan ini? Keputusan ini mengakhiri permohonan dan tidak dapat dibatalkan.', { exact: true }).waitFor();
      expect(await hasFocus(dialog.getByRole('button', { name: o('work.confirmYes'), exact: true }))).toBe(true);
      await capture(page, 'work-group-confirm');
      await dialog.getByRole('button', { name: o('work.confirmNo'), exact: true }).click();
      // Back on the form, the reason kept; nothing was sent. Cancelling the form shows the actions again.
      expect(await hasFocus(page.getByRole('heading', { level: 2, name: 'Alasan penolakan' }))).toBe(true);
      expect(await page.getByLabel(startsWith('Alasan untuk penjamin')).inputValue()).toBe('Surat sponsor tidak ditandatangani pejabat perusahaan.');
      expect((await stayViewOf(stayApplicant, stayId)).status).toBe('inReview');
      await page.getByRole('button', { name: ui.t('common.cancel'), exact: true }).click();
      expect(await hasFocus(page.getByRole('heading', { level: 2, name: o('work.actions') }))).toBe(true);

      // Verifying (no confirmation): saved; the verification group has nothing more to do, the intelligence review goes on.
      await actions.getByRole('button', { name: 'Dokumen lengkap dan benar', exact: true }).click();
      await page.getByText(o('work.none'), { exact: true }).waitFor();
      const after = await stayViewOf(stayApplicant, stayId);
      expect([after.status, after.state]).toEqual(['inReview', 'inReview(intelligence.pending,verification.verified)']);
      await page.getByRole('link', { name: o('work.back'), exact: true }).click();
      await page.getByRole('status').getByText(o('queue.empty'), { exact: true }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await verifier.close();
    }
  }, 60_000);

  describe('accessibility (axe-core, WCAG 2.x A/AA) and screenshots at 360 and 1280 px', () => {
    it.each(PAGES)('%s: no serious or critical violation; no sideways scrolling at 360 px', (name) => {
      const c = captures.get(name);
      expect(c, `the page "${name}" was not reached by the scenarios above`).toBeDefined();
      if (!c) return;
      const failing = c.violations.filter((v) => FAILING_IMPACTS.has(v.impact));
      const other = c.violations.filter((v) => !FAILING_IMPACTS.has(v.impact));
      if (other.length) console.warn(`[axe] officer ${name} (${c.url}): minor or moderate:\n${formatFindings(other)}`);
      expect(failing.length, `${name} (${c.url}):\n${formatFindings(failing)}\n`).toBe(0);
      expect(c.shots.map((s) => s.width)).toEqual([PHONE.width, DESKTOP.width]);
      for (const shot of c.shots) expect(readFileSync(shot.file).subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(c.shots[0]!.scrollWidth, `${name} scrolls sideways on a 360 px screen`).toBeLessThanOrEqual(PHONE.width);
    });
  });
});
