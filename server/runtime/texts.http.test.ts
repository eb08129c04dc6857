/**
 * Texts follow the numbers: the shipped passport-new flow states its payment window through
 * `{{policy.delays.paymentWindow | duration}}`, so when policy staff publish a version 2 with a
 * 3-hour window, every text a new applicant reads says "3 jam" / "3 hours" (the public list, the
 * step descriptions, the payment step's description) and the bill expires 3 hours after booking,
 * while an application started on version 1 keeps saying (and doing) 2 hours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atbToday, book, firstOpenDay, plusDays, viewOf, walkToSchedule, type FullView, type Server } from '../domain/passport/testing/acceptance.ts';
import { SHIPPED } from '../domain/passport/testing/passport.ts';
import { startTestServer, type TestClient } from '../testing/harness.ts';

type I18n = { id: string; en: string };
type FlowItem = { key: string; version: number; description?: I18n; highlights?: { title: I18n; items: I18n[] }[]; paymentWindow?: string };
type Bundle = { version: number; definition: { policy: { delays: Record<string, string> } } & Record<string, unknown> };
type TextView = FullView & { next?: I18n };

const HOUR = 3_600_000;

/** Every applicant-facing text of a view that can state the window. */
const textsOf = (v: TextView) => [v.description, v.next, v.label].filter((t): t is I18n => t !== undefined && t !== null);
const says = (texts: I18n[], id: string, en: string) => texts.some((t) => t.id.includes(id)) && texts.some((t) => t.en.includes(en));
const mentions = (texts: I18n[], word: RegExp) => texts.some((t) => word.test(t.id) || word.test(t.en));

describe('texts follow the policy numbers (shipped passport-new, sqlite)', () => {
  let srv: Server;
  let policy: TestClient;
  let early: TestClient;
  let late: TestClient;
  let v1App: { id: string };
  let v1Booked: TextView;

  const listed = async () => {
    const r = await srv.client().get<FlowItem[]>('/api/flows');
    expect(r.status).toBe(200);
    return r.body.find((f) => f.key === 'passport-new')!;
  };
  const highlightTexts = (f: FlowItem) => (f.highlights ?? []).flatMap((h) => h.items);

  beforeAll(async () => {
    srv = await startTestServer({ provider: 'sqlite', env: SHIPPED, workers: false });
    policy = srv.client();
    await policy.loginAs('policy');
    early = srv.client();
    await early.signUp('texts-v1@example.id');
    late = srv.client();
    await late.signUp('texts-v2@example.id');
  });
  afterAll(() => srv?.close());

  it('version 1 says 2 hours everywhere it speaks of the payment window', async () => {
    const flow = await listed();
    expect(flow.version).toBe(1);
    expect(says([flow.description!], 'dalam 2 jam', 'within 2 hours')).toBe(true);
    expect(says(highlightTexts(flow), 'Bayar dalam 2 jam', 'Pay within 2 hours')).toBe(true);

    v1App = await walkToSchedule(early, { flow: 'passport-new' });
    const schedule = (await viewOf(early, v1App.id)) as TextView;
    expect(says(textsOf(schedule), 'dalam 2 jam', 'within 2 hours')).toBe(true);

    const date = await firstOpenDay(early, plusDays(await atbToday(early), 1));
    v1Booked = (await book(early, v1App.id, date)) as TextView;
    expect(says(textsOf(v1Booked), '2 jam', '2 hours')).toBe(true);
    expect(says([v1Booked.description!], '(2 jam sejak jadwal dipesan)', '(2 hours after booking)')).toBe(true);
    expect(Date.parse(v1Booked.payment!.expiresAt) - Date.parse(v1Booked.updatedAt)).toBe(2 * HOUR);
  });

  it('a published version 2 with a 3-hour window says 3 hours to new applicants, and its bill lasts 3 hours', async () => {
    const draft = await policy.post<Bundle>('/api/flows/passport-new/drafts', {});
    expect(draft.status).toBe(201);
    const definition = structuredClone(draft.body.definition);
    definition.policy.delays.paymentWindow = 'PT3H';
    const saved = await policy.put<{ findings: { severity: string; message: string }[] }>(`/api/flows/passport-new/versions/${draft.body.version}`, { definition });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.findings.filter((f) => f.severity === 'error')).toEqual([]);
    // no prose states the window as a literal number (the validator would warn)
    expect(saved.body.findings.filter((f) => f.message.includes('policy.delays.paymentWindow as prose'))).toEqual([]);
    expect((await policy.post(`/api/flows/passport-new/versions/${draft.body.version}/publish`)).status).toBe(200);

    const flow = await listed();
    expect(flow.version).toBe(2);
    expect(says([flow.description!], 'dalam 3 jam', 'within 3 hours')).toBe(true);
    expect(says(highlightTexts(flow), 'Bayar dalam 3 jam', 'Pay within 3 hours')).toBe(true);
    expect(mentions([flow.description!, ...highlightTexts(flow)], /\b2 (jam|hours)\b/)).toBe(false);

    const app = await walkToSchedule(late, { flow: 'passport-new' });
    const schedule = (await viewOf(late, app.id)) as TextView;
    expect(schedule.flowVersion).toBe(2);
    expect(says(textsOf(schedule), 'dalam 3 jam', 'within 3 hours')).toBe(true);
    expect(mentions(textsOf(schedule), /\b2 (jam|hours)\b/)).toBe(false);

    const date = await firstOpenDay(late, plusDays(await atbToday(late), 1));
    const booked = (await book(late, app.id, date)) as TextView;
    expect(says(textsOf(booked), '3 jam', '3 hours')).toBe(true);
    expect(says([booked.description!], '(3 jam sejak jadwal dipesan)', '(3 hours after booking)')).toBe(true);
    expect(mentions(textsOf(booked), /\b2 (jam|hours)\b/)).toBe(false);
    expect(Date.parse(booked.payment!.expiresAt) - Date.parse(booked.updatedAt)).toBe(3 * HOUR);
  });

  it('an application started on version 1 keeps saying (and doing) 2 hours', async () => {
    const still = (await viewOf(early, v1App.id)) as TextView;
    expect(still.flowVersion).toBe(1);
    expect(textsOf(still)).toEqual(textsOf(v1Booked));
    expect(says([still.description!], '(2 jam sejak jadwal dipesan)', '(2 hours after booking)')).toBe(true);
    expect(mentions(textsOf(still), /\b3 (jam|hours)\b/)).toBe(false);
    expect(still.payment!.expiresAt).toBe(v1Booked.payment!.expiresAt);
  });
});
