/**
 * The applicant web app end to end (GitHub issue 4): the built client served by a real server
 * with the shipped passport flows on SQLite, driven in Debian's Chromium through playwright-core.
 *
 * One file on purpose: the client is built once (Vite, into a temp dir served via CLIENT_DIR),
 * one server and one browser serve every scenario, each scenario in a fresh browser profile.
 * The journeys capture every applicant page they reach (axe-core at 360 and 1280 px, full-page
 * screenshots under e2e/artifacts/); the accessibility and screenshot tests at the end check
 * those captures page by page. The stay-permit extension's sponsor journey is in
 * stay-permit.test.ts, with the flow's other roles.
 *
 * Without /usr/bin/chromium the file is skipped with a message, except under CI (`CI` set),
 * where that fails.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { passportText } from '#client/domain/passport/texts.ts';
import { groupDigits } from '#client/lib/money.ts';
import { LANG_NAMES } from '#client/lib/i18n.ts';
import { nextText } from '#client/lib/next-step-texts.ts';
import { startTestServer } from '#server/testing/harness.ts';
import type { Server } from '#server/domain/passport/testing/acceptance.ts';
import { db } from '#server/domain/passport/testing/acceptance.ts';
import { SHIPPED } from '#server/domain/passport/testing/passport.ts';
import {
  apiGet,
  choice,
  escapeRegExp,
  field,
  fillForm,
  flowTitle,
  formTexts,
  h1,
  hasFocus,
  IDENTITY,
  logIn,
  otpFor,
  PASSWORD,
  progress,
  reachState,
  startButton,
  startFlow,
  startsWith,
  submitButton,
  ui,
  until,
  uploadDocument,
  viewOf,
} from './support/applicant.ts';
import { FAILING_IMPACTS, formatFindings } from './support/axe.ts';
import { chromiumMissing, launchChromium, openTab, PHONE, type Tab } from './support/browser.ts';
import { buildClient, type BuiltClient } from './support/build-client.ts';
import { APPLICANT_PAGES, ARTIFACTS, capture, captures } from './support/captures.ts';
import { canvasImage, pdf } from './support/files.ts';

const missing = chromiumMissing();
const skip = missing !== null && !process.env.CI;
if (skip) console.warn(`\n[e2e] browser tests SKIPPED: ${missing}. Under CI this fails.\n`);

const t = ui.id.t;
const tx = ui.id.tx;
/** The passport pack's words (its panels, the schedule picker). */
const p = (key: Parameters<typeof passportText>[1]) => passportText('id', key);
const n = (key: Parameters<typeof nextText>[1], params?: Record<string, string>) => nextText('id', key, params);

let seq = 0;
const newEmail = (what: string) => `e2e-${what}-${process.pid}-${++seq}@example.id`;

