/**
 * Acceptance at the office counter, on the shipped passport flows: who may check an applicant in
 * and when, and walk-ins opened by an officer outside the online quota.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../../testing/databases.ts';
import { startTestServer, type TestClient } from '../../testing/harness.ts';
import {
  atbTime,
  atbToday,
  bookAndPay,
  clockTo,
  db,
  firstOpenDay,
  historyOf,
  ok,
  plusDays,
  sendAs,
  viewOf,
  walkToSchedule,
  workingDaysAfter,
  type FullView,
  type Server,
  handOverOnPickupDay,
} from './testing/acceptance.ts';
import { identity, SHIPPED, upload, type Problem } from './testing/passport.ts';

const EN = { 'accept-language': 'en' };

describe.each(providers())('check-in at the office (%s)', (provider) => {
  let srv: Server;
  let applicant: TestClient;
  let officer: TestClient;
  let kupang: TestClient;

  beforeAll(async () => {
    srv = await startTestServer({ provider, env: SHIPPED });
    applicant = srv.client();
    await applicant.signUp(`checkin-${provider}@example.id`);
    officer = srv.client();
    await officer.loginAs('officer');
    // An officer of another office (Kupang): registered, then given the role by the database.
    kupang = srv.client();
    const kpgEmail = `officer-kpg-${provider}@example.id`;
    await kupang.registerVerified(kpgEmail);
    await srv.deps.prisma.user.update({ where: { email: kpgEmail }, data: { roles: ['officer'], officeCode: 'KPG' } });
    const me = await kupang.login(kpgEmail, 'rahasia-123456');
    expect(me.roles).toEqual(['officer']);
  });
  afterAll(() => srv?.close());

  it('another office cannot see the applicant (404; with the queue code: 409 naming the right office), the wrong day and before the session start − 1 h are 409 with the reason; then it checks in', async () => {
    const date = await firstOpenDay(applicant, plusDays(await atbToday(applicant), 1));
    const { id } = await walkToSchedule(applicant, { flow: 'passport-new' });
    const paid = await bookAndPay(applicant, id, date);
    const queueCode = paid.appointment!.queueCode!;
    const send = sendAs(officer, id);

    // The ATB officer finds the application by the code the QR carries.
    const found = await officer.get<{ items: { id: string }[] }>(`/api/applications?queueCode=${queueCode}`);
    expect(found.body.items.map((a) => a.id)).toEqual([id]);

    // A Kupang officer gets nothing about an Atambua applicant: not the application, not its
    // history, not a search hit, and a check-in attempt without the right queue code is 404 too.
    for (const r of [
      await kupang.get<Problem>(`/api/applications/${id}`),
      await kupang.get<Problem>(`/api/applications/${id}/history`),
      await sendAs(kupang, id)('CHECK_IN', { queueCode: `${queueCode.slice(0, -6)}AAAAAA` }),
    ]) {
      expect(r.status).toBe(404);
      expect(r.contentType).toContain('application/problem+json');
      expect(JSON.stringify(r.body)).not.toContain(identity.fullName);
      expect(JSON.stringify(r.body)).not.toContain(queueCode);
    }
    // With the applicant's own queue code (they came to the wrong office), the answer is 409
    // naming the office of the appointment, and nothing else about the applicant.
    const elsewhere = await sendAs(kupang, id)('CHECK_IN', { queueCode });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.type).toMatch(/wrong-office$/);
    expect(elsewhere.body.detail).toContain('ATB');
    expect(JSON.stringify(elsewhere.body)).not.toContain(identity.fullName);
    expect((await kupang.get<{ items: unknown[] }>(`/api/applications?queueCode=${queueCode}`)).body.items).toEqual([]);

    // The owner cannot check themselves in.
    const self = await sendAs(applicant, id)('CHECK_IN', { queueCode });
    expect(self.status).toBe(403);

    // Not the appointment day.
    const today = await atbToday(officer);
    const wrongDay = await send('CHECK_IN', { queueCode }, EN);
    expect(wrongDay.status).toBe(409);
    expect(wrongDay.body.type).toBe('https://alur.dev/problems/wrong-day');
    expect(wrongDay.body.detail).toBe(`This appointment is on ${date}; today is ${today} (office time).`);

    // The day itself, 06:59 office time: the morning session starts at 08:00, check-in at 07:00.
    await clockTo(srv, officer, atbTime(date, '06:59'));
    const early = await send('CHECK_IN', { queueCode }, EN);
    expect(early.status).toBe(409);
    expect(early.body.type).toBe('https://alur.dev/problems/too-early');
    expect(early.body.detail).toBe('Check-in opens one hour before the session (08:00).');

    // Someone else's code.
    const wrongCode = await send('CHECK_IN', { queueCode: queueCode.replace(/-[A-Z0-9]{6}$/, '-ZZZZZZ') });
    expect(wrongCode.status).toBe(409);
    expect(wrongCode.body.type).toBe('https://alur.dev/problems/wrong-queue-code');

    // Still booked, nothing recorded by the refusals.
    expect((await viewOf(applicant, id)).status).toBe('booked');
    expect((await historyOf(applicant, id)).some((e) => e.type === 'CHECK_IN')).toBe(false);

    await clockTo(srv, officer, atbTime(date, '07:00'));
    const checkedIn = await send('CHECK_IN', { queueCode });
    expect(checkedIn.status, JSON.stringify(checkedIn.body)).toBe(200);
    expect(checkedIn.body.status).toBe('checkedIn');
    expect((await viewOf(applicant, id)).status).toBe('checkedIn');
    const entry = (await historyOf(officer, id)).find((e) => e.type === 'CHECK_IN')!;
    expect(entry.actor).toBe((await officer.get<{ user: { id: string } }>('/api/me')).body.user.id);
    // The Kupang officer still sees nothing.
    expect((await kupang.get(`/api/applications/${id}`)).status).toBe(404);
  });
});

describe.each(providers())('walk-ins (%s)', (provider) => {
  let srv: Server;
  let applicant: TestClient;
  let officer: TestClient;
  const walkIn = { priority: 'elderly', applicant: { fullName: 'Bapak Yoseph', nik: '5304010101500001' } };

  beforeAll(async () => {
    srv = await startTestServer({ provider, env: SHIPPED });
    applicant = srv.client();
    await applicant.signUp(`walkin-${provider}@example.id`);
    officer = srv.client();
    await officer.loginAs('officer');
  });
  afterAll(() => srv?.close());

  it('an officer opens an elderly walk-in at check-in, outside the quota, and takes it to collected', async () => {
    const slotsBefore = await db(srv).slotTotals();
    const created = await officer.post<FullView & Problem>('/api/applications', { flow: 'passport-new', walkIn });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/applications/${created.body.id}`);
    const id = created.body.id;
    expect(created.body).toMatchObject({ flow: 'passport-new', status: 'checkedIn', state: 'checkedIn', officeCode: 'ATB' });
    expect(created.body.events.map((e) => e.type)).toEqual(['RECORD_BIOMETRICS']);

    // The priority lane and the person are on record.
    const start = (await historyOf(officer, id))[0]!;
    expect(start).toMatchObject({ seq: 1, type: 'START', to: 'checkedIn' });
    expect(start.data.walkIn).toMatchObject({ priority: 'elderly', applicant: { fullName: 'Bapak Yoseph', nik: '5304010101500001' }, officeCode: 'ATB' });
    // It appears in the office's list of checked-in applications.
    const list = await officer.get<{ items: { id: string; status: string }[] }>('/api/applications?status=checkedIn');
    expect(list.body.items.map((a) => a.id)).toContain(id);

    // No online place, no booking, no bill.
    expect(await db(srv).slotTotals()).toEqual(slotsBefore);
    expect(await db(srv).bookings(id)).toEqual([]);
    expect(await db(srv).payments(id)).toEqual([]);

    const photo = await upload(officer, id, 'photo');
    expect(photo.status).toBe(201);
    const bio = await ok(officer, id, 'RECORD_BIOMETRICS', { originalsVerified: { ktp: true, kk: true, birthProof: true }, photo: photo.body.id, fingerprintsCaptured: true });
    expect(bio.status).toBe('inReview');
    const today = await atbToday(officer);
    const approved = await ok(officer, id, 'APPROVE');
    expect(approved.status).toBe('printing');
    expect(approved.pickupDate).toBe(workingDaysAfter(today, 4));
    expect((await ok(officer, id, 'PRINTED')).status).toBe('readyForPickup');
    const done = await handOverOnPickupDay(srv, officer, id, approved.pickupDate!);
    expect(done).toMatchObject({ status: 'collected', final: true });
    expect(await db(srv).slotTotals()).toEqual(slotsBefore);
  });

  it('an applicant cannot open a walk-in (403); a bad priority is 422 at /walkIn/priority', async () => {
    const byApplicant = await applicant.post<Problem>('/api/applications', { flow: 'passport-new', walkIn });
    expect(byApplicant.status).toBe(403);
    expect(byApplicant.contentType).toContain('application/problem+json');
    const bad = await officer.post<Problem>('/api/applications', { flow: 'passport-new', walkIn: { ...walkIn, priority: 'vip' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.map((e) => e.pointer)).toEqual(['/walkIn/priority']);
    const noName = await officer.post<Problem>('/api/applications', { flow: 'passport-new', walkIn: { priority: 'disability', applicant: {} } });
    expect(noName.status).toBe(422);
    expect(noName.body.errors?.map((e) => e.pointer)).toEqual(['/walkIn/applicant/fullName']);
    // Nothing was opened by the refusals.
    const mine = await applicant.get<{ items: unknown[] }>('/api/applications');
    expect(mine.body.items).toEqual([]);
  });

  it('a walk-in starts checked in: a CHECK_IN on it is 409 not allowed now', async () => {
    const created = await officer.post<FullView>('/api/applications', { flow: 'passport-new', walkIn: { ...walkIn, priority: 'disability' } });
    expect(created.status).toBe(201);
    const again = await sendAs(officer, created.body.id)('CHECK_IN', { queueCode: 'ATB-20261201-001-ABCDEF' });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('https://alur.dev/problems/event-not-allowed');
  });
});
