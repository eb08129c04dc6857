/**
 * The stay-permit extension flow, shipped as data only (no pack, generic registry): it passes the
 * validator without a single finding, its forms accept and refuse data as the server's Ajv does,
 * and it walks through the pure engine: the applicant's steps with the conditional company
 * section and the dependants, the parallel review by the verification and intelligence groups
 * (in either order), the request-for-information loop with its reminder and deadline timers, a
 * refusal, an objection and withdrawals.
 */
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { buildFlow } from '../build.ts';
import { definitionSchema } from '../definition-schema.ts';
import { activeMeta, allowedEvents, apply, formFor, groupsFor, inGroups, restore, rolesFor, start, type Step } from '../engine.ts';
import { closedFormSchema, createFormAjv } from '../form-ajv.ts';
import { formIdsOf } from '../forms.ts';
import { genericRegistry } from '../registry.ts';
import { renderTexts } from '../template.ts';
import type { Actor, FlowBundle, FlowDefinition, FormDefinition, Role } from '../types.ts';
import { validateBundle } from '../validate.ts';

const readJson = (url: URL) => JSON.parse(readFileSync(url, 'utf8')) as unknown;

/** The bundle as server/flows/files.ts `readBundle` assembles it: the definition and every form it names. */
function readShipped(): FlowBundle {
  const definition = readJson(new URL('./stay-permit-extension.json', import.meta.url)) as FlowDefinition;
  const forms = Object.fromEntries(
    formIdsOf(definition).map((id) => [id, readJson(new URL(`../../forms/${id}.json`, import.meta.url)) as FormDefinition]),
  );
  return { definition, forms };
}

const bundle = readShipped();
const flow = buildFlow(bundle);
const ajv = createFormAjv();
/** Validates data against a form as the server does (server/runtime/form-validator.ts). */
const validatorOf = (id: string) => {
  const form = bundle.forms[id];
  if (!form) throw new Error(`no form ${id}`);
  return ajv.compile(closedFormSchema(form.schema));
};

const applicant: Actor = { id: 'u-1', role: 'applicant' };
const verifier: Actor = { id: 'o-1', role: 'officer' };
const analyst: Actor = { id: 'o-2', role: 'officer' };
const system: Actor = { id: 'system', role: 'system' };
/** The staff groups of each actor (the server checks them; the applicant is never group-checked). */
const groupsOf = new Map<Actor, string[]>([
  [verifier, ['verification']],
  [analyst, ['intelligence']],
]);

const DAY = 24 * 60 * 60 * 1000;
const VERIFICATION = 'inReview(intelligence.pending,verification.pending)';
const INFO_STATE = 'stayPermitExtension.inReview.verification.infoRequested';
const REMINDER = `xstate.after.infoReminder.${INFO_STATE}`;
const DEADLINE = `xstate.after.infoDeadline.${INFO_STATE}`;

const doc = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const company = {
  sponsorType: 'company',
  sponsorName: 'Siti Rahayu',
  sponsorPhone: '081234567890',
  sponsorEmail: 'hr@nusantara-tekstil.co.id',
  companyName: 'PT Nusantara Tekstil',
  nib: '9120001234567',
  companyAddress: 'Jl. Industri Raya No. 5, Bekasi, Jawa Barat',
};
const individual = {
  sponsorType: 'individual',
  sponsorName: 'Dewi Lestari',
  sponsorPhone: '+6281298765432',
  sponsorEmail: 'dewi@example.id',
  sponsorNik: '3171234567890001',
  sponsorAddress: 'Jl. Kemang Raya No. 10, Jakarta Selatan',
};
const worker = {
  workerName: 'Kenji Tanaka',
  workerNationality: 'Jepang',
  workerPassportNumber: 'TR1234567',
  permitNumber: '2C21JE1234-AB',
  permitExpiry: '2026-04-30',
  jobTitle: 'Production Manager',
  dependants: [
    { name: 'Yuki Tanaka', relationship: 'spouse', birthDate: '1988-07-14', passportNumber: 'TR7654321' },
    { name: 'Hana Tanaka', relationship: 'child', birthDate: '2016-02-03', passportNumber: 'TS1122334' },
  ],
};
const individualDocs = { sponsorLetter: doc(1), workerPassport: doc(2), currentPermit: doc(3), feeReceipt: doc(5) };
const companyDocs = { ...individualDocs, companyRegistration: doc(4) };

