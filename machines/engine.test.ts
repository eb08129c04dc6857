import { describe, expect, it } from 'vitest';
import { buildFlow, type Flow } from './build.ts';
import { canonicalJson } from './canonical-json.ts';
import {
  activeForm,
  activeNodes,
  allowedEvents,
  apply,
  formFor,
  isFinal,
  labelFor,
  labelOf,
  restore,
  rolesFor,
  start,
  stateString,
  statusOf,
  type Step,
} from './engine.ts';
import { SnapshotIncompatibleError } from './errors.ts';
import { testChainBundle, testPermitBundle } from './fixtures/bundles.ts';
import type { Actor, EngineEvent, FlowBundle } from './types.ts';

const applicant: Actor = { id: 'u-1', role: 'applicant' };
const officer: Actor = { id: 'o-1', role: 'officer' };
const system: Actor = { id: 'system', role: 'system' };
const T0 = '2025-03-10T08:00:00.000Z';
const T1 = '2025-03-10T09:00:00.000Z';
const T2 = '2025-03-10T09:30:00.000Z';
const REVIEW_TIMER = 'xstate.after.reviewWindow.testPermit.review';
const adult = { fullName: 'Budi Santoso', age: 30, email: 'budi@example.id', officeCode: 'JKT' };

const permit = buildFlow(testPermitBundle());

function started(flow: Flow = permit): Step {
  return start(flow, { applicationId: 'app-1', ownerId: 'u-1' }, T0, applicant);
}

/** Applies an event that must be accepted and returns the step. */
function step(flow: Flow, snapshot: unknown, event: EngineEvent): Step {
  const result = apply(flow, snapshot, event);
  if (!result.accepted) throw new Error(`${event.type} not accepted in ${result.from}; allowed: ${result.allowed.join(', ')}`);
  return result.step;
}

const submitted = () => step(permit, started().snapshot, { type: 'SUBMIT', data: adult, now: T1, actor: applicant });

describe('start', () => {
  it('starts in draft with the ids in context, empty data and no effects', () => {
    const first = started();
    expect(first).toMatchObject({ state: 'draft', status: 'draft', final: false, effects: [] });
    expect(first.snapshot).toMatchObject({ value: 'draft', context: { applicationId: 'app-1', ownerId: 'u-1', data: {} } });
  });

  it('returns a plain JSON snapshot', () => {
    const { snapshot } = started();
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });

  it('rejects a now that is not an ISO 8601 timestamp', () => {
    expect(() => start(permit, { applicationId: 'a', ownerId: 'u' }, 'yesterday', applicant)).toThrow(
      'now must be an ISO 8601 timestamp, got "yesterday"',
    );
  });
});

