import { describe, expect, it } from 'vitest';
import { i18nFor } from './i18n.ts';
import { nextText } from './next-step-texts.ts';
import { nextStep, timeline, type TimelineContext, type TimelineSource } from './next-step.ts';
import type { ApplicationView, EventView, FormView } from './types.ts';

const NOW = Date.parse('2026-11-26T03:00:00Z');
const form = (id: string, title?: string): FormView => ({ id, schema: { type: 'object' }, ...(title ? { title: { id: title, en: title } } : {}) });
const ev = (type: string, extra: Partial<EventView> = {}): EventView => ({ type, ...extra });
const steps = [
  { id: 'identity', order: 1, label: { id: 'Data diri', en: 'Your details' } },
  { id: 'documents', order: 2, label: { id: 'Unggah dokumen', en: 'Upload documents' } },
  { id: 'review', order: 3, label: { id: 'Periksa', en: 'Check and declare' } },
  { id: 'schedule', order: 4, label: { id: 'Pilih jadwal', en: 'Choose a schedule' } },
];

const view = (over: Partial<ApplicationView>): ApplicationView => ({
  id: 'a1',
  flow: 'passport-new',
  flowVersion: 1,
  state: 'whatever',
  status: 'draft',
  label: null,
  steps,
  final: false,
  form: null,
  events: [],
  data: {},
  version: 3,
  ...over,
});

const appointment = { officeCode: 'ATB', officeName: 'Kantor Imigrasi Atambua', date: '2026-11-30', session: 'pagi', start: '08:00', end: '12:00', queueNumber: 4, queueCode: 'Q-1' };

describe('nextStep()', () => {
  it('points to the form of the current step, with the other things to do (not BACK)', () => {
    const plan = nextStep(
      view({ step: steps[1], form: form('passport-documents'), events: [ev('SUBMIT'), ev('BACK'), ev('CANCEL', { label: { id: 'Batal', en: 'Cancel' } })] }),
      NOW,
    );
    expect(plan.step).toEqual({ kind: 'form', title: steps[1]!.label, step: true });
    expect(plan.also.map((e) => e.type)).toEqual(['CANCEL']);
  });

  it('a requested document (a form outside the steps) goes by the form title', () => {
    const plan = nextStep(view({ status: 'inReview', form: form('passport-requested-document', 'Dokumen tambahan'), events: [ev('SUBMIT')] }), NOW);
    expect(plan.step).toEqual({ kind: 'form', title: { id: 'Dokumen tambahan', en: 'Dokumen tambahan' }, step: false });
    expect(plan.also).toEqual([]);
  });

  it('while the bill is open: pay it before the deadline, and says when the deadline has passed', () => {
    const payment = { billingCode: '820260302000001', amount: 350000, currency: 'IDR', expiresAt: '2026-11-26T04:00:00.000Z', expiresAtLocal: '2026-11-26 13:00 WITA' };
    const open = nextStep(view({ status: 'awaitingPayment', payment, appointment, events: [ev('CANCEL')] }), NOW);
    expect(open.step).toEqual({
      kind: 'pay',
      billingCode: '820260302000001',
      amount: 350000,
      currency: 'IDR',
      expiresAt: '2026-11-26T04:00:00.000Z',
      expiresAtLocal: '2026-11-26 13:00 WITA',
      overdue: false,
    });
    expect(open.also.map((e) => e.type)).toEqual(['CANCEL']);
    const late = nextStep(view({ status: 'awaitingPayment', payment }), Date.parse('2026-11-26T04:00:00Z'));
    expect(late.step).toMatchObject({ kind: 'pay', overdue: true });
  });

  it('booked and paid: attend the appointment, and may reschedule', () => {
    const plan = nextStep(view({ status: 'booked', appointment, events: [ev('RESCHEDULE', { form: form('passport-schedule') })] }), NOW);
    expect(plan.step).toEqual({ kind: 'attend', appointment });
    expect(plan.also.map((e) => e.type)).toEqual(['RESCHEDULE']);
  });

  it('at the office, in review and while printing there is nothing to do; the pick-up date is given once known', () => {
    expect(nextStep(view({ status: 'checkedIn', appointment }), NOW).step).toEqual({ kind: 'atOffice' });
    expect(nextStep(view({ status: 'inReview', appointment }), NOW)).toEqual({ step: { kind: 'wait', stage: 'review' }, pickupDate: null, also: [] });
    expect(nextStep(view({ status: 'printing', appointment, pickupDate: '2026-12-04' }), NOW)).toEqual({
      step: { kind: 'wait', stage: 'printing' },
      pickupDate: '2026-12-04',
      also: [],
    });
  });

  it('ready: collect it at the office where the biometrics were taken', () => {
    expect(nextStep(view({ status: 'readyForPickup', appointment, pickupDate: '2026-12-04' }), NOW)).toEqual({
      step: { kind: 'pickup', office: 'Kantor Imigrasi Atambua' },
      pickupDate: '2026-12-04',
      also: [],
    });
    expect(nextStep(view({ status: 'readyForPickup' }), NOW).step).toEqual({ kind: 'pickup', office: '' });
  });

  it('at the end: done, visit the office in person, or start again', () => {
    expect(nextStep(view({ status: 'collected', final: true }), NOW).step.kind).toBe('done');
    expect(nextStep(view({ status: 'walkInRequired', final: true }), NOW).step.kind).toBe('visitOffice');
    for (const status of ['cancelled', 'expired', 'noShow', 'rejected', 'uncollected']) {
      expect(nextStep(view({ status, final: true }), NOW)).toEqual({ step: { kind: 'startAgain' }, pickupDate: null, also: [] });
    }
  });

  it('otherwise: something to do on the application page, or nothing', () => {
    expect(nextStep(view({ status: 'draft', events: [ev('CONTINUE')] }), NOW).step.kind).toBe('act');
    expect(nextStep(view({ status: 'draft' }), NOW).step.kind).toBe('nothing');
    // A payment without a billing code is not something to pay.
    expect(nextStep(view({ status: 'awaitingPayment', payment: {} }), NOW).step.kind).toBe('nothing');
  });
});

