/**
 * The passport pack's vocabulary: the hooks, effects and computed delays passport definitions may
 * name, with the facts that stand in for each hook in the policy editor's simulator. Pure (no I/O,
 * no clock): the server joins it to the generic registry (server/packs.ts), and so does the web
 * app for the policy editor (client/app/packs.ts). The hooks' and effects' implementations are in
 * hooks.ts and effects.ts beside this file; the compiler checks there is exactly one of each.
 */
import { ContextMissingError } from '#machines/errors.ts';
import { durationToMs } from '#machines/duration.ts';
import { isRecord } from '#machines/object-path.ts';
import { addCalendarDays, isCalendarDate, officeInstant } from '#machines/office-time.ts';
import { effectAction, guard, type FlowEvent, type HookEntry, type JsonSchema, type RegistryArgs, type Vocabulary } from '#machines/registry.ts';
import type { FlowContext } from '#machines/types.ts';

/** The time stamped on the event, in ms; refuses an event without one (XState's own, such as `xstate.done.state.*`). */
function eventTime(delay: string, event: FlowEvent): number {
  const now: unknown = 'input' in event ? event.input.now : event.now;
  const ms = typeof now === 'string' ? Date.parse(now) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new ContextMissingError(
      `delay '${delay}'`,
      'now',
      `it needs the time of the event that enters its state, but '${event.type}' carries ${now === undefined ? 'none' : JSON.stringify(now)}; enter the state with an event the server sends (not onDone)`,
    );
  }
  return ms;
}

/** `context.appointment`'s date and time zone; refuses (ContextMissingError) when they are missing or malformed. */
function appointmentOf(delay: string, context: FlowContext): { date: string; timeZone: string } {
  const { appointment } = context;
  const who = `delay '${delay}'`;
  if (!isRecord(appointment)) {
    throw new ContextMissingError(who, 'appointment', 'the application has no appointment yet: save the book hook\'s facts (action saveFacts) before entering a state with this delay');
  }
  const { date, timeZone } = appointment;
  if (!isCalendarDate(date)) {
    throw new ContextMissingError(who, 'appointment.date', `context.appointment.date must be a date written YYYY-MM-DD, got ${JSON.stringify(date) ?? 'nothing'}`);
  }
  if (typeof timeZone !== 'string' || timeZone === '') {
    throw new ContextMissingError(who, 'appointment.timeZone', `context.appointment.timeZone must be an IANA time zone such as "Asia/Jakarta", got ${JSON.stringify(timeZone) ?? 'nothing'}`);
  }
  return { date, timeZone };
}

/** Milliseconds from the event's time until the office's clock shows `time` on the date `shift` days from the appointment's (0 once past). */
function untilOfficeTime(delay: string, { context, event }: RegistryArgs, shift: number, time: string): number {
  const now = eventTime(delay, event);
  const { date, timeZone } = appointmentOf(delay, context);
  let due: number;
  try {
    due = officeInstant(addCalendarDays(date, shift), time, timeZone);
  } catch (error) {
    // NOTE: the date was checked above, so only the time zone can be wrong here.
    throw new ContextMissingError(`delay '${delay}'`, 'appointment.timeZone', `context.appointment.timeZone: ${(error as Error).message}`);
  }
  return Math.max(0, due - now);
}

const APPOINTMENT_NEEDS = ['appointment.date', 'appointment.timeZone'];

/** Computed delays (they read the appointment). Fixed ones are ISO 8601 durations in `policy.delays`. */
const delays = {
  endOfAppointmentDay: {
    description: "fires at 23:59:59.999 of context.appointment.date in context.appointment.timeZone (the office's), e.g. for a no-show; at once if that has passed",
    needs: APPOINTMENT_NEEDS,
    ms: (args: RegistryArgs) => untilOfficeTime('endOfAppointmentDay', args, 0, '23:59:59.999'),
  },
  dayBeforeAppointment: {
    description: "fires at 08:00 office time (context.appointment.timeZone) on the day before context.appointment.date, e.g. for a reminder; at once if that has passed",
    needs: APPOINTMENT_NEEDS,
    ms: (args: RegistryArgs) => untilOfficeTime('dayBeforeAppointment', args, -1, '08:00'),
  },
};

