/**
 * Helpers for HTTP tests of the shipped stay-permit-extension flow (a permit written as data
 * only): its answers, uploads of its own document kinds, walking an application to the parallel
 * review, and letting timers fire after the manual clock moved.
 */
import path from 'node:path';
import { expect } from 'vitest';
import { REPO_ROOT } from '../config.ts';
import type { startTestServer, TestClient } from './harness.ts';

export type Server = Awaited<ReturnType<typeof startTestServer>>;
type I18n = { id: string; en: string };
export type Problem = { status: number; type: string; detail?: string; errors?: { pointer: string; message: string }[]; requiredGroups?: string[] };
export type StayView = {
  id: string;
  flow: string;
  flowVersion: number;
  state: string;
  status: string;
  statusLabel: I18n | null;
  label: I18n | null;
  description?: I18n;
  next?: I18n;
  step?: { id: string; order: number; label?: I18n };
  steps: { id: string; order: number; label?: I18n }[];
  review: boolean;
  final: boolean;
  version: number;
  form: { id: string; schema: unknown } | null;
  events: { type: string; label?: I18n; confirm?: I18n; groups?: string[]; form?: { id: string } }[];
  data: Record<string, unknown>;
  fields: { path: string; label: I18n; value: unknown }[];
  documents: { kind: string; title: I18n; types: string[]; maxBytes: number; uploadedBy: string[] }[];
};
export type HistoryEntry = {
  seq: number;
  type: string;
  label: I18n | null;
  actor: string;
  actorRole: string;
  at: string;
  from: string | null;
  fromLabel: I18n | null;
  to: string;
  toLabel: I18n | null;
  data: Record<string, unknown>;
};

/** The shipped definitions and forms (instead of the fixtures). */
export const SHIPPED_FLOWS = {
  DEFINITIONS_DIR: path.join(REPO_ROOT, 'machines/definitions'),
  FORMS_DIR: path.join(REPO_ROOT, 'forms'),
};

export const FLOW = 'stay-permit-extension';

export const companySponsor = {
  sponsorType: 'company',
  sponsorName: 'Budi Santoso',
  sponsorPhone: '+6281234567890',
  sponsorEmail: 'hrd@maju-bersama.example.id',
  companyName: 'PT Maju Bersama Nusantara',
  nib: '9120001234567',
  companyAddress: 'Jl. M.H. Thamrin No. 1, Jakarta Pusat',
};

export const individualSponsor = {
  sponsorType: 'individual',
  sponsorName: 'Maria Goreti Bria',
  sponsorPhone: '081234567890',
  sponsorEmail: 'maria@example.id',
  sponsorNik: '5304014101900001',
  sponsorAddress: 'Jl. Sudirman 12, Atambua, Belu, NTT',
};

export const dependants = [
  { name: 'Yuki Tanaka', relationship: 'spouse', birthDate: '1988-04-12', passportNumber: 'TZ1234567' },
  { name: 'Ren Tanaka', relationship: 'child', birthDate: '2017-09-30', passportNumber: 'TZ7654321' },
];

export const worker = {
  workerName: 'Hiroshi Tanaka',
  workerNationality: 'Jepang',
  workerPassportNumber: 'TK1234567',
  permitNumber: '2C11JE1234567',
  permitExpiry: '2026-12-31',
  jobTitle: 'Insinyur proses',
  dependants,
};

/** The document kinds each documents step asks for. */
export const COMPANY_KINDS = ['sponsorLetter', 'workerPassport', 'currentPermit', 'companyRegistration', 'feeReceipt'];
export const INDIVIDUAL_KINDS = ['sponsorLetter', 'workerPassport', 'currentPermit', 'feeReceipt'];

// Smallest valid PNG (1×1).
export const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6a52b0000000049454e44ae426082', 'hex');

