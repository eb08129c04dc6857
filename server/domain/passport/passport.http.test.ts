/**
 * The passport flows end to end through the HTTP API, on the shipped definitions: apply, upload,
 * book, pay through the sandbox gateway, check in, biometrics, decision, printing, hand-over.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../../testing/databases.ts';
import { startTestServer, type TestClient } from '../../testing/harness.ts';
import { handOverOnPickupDay, walkToSchedule } from './testing/acceptance.ts';
import { firstFreeDate, isoDay, SHIPPED, toSchedule, upload, type Problem, type View } from './testing/passport.ts';

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
    const steps = (app as View & { steps: { id: string; order: number }[] }).steps;
    expect(steps.map((st) => st.id)).toEqual(['identity', 'documents', 'review', 'schedule', 'payment']);
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
    const qr = await applicant.get<string>(afterPay.appointment!.qr!);
    expect(qr.status).toBe(200);
    expect(qr.contentType).toContain('image/svg+xml');
    expect(qr.body).toContain('<svg');
    const stranger = srv.client();
    await stranger.signUp(`q-${provider}@example.id`);
    expect((await stranger.get(`/api/applications/${app.id}/queue-qr.svg`)).status).toBe(404);

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
    expect((await handOverOnPickupDay(srv, officer, app.id, approved.body.pickupDate!)).status).toBe('collected');

    const auditor = srv.client();
    await auditor.loginAs('auditor');
    const verify = await auditor.post<{ mismatches: unknown[] }>('/api/audit/verify', { applicationId: app.id });
    expect(verify.body.mismatches).toEqual([]);
  });

  it('reschedules once, until the day before: a new place and queue number, the old place given back', async () => {
    const { send } = await toSchedule(applicant);
    const now = new Date((await applicant.get<{ now: string }>('/api/dev/clock')).body.now);
    const first = await firstFreeDate(applicant, 'ATB', isoDay(new Date(now.getTime() + 2 * 86_400_000)));
    const booked = await send('SUBMIT', { officeCode: 'ATB', ...first });
    expect(booked.status, JSON.stringify(booked.body)).toBe(200);
    expect((await applicant.post(`/api/dev/payments/${booked.body.payment!.billingCode}/pay`, {})).status).toBe(200);
    const bookedCount = async (date: string, session: string) =>
      (await srv.deps.sql.get<{ booked: number }>('SELECT "booked" FROM "SlotCounter" WHERE "officeCode" = ? AND "date" = ? AND "session" = ? AND "kind" = ?', ['ATB', date, session, 'regular']))?.booked ?? 0;
    const before = await bookedCount(first.date, first.session);

    const later = await firstFreeDate(applicant, 'ATB', isoDay(new Date(Date.parse(first.date) + 2 * 86_400_000)));
    const moved = await send('RESCHEDULE', { officeCode: 'ATB', ...later });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.status).toBe('booked');
    expect(moved.body.appointment).toMatchObject({ date: later.date, session: later.session, queueNumber: expect.any(Number) });
    expect(moved.body.appointment!.queueCode).toContain(later.date.replaceAll('-', ''));
    expect(moved.body.payment!.billingCode).toBe(booked.body.payment!.billingCode);
    expect(await bookedCount(first.date, first.session)).toBe(before - 1);

    const again = await send('RESCHEDULE', { officeCode: 'ATB', ...first });
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/reschedule-used$/);
    const mail = await applicant.get<{ messages: { subject: string }[] }>(`/api/dev/outbox?to=p-${provider}@example.id`);
    expect(mail.body.messages[0]!.subject).toContain(later.date);
  });

  it('asks an express replacement for its own documents: KTP and the old passport', async () => {
    const app = (await applicant.post<View>('/api/applications', { flow: 'passport-express' })).body;
    const send = (type: string, data?: unknown) => applicant.post<View & Problem>(`/api/applications/${app.id}/events`, { type, data });
    expect((await send('SUBMIT', { kind: 'replacement', reason: 'pagesFull' })).status).toBe(200);
    const who = await send('SUBMIT', { fullName: 'Maria Goreti Bria', nik: '5304014101900001', birthDate: '1990-01-01', birthPlace: 'Atambua', sex: 'f', phone: '+6281234567890', address: 'Jl. Sudirman 12, Atambua', passportType: 'ordinary', validityYears: 5, oldPassportNumber: 'B1234567', oldPassportExpiry: '2027-06-01' });
    expect(who.status, JSON.stringify(who.body)).toBe(200);
    const ktp = (await upload(applicant, app.id, 'ktp')).body.id;
    const kk = (await upload(applicant, app.id, 'kk')).body.id;
    const refused = await send('SUBMIT', { ktp, kk });
    expect(refused.status).toBe(422);
    expect(refused.body.errors!.map((e) => e.pointer)).toContain('/oldPassport');
    const oldPassport = (await upload(applicant, app.id, 'oldPassport')).body.id;
    const done = await send('SUBMIT', { ktp, oldPassport });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.state).toBe('review');
    // and the shared helper walks the same path to the schedule step
    await walkToSchedule(applicant, { flow: 'passport-express', kind: 'replacement' });
  });
});
