/**
 * Acceptance of the shipped passport flows through the HTTP API, as applicants and officers use
 * them: a replacement to `collected`, the replacements that must be made in person, the express
 * service, and the pickup date over a weekend and the 2026 Christmas holidays.
 * Dates are Atambua's (ATB, Asia/Makassar, UTC+8), computed from the server's clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../../testing/databases.ts';
import { startTestServer, type TestClient } from '../../testing/harness.ts';
import {
  atbTime,
  atbToday,
  availabilityOf,
  book,
  bookAndPay,
  pay,
  checkInAndRecord,
  clockAdvance,
  clockTo,
  db,
  emailsAbout,
  firstOpenDay,
  historyOf,
  ok,
  plusDays,
  replacementIdentity,
  sendAs,
  viewOf,
  walkToSchedule,
  workingDaysAfter,
  type FullView,
  type Server,
  handOverOnPickupDay,
} from './testing/acceptance.ts';
import { identity, SHIPPED, upload } from './testing/passport.ts';

describe.each(providers())('passport replacement and express, end to end (%s)', (provider) => {
  let srv: Server;
  let applicant: TestClient;
  let officer: TestClient;
  const email = `acc-${provider}@example.id`;

  beforeAll(async () => {
    srv = await startTestServer({ provider, env: SHIPPED });
    applicant = srv.client();
    await applicant.signUp(email);
    officer = srv.client();
    await officer.loginAs('officer');
  });
  afterAll(() => srv?.close());

  it('replaces an expired passport online: reason, old passport details, KTP + old passport, booking, payment, officer steps, collected', async () => {
    const created = await applicant.post<FullView>('/api/applications', { flow: 'passport-replacement' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body.state).toBe('reason');
    expect(created.body.form?.schema).toBeTruthy();

    const reason = await ok(applicant, id, 'SUBMIT', { reason: 'expired' });
    expect(reason.status).toBe('draft');
    expect(reason.state).toBe('identity');

    // The replacement identity asks for the old passport: without it, 422 naming the fields.
    const noOld = await sendAs(applicant, id)('SUBMIT', identity);
    expect(noOld.status).toBe(422);
    expect(noOld.body.errors?.map((e) => e.pointer)).toEqual(expect.arrayContaining(['/oldPassportNumber', '/oldPassportExpiry']));
    const details = await ok(applicant, id, 'SUBMIT', replacementIdentity);
    expect(details.state).toBe('documents');

    // Documents: KTP and the old passport's data page (no KK or birth proof).
    const ktp = await upload(applicant, id, 'ktp');
    expect(ktp.status).toBe(201);
    const onlyKtp = await sendAs(applicant, id)('SUBMIT', { ktp: ktp.body.id });
    expect(onlyKtp.status).toBe(422);
    expect(onlyKtp.body.errors?.map((e) => e.pointer)).toEqual(['/oldPassport']);
    const old = await upload(applicant, id, 'oldPassport');
    expect(old.status).toBe(201);
    expect((await ok(applicant, id, 'SUBMIT', { ktp: ktp.body.id, oldPassport: old.body.id })).state).toBe('review');
    expect((await ok(applicant, id, 'SUBMIT', { declaration: true })).state).toBe('schedule');

    const date = await firstOpenDay(applicant, plusDays(await atbToday(applicant), 1), 'passport-replacement');
    const booked = await book(applicant, id, date);
    expect(booked.payment).toMatchObject({ amount: 350_000, currency: 'IDR' });
    const paid = await pay(applicant, id, booked.payment!.billingCode);
    expect(paid.appointment).toMatchObject({ officeCode: 'ATB', date, session: 'pagi', queueNumber: 1 });
    expect(paid.appointment!.queueCode).toMatch(new RegExp(`^ATB-${date.replaceAll('-', '')}-001-[A-Z0-9]{6}$`));
    const queueCode = paid.appointment!.queueCode!;

    // What the applicant is told to bring is the replacement's list: KTP and the old passport.
    const paidMail = await emailsAbout(applicant, email, id, /nomor antrean/i);
    expect(paidMail).toHaveLength(1);
    expect(paidMail[0]!.text).toContain('KTP dan paspor lama');
    expect(paidMail[0]!.text).not.toContain('Kartu Keluarga');

    await clockTo(srv, officer, atbTime(date, '07:30'));
    await checkInAndRecord(officer, id, queueCode, { ktp: true, oldPassport: true });
    const approved = await ok(officer, id, 'APPROVE');
    expect(approved.status).toBe('printing');
    expect(approved.pickupDate).toBe(workingDaysAfter(date, 4));
    expect((await ok(officer, id, 'PRINTED')).status).toBe('readyForPickup');
    // Not before the pickup date the applicant was given.
    const early = await sendAs(officer, id)('HAND_OVER');
    expect(early.status).toBe(409);
    expect((early.body as unknown as { type: string }).type).toBe('https://alur.dev/problems/before-pickup-date');
    const collected = await handOverOnPickupDay(srv, officer, id, approved.pickupDate!);
    expect(collected).toMatchObject({ status: 'collected', final: true, events: [] });

    // The applicant sees the same end, with the old passport's details kept on the application.
    const mine = await viewOf(applicant, id);
    expect(mine.status).toBe('collected');
    expect(mine.data).toMatchObject({ reason: 'expired', oldPassportNumber: 'B1234567', oldPassportExpiry: '2025-10-01' });
    const history = await historyOf(applicant, id);
    expect(history.map((e) => `${e.type}>${e.to}`)).toEqual([
      'START>reason',
      'SUBMIT>identity',
      'SUBMIT>documents',
      'SUBMIT>review',
      'SUBMIT>schedule',
      'SUBMIT>awaitingPayment',
      'PAYMENT_CONFIRMED>booked',
      'xstate.after.dayBeforeAppointment.passportReplacement.booked>booked',
      'CHECK_IN>checkedIn',
      'RECORD_BIOMETRICS>inReview',
      'APPROVE>printing',
      'PRINTED>readyForPickup',
      'HAND_OVER>collected',
    ]);
    expect(history.map((e) => e.seq)).toEqual(history.map((_, i) => i + 1));
  });

  it.each(['lost', 'damaged', 'dataChange'] as const)('a %s passport: walkInRequired, final, says what to bring; nothing booked or billed', async (reason) => {
    const before = await db(srv).slotTotals();
    const created = await applicant.post<FullView>('/api/applications', { flow: 'passport-replacement' });
    const id = created.body.id;
    const v = await ok(applicant, id, 'SUBMIT', { reason });
    expect(v).toMatchObject({ status: 'walkInRequired', state: 'walkInRequired', final: true, events: [], form: null });
    expect(v.payment).toBeUndefined();
    expect(v.appointment).toBeUndefined();
    // What to bring, in both languages, for each case.
    const en = v.description!.en;
    expect(en).toMatch(/cannot be handled online/);
    expect(en).toMatch(/original ID card \(KTP\)/);
    expect(en).toMatch(/original family card \(KK\)/);
    expect(en).toMatch(/lost passport: a police report/);
    expect(en).toMatch(/damaged passport: the damaged passport/);
    expect(en).toMatch(/change of data: the old passport and an official document proving the change/);
    expect(en).toMatch(/nothing is charged/);
    expect(v.description!.id).toMatch(/surat keterangan hilang dari kepolisian/);
    expect(v.description!.id).toMatch(/KTP asli/);

    // Nothing further can be done on it.
    const again = await sendAs(applicant, id)('SUBMIT', { officeCode: 'ATB', date: plusDays(await atbToday(applicant), 2), session: 'pagi' });
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/event-not-allowed$/);
    // No place held, no bill, no booking or payment email.
    expect(await db(srv).bookings(id)).toEqual([]);
    expect(await db(srv).payments(id)).toEqual([]);
    expect(await db(srv).slotTotals()).toEqual(before);
    expect(await emailsAbout(applicant, email, id, /./)).toEqual([]);
  });

  it('an express replacement of a lost passport also ends in walkInRequired with nothing billed', async () => {
    const created = await applicant.post<FullView>('/api/applications', { flow: 'passport-express' });
    const id = created.body.id;
    const v = await ok(applicant, id, 'SUBMIT', { kind: 'replacement', reason: 'lost' });
    expect(v).toMatchObject({ status: 'walkInRequired', final: true });
    expect(v.description!.en).toMatch(/police report/);
    expect(await db(srv).bookings(id)).toEqual([]);
    expect(await db(srv).payments(id)).toEqual([]);
  });

  // Moves the clock: after the tests above.
  it('express: today is refused at /date, tomorrow is booked with the surcharge, pickup the same day as the biometrics, collected', async () => {
    // Tomorrow must be a working day for the "tomorrow is accepted" half: move on until it is.
    let today = await atbToday(applicant);
    for (let i = 0; i < 10 && !(await availabilityOf(applicant, plusDays(today, 1), plusDays(today, 1), 'passport-express'))[0]!.open; i++) {
      await clockAdvance(srv, applicant, 'P1D');
      today = await atbToday(applicant);
    }
    const tomorrow = plusDays(today, 1);
    const { id } = await walkToSchedule(applicant, { flow: 'passport-express' });
    const days = await availabilityOf(applicant, today, tomorrow, 'passport-express');
    expect(days[0]!.open).toBe(false);
    expect(['tooSoon', 'closed', 'holiday']).toContain(days[0]!.reason);
    expect(days[1]!.open).toBe(true);

    const sameDay = await sendAs(applicant, id)('SUBMIT', { officeCode: 'ATB', date: today, session: 'pagi' }, { 'accept-language': 'en' });
    expect(sameDay.status).toBe(422);
    expect(sameDay.contentType).toContain('application/problem+json');
    expect(sameDay.body.errors).toEqual([
      {
        pointer: '/date',
        message: `Express service must be booked at least one day ahead: pick a date from ${tomorrow}.`,
        messages: { en: `Express service must be booked at least one day ahead: pick a date from ${tomorrow}.`, id: `Layanan percepatan harus dipesan paling lambat satu hari sebelumnya: pilih tanggal mulai ${tomorrow}.` },
      },
    ]);
    expect(await db(srv).bookings(id)).toEqual([]);
    expect(await db(srv).payments(id)).toEqual([]);
    expect((await viewOf(applicant, id)).state).toBe('schedule');

    const booked = await book(applicant, id, tomorrow);
    // Ordinary passport, 5 years: Rp 350,000 + the Rp 1,000,000 express surcharge.
    expect(booked.payment).toMatchObject({ amount: 1_350_000, currency: 'IDR' });
    expect(booked.payment!.lines?.map((l) => l.amount)).toEqual([350_000, 1_000_000]);
    expect(await db(srv).bookings(id)).toEqual([{ officeCode: 'ATB', date: tomorrow, session: 'pagi', kind: 'express', status: 'held' }]);
    expect(await db(srv).payments(id)).toMatchObject([{ amount: 1_350_000, status: 'pending' }]);
    const bookedMail = await emailsAbout(applicant, email, id, new RegExp(booked.payment!.billingCode));
    expect(bookedMail[0]?.text).toContain('Rp 1.350.000');

    const paid = await pay(applicant, id, booked.payment!.billingCode);
    await clockTo(srv, officer, atbTime(tomorrow, '09:15'));
    await checkInAndRecord(officer, id, paid.appointment!.queueCode!, { ktp: true, kk: true, birthProof: true });
    const approved = await ok(officer, id, 'APPROVE');
    expect(approved.pickupDate).toBe(tomorrow);
    const ready = await ok(officer, id, 'PRINTED');
    expect(ready.status).toBe('readyForPickup');
    expect(ready.description?.en).toMatch(/ready today/);
    expect((await ok(officer, id, 'HAND_OVER')).status).toBe('collected');
    expect((await viewOf(applicant, id)).pickupDate).toBe(tomorrow);
  });
});

/**
 * Regular pickup: 4 working days after the biometrics, in Atambua's calendar, skipping the weekend
 * and the seeded 2026 Christmas days (24 December collective leave, 25 December national holiday).
 * Needs the manual clock to reach 22 December 2026 (it only moves forward, from the real time).
 */