/** `POST /api/applications/:id/documents` (multipart `kind`, `file`). */
export async function upload(c: TestClient, id: string, kind: string, bytes: Buffer = PNG, name = `${kind}.png`) {
  const form = new FormData();
  form.set('kind', kind);
  form.set('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), name);
  return c.request<{ id: string; kind: string; size: number } & Problem>('POST', `/api/applications/${id}/documents`, undefined, { raw: form });
}

export const sendAs = (c: TestClient, id: string) => (type: string, data?: unknown) =>
  c.post<StayView & Problem>(`/api/applications/${id}/events`, data === undefined ? { type } : { type, data });

/** Sends an event and expects 200; resolves to the new view. */
export async function ok(c: TestClient, id: string, type: string, data?: unknown): Promise<StayView> {
  const r = await sendAs(c, id)(type, data);
  expect(r.status, `${type}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
}

export const viewOf = (c: TestClient, id: string) => c.getOk<StayView>(`/api/applications/${id}`);
export const historyOf = (c: TestClient, id: string) => c.getOk<HistoryEntry[]>(`/api/applications/${id}/history`);

export async function start(c: TestClient): Promise<StayView> {
  const r = await c.post<StayView & Problem>('/api/applications', { flow: FLOW });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

/** Uploads one PNG per kind; resolves to the form answer `{kind: documentId}`. */
export async function uploadAll(c: TestClient, id: string, kinds: string[]): Promise<Record<string, string>> {
  const docs: Record<string, string> = {};
  for (const kind of kinds) {
    const up = await upload(c, id, kind);
    expect(up.status, `${kind}: ${JSON.stringify(up.body)}`).toBe(201);
    docs[kind] = up.body.id;
  }
  return docs;
}

/** A new application walked through every applicant step and sent: it is in the parallel review. */
export async function toReview(c: TestClient, sponsor: Record<string, unknown> = companySponsor): Promise<StayView> {
  const app = await start(c);
  await ok(c, app.id, 'SUBMIT', sponsor);
  await ok(c, app.id, 'SUBMIT', worker);
  const kinds = sponsor.sponsorType === 'company' ? COMPANY_KINDS : INDIVIDUAL_KINDS;
  await ok(c, app.id, 'SUBMIT', await uploadAll(c, app.id, kinds));
  const sent = await ok(c, app.id, 'SUBMIT', { declaration: true });
  expect([sent.status, sent.state]).toEqual(['inReview', 'inReview(intelligence.pending,verification.pending)']);
  return sent;
}

/**
 * Every timer due by the server's clock has fired (its row is deleted in the transaction that
 * fires it): wait for this after moving the clock, so the next request does not race a timer.
 */
export async function settle(srv: Server, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    await srv.deps.scheduler.tick();
    const now = srv.deps.clock.now().toISOString();
    const due = await srv.deps.sql.all<{ applicationId: string }>('SELECT "applicationId" FROM "Timer" WHERE "dueAt" <= ?', [now]);
    if (due.length === 0) return;
    if (Date.now() > until) throw new Error(`timers still due after ${ms} ms: ${JSON.stringify(due)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Moves the manual clock forward by an ISO 8601 duration through the API, then lets due timers fire. */
export async function clockAdvance(srv: Server, c: TestClient, duration: string): Promise<void> {
  const r = await c.post<{ now: string } & Problem>('/api/dev/clock', { advance: duration });
  expect(r.status, `clock +${duration}: ${JSON.stringify(r.body)}`).toBe(200);
  await settle(srv);
}

export type Email = { id: string; to: string; subject: string; text: string; status: string };

/** The emails to `to` in the dev outbox, newest first. */
export async function emailsTo(c: TestClient, to: string): Promise<Email[]> {
  const r = await c.get<{ messages: Email[] }>(`/api/dev/outbox?to=${encodeURIComponent(to)}`);
  expect(r.status).toBe(200);
  return r.body.messages;
}

/** Waits until an email to `to` satisfies `match` (the outbox is written in the event's transaction; this also covers a slow dispatcher). */
export async function waitForEmail(c: TestClient, to: string, match: (m: Email) => boolean, ms = 8000): Promise<Email> {
  const until = Date.now() + ms;
  for (;;) {
    const found = (await emailsTo(c, to)).find(match);
    if (found) return found;
    if (Date.now() > until) throw new Error(`no matching email to ${to}: ${JSON.stringify((await emailsTo(c, to)).map((m) => m.subject))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
