/**
 * The passport flows end to end through the HTTP API, on the shipped definitions: apply, upload,
 * book, pay through the sandbox gateway, check in, biometrics, decision, printing, hand-over.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config.ts';
import { providers } from '../testing/databases.ts';
import { startTestServer, type TestClient } from '../testing/harness.ts';

type View = {
  id: string;
  state: string;
  status: string;
  version: number;
  flowVersion: number;
  events: { type: string }[];
  payment?: { billingCode: string; amount: number; currency: string; expiresAt: string };
  appointment?: { officeCode: string; date: string; session: string; start: string; queueNumber?: number; queueCode?: string; timeZone: string };
  pickupDate?: string;
};
type Problem = { status: number; type: string; detail?: string; errors?: { pointer: string; message: string }[] };
type Availability = { days: { date: string; open: boolean; reason?: string; sessions: { id: string; start: string; capacity: number; free: number; reason?: string }[] }[] };

export const SHIPPED = {
  DEFINITIONS_DIR: path.join(REPO_ROOT, 'machines/definitions'),
  FORMS_DIR: path.join(REPO_ROOT, 'forms'),
};

const identity = {
  fullName: 'Maria Goreti Bria',
  nik: '5304014101900001',
  birthDate: '1990-01-01',
  birthPlace: 'Atambua',
  sex: 'f',
  phone: '+6281234567890',
  address: 'Jl. Sudirman 12, Atambua, Belu, NTT',
  passportType: 'ordinary',
  validityYears: 5,
};

// Smallest valid PNG (1×1).
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6a52b0000000049454e44ae426082', 'hex');

export async function upload(c: TestClient, applicationId: string, kind: string, bytes = PNG, name = `${kind}.png`): Promise<{ status: number; body: { id: string } & Problem }> {
  const form = new FormData();
  form.set('kind', kind);
  form.set('file', new Blob([bytes], { type: 'image/png' }), name);
  return c.request('POST', `/api/applications/${applicationId}/documents`, undefined, { raw: form });
}

/** Walks an applicant from a new application to the schedule step (identity, documents, declaration). */
export async function toSchedule(c: TestClient, flow = 'passport-new', first?: { type: string; data: unknown }) {
  const app = (await c.post<View>('/api/applications', { flow })).body;
  const send = (type: string, data?: unknown) => c.post<View & Problem>(`/api/applications/${app.id}/events`, { type, data });
  if (first) expect((await send(first.type, first.data)).status).toBe(200);
  expect((await send('SUBMIT', identity)).status).toBe(200);
  const docs: Record<string, string> = {};
  for (const kind of flow === 'passport-replacement' ? ['ktp', 'oldPassport'] : ['ktp', 'kk', 'birthProof']) {
    const up = await upload(c, app.id, kind);
    expect(up.status).toBe(201);
    docs[kind] = up.body.id;
  }
  const d = await send('SUBMIT', docs);
  expect(d.status, JSON.stringify(d.body)).toBe(200);
  const decl = await send('SUBMIT', { declaration: true });
  expect(decl.status, JSON.stringify(decl.body)).toBe(200);
  expect(decl.body.state).toBe('schedule');
  return { app, send };
}

/** The first open date with a free place at `office` from `from` (YYYY-MM-DD). */
export async function firstFreeDate(c: TestClient, office: string, from: string, flow = 'passport-new'): Promise<{ date: string; session: string }> {
  const to = new Date(Date.parse(from) + 20 * 86_400_000).toISOString().slice(0, 10);
  const a = await c.get<Availability>(`/api/offices/${office}/availability?from=${from}&to=${to}&flow=${flow}`);
  expect(a.status, JSON.stringify(a.body)).toBe(200);
  for (const day of a.body.days) for (const s of day.sessions) if (day.open && s.free > 0) return { date: day.date, session: s.id };
  throw new Error('no free place');
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

describe.each(providers())('passport-new end to end (%s)', (provider) => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  let applicant: TestClient;
  let officer: TestClient;

  beforeAll(async () => {
    srv = await startTestServer({ provider, env: SHIPPED });
    applicant = srv.client();
    await applicant.signUp(`p-${provider}@example.id`);
    officer = srv.client();
    await officer.loginAs('officer');
  });
  afterAll(() => srv?.close());

  it('goes from application to collected', async () => {
    const { app, send } = await toSchedule(applicant);
    const now = new Date((await applicant.get<{ now: string }>('/api/dev/clock')).body.now);
    const slot = await firstFreeDate(applicant, 'ATB', isoDay(new Date(now.getTime() + 2 * 86_400_000)));
    const booked = await send('SUBMIT', { officeCode: 'ATB', ...slot });
    expect(booked.status, JSON.stringify(booked.body)).toBe(200);
    expect(booked.body.status).toBe('awaitingPayment');
    expect(booked.body.payment).toMatchObject({ amount: 350000, currency: 'IDR' });
    expect(booked.body.payment!.billingCode).toMatch(/^\d{15}$/);

    const paid = await applicant.post<Problem>(`/api/dev/payments/${booked.body.payment!.billingCode}/pay`, {});
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    const afterPay = (await applicant.get<View>(`/api/applications/${app.id}`)).body;
    expect(afterPay.status).toBe('booked');
    expect(afterPay.appointment).toMatchObject({ officeCode: 'ATB', date: slot.date, session: slot.session });
    expect(afterPay.appointment!.queueNumber).toBe(1);
    const queueCode = afterPay.appointment!.queueCode!;
    expect(queueCode).toMatch(/^ATB-/);

    // the wrong day is refused with the reason
    const early = await officer.post<Problem>(`/api/applications/${app.id}/events`, { type: 'CHECK_IN', data: { queueCode } });
    expect(early.status).toBe(409);
    expect(early.body.type).toMatch(/wrong-day$/);

    // the appointment day, 07:30 office time (Asia/Makassar, UTC+8)
    const at = new Date(`${slot.date}T07:30:00+08:00`);
    await officer.post('/api/dev/clock', { to: at.toISOString() });
    const checkedIn = await officer.post<View & Problem>(`/api/applications/${app.id}/events`, { type: 'CHECK_IN', data: { queueCode } });
    expect(checkedIn.status, JSON.stringify(checkedIn.body)).toBe(200);
    expect(checkedIn.body.status).toBe('checkedIn');

    const photo = await upload(officer, app.id, 'photo');
    expect(photo.status).toBe(201);
    const bio = await officer.post<View & Problem>(`/api/applications/${app.id}/events`, {
      type: 'RECORD_BIOMETRICS',
      data: { originalsVerified: { ktp: true, kk: true, birthProof: true }, photo: photo.body.id, fingerprintsCaptured: true },
    });
    expect(bio.status, JSON.stringify(bio.body)).toBe(200);
    expect(bio.body.status).toBe('inReview');
    const approved = await officer.post<View & Problem>(`/api/applications/${app.id}/events`, { type: 'APPROVE' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.status).toBe('printing');
    expect(approved.body.pickupDate! > slot.date).toBe(true);
    expect((await officer.post<View>(`/api/applications/${app.id}/events`, { type: 'PRINTED' })).body.status).toBe('readyForPickup');
    expect((await officer.post<View>(`/api/applications/${app.id}/events`, { type: 'HAND_OVER' })).body.status).toBe('collected');

    const auditor = srv.client();
    await auditor.loginAs('auditor');
    const verify = await auditor.post<{ mismatches: unknown[] }>('/api/audit/verify', { applicationId: app.id });
    expect(verify.body.mismatches).toEqual([]);
  });
});