describe('apply on test-permit', () => {
  it('moves an adult SUBMIT to review: saves the data, stamps it, notifies and arms the review window', () => {
    const next = submitted();
    expect(next).toMatchObject({ state: 'review', status: 'inReview', final: false });
    expect(next.snapshot).toMatchObject({ context: { data: { ...adult, submittedAt: T1 } } });
    expect(next.effects).toEqual([
      { kind: 'action', type: 'notify', params: { template: 'submitted' } },
      { kind: 'arm', id: REVIEW_TIMER, dueAt: '2025-03-10T11:00:00.000Z', event: { type: REVIEW_TIMER } },
    ]);
  });

  it('takes the unguarded branch to tooYoung when the age is below policy.minAge', () => {
    const next = step(permit, started().snapshot, { type: 'SUBMIT', data: { ...adult, age: 16 }, now: T1, actor: applicant });
    expect(next).toMatchObject({ state: 'tooYoung', status: 'rejected', final: true, effects: [] });
  });

  it('accepts exactly policy.minAge (>=)', () => {
    const next = step(permit, started().snapshot, { type: 'SUBMIT', data: { ...adult, age: 17 }, now: T1, actor: applicant });
    expect(next.state).toBe('review');
  });

  it('disarms the review timer when the officer approves', () => {
    const approved = step(permit, submitted().snapshot, { type: 'APPROVE', now: T2, actor: officer });
    expect(approved).toMatchObject({ state: 'approved', status: 'approved', final: true });
    expect(approved.effects).toEqual([{ kind: 'disarm', id: REVIEW_TIMER }]);
  });

  it('saves the rejection reason and ends in rejected', () => {
    const rejected = step(permit, submitted().snapshot, { type: 'REJECT', data: { reason: 'blurry photo' }, now: T2, actor: officer });
    expect(rejected).toMatchObject({ state: 'rejected', status: 'rejected', final: true });
    expect(rejected.snapshot).toMatchObject({ context: { data: { ...adult, reason: 'blurry photo' } } });
  });

  it('expires when the armed timer event is delivered at its due time', () => {
    const review = submitted();
    const arm = review.effects.find((e) => e.kind === 'arm');
    if (arm?.kind !== 'arm') throw new Error('no timer armed');
    const expired = step(permit, review.snapshot, { type: arm.event.type, now: arm.dueAt, actor: system });
    expect(expired).toMatchObject({ state: 'expired', status: 'expired', final: true });
    expect(expired.effects).toEqual([{ kind: 'disarm', id: REVIEW_TIMER }]);
  });

  it('does not accept a stale timer event after APPROVE', () => {
    const approved = step(permit, submitted().snapshot, { type: 'APPROVE', now: T2, actor: officer });
    const stale = apply(permit, approved.snapshot, { type: REVIEW_TIMER, now: '2025-03-10T11:00:00.000Z', actor: system });
    expect(stale).toEqual({ accepted: false, from: 'approved', allowed: [] });
  });

  it('does not accept an event the state does not handle and lists the ones it does', () => {
    const result = apply(permit, started().snapshot, { type: 'APPROVE', now: T1, actor: officer });
    expect(result).toEqual({ accepted: false, from: 'draft', allowed: ['SUBMIT', 'CANCEL'] });
  });

  it('lets the applicant cancel a draft', () => {
    const cancelled = step(permit, started().snapshot, { type: 'CANCEL', now: T1, actor: applicant });
    expect(cancelled).toMatchObject({ state: 'cancelled', status: 'cancelled', final: true });
  });

  it('gives an equal persisted snapshot when the same events are replayed from start', () => {
    const run = () => {
      let current = started();
      current = step(permit, current.snapshot, { type: 'SUBMIT', data: adult, now: T1, actor: applicant });
      current = step(permit, current.snapshot, { type: 'REJECT', data: { reason: 'no stamp' }, now: T2, actor: officer });
      return current;
    };
    const [first, second] = [run(), run()];
    expect(canonicalJson(second.snapshot)).toBe(canonicalJson(first.snapshot));
    expect(second).toEqual(first);
  });

  it('does not let later changes to the event data leak into the returned snapshot', () => {
    const data = { ...adult };
    const next = step(permit, started().snapshot, { type: 'SUBMIT', data, now: T1, actor: applicant });
    data.fullName = 'changed';
    expect(next.snapshot).toMatchObject({ context: { data: { fullName: 'Budi Santoso' } } });
  });
});

describe('restore', () => {
  it('throws SnapshotIncompatibleError for a state this version does not have', () => {
    const snapshot = { ...(started().snapshot as object), value: 'underReview' };
    expect(() => restore(permit, snapshot)).toThrow(SnapshotIncompatibleError);
    expect(() => restore(permit, snapshot)).toThrow("State 'underReview' does not exist on 'testPermit'");
    expect(() => apply(permit, snapshot, { type: 'APPROVE', now: T1, actor: officer })).toThrow(SnapshotIncompatibleError);
  });

  it('throws SnapshotIncompatibleError for something that is not a snapshot', () => {
    for (const garbage of [null, 'draft', [], { value: 'draft' }]) {
      expect(() => restore(permit, garbage)).toThrow(SnapshotIncompatibleError);
    }
  });
});

