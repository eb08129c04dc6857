/**
 * Acceptance, payments of the shipped passport flows: an unpaid booking expires after the
 * 2-hour window and gives its place back, a payment after that is refused and kept for a refund;
 * the same payment notice delivered twice moves the application once.
 * (Signatures, stale timestamps, wrong amounts and unknown codes of the webhook itself are
 * covered by server/http/payments-router.test.ts and sandbox-router.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../../testing/databases.ts';
import { startTestServer, type TestClient } from '../../testing/harness.ts';
import {
  atbToday,
  book,
  clockAdvance,
  db,
  emailsAbout,
  firstOpenDay,
  freeAt,
  historyOf,
  pay,
  plusDays,
  viewOf,
  walkToSchedule,
  type Server,
} from './testing/acceptance.ts';
import { SHIPPED, type Problem } from './testing/passport.ts';

type PayReply = { outcome: string; duplicate?: boolean; providerRef: string } & Problem;

describe.each(providers())('passport payments (%s)', (provider) => {
  let srv: Server;
  let applicant: TestClient;
  const email = `pay-${provider}@example.id`;

  beforeAll(async () => {
    srv = await startTestServer({ provider, env: SHIPPED });
    applicant = srv.client();
    await applicant.signUp(email);
  });
  afterAll(() => srv?.close());

  it('the same payment notice twice: one PAYMENT_CONFIRMED, one queue number, one "payment received" email', async () => {
    const date = await firstOpenDay(applicant, plusDays(await atbToday(applicant), 1));
    const first = await walkToSchedule(applicant, { flow: 'passport-new' });
    const booked = await book(applicant, first.id, date);
    const code = booked.payment!.billingCode;
    const providerRef = `BANK-${provider}-${code}`;

    const r1 = await applicant.post<PayReply>(`/api/dev/payments/${code}/pay`, { providerRef });
    const r2 = await applicant.post<PayReply>(`/api/dev/payments/${code}/pay`, { providerRef });
    expect([r1.status, r2.status]).toEqual([200, 200]);
    expect(r1.body).toMatchObject({ outcome: 'applied', providerRef });
    expect(r2.body).toMatchObject({ outcome: 'applied', duplicate: true, providerRef });

    const v = await viewOf(applicant, first.id);
    expect(v.status).toBe('booked');
    const history = await historyOf(applicant, first.id);
    expect(history.filter((e) => e.type === 'PAYMENT_CONFIRMED')).toHaveLength(1);
    expect(await db(srv).payments(first.id)).toMatchObject([{ billingCode: code, status: 'paid', flagged: false, providerRef }]);
    expect(await db(srv).notices(code)).toEqual([{ providerRef, outcome: 'applied', detail: null }]);
    const paidMails = await emailsAbout(applicant, email, first.id, /nomor antrean/i);
    expect(paidMails).toHaveLength(1);
    expect(paidMails[0]!.subject).toContain(`nomor antrean ${v.appointment!.queueNumber}`);

    // The repeat did not use up a queue number: the next payment that day gets the next one.
    const second = await walkToSchedule(applicant, { flow: 'passport-new' });
    const booked2 = await book(applicant, second.id, date);
    const v2 = await pay(applicant, second.id, booked2.payment!.billingCode);
    expect(v2.appointment!.queueNumber).toBe(v.appointment!.queueNumber! + 1);
  });

  // Moves the clock: last.
  it('unpaid for 2 hours: expired, the place is free again; a payment after that is refused, recorded and flagged', async () => {
    const date = await firstOpenDay(applicant, plusDays(await atbToday(applicant), 1));
    const { id } = await walkToSchedule(applicant, { flow: 'passport-new' });
    const freeBefore = await freeAt(applicant, date, 'pagi');
    const bookedBefore = (await db(srv).slot(date, 'pagi'))?.booked ?? 0;

    const booked = await book(applicant, id, date);
    const { billingCode, expiresAt } = booked.payment!;
    expect(Date.parse(expiresAt) - Date.parse(booked.updatedAt)).toBe(2 * 3_600_000);
    expect(await freeAt(applicant, date, 'pagi')).toBe(freeBefore - 1);
    expect((await db(srv).slot(date, 'pagi'))!.booked).toBe(bookedBefore + 1);

    // Just before the deadline nothing has happened.
    await clockAdvance(srv, applicant, 'PT1H58M');
    expect((await viewOf(applicant, id)).status).toBe('awaitingPayment');
    expect(await freeAt(applicant, date, 'pagi')).toBe(freeBefore - 1);

    await clockAdvance(srv, applicant, 'PT3M');
    const expired = await viewOf(applicant, id);
    expect(expired).toMatchObject({ status: 'expired', final: true, events: [] });
    expect(expired.description?.en).toMatch(/slot was released/);
    expect(await freeAt(applicant, date, 'pagi')).toBe(freeBefore);
    expect((await db(srv).slot(date, 'pagi'))!.booked).toBe(bookedBefore);
    expect(await db(srv).bookings(id)).toMatchObject([{ date, session: 'pagi', status: 'released' }]);
    expect(await db(srv).payments(id)).toMatchObject([{ billingCode, status: 'expired', flagged: false }]);
    const expiryMail = await emailsAbout(applicant, email, id, /kedaluwarsa/i);
    expect(expiryMail).toHaveLength(1);
    expect(expiryMail[0]!.text).toContain(billingCode);
    expect(expiryMail[0]!.text).toContain(date);

    // Paid late: the gateway is told no, the money is on record and flagged for a refund.
    const late = await applicant.post<PayReply>(`/api/dev/payments/${billingCode}/pay`, {});
    expect(late.status).toBe(409);
    expect(late.contentType).toContain('application/problem+json');
    expect(late.body.type).toBe('https://alur.dev/problems/payment-after-expiry');
    expect(await db(srv).payments(id)).toMatchObject([{ billingCode, status: 'latePaid', flagged: true }]);
    expect(await db(srv).notices(billingCode)).toMatchObject([{ outcome: 'latePaid', detail: 'payment-after-expiry' }]);
    const after = await viewOf(applicant, id);
    expect(after.status).toBe('expired');
    expect(after.appointment?.queueNumber).toBeUndefined();
    expect((await historyOf(applicant, id)).some((e) => e.type === 'PAYMENT_CONFIRMED')).toBe(false);
    // The released place stays free.
    expect(await freeAt(applicant, date, 'pagi')).toBe(freeBefore);
  });
});