describe('timeline()', () => {
  // NOTE: dates as given, so the test does not depend on the ICU data's punctuation.
  const i18n = { ...i18nFor('en'), formatDate: (ymd: string) => `<${ymd}>` };
  const ctx: TimelineContext = { steps, selfId: 'u1', i18n, text: (key, params) => nextText('en', key, params) };
  let seq = 0;
  const entry = (type: string, actorRole: string, more: Partial<TimelineSource> = {}): TimelineSource => ({
    seq: ++seq,
    type,
    actor: actorRole === 'applicant' ? 'u1' : actorRole === 'system' ? 'system' : 'o1',
    actorRole,
    at: `2026-11-2${Math.min(seq, 9)}T01:00:00.000Z`,
    from: null,
    to: 'x',
    data: {},
    ...more,
  });

  it('tells a whole application in words, with who did what, and no state ids', () => {
    seq = 0;
    const entries = [
      entry('START', 'applicant', { to: 'identity' }),
      entry('SUBMIT', 'applicant', { from: 'identity', to: 'documents' }),
      entry('BACK', 'applicant', { from: 'documents', to: 'identity' }),
      entry('SUBMIT', 'applicant', { from: 'schedule', to: 'awaitingPayment', data: { officeCode: 'ATB', date: '2026-11-30', session: 'pagi' } }),
      entry('PAYMENT_CONFIRMED', 'system', { from: 'awaitingPayment', to: 'booked', facts: { queueNumber: 4, queueCode: 'secret' } }),
      entry('xstate.after.dayBeforeAppointment.passportNew.booked', 'system', { from: 'booked', to: 'booked' }),
      entry('CHECK_IN', 'officer', { from: 'booked', to: 'checkedIn', data: { queueCode: 'secret' } }),
      entry('RECORD_BIOMETRICS', 'officer', { from: 'checkedIn', to: 'inReview' }),
      entry('REQUEST_DOCUMENT', 'officer', { from: 'inReview', to: 'documentRequested', data: { kind: 'kk', note: 'The scan is blurred.' } }),
      entry('SUBMIT', 'applicant', { from: 'documentRequested', to: 'inReview', data: { kk: 'd9' } }),
      entry('APPROVE', 'officer', { from: 'inReview', to: 'printing', facts: { pickupDate: '2026-12-04' } }),
      entry('PRINTED', 'officer', { from: 'printing', to: 'readyForPickup' }),
      entry('HAND_OVER', 'officer', { from: 'readyForPickup', to: 'collected' }),
    ];
    const items = timeline([...entries].reverse(), ctx);
    expect(items.map((i) => [i.title, i.by, ...i.details])).toEqual([
      ['Application started', 'by you'],
      ['Step “Your details” completed', 'by you'],
      ['Went back to the step “Your details”', 'by you'],
      ['Appointment booked for <2026-11-30>', 'by you'],
      ['Payment received', 'automatically, by the system', 'Queue number: 004'],
      ['Appointment reminder sent', 'automatically, by the system'],
      ['Checked in at the immigration office', 'by an immigration officer'],
      ['Interview, photo and fingerprints done', 'by an immigration officer'],
      ['The officer asked for another document: family card (KK)', 'by an immigration officer', 'Officer’s note: The scan is blurred.'],
      ['Requested document sent', 'by you'],
      ['Application approved', 'by an immigration officer', 'Ready for pick-up from <2026-12-04>'],
      ['Passport printed', 'by an immigration officer'],
      ['Passport handed over', 'by an immigration officer'],
    ]);
    expect(items.map((i) => i.seq)).toEqual(entries.map((e) => e.seq));
    const words = JSON.stringify(items.map((i) => [i.title, i.details, i.by]));
    for (const id of ['awaitingPayment', 'documentRequested', 'readyForPickup', 'passportNew', 'secret', 'xstate']) expect(words).not.toContain(id);
  });

  it('names the ends, the deadlines and anything unknown in words', () => {
    seq = 0;
    const items = timeline(
      [
        entry('xstate.after.paymentWindow.passportNew.awaitingPayment', 'system'),
        entry('xstate.after.somethingNew.passportNew.x', 'system'),
        entry('REJECT', 'officer', { data: { reason: 'The documents do not match.' } }),
        entry('RESCHEDULE', 'applicant', { data: { officeCode: 'ATB', date: '2026-12-01', session: 'siang' } }),
        entry('CANCEL', 'applicant'),
        entry('SOMETHING_ELSE', 'admin'),
        entry('SUBMIT', 'officer', { from: 'replacementIdentity' }),
      ],
      ctx,
    );
    expect(items.map((i) => [i.title, i.by, ...i.details])).toEqual([
      ['Payment deadline passed', 'automatically, by the system'],
      ['A deadline was reached', 'automatically, by the system'],
      ['Application rejected', 'by an immigration officer', 'Reason: The documents do not match.'],
      ['Appointment moved to <2026-12-01>', 'by you'],
      ['Application cancelled', 'by you'],
      ['The application moved on', 'by staff'],
      ['Form sent', 'by an immigration officer'],
    ]);
  });

  it('speaks Indonesian too, and tells another applicant from the viewer', () => {
    seq = 0;
    const id: TimelineContext = { steps, selfId: 'someone-else', i18n: i18nFor('id'), text: (key, params) => nextText('id', key, params) };
    const [item] = timeline([entry('SUBMIT', 'applicant', { from: 'identity' })], id);
    expect(item).toMatchObject({ title: 'Langkah “Data diri” selesai', by: 'oleh pemohon' });
  });
});