const actions = {
  releaseSlot: effectAction<Record<string, never>>({
    description: 'gives back the place the application holds and marks its booking released (expiry, cancellation; performed by the runtime)',
  }),
  expirePayment: effectAction<Record<string, never>>({
    description: "marks the application's pending bill expired; a payment after that is recorded and flagged (performed by the runtime)",
  }),
  leaveDraw: effectAction<Record<string, never>>({
    description: 'takes the application out of a draw not yet drawn (cancelled while in the draw; performed by the runtime)',
  }),
};

/** The passport guards: they read the facts the event's hook established. */
const guards = {
  enteredDraw: guard<Record<string, never>>({
    description: "the book hook entered the application in the place's draw (policy.placesOpen.mode draw, within the draw window) instead of taking a place: event.facts.draw.status is 'entered'",
    params: { type: 'object', additionalProperties: false, properties: {} },
    test: ({ event }) => {
      const facts = 'facts' in event && isRecord(event.facts) ? event.facts : {};
      return isRecord(facts.draw) && facts.draw.status === 'entered';
    },
  }),
};

/** An object schema without params: hooks read what they need from the policy, the context and the event. */
const noParams = (): JsonSchema => ({ type: 'object', additionalProperties: false, properties: {} });

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The sample appointment the simulator books: tomorrow (from `now`) at a sample office. */
function sampleAppointment(now: string, days = 1) {
  return {
    officeCode: 'ATB',
    date: isoDay(Date.parse(now) + days * DAY),
    session: 'pagi',
    start: '08:00',
    end: '12:00',
    timeZone: 'Asia/Makassar',
    officeName: 'Kantor Imigrasi (contoh)',
    address: '—',
  };
}

/** A sample bill following the policy: the first ordinary fee (plus the express surcharge) within the payment window. */
function sampleBill(policy: Record<string, unknown>, now: string) {
  const delaysOf = isRecord(policy.delays) ? policy.delays : {};
  let windowMs = 2 * 3_600_000;
  try {
    if (typeof delaysOf.paymentWindow === 'string') windowMs = durationToMs(delaysOf.paymentWindow);
  } catch {
    // keep the default: the validator reports a bad duration
  }
  const fees = isRecord(policy.fees) ? policy.fees : {};
  const ordinary = isRecord(fees.ordinary) ? fees.ordinary : {};
  const amount = Number(Object.values(ordinary)[0] ?? 0) + (policy.express === true ? Number(fees.expressSurcharge ?? 0) : 0);
  return { billingCode: '000000000000001', amount, currency: String(fees.currency ?? 'IDR'), expiresAt: new Date(Date.parse(now) + windowMs).toISOString() };
}

