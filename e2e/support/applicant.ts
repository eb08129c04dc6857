/**
 * What an applicant does in the browser, with accessible locators only (roles, labels, texts).
 * Texts come from the app's own dictionaries (client/lib/i18n.ts, progress-texts.ts, a domain
 * pack's texts) and from the server's views and forms, so a reworded label changes nothing here;
 * the tests still fail when a control is missing, unlabelled or does something else.
 */
import type { Locator, Page } from 'playwright-core';
import { formFields, type FieldInfo } from '#client/lib/answers.ts';
import { i18nFor, type Lang } from '#client/lib/i18n.ts';
import { eventLabel } from '#client/lib/labels.ts';
import { progressText, type ProgressKey } from '#client/lib/progress-texts.ts';
import type { ApplicationView, Flow, FormView } from '#client/lib/types.ts';
import { IDENTITY as API_IDENTITY } from '../../server/domain/passport/testing/fixtures.ts';
import { WAIT_MS } from './browser.ts';
import type { UploadFile } from './files.ts';

export const ui = { id: i18nFor('id'), en: i18nFor('en') } as const;
export const progress = (key: ProgressKey, lang: Lang = 'id') => progressText(lang, key);

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A name that starts with `text` (RJSF adds `*` to required fields' labels). */
export const startsWith = (text: string) => new RegExp(`^${escapeRegExp(text)}`);

export const PASSWORD = 'rahasia-123456';

/** The tests' identity answers, with the phone as people type it in the form. */
export const IDENTITY = { ...API_IDENTITY, phone: '081234567890' } as const;

export function h1(page: Page, name?: string): Locator {
  return page.getByRole('heading', { level: 1, ...(name === undefined ? {} : { name, exact: true }) });
}

/** GET an API path with the page's cookies (the logged-in user); throws on a non-2xx answer. */
export async function apiGet<T>(page: Page, path: string): Promise<T> {
  const r = await page.request.get(path, { headers: { accept: 'application/json' }, timeout: WAIT_MS });
  if (!r.ok()) throw new Error(`GET ${path}: ${r.status()} ${await r.text()}`);
  return (await r.json()) as T;
}

/**
 * POST (or another state-changing method) to an API path with the page's session, as the web app
 * sends it (the CSRF token echoed from `GET /api/auth/csrf`); resolves to the status and body
 * whatever the status (for asserting refusals).
 */
export async function apiSend<T = unknown>(page: Page, path: string, body: unknown, method = 'POST'): Promise<{ status: number; body: T }> {
  const csrf = await apiGet<{ token: string }>(page, '/api/auth/csrf');
  const r = await page.request.fetch(path, {
    method,
    headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': csrf.token },
    data: JSON.stringify(body),
    timeout: WAIT_MS,
  });
  const text = await r.text();
  return { status: r.status(), body: (text ? JSON.parse(text) : null) as T };
}

export const viewOf = (page: Page, id: string) => apiGet<ApplicationView>(page, `/api/applications/${encodeURIComponent(id)}`);

/** Polls `fn` until `done` holds; throws with the last value after `ms`. */
export async function until<T>(what: string, fn: () => Promise<T>, done: (v: T) => boolean, ms = WAIT_MS): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (done(v)) return v;
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(v)?.slice(0, 500)} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** True when `locator` has the keyboard focus (polled, bounded). */
export async function hasFocus(locator: Locator, ms = 3_000): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (await locator.evaluate((el) => el === document.activeElement).catch(() => false)) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The 6-digit code of the newest email to `email` in the dev outbox. */
export async function otpFor(page: Page, email: string): Promise<string> {
  const out = await until(
    `OTP email to ${email}`,
    () => apiGet<{ messages: { text: string | null }[] }>(page, `/api/dev/outbox?to=${encodeURIComponent(email)}`),
    (o) => o.messages.some((m) => /\b\d{6}\b/.test(m.text ?? '')),
  );
  return /\b(\d{6})\b/.exec(out.messages.find((m) => /\b\d{6}\b/.test(m.text ?? ''))?.text ?? '')?.[1] ?? '';
}

/** Logs in on the login page and waits for "My applications". */
export async function logIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  const t = ui.id.t;
  await page.goto('/login');
  await h1(page, t('login.title')).waitFor();
  await page.getByLabel(t('field.email'), { exact: true }).fill(email);
  await page.getByLabel(t('field.password'), { exact: true }).fill(password);
  await page.getByRole('button', { name: t('login.submit'), exact: true }).click();
  await h1(page, t('apps.title')).waitFor();
}

/**
 * Logs in on the login page with `?next=` (staff land on their area's page, not on "My
 * applications"); resolves once the address is `next`.
 */
export async function logInTo(page: Page, next: string, email: string, password = PASSWORD): Promise<void> {
  const t = ui.id.t;
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await h1(page, t('login.title')).waitFor();
  await page.getByLabel(t('field.email'), { exact: true }).fill(email);
  await page.getByLabel(t('field.password'), { exact: true }).fill(password);
  await page.getByRole('button', { name: t('login.submit'), exact: true }).click();
  await page.waitForURL((url) => url.pathname + url.search === next);
}