describe('queries', () => {
  const draft = () => restore(permit, started().snapshot);
  const review = () => restore(permit, submitted().snapshot);

  it('offers SUBMIT and CANCEL to the applicant in draft, with labels and the form', () => {
    expect(allowedEvents(permit, draft(), 'applicant')).toEqual([
      { type: 'SUBMIT', roles: ['applicant'], groups: [], label: { id: 'Kirim', en: 'Submit' }, form: 'test-details' },
      { type: 'CANCEL', roles: ['applicant'], groups: [], label: { id: 'Batalkan', en: 'Cancel' } },
    ]);
    expect(allowedEvents(permit, draft(), 'officer')).toEqual([]);
  });

  it('offers APPROVE and REJECT (with its form) to the officer in review, nothing to the applicant', () => {
    expect(allowedEvents(permit, review(), 'officer').map((e) => [e.type, e.form])).toEqual([
      ['APPROVE', undefined],
      ['REJECT', 'test-reject'],
    ]);
    expect(allowedEvents(permit, review(), 'applicant')).toEqual([]);
  });

  it('offers nothing once the flow is final', () => {
    const done = restore(permit, step(permit, submitted().snapshot, { type: 'APPROVE', now: T2, actor: officer }).snapshot);
    expect(isFinal(done)).toBe(true);
    expect(allowedEvents(permit, done)).toEqual([]);
  });

  it('resolves roles per state and none for timer events', () => {
    expect(rolesFor(permit, draft(), 'SUBMIT')).toEqual(['applicant']);
    expect(rolesFor(permit, review(), 'APPROVE')).toEqual(['officer']);
    expect(rolesFor(permit, review(), REVIEW_TIMER)).toEqual([]);
    expect(rolesFor(permit, draft(), 'APPROVE')).toEqual([]);
  });

  it('finds the active form and the form per event', () => {
    expect(activeForm(permit, draft())?.id).toBe('test-details');
    expect(activeForm(permit, review())).toBeNull();
    expect(formFor(permit, draft(), 'SUBMIT')?.id).toBe('test-details');
    expect(formFor(permit, review(), 'REJECT')?.id).toBe('test-reject');
    expect(formFor(permit, review(), 'APPROVE')).toBeNull();
  });

  it('reports status and label from meta', () => {
    expect(statusOf(permit, review())).toBe('inReview');
    expect(labelOf(permit, review())).toEqual({ id: 'Pemeriksaan', en: 'Review' });
    expect(isFinal(review())).toBe(false);
  });
});

describe('test-chain', () => {
  const chain = buildFlow(testChainBundle());

  it('alternates a and b on NEXT, saving the data each time, with roles from the root', () => {
    let current = started(chain);
    expect(current).toMatchObject({ state: 'a', status: 'a' });
    expect(rolesFor(chain, restore(chain, current.snapshot), 'NEXT')).toEqual(['applicant']);
    for (const [n, expected] of [[1, 'b'], [2, 'a'], [3, 'b']] as const) {
      current = step(chain, current.snapshot, { type: 'NEXT', data: { n }, now: T1, actor: applicant });
      expect(current.state).toBe(expected);
      expect(current.snapshot).toMatchObject({ context: { data: { n } } });
    }
  });

  it('ends in done on CANCEL, handled by the root', () => {
    const done = step(chain, started(chain).snapshot, { type: 'CANCEL', now: T1, actor: applicant });
    expect(done).toMatchObject({ state: 'done', status: 'cancelled', final: true });
  });
});

/** A small valid bundle around a machine config, for shapes the fixtures do not have. */
function inline(machine: Record<string, unknown>, policy: Record<string, unknown> = {}): Flow {
  const bundle: FlowBundle = {
    definition: { key: 'inline', title: { id: 'Uji', en: 'Test' }, policy, machine: { id: 'inline', meta: { roles: ['officer'] }, ...machine } },
    forms: {},
  };
  return buildFlow(bundle);
}

