/** The passport pack's vocabulary: its hooks, effects and computed delays, alone and in a built flow. */
import { describe, expect, it } from 'vitest';
import { buildFlow, type Flow } from '#machines/build.ts';
import { canonicalJson } from '#machines/canonical-json.ts';
import { apply, start, type Step } from '#machines/engine.ts';
import { ContextMissingError } from '#machines/errors.ts';
import { composeRegistry, genericVocabulary, type DelayEntry, type RegistryArgs } from '#machines/registry.ts';
import type { Actor, EngineEvent, FlowBundle, FlowContext } from '#machines/types.ts';
import { passportVocabulary } from './vocabulary.ts';

const registry = composeRegistry(genericVocabulary, passportVocabulary);
const context: FlowContext = { applicationId: 'app-1', ownerId: 'u-1', data: { name: 'Ana', address: { city: 'Bogor' } }, paid: true };
const policy = { minAge: 17, fees: { express: 350000 } };

const applicant: Actor = { id: 'u-1', role: 'applicant' };
const officer: Actor = { id: 'o-1', role: 'officer' };
const system: Actor = { id: 'system', role: 'system' };
const T0 = '2025-03-10T08:00:00.000Z';
const T1 = '2025-03-10T09:00:00.000Z';

function inline(machine: Record<string, unknown>, flowPolicy: Record<string, unknown> = {}): Flow {
  const bundle: FlowBundle = {
    definition: { key: 'inline', title: { id: 'Uji', en: 'Test' }, policy: flowPolicy, machine: { id: 'inline', meta: { roles: ['officer'] }, ...machine } },
    forms: {},
  };
  return buildFlow(bundle, registry);
}

/** Applies an event that must be accepted and returns the step. */
function step(flow: Flow, snapshot: unknown, event: EngineEvent): Step {
  const result = apply(flow, snapshot, event);
  if (!result.accepted) throw new Error(`${event.type} not accepted in ${result.from}; allowed: ${result.allowed.join(', ')}`);
  return result.step;
}

describe('passport effects', () => {
  it('marks releaseSlot and expirePayment as effects without params', () => {
    for (const name of ['releaseSlot', 'expirePayment']) {
      expect(registry.actions[name]).toMatchObject({ kind: 'effect', description: expect.any(String) });
      expect(registry.actions[name]?.params).toBeUndefined();
    }
    expect(registry.actions.saveFacts).toMatchObject({ kind: 'assign' });
    expect(registry.actions.saveFacts?.params).toBeUndefined();
  });
});

describe('passport hooks', () => {
  it('lists the server hooks of the passport contract, each without params', () => {
    expect(Object.keys(registry.hooks).sort()).toEqual(['book', 'checkIn', 'confirmPayment', 'drawLost', 'drawWon', 'handOver', 'pickupDate', 'requireDocuments', 'reschedule']);
    for (const hook of Object.values(registry.hooks)) {
      expect(hook.description).not.toBe('');
      if (hook !== registry.hooks.requireDocuments) expect(hook.params).toEqual({ type: 'object', additionalProperties: false, properties: {} });
    }
  });

  it('hints at the event each hook is written for', () => {
    expect(Object.fromEntries(Object.entries(registry.hooks).map(([name, hook]) => [name, hook.events]))).toEqual({
      requireDocuments: ['SUBMIT'],
      book: ['SUBMIT'],
      reschedule: ['RESCHEDULE'],
      confirmPayment: ['PAYMENT_CONFIRMED'],
      checkIn: ['CHECK_IN'],
      pickupDate: ['APPROVE'],
      handOver: ['HAND_OVER'],
      drawWon: ['DRAW_WON'],
      drawLost: ['DRAW_LOST'],
    });
  });
});

