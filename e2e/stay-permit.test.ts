/**
 * The shipped stay-permit extension (GitHub issue 9), a permit written as data only, in Chromium
 * for every role: the built client served by a real server with the shipped flows on SQLite,
 * driven through playwright-core.
 *
 * - The sponsor (an applicant, on a 360 px phone) fills the flow's own forms: the company section
 *   that appears only for a company, family members added with the list's "Tambah butir" button
 *   (one removed again), the flow's own document kinds; checks the answers (each family member's
 *   fields under their titles), sends, and reads the status page.
 * - The verification reviewer (desktop) finds it in the work queue; the work page offers the
 *   verification group's events only; they ask for information. The sponsor sees the request,
 *   the reminder email arrives once the policy's `infoReminder` has passed on the dev clock, the
 *   sponsor answers in the browser, the reviewer verifies.
 * - The intelligence reviewer clears it: the sponsor's page shows the issued ending.
 * - A second application is refused (the confirmation in the definition's words), a third is
 *   rejected when the information deadline passes (dev clock), a fourth is withdrawn after the
 *   flow asks; the sponsor sees each ending. A reviewer of one group gets 403 on the other
 *   group's event (over HTTP, from the reviewer's browser session: the UI never offers it).
 * - The auditor opens the issued application on its statechart (the parallel review's path) with
 *   its timeline.
 *
 * Every page reached is checked with axe-core (WCAG 2.x A/AA; serious or critical fails) at 360
 * and 1280 px, must not scroll sideways at 360 px, and is photographed as
 * e2e/artifacts/stay-<page>-<width>.png. Without /usr/bin/chromium the file is skipped with a
 * message, except under CI (`CI` set), where that fails.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { typesText } from '#client/lib/file-checks.ts';
import { confirmYes } from '#client/lib/labels.ts';
import { nextText } from '#client/lib/next-step-texts.ts';
import type { ApplicationView, Flow, HistoryEntry } from '#client/lib/types.ts';
import { auditTexts } from '#client/staff/audit/texts.ts';
import { officerTexts, type OfficerTextKey } from '#client/staff/officer/texts.ts';
import { durationToMs } from '#machines/duration.ts';
import { REPO_ROOT } from '#server/config.ts';
import { DEMO_ACCOUNTS } from '#server/db/seed.ts';
import { SHIPPED } from '#server/domain/passport/testing/passport.ts';
import { startTestServer, type TestClient } from '#server/testing/harness.ts';
import {
  clockAdvance,
  COMPANY_KINDS,
  emailsTo,
  FLOW,
  ok,
  toReview,
  waitForEmail,
  type Server,
} from '#server/testing/stay-permit.ts';
import {
  apiGet,
  apiSend,
  choice,
  escapeRegExp,
  field,
  fillForm,
  formTexts,
  h1,
  hasFocus,
  logIn,
  logInTo,
  PASSWORD,
  progress,
  reachState,
  startFlow,
  startsWith,
  submitButton,
  ui,
  until,
  uploadDocument,
  viewOf,
} from './support/applicant.ts';
import { FAILING_IMPACTS, formatFindings } from './support/axe.ts';
import { chromiumMissing, DESKTOP, launchChromium, openTab, PHONE, type Tab } from './support/browser.ts';
import { buildClient, type BuiltClient } from './support/build-client.ts';
import { ARTIFACTS, captureAt, type Captured } from './support/captures.ts';
import { canvasImage, pdf } from './support/files.ts';

const missing = chromiumMissing();
const skip = missing !== null && !process.env.CI;
if (skip) console.warn(`\n[e2e] stay-permit browser tests SKIPPED: ${missing}. Under CI this fails.\n`);

const t = ui.id.t;
const tx = ui.id.tx;
const n = (key: Parameters<typeof nextText>[1], params?: Record<string, string>) => nextText('id', key, params);
/** The generic staff area's texts (work queue, work page). */
const o = (key: OfficerTextKey, params?: Record<string, string | number>) => officerTexts.text('id', key, params);
const a = (key: Parameters<typeof auditTexts.text>[1], params?: Record<string, string | number>) => auditTexts.text('id', key, params);

const account = (email: string) => {
  const found = DEMO_ACCOUNTS.find((x) => x.email === email);
  if (!found) throw new Error(`no demo account ${email}`);
  return found;
};
const VERIFIER = account('verifier@alur.test');
const INTEL = account('intel@alur.test');
const AUDITOR = account('auditor@alur.test');