describe('machine shapes', () => {
  const nested = inline({
    initial: 'check',
    states: {
      check: {
        type: 'parallel',
        meta: { status: 'checking' },
        states: {
          docs: { initial: 'pending', states: { pending: { meta: { label: { id: 'Dok', en: 'Docs' } }, on: { DOCS_OK: 'ok' } }, ok: { type: 'final' } } },
          fees: { initial: 'unpaid', states: { unpaid: { on: { PAY: 'paid' } }, paid: { type: 'final' } } },
        },
        onDone: 'done',
      },
      done: { type: 'final' },
    },
  });

  it('names parallel states deterministically and lists active nodes leaf first', () => {
    const snapshot = restore(nested, start(nested, { applicationId: 'a', ownerId: 'u' }, T0, officer).snapshot);
    expect(stateString(snapshot.value)).toBe('check(docs.pending,fees.unpaid)');
    expect(activeNodes(nested, snapshot).map((n) => n.id)).toEqual([
      'inline.check.docs.pending',
      'inline.check.fees.unpaid',
      'inline.check.docs',
      'inline.check.fees',
      'inline.check',
      'inline',
    ]);
    expect(statusOf(nested, snapshot)).toBe('checking');
    expect(labelOf(nested, snapshot)).toEqual({ id: 'Dok', en: 'Docs' });
    expect(allowedEvents(nested, snapshot).map((e) => e.type)).toEqual(['DOCS_OK', 'PAY']);
  });

  it("labels a parallel state for the viewer: their own region's step, else the regions' common ancestor, whatever the key order", () => {
    const review = (order: 'ab' | 'ba') => {
      const regions = {
        docs: { initial: 'pending', states: { pending: { meta: { label: { id: 'Dok', en: 'Docs' } }, on: { DOCS_OK: 'ok' } }, ok: { type: 'final' } } },
        fees: { initial: 'unpaid', states: { unpaid: { meta: { label: { id: 'Bayar', en: 'Fees' } }, on: { PAY: 'paid' } }, paid: { type: 'final' } } },
      };
      return inline({
        initial: 'check',
        states: {
          check: {
            type: 'parallel',
            meta: { label: { id: 'Diperiksa', en: 'Checking' } },
            on: { WITHDRAW: 'done' },
            states: order === 'ab' ? regions : { fees: regions.fees, docs: regions.docs },
            onDone: 'done',
          },
          done: { type: 'final' },
        },
      });
    };
    for (const flow of [review('ab'), review('ba')]) {
      const snapshot = restore(flow, start(flow, { applicationId: 'a', ownerId: 'u' }, T0, officer).snapshot);
      expect(labelFor(flow, snapshot, ['PAY'])?.en).toBe('Fees');
      expect(labelFor(flow, snapshot, ['DOCS_OK', 'WITHDRAW'])?.en).toBe('Docs');
      // handled above the regions, in both regions, or nothing handled: the parallel state's own label
      expect(labelFor(flow, snapshot, ['WITHDRAW'])?.en).toBe('Checking');
      expect(labelFor(flow, snapshot, ['DOCS_OK', 'PAY'])?.en).toBe('Checking');
      expect(labelFor(flow, snapshot, [])?.en).toBe('Checking');
      // one region done: the other one's step
      const paid = restore(flow, step(flow, snapshot, { type: 'PAY', now: T1, actor: officer }).snapshot);
      expect(labelFor(flow, paid, ['DOCS_OK'])?.en).toBe('Docs');
    }
    // outside parallel states it is labelOf
    const snapshot = restore(permit, started().snapshot);
    expect(labelFor(permit, snapshot, ['CANCEL'])).toEqual(labelOf(permit, snapshot));
  });

  it('formats nested and parallel state values', () => {
    expect(stateString('draft')).toBe('draft');
    expect(stateString({ review: 'docs' })).toBe('review.docs');
    expect(stateString({ a: { b: { c: 'd' } } })).toBe('a.b.c.d');
    expect(stateString({ a: { y: 'q', x: {} } })).toBe('a(x,y.q)');
    expect(stateString({ y: 'q', x: 'p' })).toBe('x.p,y.q');
  });

  it('completes the parallel state when every region is final', () => {
    let current = start(nested, { applicationId: 'a', ownerId: 'u' }, T0, officer);
    current = step(nested, current.snapshot, { type: 'PAY', now: T1, actor: officer });
    expect(current.state).toBe('check(docs.pending,fees.paid)');
    current = step(nested, current.snapshot, { type: 'DOCS_OK', now: T1, actor: officer });
    expect(current).toMatchObject({ state: 'done', final: true });
  });

  it('evaluates and/or/not guards written as JSON', () => {
    const flow = inline({
      initial: 'open',
      states: {
        open: {
          on: {
            GO: [
              {
                guard: {
                  type: 'and',
                  guards: [
                    { type: 'hasData', params: { field: 'code' } },
                    { type: 'not', guard: { type: 'dataIn', params: { field: 'code', values: ['X', 'Y'] } } },
                  ],
                },
                target: 'passed',
              },
              { guard: { type: 'or', guards: [{ type: 'dataEquals', params: { field: 'code', value: 'X' } }, { type: 'hasData', params: { field: 'other' } }] }, target: 'failed' },
            ],
          },
        },
        passed: { type: 'final' },
        failed: { type: 'final' },
      },
    });
    const go = (code?: string) =>
      apply(flow, start(flow, { applicationId: 'a', ownerId: 'u' }, T0, officer).snapshot, { type: 'GO', data: { code }, now: T1, actor: officer });
    expect(go('A')).toMatchObject({ accepted: true, step: { state: 'passed' } });
    expect(go('X')).toMatchObject({ accepted: true, step: { state: 'failed' } });
    expect(go('Y')).toMatchObject({ accepted: false });
  });

  it('offers an event whose guard needs data the client has not sent, but not a forbidden one', () => {
    const flow = inline({
      initial: 'open',
      states: {
        open: {
          on: {
            PAY: { guard: { type: 'compare', params: { field: 'amount', op: '>=', policy: 'fee' } }, target: 'paid' },
            BLOCKED: {},
          },
        },
        paid: { type: 'final' },
      },
    }, { fee: 100 });
    const snapshot = restore(flow, start(flow, { applicationId: 'a', ownerId: 'u' }, T0, officer).snapshot);
    expect(allowedEvents(flow, snapshot).map((e) => e.type)).toEqual(['PAY']);
    expect(apply(flow, snapshot, { type: 'PAY', data: { amount: 50 }, now: T1, actor: officer })).toMatchObject({ accepted: false });
    expect(apply(flow, snapshot, { type: 'PAY', data: { amount: 100 }, now: T1, actor: officer })).toMatchObject({ accepted: true });
  });

  it('gives the initial state entry actions the start time, and arms its timers at start', () => {
    const flow = inline(
      {
        initial: 'waiting',
        context: { priority: 'normal' },
        states: {
          waiting: {
            entry: { type: 'stamp', params: { field: 'openedAt' } },
            after: { grace: 'closed' },
            on: { CLOSE: 'closed' },
          },
          closed: { type: 'final' },
        },
      },
      { delays: { grace: 'P1DT12H' } },
    );
    const first = start(flow, { applicationId: 'a', ownerId: 'u' }, T0, officer);
    expect(first.snapshot).toMatchObject({ context: { priority: 'normal', data: { openedAt: T0 } } });
    expect(first.effects).toEqual([
      { kind: 'arm', id: 'xstate.after.grace.inline.waiting', dueAt: '2025-03-11T20:00:00.000Z', event: { type: 'xstate.after.grace.inline.waiting' } },
    ]);
  });
});