describe('passport delays', () => {
  const delay = (name: string) => registry.delays[name] as DelayEntry;
  const withAppointment = (appointment: unknown): FlowContext => ({ ...context, ...(appointment !== undefined && { appointment }) });
  const at = (now: string, appointment: unknown, type = 'PAYMENT_CONFIRMED'): RegistryArgs => ({
    context: withAppointment(appointment),
    event: { type, now, actor: { id: 'system', role: 'system' } },
  });
  const on = (timeZone: string, date = '2025-03-12') => ({ officeCode: 'X', date, timeZone });
  const ms = (from: string, to: string) => Date.parse(to) - Date.parse(from);

  // Asia/Jakarta is UTC+7, Asia/Makassar UTC+8, Asia/Jayapura UTC+9 (none has daylight saving time).
  const cases: [delay: string, timeZone: string, now: string, due: string][] = [
    ['endOfAppointmentDay', 'Asia/Jakarta', '2025-03-10T12:00:00.000Z', '2025-03-12T16:59:59.999Z'],
    ['endOfAppointmentDay', 'Asia/Makassar', '2025-03-10T12:00:00.000Z', '2025-03-12T15:59:59.999Z'],
    ['endOfAppointmentDay', 'Asia/Jayapura', '2025-03-10T12:00:00.000Z', '2025-03-12T14:59:59.999Z'],
    ['dayBeforeAppointment', 'Asia/Jakarta', '2025-03-10T12:00:00.000Z', '2025-03-11T01:00:00.000Z'],
    ['dayBeforeAppointment', 'Asia/Makassar', '2025-03-10T12:00:00.000Z', '2025-03-11T00:00:00.000Z'],
    ['dayBeforeAppointment', 'Asia/Jayapura', '2025-03-10T12:00:00.000Z', '2025-03-10T23:00:00.000Z'],
    // Around midnight UTC: 23:30Z on the 10th is already 08:30 on the 11th in Jayapura.
    ['dayBeforeAppointment', 'Asia/Jakarta', '2025-03-10T23:30:00.000Z', '2025-03-11T01:00:00.000Z'],
    ['dayBeforeAppointment', 'Asia/Makassar', '2025-03-10T23:30:00.000Z', '2025-03-11T00:00:00.000Z'],
    ['endOfAppointmentDay', 'Asia/Jayapura', '2025-03-11T23:59:59.999Z', '2025-03-12T14:59:59.999Z'],
    ['endOfAppointmentDay', 'Asia/Jakarta', '2025-03-12T00:00:00.000Z', '2025-03-12T16:59:59.999Z'],
  ];

  it.each(cases)('%s in %s from %s fires at %s', (name, timeZone, now, due) => {
    expect(delay(name).ms(at(now, on(timeZone)), policy)).toBe(ms(now, due));
  });

  it.each([
    ['dayBeforeAppointment', 'Asia/Jayapura', '2025-03-10T23:30:00.000Z'],
    ['dayBeforeAppointment', 'Asia/Makassar', '2025-03-11T00:00:00.000Z'],
    ['dayBeforeAppointment', 'Asia/Jakarta', '2025-03-12T03:00:00.000Z'],
    ['endOfAppointmentDay', 'Asia/Jakarta', '2025-03-12T16:59:59.999Z'],
    ['endOfAppointmentDay', 'Asia/Jayapura', '2025-03-12T16:00:00.000Z'],
  ])('%s in %s is 0 (at once) from %s, when its time has come or passed', (name, timeZone, now) => {
    expect(delay(name).ms(at(now, on(timeZone)), policy)).toBe(0);
  });

  it('counts to the last millisecond of the appointment day and the day before across a month end', () => {
    expect(delay('endOfAppointmentDay').ms(at('2025-03-12T16:59:59.998Z', on('Asia/Jakarta')), policy)).toBe(1);
    expect(delay('dayBeforeAppointment').ms(at('2024-02-28T00:00:00.000Z', on('Asia/Makassar', '2024-03-01')), policy)).toBe(
      ms('2024-02-28T00:00:00.000Z', '2024-02-29T00:00:00.000Z'),
    );
  });

  it('reads the start time from the start event', () => {
    const args: RegistryArgs = {
      context: withAppointment(on('Asia/Jakarta')),
      event: { type: 'xstate.init', input: { values: { applicationId: 'a', ownerId: 'u' }, now: '2025-03-12T15:59:59.999Z', actor: { id: 'u', role: 'applicant' } } },
    };
    expect(delay('endOfAppointmentDay').ms(args, policy)).toBe(3_600_000);
  });

  it.each([
    [undefined, "delay 'endOfAppointmentDay': the application has no appointment yet: save the book hook's facts (action saveFacts)"],
    [null, "delay 'endOfAppointmentDay': the application has no appointment yet"],
    [{ timeZone: 'Asia/Jakarta' }, "delay 'endOfAppointmentDay': context.appointment.date must be a date written YYYY-MM-DD, got nothing"],
    [{ date: '2025-02-30', timeZone: 'Asia/Jakarta' }, 'context.appointment.date must be a date written YYYY-MM-DD, got "2025-02-30"'],
    [{ date: '2025-03-12', timeZone: '' }, 'context.appointment.timeZone must be an IANA time zone such as "Asia/Jakarta", got ""'],
    [{ date: '2025-03-12' }, 'context.appointment.timeZone must be an IANA time zone such as "Asia/Jakarta", got nothing'],
    [{ date: '2025-03-12', timeZone: 'WIB' }, "delay 'endOfAppointmentDay': context.appointment.timeZone: 'WIB' is not an IANA time zone"],
  ])('refuses the appointment %j (ContextMissingError: the server answers 409)', (appointment, message) => {
    expect(() => delay('endOfAppointmentDay').ms(at('2025-03-10T12:00:00.000Z', appointment), policy)).toThrow(ContextMissingError);
    expect(() => delay('endOfAppointmentDay').ms(at('2025-03-10T12:00:00.000Z', appointment), policy)).toThrow(message);
  });

  it('throws for an event without a time, such as XState\'s done event', () => {
    const args = { context: withAppointment(on('Asia/Jakarta')), event: { type: 'xstate.done.state.m.work' } } as unknown as RegistryArgs;
    expect(() => delay('dayBeforeAppointment').ms(args, policy)).toThrow(
      "delay 'dayBeforeAppointment': it needs the time of the event that enters its state, but 'xstate.done.state.m.work' carries none",
    );
  });
});