const REACHABLE = Date.now() < Date.parse('2026-12-22T00:00:00+08:00') - 60_000;

describe.each(providers())('pickup date over a weekend and the 2026 Christmas holidays (%s)', (provider) => {
  let srv: Server;
  let applicant: TestClient;
  let officer: TestClient;

  beforeAll(async () => {
    srv = await startTestServer({ provider, env: SHIPPED });
    applicant = srv.client();
    await applicant.signUp(`xmas-${provider}@example.id`);
    officer = srv.client();
    await officer.loginAs('officer');
  });
  afterAll(() => srv?.close());

  it.skipIf(!REACHABLE)('biometrics on Tue 2026-12-22 → pickup Wed 2026-12-30; on Wed 2026-12-23 at 07:45 WITA (still the 22nd in UTC) → Thu 2026-12-31', async () => {
    // Bookings open 60 days ahead: come within reach of 23 December first.
    if ((await atbToday(applicant)) < '2026-11-01') await clockTo(srv, applicant, atbTime('2026-11-01', '08:00'));
    // 24 and 25 December are closed days in the seeded table, and availability says so.
    const days = await availabilityOf(applicant, '2026-12-21', '2026-12-28');
    const reason = Object.fromEntries(days.map((d) => [d.date, d.reason ?? 'open']));
    expect(reason).toMatchObject({ '2026-12-22': 'open', '2026-12-23': 'open', '2026-12-24': 'holiday', '2026-12-25': 'holiday', '2026-12-26': 'closed', '2026-12-27': 'closed' });

    const a = await walkToSchedule(applicant, { flow: 'passport-new' });
    const b = await walkToSchedule(applicant, { flow: 'passport-new' });
    // Booking on a holiday is refused with the reason at /date.
    const onHoliday = await sendAs(applicant, a.id)('SUBMIT', { officeCode: 'ATB', date: '2026-12-25', session: 'pagi' }, { 'accept-language': 'en' });
    expect(onHoliday.status).toBe(422);
    expect(onHoliday.body.errors).toEqual([
      {
        pointer: '/date',
        message: 'The office is closed on this date (weekend or holiday).',
        messages: { en: 'The office is closed on this date (weekend or holiday).', id: 'Kantor tutup pada tanggal ini (akhir pekan atau hari libur).' },
      },
    ]);

    const paidA = await bookAndPay(applicant, a.id, '2026-12-22');
    const paidB = await bookAndPay(applicant, b.id, '2026-12-23');

    await clockTo(srv, officer, atbTime('2026-12-22', '10:00'));
    await checkInAndRecord(officer, a.id, paidA.appointment!.queueCode!, { ktp: true, kk: true, birthProof: true });
    const approvedA = await ok(officer, a.id, 'APPROVE');
    // Wed 23 (1), Thu 24 and Fri 25 holidays, weekend, Mon 28 (2), Tue 29 (3), Wed 30 (4).
    expect(approvedA.pickupDate).toBe('2026-12-30');

    // 07:45 in Atambua on the 23rd is 23:45 UTC on the 22nd: the office's date counts.
    await clockTo(srv, officer, atbTime('2026-12-23', '07:45'));
    await checkInAndRecord(officer, b.id, paidB.appointment!.queueCode!, { ktp: true, kk: true, birthProof: true });
    const approvedB = await ok(officer, b.id, 'APPROVE');
    expect(approvedB.pickupDate).toBe('2026-12-31');

    // The applicant is told the date when the passport is printed.
    await ok(officer, a.id, 'PRINTED');
    const ready = await emailsAbout(applicant, `xmas-${provider}@example.id`, a.id, /siap diambil/);
    expect(ready).toHaveLength(1);
    expect(ready[0]!.subject).toContain('2026-12-30');
    expect((await viewOf(applicant, a.id)).pickupDate).toBe('2026-12-30');
  });

  it('skips a weekend and a holiday an admin declared, whatever the date today', async () => {
    // A Thursday at least ten days ahead, and the Monday after it declared a holiday.
    // (one whose following weekdays hold no seeded holiday, so only the declared one counts).
    let thursday = plusDays(await atbToday(applicant), 10);
    for (let tries = 0; tries < 8; tries++) {
      while (new Date(`${thursday}T00:00:00Z`).getUTCDay() !== 4) thursday = plusDays(thursday, 1);
      const week = await availabilityOf(applicant, thursday, plusDays(thursday, 7));
      if (week.every((d) => d.reason === undefined || d.reason === 'closed')) break;
      thursday = plusDays(thursday, 1);
    }
    const monday = plusDays(thursday, 4);
    const admin = srv.client();
    await admin.loginAs('admin');
    const declared = await admin.post('/api/admin/holidays', { date: monday, kind: 'national', name: { id: 'Libur uji', en: 'Test holiday' } });
    expect([201, 409]).toContain(declared.status);

    const app = await walkToSchedule(applicant, { flow: 'passport-new' });
    const paid = await bookAndPay(applicant, app.id, thursday);
    await clockTo(srv, officer, atbTime(thursday, '10:00'));
    await checkInAndRecord(officer, app.id, paid.appointment!.queueCode!, { ktp: true, kk: true, birthProof: true });
    const approved = await ok(officer, app.id, 'APPROVE');
    // Fri (1), Sat and Sun closed, Mon the holiday, Tue (2), Wed (3), Thu (4).
    expect(approved.pickupDate).toBe(plusDays(thursday, 7));
  });
});