/** An application walked as the server would: role, group and form checked before each event. */
class Walk {
  step: Step;
  private clock = Date.parse('2026-03-02T01:00:00.000Z');
  constructor() {
    this.step = start(flow, { applicationId: 'app-1', ownerId: 'u-1' }, this.tick(), applicant);
  }
  private tick(ms = 60_000) {
    return new Date((this.clock += ms)).toISOString();
  }
  get snapshot() {
    return restore(flow, this.step.snapshot);
  }
  get data() {
    return (this.step.snapshot as { context: { data: Record<string, unknown> } }).context.data;
  }
  offered(role: Role) {
    return allowedEvents(flow, this.snapshot, role).map((e) => e.type);
  }
  send(type: string, actor: Actor, data: Record<string, unknown> = {}) {
    const roles = rolesFor(flow, this.snapshot, type);
    if (actor.role === 'system') expect(roles, `${type} is system-only`).toEqual([]);
    else expect(roles, `${actor.role} sends ${type} in ${this.step.state}`).toContain(actor.role);
    if (actor.role === 'officer') expect(inGroups(groupsFor(flow, this.snapshot, type), groupsOf.get(actor) ?? []), `${type} by ${groupsOf.get(actor)}`).toBe(true);
    const form = formFor(flow, this.snapshot, type);
    if (form) {
      const valid = ajv.compile(closedFormSchema(form.schema));
      expect(valid(data), `${type} data for ${form.id}: ${JSON.stringify(valid.errors)}`).toBe(true);
    } else if (actor.role !== 'system') expect(data, `${type} has no form`).toEqual({});
    const result = apply(flow, this.step.snapshot, { type, data, now: this.tick(), actor });
    if (!result.accepted) throw new Error(`${type} not accepted in ${result.from}; allowed: ${result.allowed.join(', ')}`);
    this.step = result.step;
    return this;
  }
  /** The timer `id` the flow armed, delivered at its due time as the scheduler would. */
  fire(id: string, armed: Step['effects']) {
    const arm = armed.find((e) => e.kind === 'arm' && e.id === id);
    if (arm?.kind !== 'arm') throw new Error(`${id} is not armed`);
    this.clock = Date.parse(arm.dueAt) - 60_000;
    return this.send(arm.event.type, system);
  }
  /** The effects of the last step as short names: `notify:<template>`, `arm:<delay>`, `disarm:<delay>`, other actions by type. */
  effects() {
    return this.step.effects.map((e) => {
      if (e.kind === 'action') return e.type === 'notify' ? `notify:${String(e.params.template)}` : e.type;
      const delay = e.id.split('.')[2];
      return `${e.kind}:${delay}`;
    });
  }
}

/** From a new application to the parallel review, with the sponsor and documents given. */
function submitted(sponsor: Record<string, unknown> = company, docs: Record<string, unknown> = companyDocs) {
  const w = new Walk();
  expect([w.step.state, w.step.status]).toEqual(['application.sponsor', 'draft']);
  w.send('SUBMIT', applicant, sponsor).send('SUBMIT', applicant, worker);
  w.send('SUBMIT', applicant, docs);
  expect(w.step.state).toBe('application.checkAnswers');
  expect(activeMeta(flow, w.snapshot, 'review')).toBe(true);
  w.send('SUBMIT', applicant, { declaration: true });
  expect([w.step.state, w.step.status]).toEqual([VERIFICATION, 'inReview']);
  expect(w.effects()).toEqual(['notify:submitted']);
  return w;
}