describe('facts and computed delays in a flow (passport shapes)', () => {
  const booking = inline({
    initial: 'routing',
    context: { walkIn: false },
    states: {
      routing: {
        always: [{ guard: { type: 'contextEquals', params: { path: 'walkIn', value: true } }, target: 'walkInQueue' }, { target: 'schedule' }],
      },
      walkInQueue: { on: { CHECK_IN: 'done' } },
      schedule: {
        meta: { events: { SUBMIT: { hook: { type: 'book' } } } },
        on: { SUBMIT: { target: 'unpaid', actions: 'saveFacts' } },
      },
      unpaid: {
        meta: { events: { PAYMENT_CONFIRMED: { hook: { type: 'confirmPayment' } } } },
        after: { paymentWindow: { target: 'schedule', actions: ['releaseSlot', 'expirePayment'] } },
        on: { PAYMENT_CONFIRMED: { target: 'booked', actions: 'saveFacts' } },
      },
      booked: {
        after: {
          dayBeforeAppointment: { actions: { type: 'setContext', params: { path: 'reminded', value: true } } },
          endOfAppointmentDay: 'noShow',
        },
        on: { CHECK_IN: 'done' },
      },
      noShow: { type: 'final' },
      done: { type: 'final' },
    },
  }, { delays: { paymentWindow: 'PT2H' } });

  const appointment = { officeCode: 'JKT', date: '2025-03-12', session: 'am', timeZone: 'Asia/Jakarta' };
  const bookFacts = () => ({ appointment: { ...appointment }, payment: { billingCode: '820250310000001', amount: 350000, currency: 'IDR' } });
  const paidFacts = () => ({ appointment: { queueNumber: 7, queueCode: 'JKT-7' }, queueNumber: 7, paidAt: T1 });
  const deepFreeze = <T>(value: T): T => {
    if (typeof value === 'object' && value !== null) Object.values(value).forEach(deepFreeze);
    return Object.freeze(value);
  };

  const run = (facts = { book: bookFacts(), paid: paidFacts() }, paidAt = T1) => {
    let current = start(booking, { applicationId: 'a', ownerId: 'u' }, T0, applicant);
    current = step(booking, current.snapshot, { type: 'SUBMIT', data: { officeCode: 'JKT' }, facts: facts.book, now: T0, actor: applicant });
    current = step(booking, current.snapshot, { type: 'PAYMENT_CONFIRMED', facts: facts.paid, now: paidAt, actor: system });
    return current;
  };

  it('starts a walk-in (walkIn: true in the start input) in its own state and anyone else at the schedule', () => {
    expect(start(booking, { applicationId: 'a', ownerId: 'u', walkIn: true }, T0, applicant).state).toBe('walkInQueue');
    expect(start(booking, { applicationId: 'a', ownerId: 'u' }, T0, applicant).state).toBe('schedule');
  });

  it('saves the facts of each event, merging the appointment one level deep', () => {
    const booked = run();
    expect(booked.state).toBe('booked');
    expect((booked.snapshot as { context: unknown }).context).toEqual({
      applicationId: 'a',
      ownerId: 'u',
      walkIn: false,
      data: {},
      appointment: { ...appointment, queueNumber: 7, queueCode: 'JKT-7' },
      payment: { billingCode: '820250310000001', amount: 350000, currency: 'IDR' },
      queueNumber: 7,
      paidAt: T1,
    });
  });

  it('neither changes the facts it is given nor differs when the same events and facts are replayed', () => {
    const facts = deepFreeze({ book: bookFacts(), paid: paidFacts() });
    const first = run(facts);
    expect(facts).toEqual({ book: bookFacts(), paid: paidFacts() });
    const replay = run({ book: bookFacts(), paid: paidFacts() });
    expect(canonicalJson(replay.snapshot)).toBe(canonicalJson(first.snapshot));
    expect(replay).toEqual(first);
  });

  it('arms the reminder at 08:00 office time the day before and the no-show at the end of the appointment day', () => {
    expect(run().effects).toEqual([
      { kind: 'disarm', id: 'xstate.after.paymentWindow.inline.unpaid' },
      { kind: 'arm', id: 'xstate.after.dayBeforeAppointment.inline.booked', dueAt: '2025-03-11T01:00:00.000Z', event: { type: 'xstate.after.dayBeforeAppointment.inline.booked' } },
      { kind: 'arm', id: 'xstate.after.endOfAppointmentDay.inline.booked', dueAt: '2025-03-12T16:59:59.999Z', event: { type: 'xstate.after.endOfAppointmentDay.inline.booked' } },
    ]);
  });

  it('arms the reminder at once when 08:00 the day before has passed (Jayapura, just before midnight UTC)', () => {
    const late = '2025-03-10T23:30:00.000Z';
    const facts = { book: { ...bookFacts(), appointment: { ...appointment, timeZone: 'Asia/Jayapura' } }, paid: paidFacts() };
    const arms = run(facts, late).effects.filter((e) => e.kind === 'arm');
    expect(arms.map((e) => e.kind === 'arm' && e.dueAt)).toEqual([late, '2025-03-12T14:59:59.999Z']);
  });

  it('returns releaseSlot and expirePayment as effects when the payment window closes', () => {
    const unpaid = step(booking, start(booking, { applicationId: 'a', ownerId: 'u' }, T0, applicant).snapshot, {
      type: 'SUBMIT',
      facts: bookFacts(),
      now: T0,
      actor: applicant,
    });
    const expired = step(booking, unpaid.snapshot, { type: 'xstate.after.paymentWindow.inline.unpaid', now: '2025-03-10T10:00:00.000Z', actor: system });
    expect(expired.state).toBe('schedule');
    expect(expired.effects.filter((e) => e.kind === 'action')).toEqual([
      { kind: 'action', type: 'releaseSlot', params: {} },
      { kind: 'action', type: 'expirePayment', params: {} },
    ]);
  });

  it('throws at transition time when a state with a computed delay is entered without an appointment', () => {
    const unpaid = step(booking, start(booking, { applicationId: 'a', ownerId: 'u' }, T0, applicant).snapshot, {
      type: 'SUBMIT',
      facts: { payment: bookFacts().payment },
      now: T0,
      actor: applicant,
    });
    expect(() => apply(booking, unpaid.snapshot, { type: 'PAYMENT_CONFIRMED', now: T1, actor: system })).toThrow(ContextMissingError);
    expect(() => apply(booking, unpaid.snapshot, { type: 'PAYMENT_CONFIRMED', now: T1, actor: system })).toThrow(
      "delay 'dayBeforeAppointment': the application has no appointment yet",
    );
  });

  it('throws when a state with a computed delay is entered by onDone, whose event has no time', () => {
    const flow = inline({
      initial: 'work',
      context: { appointment },
      states: {
        work: { initial: 'a', states: { a: { on: { FINISH: 'b' } }, b: { type: 'final' } }, onDone: 'waiting' },
        waiting: { after: { endOfAppointmentDay: 'over' } },
        over: { type: 'final' },
      },
    });
    const first = start(flow, { applicationId: 'a', ownerId: 'u' }, T0, officer);
    expect(() => apply(flow, first.snapshot, { type: 'FINISH', now: T1, actor: officer })).toThrow(
      "delay 'endOfAppointmentDay': it needs the time of the event that enters its state, but 'xstate.done.state.inline.work' carries none",
    );
  });
});
