/**
 * Acceptance of what happens with time and what the applicant is told, on the shipped passport
 * flows: the emails of each step (read from the dev outbox, as the applicant would read them) and
 * the timers that end an application — reminder, no-show, requested-document deadline,
 * uncollected passport. Each test has its own server, because the manual clock only moves forward.
 */
import { formatInTimeZone } from 'date-fns-tz';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { providers } from '../../testing/databases.ts';
import { startTestServer, type TestClient } from '../../testing/harness.ts';
import {
  ATB_TZ,
  atbTime,
  atbToday,
  book,
  bookAndPay,
  checkInAndRecord,
  clockTo,
  emailsAbout,
  firstOpenDay,
  ok,
  pay,
  plusDays,
  sendAs,
  viewOf,
  walkToSchedule,
  type Server,
} from './testing/acceptance.ts';
import { identity, SHIPPED, upload } from './testing/passport.ts';

const OFFICE_NAME = 'Kantor Imigrasi Kelas II TPI Atambua';
const ORIGINALS = { ktp: true, kk: true, birthProof: true };
const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
const DAY = 86_400_000;

describe.each(providers())('passport emails and timers (%s)', (provider) => {
  let srv: Server;
  let applicant: TestClient;
  let officer: TestClient;
  let email: string;
  let n = 0;

  beforeEach(async () => {
    srv = await startTestServer({ provider, env: SHIPPED });
    applicant = srv.client();
    email = `timers-${provider}-${++n}@example.id`;
    await applicant.signUp(email, undefined, identity.fullName);
    officer = srv.client();
    await officer.loginAs('officer');
  });
  afterEach(() => srv?.close());

  /** A passport-new application booked and paid for the first open ATB day from `fromDays` days ahead. */
  async function bookedApplication(fromDays: number) {
    const date = await firstOpenDay(applicant, plusDays(await atbToday(applicant), fromDays));
    const { id } = await walkToSchedule(applicant, { flow: 'passport-new' });
    const v = await bookAndPay(applicant, id, date);
    return { id, date, queueCode: v.appointment!.queueCode!, queueNumber: v.appointment!.queueNumber! };
  }

  it('booking email: billing code, amount, deadline in office time, office and date; payment email: the queue number', async () => {
    const date = await firstOpenDay(applicant, plusDays(await atbToday(applicant), 1));
    const { id } = await walkToSchedule(applicant, { flow: 'passport-new' });
    const booked = await book(applicant, id, date);
    const { billingCode, expiresAt } = booked.payment!;

    const bookingMail = await emailsAbout(applicant, email, id, /kode billing/);
    expect(bookingMail).toHaveLength(1);
    const b = bookingMail[0]!;
    expect(b.subject).toBe(`Bayar permohonan paspor Anda: kode billing ${billingCode}`);
    expect(b.text).toContain(`Halo ${identity.fullName}`);
    expect(b.text).toContain(`Bayar Rp 350.000 dengan kode billing ${billingCode}`);
    // The deadline as the applicant reads a clock in Atambua (not a UTC timestamp).
    expect(b.text).toContain(`paling lambat ${formatInTimeZone(new Date(expiresAt), ATB_TZ, 'yyyy-MM-dd HH:mm')} WITA`);
    expect(b.text).not.toContain(expiresAt);
    expect(b.text).toContain(OFFICE_NAME);
    expect(b.text).toContain(`Tanggal ${date}, sesi mulai pukul 08:00`);

    const paid = await pay(applicant, id, billingCode);
    const paidMail = await emailsAbout(applicant, email, id, /Pembayaran diterima/);
    expect(paidMail).toHaveLength(1);
    expect(paidMail[0]!.subject).toBe(`Pembayaran diterima: nomor antrean ${paid.appointment!.queueNumber}`);
    expect(paidMail[0]!.text).toContain(`Nomor antrean Anda: ${paid.appointment!.queueNumber}.`);
    expect(paidMail[0]!.text).toContain(`Tanggal ${date}`);
  });

  it('reminder at 08:00 office time the day before; no-show once the appointment day has ended in office time', async () => {
    const { id, date, queueNumber } = await bookedApplication(2);
    const reminders = () => emailsAbout(applicant, email, id, /Pengingat/);

    await clockTo(srv, applicant, atbTime(plusDays(date, -1), '07:59'));
    expect(await reminders()).toEqual([]);
    await clockTo(srv, applicant, atbTime(plusDays(date, -1), '08:01'));
    const sent = await reminders();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain(`nomor antrean ${queueNumber}`);
    expect(sent[0]!.text).toContain(`Tanggal ${date}`);
    expect((await viewOf(applicant, id)).status).toBe('booked');

    // 23:59 in Atambua on the day (15:59 UTC): still booked.
    await clockTo(srv, applicant, atbTime(date, '23:59'));
    expect((await viewOf(applicant, id)).status).toBe('booked');
    await clockTo(srv, applicant, atbTime(plusDays(date, 1), '00:00:30'));
    const v = await viewOf(applicant, id);
    expect(v).toMatchObject({ status: 'noShow', final: true, events: [] });
    expect(v.description?.en).toMatch(/fee paid is forfeited/);
    const noShow = await emailsAbout(applicant, email, id, /tidak hadir/);
    expect(noShow).toHaveLength(1);
    expect(noShow[0]!.text).toContain(date);
    // The reminder went once.
    expect(await reminders()).toHaveLength(1);
  });

  it('requested document: emailed with the kind and the note; not sent within 7 days → rejected, with an email', async () => {
    const { id, date, queueCode } = await bookedApplication(1);
    await clockTo(srv, officer, atbTime(date, '08:30'));
    await checkInAndRecord(officer, id, queueCode, ORIGINALS);
    const note = 'Pindaian akta kelahiran tidak terbaca';
    const requested = await ok(officer, id, 'REQUEST_DOCUMENT', { kind: 'birthProof', note });
    expect(requested).toMatchObject({ status: 'inReview', state: 'documentRequested' });

    const mine = await viewOf(applicant, id);
    expect(mine.events.map((e) => e.type)).toEqual(['SUBMIT']);
    expect(mine.form).not.toBeNull();
    const mail = await emailsAbout(applicant, email, id, /dokumen tambahan/);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toContain('Dokumen (kode): birthProof');
    expect(mail[0]!.text).toContain(`Catatan petugas: ${note}`);
    expect(mail[0]!.text).toContain('dalam 7 hari');

    await clockTo(srv, applicant, later(requested.updatedAt, 7 * DAY - 60_000));
    expect((await viewOf(applicant, id)).state).toBe('documentRequested');
    await clockTo(srv, applicant, later(requested.updatedAt, 7 * DAY + 60_000));
    const v = await viewOf(applicant, id);
    expect(v).toMatchObject({ status: 'rejected', final: true });
    const overdue = await emailsAbout(applicant, email, id, /dokumen tidak diunggah/);
    expect(overdue).toHaveLength(1);
    expect(overdue[0]!.text).toContain(note);
    // Too late to send it now.
    const up = await upload(applicant, id, 'birthProof');
    const late = await sendAs(applicant, id)('SUBMIT', { birthProof: up.body.id });
    expect(late.status).toBe(409);
  });

  it('a requested document sent in time stops the deadline; a rejection emails the officer\'s reason', async () => {
    const { id, date, queueCode } = await bookedApplication(1);
    await clockTo(srv, officer, atbTime(date, '08:30'));
    await checkInAndRecord(officer, id, queueCode, ORIGINALS);
    await ok(officer, id, 'REQUEST_DOCUMENT', { kind: 'birthProof', note: 'Akta kelahiran terpotong' });
    const up = await upload(applicant, id, 'birthProof');
    expect(up.status).toBe(201);
    const sent = await ok(applicant, id, 'SUBMIT', { birthProof: up.body.id });
    expect(sent).toMatchObject({ status: 'inReview', state: 'inReview' });

    await clockTo(srv, applicant, later(sent.updatedAt, 8 * DAY));
    expect((await viewOf(applicant, id)).state).toBe('inReview');

    const reason = 'Data pada KTP tidak sama dengan akta kelahiran; perbaiki data kependudukan di Dukcapil.';
    const rejected = await ok(officer, id, 'REJECT', { reason });
    expect(rejected).toMatchObject({ status: 'rejected', final: true });
    const mail = await emailsAbout(applicant, email, id, /ditolak/);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe('Permohonan paspor Anda ditolak');
    expect(mail[0]!.text).toContain(`Alasan: ${reason}`);
  });

  it('ready for pickup: emailed with the pickup date; not collected within 30 days → uncollected, with an email', async () => {
    const { id, date, queueCode } = await bookedApplication(1);
    await clockTo(srv, officer, atbTime(date, '08:30'));
    await checkInAndRecord(officer, id, queueCode, ORIGINALS);
    const { pickupDate } = await ok(officer, id, 'APPROVE');
    const ready = await ok(officer, id, 'PRINTED');
    expect(ready.status).toBe('readyForPickup');

    const mail = await emailsAbout(applicant, email, id, /siap diambil/);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe(`Paspor Anda siap diambil mulai ${pickupDate}`);
    expect(mail[0]!.text).toContain(`Ambil mulai ${pickupDate}`);

    await clockTo(srv, applicant, later(ready.updatedAt, 30 * DAY - 60_000));
    expect((await viewOf(applicant, id)).status).toBe('readyForPickup');
    await clockTo(srv, applicant, later(ready.updatedAt, 30 * DAY + 60_000));
    const v = await viewOf(applicant, id);
    expect(v).toMatchObject({ status: 'uncollected', final: true });
    const gone = await emailsAbout(applicant, email, id, /dibatalkan karena tidak diambil/);
    expect(gone).toHaveLength(1);
    expect(gone[0]!.text).toContain(`siap sejak ${pickupDate}`);
    // Handing it over now is refused.
    expect((await sendAs(officer, id)('HAND_OVER')).status).toBe(409);
  });
});