describe('the bundle', () => {
  it('names only forms that exist and passes the validator with no finding at all', () => {
    expect(Object.keys(bundle.forms).sort()).toEqual(
      [
        'stay-permit-declaration',
        'stay-permit-documents',
        'stay-permit-documents-company',
        'stay-permit-info-response',
        'stay-permit-reason',
        'stay-permit-request-info',
        'stay-permit-sponsor',
        'stay-permit-worker',
      ].sort(),
    );
    expect(validateBundle(bundle)).toEqual([]);
    expect(validateBundle(bundle, genericRegistry)).toEqual([]);
  });

  it("satisfies the editor's definition schema for the generic registry", () => {
    const valid = new Ajv({ strict: false, allErrors: true }).compile(definitionSchema(genericRegistry));
    expect(valid(bundle.definition), JSON.stringify(valid.errors?.slice(0, 3))).toBe(true);
  });

  it('states the fee and the time limits from the policy, in each language', () => {
    const { definition } = bundle;
    const vars = { policy: definition.policy };
    const description = renderTexts(definition.description ?? { id: '', en: '' }, vars);
    expect(description.id).toContain('Rp 1.500.000');
    expect(description.en).toContain('Rp 1,500,000');
    const deadline = renderTexts(definition.statuses?.infoRequested?.next ?? { id: '', en: '' }, vars);
    expect(deadline).toEqual({ id: expect.stringContaining('7 hari'), en: expect.stringContaining('7 days') });
    const raised = { policy: { ...definition.policy, fees: { extension: 2000000 }, delays: { infoReminder: 'P2D', infoDeadline: 'P10D' } } };
    expect(renderTexts(definition.description ?? { id: '', en: '' }, raised).id).toContain('Rp 2.000.000');
    expect(renderTexts(definition.statuses?.infoRequested?.next ?? { id: '', en: '' }, raised).en).toContain('10 days');
  });

  it('declares every document kind its upload fields name, each field named after its kind', () => {
    const kinds = Object.keys(bundle.definition.documents ?? {});
    const named: string[] = [];
    for (const form of Object.values(bundle.forms)) {
      for (const [field, ui] of Object.entries(form.uiSchema ?? {})) {
        const options = (ui as { 'ui:widget'?: string; 'ui:options'?: { kind?: string } } | undefined) ?? {};
        if (options['ui:widget'] !== 'document') continue;
        expect(options['ui:options']?.kind, `${form.id}.${field}`).toBe(field);
        named.push(field);
      }
    }
    expect([...new Set(named)].sort()).toEqual([...kinds].sort());
  });
});

describe('the forms, checked as the server checks them', () => {
  it('sponsor: a company needs its name, a 13-digit NIB and its address; an individual needs neither', () => {
    const valid = validatorOf('stay-permit-sponsor');
    expect(valid(company)).toBe(true);
    expect(valid(individual)).toBe(true);
    const { companyName: _n, nib: _b, companyAddress: _a, ...bare } = company;
    expect(valid(bare)).toBe(false);
    expect(valid.errors?.map((e) => (e.params as { missingProperty?: string }).missingProperty).filter(Boolean)).toEqual(['companyName', 'nib', 'companyAddress']);
    expect(valid({ ...company, nib: '912000123456' })).toBe(false);
    expect(valid.errors?.[0]).toMatchObject({ instancePath: '/nib', keyword: 'pattern' });
    expect(valid({ ...company, nib: '91200012345AB' })).toBe(false);
    expect(valid({ ...company, favouriteColour: 'blue' })).toBe(false);
    expect(valid.errors?.[0]).toMatchObject({ keyword: 'unevaluatedProperties', params: { unevaluatedProperty: 'favouriteColour' } });
    // A company's fields are not fields of an individual's answers, and the reverse.
    expect(valid({ ...individual, companyName: 'PT Nusantara Tekstil' })).toBe(false);
    expect(valid({ ...company, sponsorNik: '3171234567890001' })).toBe(false);
    expect(valid({ ...individual, sponsorType: 'government' })).toBe(false);
  });

  it('worker: up to 10 dependants, each a spouse or a child with a passport number', () => {
    const valid = validatorOf('stay-permit-worker');
    expect(valid(worker)).toBe(true);
    expect(valid({ ...worker, dependants: [] })).toBe(true);
    const { dependants: _d, ...alone } = worker;
    expect(valid(alone)).toBe(true);
    const child = worker.dependants[1]!;
    expect(valid({ ...worker, dependants: Array.from({ length: 10 }, () => child) })).toBe(true);
    expect(valid({ ...worker, dependants: Array.from({ length: 11 }, () => child) })).toBe(false);
    expect(valid({ ...worker, dependants: [{ ...child, relationship: 'cousin' }] })).toBe(false);
    expect(valid({ ...worker, dependants: [{ ...child, shoeSize: 30 }] })).toBe(false);
    const { passportNumber: _p, ...noPassport } = child;
    expect(valid({ ...worker, dependants: [noPassport] })).toBe(false);
    expect(valid({ ...worker, permitExpiry: '30/04/2026' })).toBe(false);
    expect(valid({ ...worker, salary: 1 })).toBe(false);
  });

  it("documents: the company's registration is required of a company sponsor and not a field for an individual", () => {
    const forCompany = validatorOf('stay-permit-documents-company');
    const forIndividual = validatorOf('stay-permit-documents');
    expect(forCompany(companyDocs)).toBe(true);
    expect(forCompany(individualDocs)).toBe(false);
    expect(forIndividual(individualDocs)).toBe(true);
    expect(forIndividual(companyDocs)).toBe(false);
    expect(forIndividual({ ...individualDocs, feeReceipt: 'receipt.pdf' })).toBe(false);
  });

  it('declaration, request, answer and reason forms', () => {
    const declaration = validatorOf('stay-permit-declaration');
    expect(declaration({ declaration: true })).toBe(true);
    expect(declaration({ declaration: false })).toBe(false);
    expect(declaration({})).toBe(false);
    expect(validatorOf('stay-permit-request-info')({ note: 'Surat penjaminan belum bermeterai.' })).toBe(true);
    expect(validatorOf('stay-permit-request-info')({})).toBe(false);
    const answer = validatorOf('stay-permit-info-response');
    expect(answer({ infoAnswer: 'Surat bermeterai terlampir.', additionalDocument: doc(6) })).toBe(true);
    expect(answer({ infoAnswer: 'Sudah kami kirim lewat pos.' })).toBe(true);
    expect(answer({ additionalDocument: doc(6) })).toBe(false);
    expect(validatorOf('stay-permit-reason')({ reason: 'Sponsor letter is forged.' })).toBe(true);
    expect(validatorOf('stay-permit-reason')({ reason: 'no' })).toBe(false);
  });
});