/** The flow's words and numbers, read from the shipped definition (independently of the client and the server). */
type I18nText = { id: string; en: string };
type EventMeta = { label: I18nText; confirm?: I18nText; form?: string };
type StateNode = { meta?: { label?: I18nText; description?: I18nText; events?: Record<string, EventMeta> }; states?: Record<string, StateNode> };
type Definition = {
  title: I18nText;
  policy: { delays: { infoReminder: string; infoDeadline: string } };
  statuses: Record<string, { label: I18nText }>;
  machine: StateNode;
};
const definition = JSON.parse(readFileSync(path.join(REPO_ROOT, `machines/definitions/${FLOW}.json`), 'utf8')) as Definition;
const stateAt = (...keys: string[]): StateNode => {
  let node = definition.machine;
  for (const k of keys) {
    const next = node.states?.[k];
    if (!next) throw new Error(`${FLOW} has no state ${keys.join('.')}`);
    node = next;
  }
  return node;
};
const eventsOf = (...keys: string[]) => stateAt(...keys).meta?.events ?? {};
const VERIFICATION = eventsOf('inReview', 'verification', 'pending');
const INTELLIGENCE = eventsOf('inReview', 'intelligence', 'pending');
const label = (events: Record<string, EventMeta>, type: string) => {
  const e = events[type];
  if (!e) throw new Error(`${FLOW}: no event ${type} here`);
  return e.label.id;
};
const statusWords = (status: string) => definition.statuses[status]?.label.id ?? status;
const HOUR = 3_600_000;
const REMINDER_HOURS = durationToMs(definition.policy.delays.infoReminder) / HOUR;
const DEADLINE_HOURS = durationToMs(definition.policy.delays.infoDeadline) / HOUR;

/** The sponsor (a company) and its foreign worker with three family members, the second of whom is removed again. */
const SPONSOR = {
  sponsorType: 'company',
  companyName: 'PT Nusantara Tekstil',
  nib: '9120001234567',
  companyAddress: 'Jl. Industri Raya No. 5, Bekasi, Jawa Barat',
  sponsorName: 'Siti Rahayu',
  sponsorPhone: '081234567890',
  sponsorEmail: 'hr@nusantara-tekstil.co.id',
} as const;
const WORKER = {
  workerName: 'Kenji Tanaka',
  workerNationality: 'Jepang',
  workerPassportNumber: 'TR1234567',
  permitNumber: '2C21JE1234-AB',
  permitExpiry: '2027-04-30',
  jobTitle: 'Production Manager',
} as const;
const FAMILY = [
  { name: 'Yuki Tanaka', relationship: 'spouse', birthDate: '1988-07-14', passportNumber: 'TR7654321' },
  { name: 'Hana Tanaka', relationship: 'child', birthDate: '2016-02-03', passportNumber: 'TS1122334' },
  { name: 'Ren Tanaka', relationship: 'child', birthDate: '2019-11-21', passportNumber: 'TS5566778' },
] as const;
/** The one removed from the list before sending. */
const REMOVED = 1;
const KEPT = FAMILY.filter((_, i) => i !== REMOVED);

const NOTE = 'Surat penjaminan belum bermeterai; mohon unggah ulang yang bermeterai.';
const ANSWER = 'Surat penjaminan bermeterai terlampir sebagai dokumen tambahan.';
const REASON = 'Surat penjaminan tidak ditandatangani pengurus perusahaan yang berwenang.';

const PAGES = [
  'home',
  'sponsor-individual',
  'sponsor-company',
  'worker',
  'documents',
  'check-answers',
  'sent',
  'status',
  'verifier-queue',
  'verifier-work',
  'verifier-request-info',
  'info-requested',
  'info-answer',
  'verifier-answered',
  'intel-work',
  'issued',
  'issued-status',
  'refuse-confirm',
  'refused',
  'deadline-passed',
  'withdraw-confirm',
  'auditor-application',
] as const;
type PageName = (typeof PAGES)[number];
const captures = new Map<PageName, Captured>();
/** axe-core and a full-page screenshot at 360 and 1280 px (`stay-<name>-<width>.png`). */
async function capture(page: Page, name: PageName): Promise<void> {
  captures.set(name, await captureAt(page, `stay-${name}`));
}

