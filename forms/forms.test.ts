/**
 * The shipped forms and flows: every form is fully translated and sensible for RJSF, and the
 * three passport definitions walk through the pure engine as docs/passport-domain.md says (facts
 * stand in for the server hooks; the hooks themselves are tested in server/domain/passport).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFlow, type Flow } from '#machines/build.ts';
import { allowedEvents, apply, formFor, restore, rolesFor, start, type Step } from '#machines/engine.ts';
import { formIdsOf } from '#machines/forms.ts';
import { isRecord } from '#machines/object-path.ts';
import type { Actor, FormDefinition, Role } from '#machines/types.ts';
import { REPO_ROOT } from '#server/config.ts';
import { definitionFiles, readBundle } from '#server/flows/files.ts';
import { validateFormData } from '#server/runtime/form-validator.ts';
import { identity } from '#server/domain/passport/testing/passport.ts';
import { installedPacks } from '#server/packs.ts';

const FORMS_DIR = path.join(REPO_ROOT, 'forms');
const DEFINITIONS_DIR = path.join(REPO_ROOT, 'machines/definitions');
const formFiles = readdirSync(FORMS_DIR).filter((f) => f.endsWith('.json'));
const readForm = (file: string) => JSON.parse(readFileSync(path.join(FORMS_DIR, file), 'utf8')) as FormDefinition;

/** Pointers of every schema title/description and every uiSchema `ui:*` text option. */
function textPointers(form: FormDefinition): string[] {
  const out: string[] = [];
  const walk = (value: unknown, pointer: string, ui: boolean) => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${pointer}/${i}`, ui));
    else if (isRecord(value)) {
      for (const [key, v] of Object.entries(value)) {
        const p = `${pointer}/${key}`;
        const isText = ui ? ['ui:help', 'ui:placeholder', 'ui:title', 'ui:description'].includes(key) : key === 'title' || key === 'description';
        if (isText && typeof v === 'string') out.push(p);
        else walk(v, p, ui);
      }
    }
  };
  walk(form.schema, '', false);
  walk(form.uiSchema ?? {}, '/ui', true);
  return out;
}

describe.each(formFiles)('form %s', (file) => {
  const form = readForm(file);

  it('is named after its file and not open to unknown fields', () => {
    expect(form.id).toBe(path.basename(file, '.json'));
    expect(form.title?.id && form.title.en).toBeTruthy();
    // NOTE: without a word of its own the server closes it (closedFormSchema), seeing conditional fields too.
    expect(form.schema.additionalProperties ?? false).toBe(false);
  });

  it('has an English text for every title, description, help and placeholder', () => {
    const en = form.i18n?.en ?? {};
    expect(textPointers(form).filter((p) => !(p in en))).toEqual([]);
  });

  it('orders every top-level field, names no field it lacks, and pre-ticks no checkbox', () => {
    const fields = Object.keys(form.schema.properties as object);
    const order = (form.uiSchema?.['ui:order'] as string[] | undefined) ?? [];
    if (!order.includes('*')) expect(fields.filter((f) => !order.includes(f))).toEqual([]);
    // conditional fields (if/then/else, dependencies) may be ordered too
    const anywhere = new Set(JSON.stringify(form.schema).match(/"[A-Za-z]\w*":\{/g)?.map((m) => m.slice(1, -3)) ?? []);
    expect(order.filter((f) => f !== '*' && !anywhere.has(f))).toEqual([]);
    // NOTE: RJSF takes a `const` as the default, so `const: true` would tick a declaration for the user.
    const booleanConsts = JSON.stringify(form.schema).match(/"type":"boolean","const"/g);
    expect(booleanConsts).toBeNull();
  });
});

const flows = Object.fromEntries(
  definitionFiles(DEFINITIONS_DIR).map((file) => {
    const bundle = readBundle(file, FORMS_DIR);
    return [bundle.definition.key, buildFlow(bundle, installedPacks.registry)] as const;
  }),
);

it('every form on disk is used by a shipped definition', () => {
  const used = new Set(Object.values(flows).flatMap((f) => formIdsOf(f.bundle.definition)));
  expect(formFiles.map((f) => path.basename(f, '.json')).filter((id) => !used.has(id))).toEqual([]);
});

// ---------------------------------------------------------------- walking the flows

const applicant: Actor = { id: 'u-1', role: 'applicant' };
const officer: Actor = { id: 'o-1', role: 'officer' };
const system: Actor = { id: 'system', role: 'system' };
const doc = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const oldPassport = { oldPassportNumber: 'B1234567', oldPassportExpiry: '2026-06-01' };
const bookFacts = {
  appointment: { officeCode: 'ATB', officeName: 'Kantor Imigrasi Atambua', address: 'Atambua', timeZone: 'Asia/Makassar', date: '2026-03-05', session: 'pagi', start: '08:00', end: '12:00' },
  payment: { billingCode: '820260302000001', amount: 350000, currency: 'IDR', expiresAt: '2026-03-02T03:00:00.000Z' },
};
const paidFacts = { appointment: { queueNumber: 7, queueCode: 'ATB-20260305-007-K7QX2M' }, queueNumber: 7, paidAt: '2026-03-02T02:00:00.000Z' };

class Walk {
  step: Step;
  private clock = Date.parse('2026-03-02T01:00:00.000Z');
  constructor(
    readonly flow: Flow,
    input: Record<string, unknown> = {},
  ) {
    this.step = start(flow, { applicationId: 'app-1', ownerId: 'u-1', ...input }, this.now(), applicant);
  }
  private now() {
    return new Date((this.clock += 60_000)).toISOString();
  }
  get snapshot() {
    return restore(this.flow, this.step.snapshot);
  }
  get context() {
    return (this.step.snapshot as { context: Record<string, unknown> & { data: Record<string, unknown> } }).context;
  }
  offered(role: Role) {
    return allowedEvents(this.flow, this.snapshot, role).map((e) => e.type);
  }
  /** Sends an event as the server would: role and form checked first; facts stand in for the hook. */
  send(type: string, actor: Actor, data: Record<string, unknown> = {}, facts?: Record<string, unknown>) {
    const roles = rolesFor(this.flow, this.snapshot, type);
    if (actor.role === 'system') expect(roles, `${type} is system-only`).toEqual([]);
    else expect(roles, `${actor.role} sends ${type} in ${this.step.state}`).toContain(actor.role);
    const form = formFor(this.flow, this.snapshot, type);
    if (form) expect(validateFormData(form, data), `${type} data for ${form.id}`).toEqual([]);
    else if (actor.role !== 'system') expect(data).toEqual({});
    const result = apply(this.flow, this.step.snapshot, { type, data, now: this.now(), actor, ...(facts && { facts }) });
    expect(result.accepted, `${type} in ${this.step.state}`).toBe(true);
    if (result.accepted) this.step = result.step;
    return this;
  }
  /** Fires the timer the last step armed for `delay`. */
  fire(delay: string) {
    const arm = this.step.effects.find((e) => e.kind === 'arm' && e.event.type.startsWith(`xstate.after.${delay}.`));
    expect(arm, `${delay} armed in ${this.step.state}`).toBeDefined();
    return arm?.kind === 'arm' ? this.send(arm.event.type, system) : this;
  }
  actions() {
    return this.step.effects.flatMap((e) => (e.kind === 'action' ? [e.type === 'notify' ? `notify:${String(e.params.template)}` : e.type] : []));
  }
}

function toSchedule(w: Walk, ident: object, docs: object) {
  w.send('SUBMIT', applicant, { ...ident });
  w.send('SUBMIT', applicant, { ...docs });
  expect(w.step.state).toBe('review');
  w.send('SUBMIT', applicant, { declaration: true });
  expect(w.step.state).toBe('schedule');
  return w;
}

function book(w: Walk) {
  w.send('SUBMIT', applicant, { officeCode: 'ATB', date: '2026-03-05', session: 'pagi' }, bookFacts);
  expect(w.step.status).toBe('awaitingPayment');
  expect(w.actions()).toEqual(['notify:booked']);
  return w;
}

function officeToCollected(w: Walk) {
  w.send('PAYMENT_CONFIRMED', system, {}, paidFacts);
  expect(w.step.status).toBe('booked');
  expect(w.context.appointment).toMatchObject({ officeCode: 'ATB', queueNumber: 7 });
  w.fire('dayBeforeAppointment');
  expect(w.step.state).toBe('booked');
  expect(w.actions()).toEqual(['notify:reminder']);
  w.send('CHECK_IN', officer, { queueCode: 'ATB-20260305-007-K7QX2M' }, { checkedInAt: '2026-03-05T00:00:00.000Z' });
  w.send('RECORD_BIOMETRICS', officer, { originalsVerified: { ktp: true }, photo: doc(99), fingerprintsCaptured: true });
  expect(w.step.status).toBe('inReview');
  expect(w.context.data.biometricsAt).toEqual(expect.any(String));
  w.send('REQUEST_DOCUMENT', officer, { kind: 'ktp', note: 'Pindaian KTP buram' });
  expect([w.step.state, w.step.status]).toEqual(['documentRequested', 'inReview']);
  w.send('SUBMIT', applicant, { ktp: doc(11) });
  w.send('APPROVE', officer, {}, { pickupDate: '2026-03-11' });
  expect(w.step.status).toBe('printing');
  w.send('PRINTED', officer);
  expect(w.actions()).toEqual(['notify:ready']);
  w.send('HAND_OVER', officer);
  expect([w.step.status, w.step.final]).toEqual(['collected', true]);
  return w;
}

describe('passport-new', () => {
  const flow = flows['passport-new'] as Flow;

  it('goes from identity to collected, with BACK on the way', () => {
    const w = new Walk(flow);
    expect([w.step.state, w.step.status]).toEqual(['identity', 'draft']);
    expect(w.offered('applicant')).toEqual(['SUBMIT', 'CANCEL']);
    toSchedule(w, identity, { ktp: doc(1), kk: doc(2), birthProof: doc(3) });
    w.send('BACK', applicant).send('BACK', applicant);
    expect(w.step.state).toBe('documents');
    w.send('SUBMIT', applicant, { ktp: doc(1), kk: doc(2), birthProof: doc(3) }).send('SUBMIT', applicant, { declaration: true });
    officeToCollected(book(w));
    expect(w.context.data).toMatchObject({ passportType: 'ordinary', validityYears: 5, birthDate: '1990-01-01', officeCode: 'ATB', ktp: doc(11) });
  });

  it('lets no user confirm a payment, and expires an unpaid one', () => {
    const w = book(toSchedule(new Walk(flow), identity, { ktp: doc(1), kk: doc(2), birthProof: doc(3) }));
    expect(w.offered('applicant')).toEqual(['CANCEL']);
    expect(w.offered('officer')).toEqual([]);
    w.fire('paymentWindow');
    expect(w.step.status).toBe('expired');
    expect(w.actions()).toEqual(['releaseSlot', 'expirePayment', 'notify:expired']);
  });

  it('cancels before payment, releasing the held place', () => {
    const w = book(toSchedule(new Walk(flow), identity, { ktp: doc(1), kk: doc(2), birthProof: doc(3) }));
    w.send('CANCEL', applicant);
    expect(w.step.status).toBe('cancelled');
    expect(w.actions()).toEqual(['releaseSlot', 'expirePayment']);
  });

  it('closes a booking nobody checked in as noShow', () => {
    const w = book(toSchedule(new Walk(flow), identity, { ktp: doc(1), kk: doc(2), birthProof: doc(3) }));
    w.send('PAYMENT_CONFIRMED', system, {}, paidFacts).fire('endOfAppointmentDay');
    expect(w.step.status).toBe('noShow');
  });

  it('starts a walk-in checked in; a document not sent in time rejects it', () => {
    const w = new Walk(flow, { walkIn: { priority: 'elderly', applicant: { fullName: 'Yosef' }, officeCode: 'ATB', openedBy: 'o-1' } });
    expect(w.step.status).toBe('checkedIn');
    w.send('RECORD_BIOMETRICS', officer, { originalsVerified: {}, photo: doc(99), fingerprintsCaptured: true });
    w.send('REQUEST_DOCUMENT', officer, { kind: 'kk', note: 'KK belum dibawa' }).fire('documentDeadline');
    expect(w.step.status).toBe('rejected');
    expect(w.actions()).toEqual(['notify:documentOverdue']);
  });

  it('keeps the rejection reason apart from the answers', () => {
    const w = new Walk(flow, { walkIn: { priority: 'none', applicant: { fullName: 'Yosef' } } });
    w.send('RECORD_BIOMETRICS', officer, { originalsVerified: { ktp: true }, photo: doc(99), fingerprintsCaptured: true });
    w.send('REJECT', officer, { reason: 'Data KTP tidak cocok dengan akta.' });
    expect(w.context.data.rejection).toEqual({ reason: 'Data KTP tidak cocok dengan akta.' });
  });
});

describe('passport-replacement', () => {
  const flow = flows['passport-replacement'] as Flow;

  it.each(['lost', 'damaged', 'dataChange'])('sends %s to the office in person', (reason) => {
    const w = new Walk(flow).send('SUBMIT', applicant, { reason });
    expect([w.step.status, w.step.final]).toEqual(['walkInRequired', true]);
  });

  it('continues online for an expired passport and keeps the reason', () => {
    const w = new Walk(flow).send('SUBMIT', applicant, { reason: 'pagesFull' }).send('BACK', applicant).send('SUBMIT', applicant, { reason: 'expired' });
    officeToCollected(book(toSchedule(w, { ...identity, ...oldPassport }, { ktp: doc(1), oldPassport: doc(4) })));
    expect(w.context.data.reason).toBe('expired');
  });
});

describe('passport-express', () => {
  const flow = flows['passport-express'] as Flow;

  it.each([
    [{ kind: 'new' }, 'identity'],
    [{ kind: 'new', reason: 'lost' }, 'identity'],
    [{ kind: 'replacement', reason: 'expiring' }, 'replacementIdentity'],
    [{ kind: 'replacement', reason: 'damaged' }, 'walkInRequired'],
  ])('routes %j to %s', (service, state) => {
    expect(new Walk(flow).send('SUBMIT', applicant, service).step.state).toBe(state);
  });

  it('asks a replacement for its reason', () => {
    const form = flow.bundle.forms['passport-express-service'] as FormDefinition;
    expect(validateFormData(form, { kind: 'replacement' }).map((e) => e.pointer)).toEqual(['/reason']);
  });

  it('goes back from review to the documents of the chosen kind', () => {
    const replacement = new Walk(flow).send('SUBMIT', applicant, { kind: 'replacement', reason: 'expired' });
    toSchedule(replacement, { ...identity, ...oldPassport }, { ktp: doc(1), oldPassport: doc(4) });
    expect(replacement.send('BACK', applicant).send('BACK', applicant).step.state).toBe('replacementDocuments');
    const fresh = toSchedule(new Walk(flow).send('SUBMIT', applicant, { kind: 'new' }), identity, { ktp: doc(1), kk: doc(2), birthProof: doc(3) });
    expect(fresh.send('BACK', applicant).send('BACK', applicant).step.state).toBe('documents');
  });

  it('runs an express new passport to collected', () => {
    const w = toSchedule(new Walk(flow).send('SUBMIT', applicant, { kind: 'new' }), identity, { ktp: doc(1), kk: doc(2), birthProof: doc(3) });
    officeToCollected(book(w));
    expect(flow.bundle.definition.policy).toMatchObject({ express: true, minLeadDays: 1, pickupWorkingDays: 0 });
  });
});