/** The title of the published flow `key`, as the home page shows it. */
export async function flowTitle(page: Page, key: string, lang: Lang = 'id'): Promise<string> {
  const flows = await apiGet<Flow[]>(page, '/api/flows');
  const flow = flows.find((f) => f.key === key);
  if (!flow) throw new Error(`flow ${key} is not published: ${flows.map((f) => f.key).join(', ')}`);
  return ui[lang].tx(flow.title);
}

/** The "start" button of the flow `key` on the home page (named after the flow). */
export async function startButton(page: Page, key: string): Promise<Locator> {
  return page.getByRole('button', { name: new RegExp(escapeRegExp(await flowTitle(page, key))) });
}

/** Starts the flow `key` from the home page; resolves to the new application's id. */
export async function startFlow(page: Page, key: string): Promise<string> {
  if (new URL(page.url()).pathname !== '/') await page.goto('/');
  await (await startButton(page, key)).click();
  await page.waitForURL(/\/applications\/[^/]+$/);
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
}

/**
 * Waits until the application is in `state` (by the API) and the page shows it: its label as the
 * page heading and, when the state has a form, the form's heading. Resolves to the view.
 */
export async function reachState(page: Page, id: string, state: string, lang: Lang = 'id'): Promise<ApplicationView> {
  const view = await until(`application ${id} in state ${state}`, () => viewOf(page, id), (v) => v.state === state);
  await h1(page, ui[lang].tx(view.label)).waitFor();
  if (view.form) await page.getByRole('region', { name: ui[lang].tx(view.form.title), exact: true }).waitFor();
  return view;
}

/**
 * The view's form in `lang`: field titles and option titles, as the page labels them (fields of
 * conditional branches too; `item(key)`: what each item of a list field is).
 */
export function formTexts(form: FormView | null, lang: Lang = 'id') {
  if (!form) throw new Error('this step has no form');
  const fields = formFields(form, lang);
  const info = (key: string): FieldInfo => {
    const f = fields.get(key);
    if (!f) throw new Error(`form ${form.id} has no field ${key}`);
    return f;
  };
  return {
    title: (key: string) => info(key).title ?? key,
    option: (key: string, value: unknown) => {
      const o = info(key).options.find((x) => x.value === value);
      if (!o?.title) throw new Error(`field ${key} of ${form.id} has no option ${String(value)}`);
      return o.title;
    },
    isChoice: (key: string) => info(key).options.length > 0,
    /** A list field's items: their title and their fields' titles and options. */
    item: (key: string) => {
      const items = info(key).items;
      if (!items?.fields) throw new Error(`field ${key} of ${form.id} is not a list of objects`);
      const sub = (k: string) => items.fields?.get(k) ?? { title: k, options: [] };
      return {
        title: items.title ?? info(key).title ?? key,
        field: (k: string) => sub(k).title ?? k,
        option: (k: string, value: unknown) => sub(k).options.find((o) => o.value === value)?.title ?? String(value),
      };
    },
  };
}

/** The text input (or textarea) labelled with the field's title. */
export function field(page: Page, form: FormView | null, key: string, lang: Lang = 'id'): Locator {
  return page.getByLabel(new RegExp(`^${escapeRegExp(formTexts(form, lang).title(key))}\\*?$`));
}

/** The radio option `value` of the field `key`, inside the radio group named after the field. */
export function choice(page: Page, form: FormView | null, key: string, value: unknown, lang: Lang = 'id'): Locator {
  const texts = formTexts(form, lang);
  return page.getByRole('radiogroup', { name: texts.title(key), exact: true }).getByRole('radio', { name: texts.option(key, value), exact: true });
}

/** Fills `values` into the step's form as a person would: typing, or choosing a radio option. */
export async function fillForm(page: Page, form: FormView | null, values: Record<string, unknown>, lang: Lang = 'id'): Promise<void> {
  const texts = formTexts(form, lang);
  for (const [key, value] of Object.entries(values)) {
    if (texts.isChoice(key)) await choice(page, form, key, value, lang).check();
    else await field(page, form, key, lang).fill(String(value));
  }
}

/** The step form's submit button, named as the flow names the step's SUBMIT. */
export function submitButton(page: Page, view: ApplicationView, lang: Lang = 'id'): Locator {
  const submit = view.events.find((e) => e.type === 'SUBMIT');
  return page.getByRole('button', { name: eventLabel(ui[lang], 'SUBMIT', submit?.label), exact: true });
}

/** Uploads `file` through the document field `title`: its button opens the file chooser. */
export async function uploadDocument(page: Page, title: string, file: UploadFile): Promise<void> {
  const t = ui.id.t;
  const chooser = page.waitForEvent('filechooser', { timeout: WAIT_MS });
  await page.getByRole('button', { name: t('doc.forField', { action: t('doc.choose'), field: title }), exact: true }).click();
  await (await chooser).setFiles(file);
  // Uploaded: the field holds the document, and its button now offers to replace it.
  await page.getByRole('button', { name: t('doc.forField', { action: t('doc.replace'), field: title }), exact: true }).waitFor();
}