describe.skipIf(skip)('the stay-permit extension in Chromium, every role (e2e)', () => {
  let client: BuiltClient | undefined;
  let srv: Server | undefined;
  let browser: Browser | undefined;
  let open: Tab[] = [];
  /** The sponsor's account: the browser logs in with it; `sponsorApi` is the same person over HTTP. */
  const sponsorEmail = `e2e-stay-${process.pid}@example.id`;
  let sponsorApi: TestClient;
  let verifierApi: TestClient;
  /** Any client, for the dev clock and the outbox (they need no login). */
  let dev: TestClient;
  /** The application the sponsor sends in the browser, reviewed to the issued ending. */
  let mainId = '';

  beforeAll(async () => {
    if (missing) throw new Error(`CI is set and the browser tests cannot run: ${missing}`);
    for (const f of existsSync(ARTIFACTS) ? readdirSync(ARTIFACTS) : []) if (f.startsWith('failed-stay-')) rmSync(path.join(ARTIFACTS, f));
    client = await buildClient();
    [srv, browser] = await Promise.all([
      // NOTE: the dev clock moves days ahead (the reminder, the deadline); sessions (12 hours by
      // default, on that clock) would end in the middle of a scenario.
      startTestServer({ provider: 'sqlite', env: { ...SHIPPED, CLIENT_DIR: client.dir, SESSION_TTL_HOURS: String(60 * 24) } }),
      launchChromium(),
    ]);
    sponsorApi = srv.client();
    await sponsorApi.signUp(sponsorEmail, PASSWORD, SPONSOR.sponsorName);
    verifierApi = srv.client();
    await verifierApi.login(VERIFIER.email, VERIFIER.password);
    dev = srv.client();
  }, 120_000);

  afterEach(async ({ task }) => {
    // A failed scenario leaves a picture of where it stopped.
    if (task.result?.state === 'fail') {
      mkdirSync(ARTIFACTS, { recursive: true });
      const slug = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      for (const tab of open) if (tab.errors.length) console.error(`[e2e] page errors:\n${tab.errors.join('\n')}`);
      await Promise.all(
        open.map((tab, i) => tab.page.screenshot({ path: path.join(ARTIFACTS, `failed-stay-${slug}-${i}.png`), fullPage: true, timeout: 10_000 }).catch(() => {})),
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

  async function tab(size: typeof PHONE | typeof DESKTOP = PHONE): Promise<Tab> {
    if (!browser || !srv) throw new Error('the browser or the server did not start');
    const opened = await openTab(browser, srv.url);
    open.push(opened);
    await opened.page.setViewportSize(size);
    return opened;
  }

  /** The sponsor, logged in on a phone. */
  async function sponsorTab(): Promise<Tab> {
    const opened = await tab(PHONE);
    await logIn(opened.page, sponsorEmail);
    return opened;
  }

  /** A reviewer (or the auditor), logged in on a desktop, on `next`. */
  async function staffTab(who: { email: string; password: string }, next: string): Promise<Tab> {
    const opened = await tab(DESKTOP);
    await logInTo(opened.page, next, who.email, who.password);
    return opened;
  }

  const main = (page: Page) => page.getByRole('main');
  /** The value shown for `term` in the page's facts (`<dl class="facts">`). */
  const fact = (page: Page, term: string) =>
    main(page)
      .locator('dl.facts > div')
      .filter({ has: page.getByRole('term').filter({ hasText: new RegExp(`^${escapeRegExp(term)}$`) }) })
      .getByRole('definition');
  const fieldLabel = (view: ApplicationView, path: string) => {
    const f = view.fields?.find((x) => x.path === path);
    if (!f) throw new Error(`the view shows no ${path}: ${JSON.stringify(view.fields?.map((x) => x.path))}`);
    return tx(f.label);
  };
  /** The work queue's row of an application. */
  const queueRow = (page: Page, id: string) => page.getByRole('table', { name: o('queue.caption') }).locator(`tr[data-id="${id}"]`);
  const actions = (page: Page) => page.getByRole('region', { name: o('work.actions') });
  const actionNames = (page: Page) => actions(page).getByRole('button').allInnerTexts();

  /** The sponsor's application page showing a final state: its label, status and description in the flow's words, nothing left to do. */
  async function expectEnding(page: Page, id: string, state: string) {
    const view = await until(`application ${id} in ${state}`, () => viewOf(page, id), (v) => v.state === state);
    await page.goto(`/applications/${id}`);
    await h1(page, tx(view.label)).waitFor();
    expect(tx(view.label)).toBe(stateAt(state).meta?.label?.id);
    await fact(page, t('app.status')).getByText(statusWords(view.status), { exact: true }).waitFor();
    const description = stateAt(state).meta?.description?.id ?? '';
    expect(description, `${state} has a description`).not.toBe('');
    await main(page).getByText(description, { exact: true }).waitFor();
    await main(page).getByText(t('app.final'), { exact: true }).waitFor();
    expect(await main(page).getByRole('button').count(), 'nothing left to do').toBe(0);
    return view;
  }

  it('the sponsor (360 px): the company section only for a company, family members added with “Tambah butir” and one removed, the flow’s own documents, check the answers, send; the status page says where it stands and what happens next', async () => {
    const { page, errors } = await sponsorTab();

    // Home: the service card in the flow's words (its highlights, with the policy's numbers filled in).
    await page.goto('/');
    const flows = await apiGet<Flow[]>(page, '/api/flows');
    const stay = flows.find((f) => f.key === FLOW);
    expect(stay?.highlights?.length, 'the flow has highlights').toBeGreaterThan(0);
    const card = main(page).getByRole('listitem').filter({ has: page.getByRole('heading', { name: tx(stay?.title), exact: true }) });
    for (const h of stay?.highlights ?? []) {
      await card.getByRole('heading', { name: tx(h.title), exact: true }).waitFor();
      await card.getByText(tx(h.items[0]), { exact: true }).waitFor();
    }
    expect(tx(stay?.highlights?.[0]?.items[0]), 'the fee from the policy, as money').toMatch(/Rp\s1\.500\.000/);
    await capture(page, 'home');
    const id = await startFlow(page, FLOW);
    mainId = id;

    // The sponsor: an individual is asked for a NIK and no company; choosing a company brings the company's section instead (if/then/else).
    let view = await reachState(page, id, 'application.sponsor');
    const sponsor = formTexts(view.form);
    await choice(page, view.form, 'sponsorType', 'individual').check();
    await field(page, view.form, 'sponsorNik').waitFor();
    expect(await field(page, view.form, 'companyName').count(), 'no company section for an individual').toBe(0);
    await capture(page, 'sponsor-individual');
    await choice(page, view.form, 'sponsorType', 'company').check();
    await field(page, view.form, 'companyName').waitFor();
    expect(await field(page, view.form, 'sponsorNik').count(), 'no individual sponsor’s NIK for a company').toBe(0);
    await fillForm(page, view.form, SPONSOR);
    expect(sponsor.title('companyName')).not.toBe('companyName');
    await capture(page, 'sponsor-company');
    await submitButton(page, view).click();

    // The foreign worker, and the family members: each added with the list's visible "Tambah butir" button.
    view = await reachState(page, id, 'application.worker');
    const worker = formTexts(view.form);
    await fillForm(page, view.form, WORKER);
    const list = worker.item('dependants');
    const listTitle = worker.title('dependants');
    const add = page.getByRole('button', { name: t('form.array.addTo', { title: listTitle }), exact: true });
    expect(await add.innerText()).toBe(t('form.array.addItem'));
    const icon = await add.locator('svg').boundingBox();
    expect(icon?.width ?? 0, 'the add button shows its icon').toBeGreaterThan(0);
    const items = page.getByRole('group', { name: startsWith(list.title) });
    const nameIn = (i: number) => items.nth(i).getByLabel(new RegExp(`^${escapeRegExp(list.field('name'))}\\*?$`));
    for (const [i, d] of FAMILY.entries()) {
      await add.click();
      await until(`family member ${i + 1} in the list`, () => items.count(), (c) => c === i + 1);
      const item = items.nth(i);
      await nameIn(i).fill(d.name);
      await item.getByRole('radiogroup', { name: list.field('relationship'), exact: true }).getByRole('radio', { name: list.option('relationship', d.relationship), exact: true }).check();
      await item.getByLabel(new RegExp(`^${escapeRegExp(list.field('birthDate'))}\\*?$`)).fill(d.birthDate);
      await item.getByLabel(new RegExp(`^${escapeRegExp(list.field('passportNumber'))}\\*?$`)).fill(d.passportNumber);
    }
    // Remove the second: its button names the item it removes, shows "Hapus" and an icon.
    const remove = page.getByRole('button', { name: t('form.array.removeItem', { item: t('form.array.itemOf', { n: REMOVED + 1, title: listTitle }) }), exact: true });
    expect(await remove.innerText()).toBe(t('form.array.remove'));
    expect((await remove.locator('svg').boundingBox())?.width ?? 0, 'the remove button shows its icon').toBeGreaterThan(0);
    await remove.click();
    await until('two family members left', () => items.count(), (c) => c === KEPT.length);
    for (const [i, d] of KEPT.entries()) expect(await nameIn(i).inputValue(), `family member ${i + 1}`).toBe(d.name);
    await capture(page, 'worker');
    await submitButton(page, view).click();

    // Documents of the flow's own kinds (a company's include its registration), the hint from their declaration.
    view = await reachState(page, id, 'application.documentsCompany');
    const declared = view.documents?.find((d) => d.kind === 'sponsorLetter');
    expect(declared).toBeDefined();
    await page.getByText(t('doc.hint', { types: typesText(declared?.types ?? [], 'id'), max: '2 MB' }), { exact: true }).first().waitFor();
    const docs = formTexts(view.form);
    for (const [i, kind] of COMPANY_KINDS.entries()) {
      await uploadDocument(page, docs.title(kind), i % 2 ? await canvasImage(page, 'image/png', `${kind}.png`, kind) : pdf(`${kind}.pdf`, kind));
    }
    await capture(page, 'documents');
    await submitButton(page, view).click();

    // Check your answers (the flow marks the step): the company's section, each family member's fields under their titles, the removed one nowhere.
    view = await reachState(page, id, 'application.checkAnswers');
    expect(view.review).toBe(true);
    const answers = page.getByRole('region', { name: progress('answers.title'), exact: true });
    const row = (term: string) => answers.getByRole('term').filter({ hasText: new RegExp(`^${escapeRegExp(term)}$`) });
    await row(sponsor.title('companyName')).waitFor();
    await answers.getByText(SPONSOR.companyName, { exact: true }).waitFor();
    for (const [i, d] of KEPT.entries()) {
      await row(`${list.title} ${i + 1}: ${list.field('name')}`).waitFor();
      await answers.getByText(d.name, { exact: true }).waitFor();
      await row(`${list.title} ${i + 1}: ${list.field('relationship')}`).waitFor();
      await answers.getByText(list.option('relationship', d.relationship), { exact: true }).first().waitFor();
      await row(`${list.title} ${i + 1}: ${list.field('passportNumber')}`).waitFor();
      await answers.getByText(d.passportNumber, { exact: true }).waitFor();
    }
    expect(await row(`${list.title} ${KEPT.length + 1}: ${list.field('name')}`).count(), 'no third family member').toBe(0);
    expect(await answers.getByText(FAMILY[REMOVED]!.name, { exact: true }).count(), 'the removed family member is not listed').toBe(0);
    expect(await answers.getByText(progress('answers.uploaded'), { exact: true }).count()).toBe(COMPANY_KINDS.length);
    await capture(page, 'check-answers');
    await page.getByRole('checkbox', { name: startsWith(formTexts(view.form).title('declaration').slice(0, 40)) }).check();
    await submitButton(page, view).click();

    // Sent: the two teams review; the status in the flow's words and the values it shows the sponsor.
    view = await until('the application in review', () => viewOf(page, id), (v) => v.status === 'inReview');
    expect(view.data.dependants).toEqual(KEPT);
    await h1(page, tx(view.label)).waitFor();
    await fact(page, t('app.status')).getByText(statusWords('inReview'), { exact: true }).waitFor();
    await fact(page, fieldLabel(view, 'data.workerName')).getByText(WORKER.workerName, { exact: true }).waitFor();
    await capture(page, 'sent');
    await waitForEmail(dev, sponsorEmail, (m) => m.text.includes(id) && m.text.includes(WORKER.workerName));

    // The status page: the status in words, what happens next in the flow's words, the timeline by the flow's labels.
    await page.getByRole('link', { name: t('app.history'), exact: true }).click();
    await page.waitForURL(`**/applications/${id}/history`);
    await main(page).getByText(statusWords('inReview'), { exact: true }).first().waitFor();
    expect(tx(view.next)).toContain('14 hari');
    await main(page).getByText(tx(view.next), { exact: true }).waitFor();
    await main(page).getByText(n('tl.step', { step: tx(view.steps?.find((s) => s.id === 'sponsor')?.label) }), { exact: true }).waitFor();
    const history = await apiGet<HistoryEntry[]>(page, `/api/applications/${id}/history`);
    const sent = history.filter((e) => e.type === 'SUBMIT').at(-1);
    expect(sent?.toLabel, 'the history names the state it led to').toBeTruthy();
    await main(page).getByText(n('tl.movedTo', { state: tx(sent?.toLabel) }), { exact: true }).first().waitFor();
    await capture(page, 'status');
    expect(errors).toEqual([]);
  }, 180_000);

  it('the verification reviewer finds it in the work queue, sees only their group’s events and asks for information; the sponsor sees the request, is reminded by email after the policy’s infoReminder and answers in the browser; the reviewer verifies', async () => {
    expect(mainId, 'the sponsor sent an application').not.toBe('');
    const reviewer = await staffTab(VERIFIER, '/officer');
    const rp = reviewer.page;

    // The work queue: the application by the flow's title, its status in the definition's words.
    await h1(rp, o('queue.title')).waitFor();
    const queued = queueRow(rp, mainId);
    await queued.getByRole('link', { name: new RegExp(`^${escapeRegExp(definition.title.id)} `) }).waitFor();
    await queued.getByText(statusWords('inReview'), { exact: true }).waitFor();
    await capture(rp, 'verifier-queue');

    // The work page: named after the sponsor, the verification group's events only (not intelligence's, not the sponsor's).
    await queued.getByRole('link').click();
    await rp.waitForURL(`**/officer/applications/${mainId}`);
    await h1(rp, SPONSOR.sponsorName).waitFor();
    await rp.getByRole('region', { name: o('work.summary') }).getByText(SPONSOR.companyName, { exact: true }).waitFor();
    expect(await actionNames(rp)).toEqual(Object.values(VERIFICATION).map((e) => e.label.id));
    for (const e of Object.values(INTELLIGENCE)) expect(await actions(rp).getByRole('button', { name: e.label.id }).count()).toBe(0);
    await capture(rp, 'verifier-work');

    // Request information, with a note (the event's form).
    await actions(rp).getByRole('button', { name: label(VERIFICATION, 'REQUEST_INFO'), exact: true }).click();
    await rp.getByRole('heading', { level: 2, name: 'Minta keterangan tambahan' }).waitFor();
    await rp.getByLabel(startsWith('Apa yang perlu dijelaskan atau dilengkapi')).fill(NOTE);
    await capture(rp, 'verifier-request-info');
    await rp.getByRole('button', { name: label(VERIFICATION, 'REQUEST_INFO'), exact: true }).click();
    await rp.getByText(o('work.none'), { exact: true }).waitFor();

    // The sponsor: the request on the application page (the state's words, the note, the answer form), and by email.
    const sponsorSide = await sponsorTab();
    const sp = sponsorSide.page;
    await sp.goto(`/applications/${mainId}`);
    let view = await reachState(sp, mainId, 'inReview(intelligence.pending,verification.infoRequested)');
    await fact(sp, t('app.status')).getByText(statusWords('infoRequested'), { exact: true }).waitFor();
    await fact(sp, fieldLabel(view, 'data.infoRequest.note')).getByText(NOTE, { exact: true }).waitFor();
    expect(tx(view.description)).toContain(`${DEADLINE_HOURS / 24} hari`);
    await main(sp).getByText(tx(view.description), { exact: true }).waitFor();
    await capture(sp, 'info-requested');
    await waitForEmail(dev, sponsorEmail, (m) => m.text.includes(mainId) && m.text.includes(NOTE));

    // The reminder: not before the policy's infoReminder has passed on the dev clock, then once.
    const reminders = async () => (await emailsTo(dev, sponsorEmail)).filter((m) => m.subject.startsWith('Pengingat') && m.text.includes(mainId));
    await clockAdvance(srv!, dev, `PT${REMINDER_HOURS - 1}H`);
    expect(await reminders()).toEqual([]);
    await clockAdvance(srv!, dev, 'PT1H');
    const [reminder] = await until('the reminder email', reminders, (r) => r.length > 0);
    expect(reminder?.subject).toContain(WORKER.workerName);
    expect(reminder?.text).toContain(NOTE);
    expect(reminder?.text).toContain(`${REMINDER_HOURS / 24} hari`);
    expect(reminder?.text).not.toContain('{{');

    // The sponsor answers in the browser, with an additional document.
    await sp.reload();
    view = await reachState(sp, mainId, 'inReview(intelligence.pending,verification.infoRequested)');
    const response = formTexts(view.form);
    await field(sp, view.form, 'infoAnswer').fill(ANSWER);
    await uploadDocument(sp, response.title('additionalDocument'), pdf('surat-bermeterai.pdf', 'Surat penjaminan bermeterai'));
    await capture(sp, 'info-answer');
    await submitButton(sp, view).click();
    view = await until('the answer sent', () => viewOf(sp, mainId), (v) => v.state === 'inReview(intelligence.pending,verification.pending)');
    await h1(sp, tx(view.label)).waitFor();
    await fact(sp, t('app.status')).getByText(statusWords('inReview'), { exact: true }).waitFor();

    // The reviewer sees the answer and the document, and verifies.
    await rp.reload();
    await h1(rp, SPONSOR.sponsorName).waitFor();
    await rp.getByRole('region', { name: o('work.summary') }).getByText(ANSWER, { exact: true }).waitFor();
    await rp.getByRole('link', { name: startsWith('Dokumen tambahan') }).waitFor();
    expect(await actionNames(rp)).toEqual(Object.values(VERIFICATION).map((e) => e.label.id));
    await capture(rp, 'verifier-answered');
    await actions(rp).getByRole('button', { name: label(VERIFICATION, 'VERIFY'), exact: true }).click();
    await rp.getByText(o('work.none'), { exact: true }).waitFor();
    const after = await viewOf(sp, mainId);
    expect([after.status, after.state]).toEqual(['inReview', 'inReview(intelligence.pending,verification.verified)']);
    expect(reviewer.errors).toEqual([]);
    expect(sponsorSide.errors).toEqual([]);
  }, 180_000);

  it('the intelligence reviewer clears it in the browser: the sponsor’s page shows the issued ending', async () => {
    expect(mainId).not.toBe('');
    const { page, errors } = await staffTab(INTEL, '/officer');
    await h1(page, o('queue.title')).waitFor();
    await queueRow(page, mainId).getByRole('link').click();
    await page.waitForURL(`**/officer/applications/${mainId}`);
    await h1(page, SPONSOR.sponsorName).waitFor();
    expect(await actionNames(page)).toEqual(Object.values(INTELLIGENCE).map((e) => e.label.id));
    await capture(page, 'intel-work');
    await actions(page).getByRole('button', { name: label(INTELLIGENCE, 'CLEAR'), exact: true }).click();
    await page.getByText(o('work.final'), { exact: true }).waitFor();

    const sponsorSide = await sponsorTab();
    const sp = sponsorSide.page;
    const view = await expectEnding(sp, mainId, 'issued');
    expect(view.status).toBe('issued');
    await capture(sp, 'issued');
    await sp.getByRole('link', { name: t('app.history'), exact: true }).click();
    await sp.waitForURL(`**/applications/${mainId}/history`);
    await main(sp).getByText(statusWords('issued'), { exact: true }).first().waitFor();
    await main(sp).getByText(tx(view.next), { exact: true }).waitFor();
    await capture(sp, 'issued-status');
    await waitForEmail(dev, sponsorEmail, (m) => m.subject.includes('disetujui') && m.text.includes(mainId));
    expect(errors).toEqual([]);
    expect(sponsorSide.errors).toEqual([]);
  }, 90_000);

  it('a reviewer of one group gets 403 on the other group’s event (over HTTP, from their browser session); the verification reviewer refuses another application after a confirmation in the definition’s words; the sponsor sees why', async () => {
    const app = await toReview(sponsorApi);
    const verifier = await staffTab(VERIFIER, '/officer');
    const intel = await staffTab(INTEL, '/officer');
    const refused: [Page, string][] = [
      [verifier.page, 'CLEAR'],
      [verifier.page, 'OBJECT'],
      [intel.page, 'VERIFY'],
      [intel.page, 'REQUEST_INFO'],
      [intel.page, 'REFUSE'],
    ];
    for (const [page, type] of refused) {
      const r = await apiSend<{ type: string; requiredGroups?: string[] }>(page, `/api/applications/${app.id}/events`, { type });
      expect(r.status, `${type}: ${JSON.stringify(r.body)}`).toBe(403);
      expect(r.body.type).toMatch(/\/wrong-group$/);
      expect(r.body.requiredGroups).toEqual([type in VERIFICATION ? 'verification' : 'intelligence']);
    }
    const unchanged = await viewOf(verifier.page, app.id);
    expect([unchanged.state, unchanged.version]).toEqual([app.state, app.version]);

    // Refuse in the browser: the reason (the event's form), then the definition's confirmation.
    const { page, errors } = verifier;
    await page.reload();
    await queueRow(page, app.id).getByRole('link').click();
    await page.waitForURL(`**/officer/applications/${app.id}`);
    await actions(page).getByRole('button', { name: label(VERIFICATION, 'REFUSE'), exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Alasan penolakan' }).waitFor();
    await page.getByLabel(startsWith('Alasan untuk penjamin')).fill(REASON);
    await page.getByRole('button', { name: label(VERIFICATION, 'REFUSE'), exact: true }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText(VERIFICATION.REFUSE!.confirm!.id, { exact: true }).waitFor();
    expect(await hasFocus(dialog.getByRole('button', { name: o('work.confirmYes'), exact: true }))).toBe(true);
    await capture(page, 'refuse-confirm');
    await dialog.getByRole('button', { name: o('work.confirmYes'), exact: true }).click();
    await page.getByText(o('work.final'), { exact: true }).waitFor();

    // The sponsor: rejected, with the reason.
    const sponsorSide = await sponsorTab();
    const sp = sponsorSide.page;
    const view = await expectEnding(sp, app.id, 'rejected');
    await fact(sp, fieldLabel(view, 'data.decision.reason')).getByText(REASON, { exact: true }).waitFor();
    await capture(sp, 'refused');
    await waitForEmail(dev, sponsorEmail, (m) => m.text.includes(app.id) && m.text.includes(REASON));
    // The other group has nothing left to do.
    expect((await viewOf(intel.page, app.id)).events).toEqual([]);
    expect(errors).toEqual([]);
    expect(intel.errors).toEqual([]);
    expect(sponsorSide.errors).toEqual([]);
  }, 120_000);

  it('rejects an application whose request for information is not answered by the policy’s infoDeadline (dev clock); the sponsor sees the ending', async () => {
    const app = await toReview(sponsorApi);
    await ok(verifierApi, app.id, 'REQUEST_INFO', { note: 'Kontrak kerja terbaru belum dilampirkan.' });
    await clockAdvance(srv!, dev, `PT${DEADLINE_HOURS - 1}H`);
    expect((await sponsorApi.get<{ status: string }>(`/api/applications/${app.id}`)).body.status).toBe('infoRequested');
    await clockAdvance(srv!, dev, 'PT1H');

    const { page, errors } = await sponsorTab();
    const view = await expectEnding(page, app.id, 'rejected');
    expect(view.data.decision).toEqual({ by: 'infoDeadline' });
    // No reason to show: the deadline decided, not an officer.
    expect(view.fields?.some((f) => f.path === 'data.decision.reason')).toBe(false);
    await capture(page, 'deadline-passed');
    await waitForEmail(dev, sponsorEmail, (m) => m.subject.includes('keterangan tidak dijawab') && m.text.includes(app.id));
    expect(errors).toEqual([]);
  }, 90_000);

  it('asks before a withdrawal, in the flow’s words; “no” leaves it as it was, “yes” ends it', async () => {
    const app = await toReview(sponsorApi);
    const { page, errors } = await sponsorTab();
    await page.goto(`/applications/${app.id}`);
    const view = await reachState(page, app.id, app.state);
    const withdraw = view.events.find((e) => e.type === 'WITHDRAW');
    expect(withdraw?.confirm, 'the flow asks before a withdrawal').toBeDefined();
    await main(page).getByRole('button', { name: tx(withdraw?.label), exact: true }).click();
    const confirm = main(page).getByRole('group', { name: tx(withdraw?.confirm), exact: true });
    await confirm.waitFor();
    await capture(page, 'withdraw-confirm');
    await confirm.getByRole('button', { name: t('app.confirmNo'), exact: true }).click();
    expect((await viewOf(page, app.id)).status).toBe('inReview');
    await main(page).getByRole('button', { name: tx(withdraw?.label), exact: true }).click();
    await main(page).getByRole('button', { name: confirmYes(ui.id, 'WITHDRAW', withdraw?.label), exact: true }).click();
    await expectEnding(page, app.id, 'withdrawn');
    expect(errors).toEqual([]);
  }, 60_000);

  it('the auditor opens the issued application: the parallel review’s path on the statechart, the timeline equal to the history', async () => {
    expect(mainId).not.toBe('');
    const { page, errors } = await staffTab(AUDITOR, '/audit');
    await page.goto(`/audit/applications/${mainId}`);
    await h1(page, a('app.title', { id: mainId.slice(0, 8) })).waitFor();
    const history = await apiGet<HistoryEntry[]>(page, `/api/applications/${mainId}/history`);
    // The summary: the state and the status in the definition's words, with their codes.
    expect(await page.locator('dd[data-state]').innerText()).toBe(`${stateAt('issued').meta?.label?.id} (issued)`);
    expect(await page.locator('dd[data-status]').innerText()).toBe(`${statusWords('issued')} (issued)`);

    // The statechart's text alternative: issued now; both regions of the review on the path,
    // the verification region's pending twice (before and after the request for information).
    const rows = page.locator('.sc__table tbody tr');
    await rows.first().waitFor({ state: 'attached' });
    expect(await page.locator('.sc__table tr[data-current="true"]').evaluateAll((r) => r.map((x) => x.getAttribute('data-state')))).toEqual(['issued']);
    const visits = await page.locator('.sc__table td[data-visits]').evaluateAll((cells) =>
      Object.fromEntries(cells.map((c) => [c.closest('tr')?.getAttribute('data-state'), Number(c.getAttribute('data-visits'))])),
    );
    expect(visits).toMatchObject({
      inReview: 1,
      'inReview.verification': 1,
      'inReview.verification.pending': 2,
      'inReview.verification.infoRequested': 1,
      'inReview.verification.verified': 1,
      'inReview.intelligence': 1,
      'inReview.intelligence.pending': 1,
      issued: 1,
      rejected: 0,
      withdrawn: 0,
    });
    await page.locator('.react-flow__node').first().waitFor();

    // The timeline: every history entry, in order; the parallel states as the engine wrote them.
    const entries = await page.locator('.audit-timeline > li').evaluateAll((items) =>
      items.map((li) => ({ seq: Number(li.getAttribute('data-seq')), type: li.getAttribute('data-type'), to: li.getAttribute('data-to') })),
    );
    expect(entries).toEqual(history.map((e) => ({ seq: e.seq, type: e.type, to: e.to })));
    expect(entries.map((e) => e.type)).toEqual(expect.arrayContaining(['REQUEST_INFO', 'VERIFY', 'CLEAR']));
    expect(entries.find((e) => e.type === 'REQUEST_INFO')?.to).toBe('inReview(intelligence.pending,verification.infoRequested)');
    expect(entries.find((e) => e.type === 'VERIFY')?.to).toBe('inReview(intelligence.pending,verification.verified)');
    expect(entries.at(-1)).toMatchObject({ type: 'CLEAR', to: 'issued' });

    // Its log replays to its snapshot.
    await page.getByRole('button', { name: a('app.verify'), exact: true }).click();
    await page.locator('[data-verify="ok"]').waitFor();
    await page.locator('.sc__alt summary').click();
    await capture(page, 'auditor-application');
    expect(errors).toEqual([]);
  }, 90_000);

  describe('accessibility (axe-core, WCAG 2.x A/AA) and screenshots at 360 and 1280 px', () => {
    it.each(PAGES)('%s: no serious or critical violation; written; no sideways scrolling at 360 px', (name) => {
      const c = captures.get(name);
      expect(c, `the page "${name}" was not reached by the scenarios above (see their failures)`).toBeDefined();
      if (!c) return;
      const failing = c.violations.filter((v) => FAILING_IMPACTS.has(v.impact));
      const other = c.violations.filter((v) => !FAILING_IMPACTS.has(v.impact));
      if (other.length) console.warn(`[axe] stay ${name} (${c.url}): minor or moderate:\n${formatFindings(other)}`);
      expect(failing.length, `${name} (${c.url}):\n${formatFindings(failing)}\n`).toBe(0);
      expect(c.shots.map((s) => s.width)).toEqual([PHONE.width, DESKTOP.width]);
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
