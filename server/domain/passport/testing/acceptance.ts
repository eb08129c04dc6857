/**
 * Helpers for the passport acceptance tests (server/domain/passport-acceptance*.http.test.ts):
 * walking each shipped flow to its schedule step, booking and paying, moving the manual clock to
 * an office's wall-clock time and letting due timers fire, and reading what a user or an
 * operator would see (outbox, places, bills).
 *
 * Office times are Atambua's (ATB, Asia/Makassar, UTC+8, no daylight saving): "today" there is
 * often already tomorrow in UTC, so every date here is computed from the office's today.
 */
import { readFileSync } from 'node:fs';
import { formatInTimeZone } from 'date-fns-tz';
import { expect } from 'vitest';
import type { OutboxEmail, startTestServer, TestClient } from '../../../testing/harness.ts';
import { identity, upload, type Availability, type Problem, type View } from './passport.ts';

export type Server = Awaited<ReturnType<typeof startTestServer>>;
export type FullView = View & {
  label: { id: string; en: string } | null;
  description?: { id: string; en: string };
  final: boolean;
  form: { id: string; schema: unknown } | null;
  data: Record<string, unknown>;
  officeCode: string | null;
  createdAt: string;
  updatedAt: string;
  payment?: View['payment'] & { lines?: { amount: number }[] };
};
export type HistoryEntry = { seq: number; type: string; actor: string; at: string; from: string | null; to: string; data: Record<string, unknown> };
export type Reply<T> = { status: number; body: T; contentType: string };

export const ATB_TZ = 'Asia/Makassar';
/** ATB's UTC offset, for writing office wall-clock times as ISO instants. */
export const ATB_OFFSET = '+08:00';
const DAY_MS = 86_400_000;

/** The instant of `hhmm[:ss]` on `date` in Atambua. */
export const atbTime = (date: string, hhmm: string) => `${date}T${hhmm.length === 5 ? `${hhmm}:00` : hhmm}${ATB_OFFSET}`;
/** `date` + `n` calendar days. */
export const plusDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The seeded holiday dates (server/db/seed-data), read here on their own to check the server's arithmetic. */
const SEEDED_HOLIDAYS = new Set(
  (JSON.parse(readFileSync(new URL('../../../db/seed-data/holidays-id-2026.json', import.meta.url), 'utf8')) as { holidays: { date: string }[] }).holidays.map((h) => h.date),
);

/** The `n`th day after `date` that is neither a weekend nor a seeded holiday. */
export function workingDaysAfter(date: string, n: number): string {
  let d = date;
  for (let left = n; left > 0; ) {
    d = plusDays(d, 1);
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (dow !== 0 && dow !== 6 && !SEEDED_HOLIDAYS.has(d)) left--;
  }
  return d;
}

export const replacementIdentity = { ...identity, oldPassportNumber: 'B1234567', oldPassportExpiry: '2025-10-01' };

/** The server's (manual) clock, as the API tells it. */
export async function clockNow(c: TestClient): Promise<Date> {
  const r = await c.get<{ now: string }>('/api/dev/clock');
  expect(r.status).toBe(200);
  return new Date(r.body.now);
}

/** Today in Atambua by the server's clock. */
export async function atbToday(c: TestClient): Promise<string> {
  return formatInTimeZone(await clockNow(c), ATB_TZ, 'yyyy-MM-dd');
}

/**
 * Every timer due by the server's clock has fired (its row is deleted in the transaction that
 * fires it). Waiting for this after moving the clock keeps a test's next request from racing a
 * timer of the same application (see the report: a timer firing concurrently with an event of
 * the same application can deadlock on PostgreSQL).
 */
