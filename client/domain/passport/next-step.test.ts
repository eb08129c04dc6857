import { describe, expect, it } from 'vitest';
import type { ApplicationView } from '../../lib/types.ts';
import { passportNextStep } from './next-step.ts';

const NOW = Date.parse('2026-11-26T03:00:00Z');
const view = (over: Partial<ApplicationView>): ApplicationView => ({
  id: 'a1',
  flow: 'passport-new',
  flowVersion: 1,
  state: 'whatever',
  status: 'draft',
  label: null,
  final: false,
  form: null,
  events: [],
  data: {},
  version: 3,
  ...over,
});
const appointment = { officeCode: 'ATB', officeName: 'Kantor Imigrasi Atambua', date: '2026-11-30', session: 'pagi', start: '08:00', end: '12:00', queueNumber: 4, queueCode: 'Q-1' };

describe('passportNextStep()', () => {
  it('while the bill is open: pay it before the deadline, and says when the deadline has passed', () => {
    const payment = { billingCode: '820260302000001', amount: 350000, currency: 'IDR', expiresAt: '2026-11-26T04:00:00.000Z', expiresAtLocal: '2026-11-26 13:00 WITA' };
    expect(passportNextStep(view({ status: 'awaitingPayment', payment, appointment }), NOW)).toEqual({
      kind: 'pay',
      billingCode: '820260302000001',
      amount: 350000,
      currency: 'IDR',
      expiresAt: '2026-11-26T04:00:00.000Z',
      expiresAtLocal: '2026-11-26 13:00 WITA',
      overdue: false,
    });
    expect(passportNextStep(view({ status: 'awaitingPayment', payment }), Date.parse('2026-11-26T04:00:00Z'))).toMatchObject({ kind: 'pay', overdue: true });
    // A payment without a billing code is not something to pay.
    expect(passportNextStep(view({ status: 'awaitingPayment', payment: {} }), NOW)).toBeNull();
  });

  it('booked and paid: attend the appointment', () => {
    expect(passportNextStep(view({ status: 'booked', appointment }), NOW)).toEqual({ kind: 'attend', appointment });
  });

  it('ready: collect it at the office where the biometrics were taken, from the pick-up date; the date once known before', () => {
    expect(passportNextStep(view({ status: 'readyForPickup', appointment, pickupDate: '2026-12-04' }), NOW)).toEqual({ kind: 'pickup', office: 'Kantor Imigrasi Atambua', date: '2026-12-04' });
    expect(passportNextStep(view({ status: 'readyForPickup' }), NOW)).toEqual({ kind: 'pickup', office: '', date: null });
    expect(passportNextStep(view({ status: 'printing', appointment, pickupDate: '2026-12-04' }), NOW)).toEqual({ kind: 'pickupDate', date: '2026-12-04' });
  });

  it('in a draw: where the applicant stands; not drawn: the places offered; a draw won is just a bill', () => {
    const draw = { id: '2027-02-04-pagi-regular', officeCode: 'ATB', officeName: 'Kantor Imigrasi Atambua', date: '2027-02-04', session: 'pagi', places: 28, resultAtLocal: '08:15 WITA', entryId: '0123456789abcdef', outcome: null, offersText: null };
    expect(passportNextStep(view({ status: 'inDraw', draw }), NOW)).toEqual({ kind: 'draw', draw });
    const lost = { ...draw, outcome: 'lost', offersText: { id: 'Tempat kosong terdekat …', en: 'The nearest free places …' } };
    expect(passportNextStep(view({ status: 'draft', draw: lost }), NOW)).toEqual({ kind: 'drawLost', draw: lost });
    const payment = { billingCode: '820260302000001', amount: 350000, currency: 'IDR', expiresAt: '2026-11-26T04:00:00.000Z', expiresAtLocal: '' };
    expect(passportNextStep(view({ status: 'awaitingPayment', payment, draw: { ...draw, outcome: 'won' } }), NOW)).toMatchObject({ kind: 'pay' });
    expect(passportNextStep(view({ status: 'inDraw', draw: { id: 3 } }), NOW)).toBeNull();
  });

  it('leaves the rest to the flow’s words: at the office, in review, at the end', () => {
    expect(passportNextStep(view({ status: 'checkedIn', appointment }), NOW)).toBeNull();
    expect(passportNextStep(view({ status: 'inReview', appointment }), NOW)).toBeNull();
    expect(passportNextStep(view({ status: 'collected', final: true, pickupDate: '2026-12-04' }), NOW)).toBeNull();
  });
});
