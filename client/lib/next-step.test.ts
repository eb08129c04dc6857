import { describe, expect, it } from 'vitest';
import { i18nFor } from './i18n.ts';
import { nextText } from './next-step-texts.ts';
import { nextStep, timeline, type TimelineContext, type TimelineSource } from './next-step.ts';
import type { ApplicationView, EventView, FormView, I18nText } from './types.ts';

const form = (id: string, title?: string): FormView => ({ id, schema: { type: 'object' }, ...(title ? { title: { id: title, en: title } } : {}) });
const ev = (type: string, extra: Partial<EventView> = {}): EventView => ({ type, ...extra });
const text = (id: string, en = id): I18nText => ({ id, en });
const steps = [
  { id: 'sponsor', order: 1, label: text('Penjamin', 'Sponsor') },
  { id: 'worker', order: 2, label: text('Orang asing', 'Foreign national') },
  { id: 'documents', order: 3, label: text('Dokumen', 'Documents') },
  { id: 'checkAnswers', order: 4, label: text('Periksa dan kirim', 'Check and send') },
];

const view = (over: Partial<ApplicationView>): ApplicationView => ({
  id: 'a1',
  flow: 'some-permit',
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

describe('nextStep()', () => {
  it('points to the form of the current step, with the flow’s words and the other things to do (not BACK)', () => {
    const next = text('Lengkapi setiap langkah.', 'Complete each step.');
    const withdraw = ev('WITHDRAW', { label: text('Batalkan', 'Cancel'), confirm: text('Yakin?', 'Sure?') });
    const plan = nextStep(view({ step: steps[1], next, form: form('worker'), events: [ev('SUBMIT'), ev('BACK'), withdraw] }));
    expect(plan).toEqual({ text: next, step: { kind: 'form', title: steps[1]!.label, step: true }, also: [withdraw] });
  });

  it('a form outside the steps (an answer to a request) goes by the form title', () => {
    const plan = nextStep(view({ status: 'infoRequested', form: form('info-response', 'Jawab permintaan'), events: [ev('SUBMIT')] }));
    expect(plan).toEqual({ text: null, step: { kind: 'form', title: text('Jawab permintaan'), step: false }, also: [] });
  });

  it('without a form: what the viewer may do (no SUBMIT is left out then), or nothing, with the flow’s words', () => {
    const next = text('Tim memeriksa permohonan Anda.');
    expect(nextStep(view({ status: 'inReview', next, events: [ev('WITHDRAW')] }))).toEqual({ text: next, step: { kind: 'act' }, also: [ev('WITHDRAW')] });
    expect(nextStep(view({ status: 'inReview', next }))).toEqual({ text: next, step: { kind: 'nothing' }, also: [] });
    expect(nextStep(view({ events: [ev('CONTINUE'), ev('BACK')] })).also.map((e) => e.type)).toEqual(['CONTINUE']);
  });

  it('at the end: final, with the flow’s words when it has some, and nothing more to do', () => {
    const next = text('Selesai.');
    expect(nextStep(view({ status: 'issued', final: true, next }))).toEqual({ text: next, step: { kind: 'final' }, also: [] });
    expect(nextStep(view({ status: 'withdrawn', final: true, events: [ev('REOPEN')] }))).toEqual({ text: null, step: { kind: 'final' }, also: [] });
  });
});

describe('timeline()', () => {
  // NOTE: dates as given, so the test does not depend on the ICU data's punctuation.
  const i18n = i18nFor('en');
  const ctx: TimelineContext = { steps, selfId: 'u1', i18n, text: (key, params) => nextText('en', key, params) };
  let seq = 0;
  const entry = (type: string, actorRole: string, more: Partial<TimelineSource> = {}): TimelineSource => ({
    seq: ++seq,
    type,
    label: null,
    actor: actorRole === 'applicant' ? 'u1' : actorRole === 'system' ? 'system' : 'o1',
    actorRole,
    at: `2026-11-2${Math.min(seq, 9)}T01:00:00.000Z`,
    from: null,
    fromLabel: null,
    to: 'x',
    toLabel: null,
    data: {},
    ...more,
  });
  const review = text('Sedang diperiksa', 'Under review');

  it('tells a whole application from the flow’s labels: steps, events, where each led, who did it, and no state ids', () => {
    seq = 0;
    const entries = [
      entry('START', 'applicant', { to: 'application.sponsor', toLabel: text('Data penjamin', 'Sponsor details') }),
      entry('SUBMIT', 'applicant', { label: text('Lanjut', 'Continue'), from: 'application.sponsor', to: 'application.worker', toLabel: text('Data orang asing', 'Foreign national') }),
      entry('BACK', 'applicant', { label: text('Kembali', 'Back'), from: 'application.worker', to: 'application.sponsor', toLabel: text('Data penjamin', 'Sponsor details') }),
      entry('SUBMIT', 'applicant', { from: 'application.checkAnswers', to: 'inReview(verification.pending,intelligence.pending)', toLabel: review }),
      entry('VERIFY', 'officer', { label: text('Dokumen lengkap', 'Documents complete'), from: 'inReview(verification.pending,intelligence.pending)', fromLabel: review, to: 'inReview(verification.verified,intelligence.pending)', toLabel: review }),
      entry('REQUEST_INFO', 'officer', { label: text('Minta keterangan', 'Request information'), toLabel: text('Keterangan diminta', 'More information requested'), data: { note: 'The letter has no stamp.' } }),
      entry('SUBMIT', 'applicant', { label: text('Lanjut', 'Continue'), from: 'application.documentsCompany', fromLabel: text('Unggah dokumen', 'Upload documents'), toLabel: text('Periksa', 'Check') }),
      entry('SUBMIT', 'applicant', { label: text('Lanjut', 'Continue'), from: 'inReview(verification.infoRequested,intelligence.pending)', fromLabel: review, toLabel: review }),
      entry('xstate.after.infoReminder.stayPermitExtension.inReview.verification.infoRequested', 'system', { from: 'a', to: 'a' }),
      entry('OBJECT', 'officer', { label: text('Keberatan: tolak', 'Object: refuse'), fromLabel: review, to: 'rejected', toLabel: text('Ditolak', 'Rejected'), data: { reason: 'Not eligible.' } }),
    ];
    const items = timeline([...entries].reverse(), ctx);
    expect(items.map((i) => [i.title, i.by, ...i.details])).toEqual([
      ['Application started', 'by you'],
      ['Step “Sponsor” completed', 'by you', 'Moved to: Foreign national'],
      ['Went back to the step “Sponsor”', 'by you'],
      ['Step “Check and send” completed', 'by you', 'Moved to: Under review'],
      ['Documents complete', 'by an officer'],
      ['Request information', 'by an officer', 'Moved to: More information requested', 'Officer’s note: The letter has no stamp.'],
      ['“Upload documents” sent', 'by you', 'Moved to: Check'],
      ['Form sent', 'by you'],
      ['A set time was reached', 'automatically, by the system'],
      ['Object: refuse', 'by an officer', 'Moved to: Rejected', 'Reason: Not eligible.'],
    ]);
    expect(items.map((i) => i.seq)).toEqual(entries.map((e) => e.seq));
    const words = JSON.stringify(items.map((i) => [i.title, i.details, i.by]));
    for (const id of ['application.', 'inReview', 'verification', 'stayPermit', 'xstate', 'VERIFY', 'OBJECT']) expect(words).not.toContain(id);
  });

  it('names events without a label generically, a timer as automatic, and adds the packs’ facts', () => {
    seq = 0;
    const items = timeline(
      [
        entry('CANCEL', 'applicant'),
        entry('SOMETHING_ELSE', 'admin'),
        entry('SUBMIT', 'officer', { from: 'somewhere' }),
        entry('xstate.after.deadline.flow.x', 'applicant', { from: 'x', to: 'closed', toLabel: text('Ditutup', 'Closed') }),
      ],
      { ...ctx, details: (e) => (e.type === 'CANCEL' ? ['A pack fact'] : []) },
    );
    expect(items.map((i) => [i.title, i.by, ...i.details])).toEqual([
      ['Application cancelled', 'by you', 'A pack fact'],
      ['The application moved on', 'by staff'],
      ['Form sent', 'by an officer'],
      ['A set time was reached', 'automatically, by the system', 'Moved to: Closed'],
    ]);
  });

  it('speaks Indonesian too, and tells another applicant from the viewer', () => {
    seq = 0;
    const id: TimelineContext = { steps, selfId: 'someone-else', i18n: i18nFor('id'), text: (key, params) => nextText('id', key, params) };
    const [item] = timeline([entry('SUBMIT', 'applicant', { from: 'sponsor', to: 'worker', toLabel: text('Data orang asing') })], id);
    expect(item).toMatchObject({ title: 'Langkah “Penjamin” selesai', by: 'oleh pemohon', details: ['Pindah ke: Data orang asing'] });
  });
});