describe.skipIf(skip)('applicant web app in Chromium (e2e)', () => {
  let client: BuiltClient | undefined;
  let srv: Server | undefined;
  let browser: Browser | undefined;
  let open: Tab[] = [];

  beforeAll(async () => {
    if (missing) throw new Error(`CI is set and the browser tests cannot run: ${missing}`);
    for (const f of existsSync(ARTIFACTS) ? readdirSync(ARTIFACTS) : []) if (f.startsWith('failed-')) rmSync(path.join(ARTIFACTS, f));
    client = await buildClient();
    [srv, browser] = await Promise.all([
      startTestServer({ provider: 'sqlite', env: { ...SHIPPED, CLIENT_DIR: client.dir } }),
      launchChromium(),
    ]);
  }, 120_000);

  afterEach(async ({ task }) => {
    // A failed scenario leaves a picture of where it stopped.
    if (task.result?.state === 'fail') {
      mkdirSync(ARTIFACTS, { recursive: true });
      const slug = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      await Promise.all(
        open.map((tab, i) => tab.page.screenshot({ path: path.join(ARTIFACTS, `failed-${slug}-${i}.png`), fullPage: true, timeout: 10_000 }).catch(() => {})),
      );
    }
    await Promise.all(open.map((tab) => tab.close()));
    open = [];
  });

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    await client?.remove();
  });

  async function tab(): Promise<Tab> {
    if (!browser || !srv) throw new Error('the browser or the server did not start');
    const opened = await openTab(browser, srv.url);
    open.push(opened);
    return opened;
  }

  /** A verified applicant (registered through the API), logged in on `page`. */
  async function applicant(page: Page, what: string): Promise<string> {
    const email = newEmail(what);
    await srv!.client().registerVerified(email, PASSWORD, 'Pemohon Uji');
    await logIn(page, email);
    return email;
  }

  describe('a new passport, from registration to the confirmation', () => {
    it('registers with the emailed code, fills every step, uploads documents, changes an answer, declares, books, pays in the sandbox and shows the queue number and QR', async () => {
      const { page, errors } = await tab();
      const email = newEmail('new');

      // Home, not logged in.
      await page.goto('/');
      await h1(page).waitFor();
      await page.getByRole('main').getByRole('heading', { name: await flowTitle(page, 'passport-new'), exact: true }).waitFor();
      await capture(page, 'home');

      // Register → the code from the email → activate → log in.
      await page.getByRole('link', { name: t('nav.register'), exact: true }).click();
      await h1(page, t('register.title')).waitFor();
      await capture(page, 'register');
      await page.getByLabel(t('field.fullName'), { exact: true }).fill(IDENTITY.fullName);
      await page.getByLabel(t('field.email'), { exact: true }).fill(email);
      await page.getByLabel(t('field.password'), { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: t('register.submit'), exact: true }).click();

      await h1(page, t('verify.title')).waitFor();
      expect(await page.getByLabel(t('field.email'), { exact: true }).inputValue()).toBe(email);
      await capture(page, 'verify');
      await page.getByLabel(t('field.code'), { exact: true }).fill(await otpFor(page, email));
      await page.getByRole('button', { name: t('verify.submit'), exact: true }).click();

      await h1(page, t('login.title')).waitFor();
      await page.getByRole('status').filter({ hasText: t('login.verified') }).waitFor();
      expect(await page.getByLabel(t('field.email'), { exact: true }).inputValue()).toBe(email);
      await capture(page, 'login');
      await page.getByLabel(t('field.password'), { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: t('login.submit'), exact: true }).click();

      await h1(page, t('apps.title')).waitFor();
      await page.getByText(t('apps.empty'), { exact: true }).waitFor();
      await capture(page, 'my-applications-empty');

      // Home, logged in: start a new passport.
      await page.getByRole('link', { name: t('apps.startNew'), exact: true }).click();
      await (await startButton(page, 'passport-new')).waitFor();
      await capture(page, 'home-logged-in');
      const id = await startFlow(page, 'passport-new');

      // Identity.
      let view = await reachState(page, id, 'identity');
      await capture(page, 'step-identity');
      await fillForm(page, view.form, IDENTITY);
      await submitButton(page, view).click();

      // Documents: a JPEG, a PNG and a PDF through the document widget.
      view = await reachState(page, id, 'documents');
      await capture(page, 'step-documents');
      const docs = formTexts(view.form);
      await uploadDocument(page, docs.title('ktp'), await canvasImage(page, 'image/jpeg', 'ktp.jpg', 'KTP'));
      await uploadDocument(page, docs.title('kk'), await canvasImage(page, 'image/png', 'kartu-keluarga.png', 'KARTU KELUARGA'));
      await uploadDocument(page, docs.title('birthProof'), pdf('akta-kelahiran.pdf', 'Akta kelahiran'));
      await capture(page, 'step-documents-uploaded');
      await submitButton(page, view).click();

      // Check your answers, then "change" the identity step and come back.
      view = await reachState(page, id, 'review');
      const answers = page.getByRole('region', { name: progress('answers.title'), exact: true });
      await answers.getByText(IDENTITY.fullName, { exact: true }).waitFor();
      await answers.getByText(IDENTITY.birthPlace, { exact: true }).waitFor();
      expect(await answers.getByText(progress('answers.uploaded'), { exact: true }).count()).toBe(3);
      await capture(page, 'step-check-answers');

      const identityStep = view.steps?.find((s) => s.id === 'identity');
      expect(identityStep, 'the flow has an identity step').toBeDefined();
      await answers.getByRole('button', { name: `${progress('answers.change')} ${tx(identityStep?.label)}`, exact: true }).click();
      view = await reachState(page, id, 'identity');
      // The answers given are there to change, not typed again.
      expect(await field(page, view.form, 'fullName').inputValue()).toBe(IDENTITY.fullName);
      expect(await field(page, view.form, 'birthPlace').inputValue()).toBe(IDENTITY.birthPlace);
      await field(page, view.form, 'birthPlace').fill('Kupang');
      await submitButton(page, view).click();
      view = await reachState(page, id, 'documents');
      // The uploads are kept: each field offers to replace its document.
      for (const key of ['ktp', 'kk', 'birthProof']) {
        await page.getByRole('button', { name: t('doc.forField', { action: t('doc.replace'), field: docs.title(key) }), exact: true }).waitFor();
      }
      await submitButton(page, view).click();
      view = await reachState(page, id, 'review');
      await answers.getByText('Kupang', { exact: true }).waitFor();
      expect(await answers.getByText(IDENTITY.birthPlace, { exact: true }).count()).toBe(0);

      // Declare.
      await page.getByRole('checkbox', { name: startsWith(formTexts(view.form).title('declaration').slice(0, 40)) }).check();
      await submitButton(page, view).click();

      // Schedule: Atambua, a day with places, its first open session.
      view = await reachState(page, id, 'schedule');
      const sched = formTexts(view.form);
      await page.getByLabel(startsWith(sched.title('officeCode'))).selectOption('ATB');
      const days = page.getByRole('group', { name: startsWith(sched.title('date')) });
      const openDays = days.getByRole('radio', { disabled: false });
      for (let tries = 0; ; tries++) {
        await days.getByRole('radio').first().waitFor();
        if ((await openDays.count()) > 0) break;
        if (tries === 2) throw new Error('no day with free places at Atambua in six weeks');
        const first = await days.getByRole('radio').first().getAttribute('value');
        await days.getByRole('button', { name: p('sched.next'), exact: true }).click();
        await until('the next two weeks', () => days.getByRole('radio').first().getAttribute('value'), (v) => v !== first);
      }
      // The last open day shown: days ahead, so the no-show timer of the appointment day never fires during the test.
      await openDays.last().check();
      const date = await days.getByRole('radio', { checked: true }).getAttribute('value');
      expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await page.getByRole('group', { name: startsWith(sched.title('session')) }).getByRole('radio', { disabled: false }).first().check();
      await capture(page, 'step-schedule');
      await submitButton(page, view).click();

      // Payment: the amount and the billing code, paid in the sandbox.
      view = await reachState(page, id, 'awaitingPayment');
      const payment = view.payment as { billingCode: string; amount: number };
      const panel = page.getByRole('region', { name: p('app.payment'), exact: true });
      await panel.getByText(groupDigits(payment.billingCode), { exact: true }).waitFor();
      await capture(page, 'payment');
      await panel.getByRole('button', { name: p('pay.sandbox'), exact: true }).click();

      // Confirmation: queue number and QR code.
      view = await reachState(page, id, 'booked');
      const appointment = view.appointment as { queueNumber: number; queueCode: string; date: string; officeCode: string; qr: string };
      expect(appointment).toMatchObject({ officeCode: 'ATB', date });
      const confirmation = page.getByRole('region', { name: p('conf.title'), exact: true });
      await confirmation.getByText(String(appointment.queueNumber).padStart(3, '0'), { exact: true }).waitFor();
      await confirmation.getByText(appointment.queueCode, { exact: true }).waitFor();
      const qr = confirmation.getByRole('img', { name: new RegExp(escapeRegExp(appointment.queueCode)) });
      await qr.waitFor();
      await until('the QR code image to load', () => qr.evaluate((img) => (img as HTMLImageElement).naturalWidth), (w) => w > 0);
      await capture(page, 'confirmation');

      // What the server holds: booked, the changed answer, three documents, one held place, a paid bill.
      expect(view).toMatchObject({ status: 'booked', data: { birthPlace: 'Kupang', fullName: IDENTITY.fullName, declaration: true } });
      const row = await srv!.deps.sql.get<{ state: string; status: string }>('SELECT "state", "status" FROM "Application" WHERE "id" = ?', [id]);
      expect(row).toEqual({ state: 'booked', status: 'booked' });
      const documents = await srv!.deps.sql.all<{ kind: string; mime: string }>('SELECT "kind", "mime" FROM "Document" WHERE "applicationId" = ? ORDER BY "kind"', [id]);
      expect(documents).toEqual([
        { kind: 'birthProof', mime: 'application/pdf' },
        { kind: 'kk', mime: 'image/png' },
        { kind: 'ktp', mime: 'image/jpeg' },
      ]);
      expect(await db(srv!).bookings(id)).toEqual([expect.objectContaining({ officeCode: 'ATB', date, status: 'held' })]);
      expect(await db(srv!).payments(id)).toEqual([expect.objectContaining({ billingCode: payment.billingCode, amount: payment.amount, status: 'paid' })]);

      // The status and history page: where it stands, and what happened (the change included).
      const history = await apiGet<{ seq: number; type: string }[]>(page, `/api/applications/${id}/history`);
      expect(history.map((e) => e.type)).toContain('BACK');
      await page.getByRole('link', { name: t('app.history'), exact: true }).click();
      await page.waitForURL(`**/applications/${id}/history`);
      await page.getByRole('link', { name: t('history.back'), exact: true }).waitFor();
      const booked = tx(view.statusLabel);
      expect(booked, 'the flow names its statuses').not.toBe('');
      await page.getByRole('main').getByText(booked, { exact: true }).first().waitFor();
      // What to do next: the appointment (the pack's panel), then the flow's own words.
      await page.getByRole('link', { name: p('next.attendLink'), exact: true }).waitFor();
      await page.getByRole('main').getByText(tx(view.next), { exact: true }).waitFor();
      // The timeline: the steps by name, the booking and the queue number the pack tells.
      const timelineItems = page.getByRole('main').getByRole('list').last().getByRole('listitem');
      await timelineItems.first().waitFor();
      await timelineItems.filter({ hasText: n('tl.step', { step: tx(identityStep?.label) }) }).first().waitFor();
      await timelineItems.filter({ hasText: `Nomor antrean: ${String(appointment.queueNumber).padStart(3, '0')}` }).first().waitFor();
      await capture(page, 'history');

      // My applications lists it as booked.
      await page.getByRole('navigation').getByRole('link', { name: t('nav.applications'), exact: true }).click();
      await h1(page, t('apps.title')).waitFor();
      await page.getByRole('main').getByText(booked, { exact: true }).waitFor();
      await capture(page, 'my-applications');

      expect(errors).toEqual([]);
    }, 180_000);
  });

  describe('validation errors', () => {
    it('shows each error at its field and in the summary at the top, which takes focus and whose links move focus to the fields', async () => {
      const { page, errors } = await tab();
      await applicant(page, 'invalid');
      const id = await startFlow(page, 'passport-new');
      const view = await reachState(page, id, 'identity');
      const { birthPlace: _left, ...rest } = IDENTITY;
      await fillForm(page, view.form, { ...rest, nik: '12345' });

      // NOTE: the built app's CSP forbids Ajv's code generation, so the server's 422 is what speaks.
      const answer = page.waitForResponse((r) => r.url().endsWith(`/api/applications/${id}/events`) && r.request().method() === 'POST');
      await submitButton(page, view).click();
      expect((await answer).status()).toBe(422);

      const summary = page.getByRole('alert').filter({ has: page.getByRole('heading') });
      await summary.waitFor();
      expect(await hasFocus(summary), 'the error summary takes focus').toBe(true);
      const texts = formTexts(view.form);
      const nikLink = summary.getByRole('link', { name: startsWith(texts.title('nik')) });
      const placeLink = summary.getByRole('link', { name: startsWith(texts.title('birthPlace')) });
      await nikLink.waitFor();
      await placeLink.waitFor();
      expect(await summary.getByRole('link').count(), 'only the two wrong fields are listed').toBe(2);

      // Next to each field: its message in words, visible and announced with the field (aria-describedby).
      for (const [key, link, message] of [['nik', nikLink, t('form.pattern')], ['birthPlace', placeLink, t('form.required')]] as const) {
        const input = field(page, view.form, key);
        expect(await link.textContent(), `the summary names ${key} and says what is wrong`).toBe(`${texts.title(key)}: ${message}`);
        const described = await input.evaluate((el) =>
          (el.getAttribute('aria-describedby') ?? '')
            .split(/\s+/)
            .map((ref) => document.getElementById(ref))
            .filter((d): d is HTMLElement => d !== null && d.offsetParent !== null)
            .map((d) => d.innerText)
            .join(' | '),
        );
        expect(described, `the error of ${key} is next to it`).toContain(message);
      }
      expect(await field(page, view.form, 'nik').inputValue(), 'what was typed stays').toBe('12345');
      await capture(page, 'step-identity-errors');

      await placeLink.click();
      expect(await hasFocus(field(page, view.form, 'birthPlace')), 'the summary link focuses the empty field').toBe(true);
      await nikLink.click();
      expect(await hasFocus(field(page, view.form, 'nik')), 'the summary link focuses the invalid field').toBe(true);

      // Corrected, the step is accepted.
      await field(page, view.form, 'nik').fill(IDENTITY.nik);
      await field(page, view.form, 'birthPlace').fill(IDENTITY.birthPlace);
      await submitButton(page, view).click();
      await reachState(page, id, 'documents');
      expect(await page.getByRole('alert').filter({ has: page.getByRole('heading') }).count()).toBe(0);
      expect(errors).toEqual([]);
    }, 90_000);
  });

  describe('replacement of a lost passport', () => {
    it('ends on the walk-in page: visit an office in person, what to bring, nothing to book or pay', async () => {
      const { page, errors } = await tab();
      await applicant(page, 'lost');
      const id = await startFlow(page, 'passport-replacement');
      let view = await reachState(page, id, 'reason');
      await capture(page, 'replacement-reason');
      await fillForm(page, view.form, { reason: 'lost' });
      await submitButton(page, view).click();

      view = await reachState(page, id, 'walkInRequired');
      expect(view).toMatchObject({ status: 'walkInRequired', final: true, form: null });
      expect(view.payment).toBeUndefined();
      const main = page.getByRole('main');
      await main.getByText(tx(view.statusLabel), { exact: true }).waitFor();
      // What to bring, as a list (the flow writes it as "- " lines).
      const lines = tx(view.description).split('\n');
      const bring = lines.filter((l) => l.startsWith('- ')).map((l) => l.slice(2));
      expect(bring.length, 'the walk-in text lists what to bring').toBeGreaterThan(1);
      await main.getByText(lines[0] ?? '', { exact: true }).waitFor();
      for (const item of bring) await main.getByRole('listitem').filter({ hasText: item }).waitFor();
      await main.getByText(t('app.final'), { exact: true }).waitFor();
      expect(await main.getByRole('button').count(), 'nothing left to submit, book or pay').toBe(0);
      expect(await main.getByRole('radio').count()).toBe(0);
      await capture(page, 'walk-in');

      expect(await db(srv!).bookings(id)).toEqual([]);
      expect(await db(srv!).payments(id)).toEqual([]);
      expect(errors).toEqual([]);
    }, 90_000);
  });

  describe('drafts and language', () => {
    it('keeps what was typed in a form across a reload', async () => {
      const { page, errors } = await tab();
      await applicant(page, 'reload');
      const id = await startFlow(page, 'passport-new');
      const view = await reachState(page, id, 'identity');
      const typed = { fullName: 'Yohanes Bere', nik: '5304010101850002', birthPlace: 'Kefamenanu', sex: 'm' } as const;
      await fillForm(page, view.form, typed);
      await page.reload(); // at once: the draft is written when the page is left, not only after a pause
      await reachState(page, id, 'identity');

      await page.getByText(progress('draft.restored'), { exact: true }).waitFor();
      for (const key of ['fullName', 'nik', 'birthPlace'] as const) expect(await field(page, view.form, key).inputValue(), key).toBe(typed[key]);
      expect(await choice(page, view.form, 'sex', 'm').isChecked()).toBe(true);
      // Kept on the device, not sent: the server has no answers yet.
      expect((await viewOf(page, id)).data).not.toHaveProperty('fullName');
      expect(errors).toEqual([]);
    }, 60_000);

    it('switching between Bahasa Indonesia and English changes the labels and keeps what was typed', async () => {
      const { page, errors } = await tab();
      await applicant(page, 'lang');
      const id = await startFlow(page, 'passport-new');
      const view = await reachState(page, id, 'identity');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('id');
      const typed = { fullName: 'Agustina Seran', nik: '5304015505920003', sex: 'f' } as const;
      await fillForm(page, view.form, typed);

      // The switch is a group of toggle buttons named in their own language.
      const english = page.getByRole('group', { name: t('lang.label'), exact: true }).getByRole('button', { name: LANG_NAMES.en, exact: true });
      expect(await english.getAttribute('aria-pressed')).toBe('false');
      await english.click();
      await reachState(page, id, 'identity', 'en');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(formTexts(view.form, 'en').title('fullName')).not.toBe(formTexts(view.form, 'id').title('fullName'));
      expect(await field(page, view.form, 'fullName', 'id').count(), 'no Indonesian label left').toBe(0);
      expect(await field(page, view.form, 'fullName', 'en').inputValue()).toBe(typed.fullName);
      expect(await field(page, view.form, 'nik', 'en').inputValue()).toBe(typed.nik);
      expect(await choice(page, view.form, 'sex', 'f', 'en').isChecked()).toBe(true);
      await submitButton(page, view, 'en').waitFor();
      await page.getByRole('navigation').getByRole('link', { name: ui.en.t('nav.applications'), exact: true }).waitFor();
      const language = page.getByRole('group', { name: ui.en.t('lang.label'), exact: true });
      expect(await language.getByRole('button', { name: LANG_NAMES.en, exact: true }).getAttribute('aria-pressed')).toBe('true');

      await language.getByRole('button', { name: LANG_NAMES.id, exact: true }).click();
      await reachState(page, id, 'identity', 'id');
      expect(await field(page, view.form, 'fullName', 'id').inputValue()).toBe(typed.fullName);
      expect(await field(page, view.form, 'nik', 'id').inputValue()).toBe(typed.nik);
      expect(errors).toEqual([]);
    }, 60_000);
  });

  describe('accessibility: axe-core, WCAG 2.x A and AA, at 360 and 1280 px', () => {
    it.each(APPLICANT_PAGES)('%s: no serious or critical violation', (name) => {
      const c = captures.get(name);
      expect(c, `the page "${name}" was not reached by the journeys above (see their failures)`).toBeDefined();
      if (!c) return;
      const failing = c.violations.filter((v) => FAILING_IMPACTS.has(v.impact));
      const other = c.violations.filter((v) => !FAILING_IMPACTS.has(v.impact));
      if (other.length) console.warn(`[axe] ${name} (${c.url}): minor or moderate:\n${formatFindings(other)}`);
      expect(failing.length, `${name} (${c.url}):\n${formatFindings(failing)}\n`).toBe(0);
      if (process.env.DEBUG_AXE) console.log(`[axe] ${name} needs review:\n${formatFindings(c.incomplete)}`);
    });
  });

  describe('screenshots at 360 and 1280 px (e2e/artifacts/)', () => {
    it.each(APPLICANT_PAGES)('%s: written, and no wider than a 360 px phone', (name) => {
      const c = captures.get(name);
      expect(c, `the page "${name}" was not reached by the journeys above (see their failures)`).toBeDefined();
      if (!c) return;
      expect(c.shots.map((s) => s.width)).toEqual([PHONE.width, 1280]);
      for (const shot of c.shots) {
        const png = readFileSync(shot.file);
        expect(png.subarray(1, 4).toString('latin1'), shot.file).toBe('PNG');
        expect(png.readUInt32BE(16), `${shot.file}: image width`).toBeGreaterThanOrEqual(shot.width);
      }
      const phone = c.shots.find((s) => s.width === PHONE.width);
      expect(phone?.scrollWidth, `${name} (${c.url}) scrolls sideways on a 360 px screen`).toBeLessThanOrEqual(PHONE.width);
    });
  });
});