describe('the applicant steps', () => {
  it('offers the steps in order, the company documents after a company sponsor, and BACK to the right one', () => {
    const w = new Walk();
    expect(w.offered('applicant')).toEqual(['SUBMIT', 'WITHDRAW']);
    expect(w.offered('officer')).toEqual([]);
    w.send('SUBMIT', applicant, company).send('SUBMIT', applicant, worker);
    expect([w.step.state, formFor(flow, w.snapshot, 'SUBMIT')?.id]).toEqual(['application.documentsCompany', 'stay-permit-documents-company']);
    expect(w.data).toMatchObject({ ...company, ...worker });
    w.send('SUBMIT', applicant, companyDocs);
    expect(w.step.state).toBe('application.checkAnswers');
    w.send('BACK', applicant);
    expect(w.step.state).toBe('application.documentsCompany');
    // Switching to an individual sponsor drops the company's answers and leads to the other documents form.
    w.send('BACK', applicant).send('BACK', applicant).send('SUBMIT', applicant, individual);
    expect(w.data).toMatchObject({ sponsorType: 'individual', companyName: null, nib: null, companyAddress: null, companyRegistration: null });
    w.send('SUBMIT', applicant, worker);
    expect([w.step.state, formFor(flow, w.snapshot, 'SUBMIT')?.id]).toEqual(['application.documents', 'stay-permit-documents']);
    w.send('SUBMIT', applicant, individualDocs).send('BACK', applicant);
    expect(w.step.state).toBe('application.documents');
  });

  it('shares one "documents" step between the two document states and marks check-your-answers', () => {
    const steps: { id: string; order: number }[] = [];
    const visit = (node: { meta?: { step?: { id: string; order: number } }; states?: Record<string, unknown> }) => {
      if (node.meta?.step) steps.push({ id: node.meta.step.id, order: node.meta.step.order });
      Object.values(node.states ?? {}).forEach((s) => visit(s as typeof node));
    };
    visit(bundle.definition.machine as Parameters<typeof visit>[0]);
    expect(steps).toEqual([
      { id: 'sponsor', order: 1 },
      { id: 'worker', order: 2 },
      { id: 'documents', order: 3 },
      { id: 'documents', order: 3 },
      { id: 'checkAnswers', order: 4 },
    ]);
  });
});