/** The server hooks (docs/passport-domain.md), implemented in hooks.ts. */
const hooks = {
  requireDocuments: {
    description:
      'every document kind policy.documents (or the policy key in params.policy) requires — plus its minor kinds when the applicant is under policy.adultAge — is in event.data as <kind>: <id of an uploaded document of this application of that kind>; else 422 with a pointer per kind. Facts: { documents: { <kind>: <id> } }',
    params: {
      type: 'object',
      additionalProperties: false,
      properties: { policy: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9]*$', description: 'policy key holding {required, minor}; default documents' } },
    },
    check: (params, { policy }) => {
      const key = typeof params.policy === 'string' ? params.policy : 'documents';
      const value = policy[key] as { required?: unknown } | undefined;
      return value && Array.isArray(value.required)
        ? []
        : [{ path: params.policy === undefined ? [] : ['policy'], message: `policy.${key} must be { required: [kinds], minor?: [kinds] }` }];
    },
    events: ['SUBMIT'],
    provides: ['documents'],
    sample: () => ({ documents: {} }),
  },
  book: {
    description:
      'event.data {officeCode, date, session}: a working day of the office within policy.minLeadDays..policy.bookingHorizonDays, passport books in stock, a free place (else 409 slot-full); releases a place held before and issues a bill valid policy.delays.paymentWindow for policy.fees. Facts: { appointment: {officeCode, date, session, start, end, timeZone, officeName, address}, payment: {billingCode, amount, currency, expiresAt} }',
    params: noParams(),
    events: ['SUBMIT'],
    provides: ['appointment', 'payment', 'draw'],
    sample: (policy, now) => ({ appointment: sampleAppointment(now), payment: sampleBill(policy, now) }),
  },
  drawWon: {
    description:
      "the draw worker's event for a winner: the place the draw took (a held booking) and a bill valid policy.delays.paymentWindow from now, as book gives them. Facts: { appointment, payment, draw: {status: 'won', outcome: 'won'} }",
    params: noParams(),
    events: ['DRAW_WON'],
    provides: ['appointment', 'payment', 'draw'],
    sample: (policy, now) => ({ appointment: sampleAppointment(now, 60), payment: sampleBill(policy, now), draw: { status: 'won', outcome: 'won' } }),
  },
  drawLost: {
    description:
      "the draw worker's event for an entrant not drawn: the nearest free places of the office, as a list and in words. Facts: { draw: {status: 'lost', outcome: 'lost', offers: [{date, session, start, end, free}], offersText: {id, en}} }",
    params: noParams(),
    events: ['DRAW_LOST'],
    provides: ['draw'],
    sample: () => ({ draw: { status: 'lost', outcome: 'lost', offers: [], offersText: { id: '—', en: '—' } } }),
  },
  confirmPayment: {
    description:
      "the payment webhook's event: the office's next queue number for the appointment day and an unguessable queue code. Facts: { appointment: {queueNumber, queueCode}, queueNumber, paidAt } (merged into the appointment by saveFacts)",
    params: noParams(),
    events: ['PAYMENT_CONFIRMED'],
    needs: ['appointment.officeCode', 'appointment.date'],
    provides: ['appointment', 'queueNumber', 'paidAt'],
    sample: (_policy, now) => ({ appointment: { queueNumber: 1, queueCode: 'ATB-SIM-001' }, queueNumber: 1, paidAt: now }),
  },
  reschedule: {
    description:
      'moves a paid appointment once, until the day before it: the same checks as book for the new date, the old place released, a new place and queue number; no new bill. Facts: { appointment: {…, queueNumber, queueCode}, rescheduled: true }',
    params: noParams(),
    events: ['RESCHEDULE'],
    needs: ['appointment.date', 'appointment.timeZone'],
    provides: ['appointment', 'queueNumber', 'rescheduled'],
    sample: (_policy, now) => ({ appointment: { ...sampleAppointment(now, 2), queueNumber: 1, queueCode: 'ATB-SIM-002' }, queueNumber: 1, rescheduled: true }),
  },
  checkIn: {
    description:
      "event.data {queueCode}: the code is this application's, the officer's office is the appointment's, today (office time) is the appointment date and it is at most one hour before the session starts; else 409 with the reason. Facts: { checkedInAt }",
    params: noParams(),
    events: ['CHECK_IN'],
    needs: ['appointment.queueCode', 'appointment.date'],
    provides: ['checkedInAt'],
    sample: (_policy, now) => ({ checkedInAt: now }),
  },
  pickupDate: {
    description: 'the pickup date: the biometrics date plus policy.pickupWorkingDays working days of the office (express: the same day). Facts: { pickupDate }',
    params: noParams(),
    events: ['APPROVE'],
    provides: ['pickupDate'],
    sample: (policy, now) => ({ pickupDate: isoDay(Date.parse(now) + Number(policy.pickupWorkingDays ?? 0) * DAY) }),
  },
  handOver: {
    description: "HAND_OVER: today (office time) is on or after the application's pickup date; else 409 before-pickup-date. Facts: { collectedAt }",
    params: noParams(),
    events: ['HAND_OVER'],
    provides: ['collectedAt'],
    sample: (_policy, now) => ({ collectedAt: now }),
  },
} satisfies Record<string, HookEntry>;

/** What passport definitions may name beyond the generic vocabulary. */
export const passportVocabulary = {
  guards,
  actions,
  delays,
  hooks,
  widgets: {},
  fields: {
    schedule: 'the passport schedule picker: office, date and session with free places (the schedule form\'s root)',
  },
  inputs: {
    walkIn: 'a walk-in opened by an officer at the counter: {priority, applicant, officeCode, openedBy}',
    officeCode: 'the office of a walk-in',
  },
} satisfies Vocabulary;