export async function settle(srv: Server, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    await srv.deps.scheduler.tick();
    const now = srv.deps.clock.now().toISOString();
    const due = await srv.deps.sql.all<{ applicationId: string; timerId: string; dueAt: string }>(
      'SELECT "applicationId", "timerId", "dueAt" FROM "Timer" WHERE "dueAt" <= ?',
      [now],
    );
    if (due.length === 0) return;
    if (Date.now() > until) throw new Error(`timers still due after ${ms} ms: ${JSON.stringify(due)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Moves the manual clock to `iso` through the API (forward only), then lets due timers fire. */
export async function clockTo(srv: Server, c: TestClient, iso: string): Promise<void> {
  const r = await c.post<{ now: string } & Problem>('/api/dev/clock', { to: new Date(iso).toISOString() });
  expect(r.status, `clock to ${iso}: ${JSON.stringify(r.body)}`).toBe(200);
  await settle(srv);
}

/** Moves the manual clock forward by an ISO 8601 duration through the API, then lets due timers fire. */
export async function clockAdvance(srv: Server, c: TestClient, duration: string): Promise<void> {
  const r = await c.post<{ now: string } & Problem>('/api/dev/clock', { advance: duration });
  expect(r.status, `clock +${duration}: ${JSON.stringify(r.body)}`).toBe(200);
  await settle(srv);
}

export const sendAs = (c: TestClient, id: string) => (type: string, data?: unknown, headers?: Record<string, string>) =>
  c.post<FullView & Problem>(`/api/applications/${id}/events`, data === undefined ? { type } : { type, data }, headers);

export const viewOf = (c: TestClient, id: string) => c.getOk<FullView>(`/api/applications/${id}`);
export const historyOf = (c: TestClient, id: string) => c.getOk<HistoryEntry[]>(`/api/applications/${id}/history`);

/** Sends an event and expects 200; resolves to the new view. */
export async function ok(c: TestClient, id: string, type: string, data?: unknown): Promise<FullView> {
  const r = await sendAs(c, id)(type, data);
  expect(r.status, `${type}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
}

/**
 * HAND_OVER on the pickup date (not before: the handOver hook refuses it): moves the server's
 * clock to 09:00 Atambua time on `pickupDate` when it is earlier, then sends it.
 */
export async function handOverOnPickupDay(srv: Server, officer: TestClient, id: string, pickupDate: string): Promise<FullView> {
  if ((await atbToday(officer)) < pickupDate) await clockTo(srv, officer, atbTime(pickupDate, '09:00'));
  return ok(officer, id, 'HAND_OVER');
}

async function uploadAll(c: TestClient, id: string, kinds: string[]): Promise<Record<string, string>> {
  const docs: Record<string, string> = {};
  for (const kind of kinds) {
    const up = await upload(c, id, kind);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    docs[kind] = up.body.id;
  }
  return docs;
}

export type Walk =
  | { flow: 'passport-new' }
  | { flow: 'passport-replacement'; reason?: 'expired' | 'expiring' | 'pagesFull' }
  | { flow: 'passport-express'; kind?: 'new' }
  | { flow: 'passport-express'; kind: 'replacement'; reason?: 'expired' | 'expiring' | 'pagesFull' };

/** Walks an applicant through each shipped flow's steps up to the schedule step. */
export async function walkToSchedule(c: TestClient, walk: Walk, answers: Record<string, unknown> = {}): Promise<{ id: string }> {
  const created = await c.post<FullView & Problem>('/api/applications', { flow: walk.flow });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id;
  let kinds = ['ktp', 'kk', 'birthProof'];
  let who: Record<string, unknown> = identity;
  if (walk.flow === 'passport-replacement') {
    await ok(c, id, 'SUBMIT', { reason: walk.reason ?? 'expired' });
    kinds = ['ktp', 'oldPassport'];
    who = replacementIdentity;
  } else if (walk.flow === 'passport-express') {
    if (walk.kind === 'replacement') {
      await ok(c, id, 'SUBMIT', { kind: 'replacement', reason: walk.reason ?? 'expired' });
      kinds = ['ktp', 'oldPassport'];
      who = replacementIdentity;
    } else {
      await ok(c, id, 'SUBMIT', { kind: 'new' });
    }
  }
  await ok(c, id, 'SUBMIT', { ...who, ...answers });
  await ok(c, id, 'SUBMIT', await uploadAll(c, id, kinds));
  const review = await ok(c, id, 'SUBMIT', { declaration: true });
  expect(review.state).toBe('schedule');
  return { id };
}

/** Availability of ATB for `flow` from `from` (31 days at most). */
export async function availabilityOf(c: TestClient, from: string, to: string, flow = 'passport-new'): Promise<Availability['days']> {
  const r = await c.get<Availability>(`/api/offices/ATB/availability?from=${from}&to=${to}&flow=${flow}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.days;
}

/** Free places of one ATB session on one day, as availability shows them. */
export async function freeAt(c: TestClient, date: string, session: string, flow = 'passport-new'): Promise<number> {
  const day = (await availabilityOf(c, date, date, flow))[0];
  const s = day?.sessions.find((x) => x.id === session);
  if (!s) throw new Error(`no session ${session} on ${date}`);
  return s.free;
}

/** The first ATB day from `from` with a free place in `session` (default: the morning one). */
export async function firstOpenDay(c: TestClient, from: string, flow = 'passport-new', session = 'pagi'): Promise<string> {
  const days = await availabilityOf(c, from, plusDays(from, 20), flow);
  const day = days.find((d) => d.open && d.sessions.some((s) => s.id === session && s.free > 0));
  if (!day) throw new Error(`no open day at ATB from ${from}: ${JSON.stringify(days.map((d) => [d.date, d.reason]))}`);
  return day.date;
}

/** Books ATB on `date`/`session` from the schedule step; expects 200 (awaiting payment). */
export async function book(c: TestClient, id: string, date: string, session = 'pagi'): Promise<FullView> {
  const v = await ok(c, id, 'SUBMIT', { officeCode: 'ATB', date, session });
  expect(v.status).toBe('awaitingPayment');
  expect(v.payment?.billingCode).toMatch(/^\d{15}$/);
  return v;
}

/** Pays the bill through the sandbox gateway (the signed webhook); expects 200 and `booked`. */
export async function pay(c: TestClient, id: string, billingCode: string): Promise<FullView> {
  const r = await c.post<Problem>(`/api/dev/payments/${billingCode}/pay`, {});
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const v = await viewOf(c, id);
  expect(v.status).toBe('booked');
  return v;
}

/** From the schedule step: booked on `date` and paid; resolves to the view with the queue code. */
export async function bookAndPay(c: TestClient, id: string, date: string, session = 'pagi'): Promise<FullView> {
  const booked = await book(c, id, date, session);
  return pay(c, id, booked.payment!.billingCode);
}

/** The officer at the counter: check-in, photo, biometrics. */
export async function checkInAndRecord(officer: TestClient, id: string, queueCode: string, originals: Record<string, boolean>): Promise<FullView> {
  const checkedIn = await ok(officer, id, 'CHECK_IN', { queueCode });
  expect(checkedIn.status).toBe('checkedIn');
  const photo = await upload(officer, id, 'photo');
  expect(photo.status, JSON.stringify(photo.body)).toBe(201);
  const bio = await ok(officer, id, 'RECORD_BIOMETRICS', { originalsVerified: originals, photo: photo.body.id, fingerprintsCaptured: true });
  expect(bio.status).toBe('inReview');
  return bio;
}

/** Every email to `to` in the dev outbox, newest first. */
export async function outbox(c: TestClient, to: string): Promise<OutboxEmail[]> {
  const r = await c.get<{ messages: OutboxEmail[] }>(`/api/dev/outbox?to=${encodeURIComponent(to)}&limit=500`);
  expect(r.status).toBe(200);
  return r.body.messages;
}

/** The emails to `to` about application `id` whose subject matches `subject`. */
export async function emailsAbout(c: TestClient, to: string, id: string, subject: RegExp): Promise<OutboxEmail[]> {
  return (await outbox(c, to)).filter((m) => m.text.includes(id) && subject.test(m.subject));
}

/** Polls `fn` until `done` holds (or `ms` pass); resolves to the last value. */
export async function waitFor<T>(fn: () => Promise<T>, done: (v: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (done(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Rows an operator would look at, straight from the database. */
export const db = (srv: Server) => ({
  bookings: (applicationId: string) =>
    srv.deps.sql.all<{ officeCode: string; date: string; session: string; kind: string; status: string }>(
      'SELECT "officeCode", "date", "session", "kind", "status" FROM "Booking" WHERE "applicationId" = ?',
      [applicationId],
    ),
  payments: async (applicationId: string) =>
    (
      await srv.deps.sql.all<{ billingCode: string; amount: unknown; status: string; flagged: unknown; providerRef: string | null }>(
        'SELECT "billingCode", "amount", "status", "flagged", "providerRef" FROM "Payment" WHERE "applicationId" = ?',
        [applicationId],
      )
    ).map((p) => ({ ...p, amount: Number(p.amount), flagged: p.flagged === true || Number(p.flagged) === 1 })),
  notices: (billingCode: string) =>
    srv.deps.sql.all<{ providerRef: string; outcome: string; detail: string | null }>(
      'SELECT "providerRef", "outcome", "detail" FROM "PaymentNotice" WHERE "billingCode" = ?',
      [billingCode],
    ),
  slot: async (date: string, session: string, kind = 'regular') => {
    const row = await srv.deps.sql.get<{ booked: unknown; capacity: unknown }>(
      'SELECT "booked", "capacity" FROM "SlotCounter" WHERE "officeCode" = ? AND "date" = ? AND "session" = ? AND "kind" = ?',
      ['ATB', date, session, kind],
    );
    return row ? { booked: Number(row.booked), capacity: Number(row.capacity) } : null;
  },
  slotTotals: async () => {
    const row = await srv.deps.sql.get<{ n: unknown; booked: unknown }>('SELECT COUNT(*) AS "n", COALESCE(SUM("booked"), 0) AS "booked" FROM "SlotCounter"', []);
    return { rows: Number(row?.n ?? 0), booked: Number(row?.booked ?? 0) };
  },
});