describe('the parallel review', () => {
  it('offers each group only its own events, and the applicant a confirmed withdrawal', () => {
    const w = submitted();
    expect(w.data.submittedAt).toEqual(expect.any(String));
    expect(w.offered('officer')).toEqual(['VERIFY', 'REQUEST_INFO', 'REFUSE', 'CLEAR', 'OBJECT']);
    expect(w.offered('applicant')).toEqual(['WITHDRAW']);
    const s = w.snapshot;
    for (const type of ['VERIFY', 'REQUEST_INFO', 'REFUSE']) expect(groupsFor(flow, s, type), type).toEqual(['verification']);
    for (const type of ['CLEAR', 'OBJECT']) expect(groupsFor(flow, s, type), type).toEqual(['intelligence']);
    expect(groupsFor(flow, s, 'WITHDRAW')).toEqual([]);
    expect(inGroups(groupsFor(flow, s, 'VERIFY'), ['intelligence'])).toBe(false);
    expect(inGroups(groupsFor(flow, s, 'CLEAR'), ['verification'])).toBe(false);
    const offered = Object.fromEntries(allowedEvents(flow, s).map((e) => [e.type, e]));
    expect(offered.WITHDRAW).toMatchObject({ roles: ['applicant'], groups: [], confirm: { id: expect.any(String), en: expect.any(String) } });
    expect(offered.REFUSE).toMatchObject({ form: 'stay-permit-reason', confirm: expect.any(Object) });
    expect(offered.OBJECT).toMatchObject({ form: 'stay-permit-reason', confirm: expect.any(Object) });
    expect(offered.REQUEST_INFO).toMatchObject({ form: 'stay-permit-request-info' });
  });

  it('issues the extension once verification and then intelligence approve', () => {
    const w = submitted();
    w.send('VERIFY', verifier);
    expect([w.step.state, w.step.status, w.step.final]).toEqual(['inReview(intelligence.pending,verification.verified)', 'inReview', false]);
    expect(w.offered('officer')).toEqual(['CLEAR', 'OBJECT']);
    w.send('CLEAR', analyst);
    expect([w.step.state, w.step.status, w.step.final]).toEqual(['issued', 'issued', true]);
    expect(w.effects()).toEqual(['notify:issued']);
    expect(w.data).toMatchObject({ verifiedAt: expect.any(String), clearedAt: expect.any(String) });
    expect(w.offered('applicant')).toEqual([]);
  });

  it('issues the extension in the other order too, for an individual sponsor', () => {
    const w = submitted(individual, individualDocs);
    w.send('CLEAR', analyst);
    expect(w.step.state).toBe('inReview(intelligence.cleared,verification.pending)');
    expect(w.offered('officer')).toEqual(['VERIFY', 'REQUEST_INFO', 'REFUSE']);
    w.send('VERIFY', verifier);
    expect([w.step.state, w.step.final]).toEqual(['issued', true]);
    expect(w.effects()).toEqual(['notify:issued']);
  });

  it('loops through a request for information: timers armed, the applicant answers, timers disarmed', () => {
    const w = submitted();
    w.send('REQUEST_INFO', verifier, { note: 'Surat penjaminan belum bermeterai.' });
    expect([w.step.state, w.step.status]).toEqual(['inReview(intelligence.pending,verification.infoRequested)', 'infoRequested']);
    expect(w.effects()).toEqual(['notify:infoRequested', 'arm:infoReminder', 'arm:infoDeadline']);
    const requestedAt = Date.parse(String(w.data.infoRequestedAt));
    const arms = Object.fromEntries(w.step.effects.flatMap((e) => (e.kind === 'arm' ? [[e.id, e]] : [])));
    expect(arms[REMINDER]).toEqual({ kind: 'arm', id: REMINDER, dueAt: new Date(requestedAt + 3 * DAY).toISOString(), event: { type: REMINDER } });
    expect(arms[DEADLINE]).toEqual({ kind: 'arm', id: DEADLINE, dueAt: new Date(requestedAt + 7 * DAY).toISOString(), event: { type: DEADLINE } });
    expect(w.data.infoRequest).toEqual({ note: 'Surat penjaminan belum bermeterai.' });
    // Only the applicant answers; intelligence carries on meanwhile.
    expect(w.offered('applicant')).toEqual(['SUBMIT', 'WITHDRAW']);
    expect(w.offered('officer')).toEqual(['CLEAR', 'OBJECT']);
    expect(groupsFor(flow, w.snapshot, 'SUBMIT')).toEqual([]);
    expect(formFor(flow, w.snapshot, 'SUBMIT')?.id).toBe('stay-permit-info-response');
    w.send('SUBMIT', applicant, { infoAnswer: 'Surat bermeterai terlampir.', additionalDocument: doc(6) });
    expect([w.step.state, w.step.status]).toEqual([VERIFICATION, 'inReview']);
    expect(w.effects().sort()).toEqual(['disarm:infoDeadline', 'disarm:infoReminder']);
    expect(w.data.infoResponse).toEqual({ infoAnswer: 'Surat bermeterai terlampir.', additionalDocument: doc(6) });
    // A second round arms fresh timers; then both groups approve.
    w.send('REQUEST_INFO', verifier, { note: 'Kontrak kerja terbaru belum dilampirkan.' });
    expect(w.effects()).toEqual(['notify:infoRequested', 'arm:infoReminder', 'arm:infoDeadline']);
    w.send('SUBMIT', applicant, { infoAnswer: 'Kontrak terlampir.' }).send('CLEAR', analyst).send('VERIFY', verifier);
    expect([w.step.state, w.step.final]).toEqual(['issued', true]);
  });

  it('reminds the applicant once, then rejects the application at the deadline', () => {
    const w = submitted();
    w.send('REQUEST_INFO', verifier, { note: 'Surat penjaminan belum bermeterai.' });
    const armed = w.step.effects;
    expect(rolesFor(flow, w.snapshot, REMINDER)).toEqual([]);
    w.fire(REMINDER, armed);
    expect([w.step.state, w.step.status]).toEqual(['inReview(intelligence.pending,verification.infoRequested)', 'infoRequested']);
    expect(w.effects()).toEqual(['notify:reminder']);
    // The reminder does not re-enter the state, so the deadline armed with the request still stands.
    w.fire(DEADLINE, armed);
    expect([w.step.state, w.step.status, w.step.final]).toEqual(['rejected', 'rejected', true]);
    // Leaving the state disarms both timers (the reminder's disarm finds it already fired: harmless).
    expect(w.effects().sort()).toEqual(['disarm:infoDeadline', 'disarm:infoReminder', 'notify:infoOverdue']);
    expect(w.data.decision).toEqual({ by: 'infoDeadline' });
  });

  it('ends in rejected when verification refuses, with the reason saved for the email', () => {
    const w = submitted();
    w.send('CLEAR', analyst).send('REFUSE', verifier, { reason: 'Surat penjaminan tidak ditandatangani pengurus perusahaan.' });
    expect([w.step.state, w.step.status, w.step.final]).toEqual(['rejected', 'rejected', true]);
    expect(w.effects()).toEqual(['notify:rejected']);
    expect(w.data.decision).toEqual({ reason: 'Surat penjaminan tidak ditandatangani pengurus perusahaan.', by: 'verification' });
  });

  it("ends in rejected when intelligence objects, even while verification waits for an answer; the objection's reason stays with staff", () => {
    const w = submitted();
    w.send('REQUEST_INFO', verifier, { note: 'Surat penjaminan belum bermeterai.' });
    w.send('OBJECT', analyst, { reason: 'Nama tercantum dalam daftar penangkalan.' });
    expect([w.step.state, w.step.final]).toEqual(['rejected', true]);
    expect(w.effects().sort()).toEqual(['disarm:infoDeadline', 'disarm:infoReminder', 'notify:objected']);
    // outside data: the applicant's view carries data, never this
    expect(w.data.decision).toEqual({ by: 'intelligence' });
    expect((w.step.snapshot as { context: { review?: unknown } }).context.review).toEqual({ objection: { reason: 'Nama tercantum dalam daftar penangkalan.' } });
  });

  it('lets the applicant withdraw during the review (after one approval) and before sending', () => {
    const w = submitted();
    w.send('VERIFY', verifier).send('WITHDRAW', applicant);
    expect([w.step.state, w.step.status, w.step.final]).toEqual(['withdrawn', 'withdrawn', true]);
    expect(w.effects()).toEqual(['notify:withdrawn']);

    const draft = new Walk().send('SUBMIT', applicant, company);
    const offered = allowedEvents(flow, draft.snapshot, 'applicant').find((e) => e.type === 'WITHDRAW');
    expect(offered?.confirm).toEqual({ id: expect.any(String), en: expect.any(String) });
    draft.send('WITHDRAW', applicant);
    expect([draft.step.state, draft.step.status, draft.step.final]).toEqual(['withdrawn', 'withdrawn', true]);
    expect(draft.effects()).toEqual([]);
  });

  it('refuses a withdrawal after the decision', () => {
    const w = submitted();
    w.send('VERIFY', verifier).send('CLEAR', analyst);
    const late = apply(flow, w.step.snapshot, { type: 'WITHDRAW', now: '2026-03-03T00:00:00.000Z', actor: applicant });
    expect(late).toEqual({ accepted: false, from: 'issued', allowed: [] });
  });
});