describe('branches on data and on saved context (a replacement reason)', () => {
  const replacement = inline({
    initial: 'reason',
    states: {
      reason: {
        on: {
          SUBMIT: [
            { guard: { type: 'dataIn', params: { field: 'reason', values: ['lost', 'stolen'] } }, target: 'policeReport', actions: 'save' },
            { target: 'triage', actions: 'save' },
          ],
        },
      },
      triage: {
        on: {
          NEXT: [
            { guard: { type: 'contextIn', params: { path: 'data.reason', values: ['damaged'] } }, target: 'damagedCheck' },
            { guard: { type: 'hasContext', params: { path: 'data.reason' } }, target: 'other' },
          ],
        },
      },
      policeReport: { type: 'final' },
      damagedCheck: { type: 'final' },
      other: { type: 'final' },
    },
  });
  const submit = (reason: string) =>
    step(replacement, start(replacement, { applicationId: 'a', ownerId: 'u' }, T0, officer).snapshot, { type: 'SUBMIT', data: { reason }, now: T1, actor: officer });

  it('branches on the SUBMIT that carries the reason with dataIn', () => {
    expect(submit('stolen').state).toBe('policeReport');
    expect(submit('damaged').state).toBe('triage');
  });

  it('does not let contextIn see the data that the same transition saves (guards run before actions)', () => {
    const flow = inline({
      initial: 'reason',
      states: {
        reason: {
          on: {
            SUBMIT: [
              { guard: { type: 'contextIn', params: { path: 'data.reason', values: ['lost'] } }, target: 'policeReport', actions: 'save' },
              { target: 'other', actions: 'save' },
            ],
          },
        },
        policeReport: { type: 'final' },
        other: { type: 'final' },
      },
    });
    const first = start(flow, { applicationId: 'a', ownerId: 'u' }, T0, officer);
    expect(step(flow, first.snapshot, { type: 'SUBMIT', data: { reason: 'lost' }, now: T1, actor: officer }).state).toBe('other');
  });

  it('branches later on the saved reason with contextIn and hasContext', () => {
    expect(step(replacement, submit('damaged').snapshot, { type: 'NEXT', now: T2, actor: officer }).state).toBe('damagedCheck');
    expect(step(replacement, submit('expired').snapshot, { type: 'NEXT', now: T2, actor: officer }).state).toBe('other');
  });
});
