/**
 * The vocabulary a definition may name: guards, actions, delays and server hooks. Each entry
 * documents itself (`description`, JSON Schema of its `params`) so the policy editor can list it;
 * guards, actions and delays carry a small pure implementation, hooks are only a catalog (their
 * implementations are server code). Definitions are never evaluated as code: a name missing here
 * fails validation.
 */
import { kindOf } from './findings.ts';
import { DOTTED_PATH_PATTERN, isRecord, readPath, writePath } from './object-path.ts';
import { addCalendarDays, isCalendarDate, officeInstant } from './office-time.ts';
import type { Actor, EngineEvent, FlowContext, FlowDefinition, FlowInput } from './types.ts';

/** JSON Schema of an entry's params (checked with Ajv by the validator). */
export type JsonSchema = Record<string, unknown>;
/** A definition's `policy`: numbers and texts the registry reads (`compare` with `policy`, `policy.delays`). */
export type Policy = FlowDefinition['policy'];
type Params = Record<string, unknown>;

/** The machine's input (what `start` passes): the application's values plus the start time and actor. */
export type MachineInput = { values: FlowInput; now: string; actor: Actor };
/** The event the initial state's entry actions see (XState's start event). */
export type StartEvent = { type: 'xstate.init'; input: MachineInput };
/** Any event a registry function may receive. */
export type FlowEvent = EngineEvent | StartEvent;
/** What XState passes a guard or action implementation. */
export type RegistryArgs = { context: FlowContext; event: FlowEvent };

/** A problem an entry's `check` finds in its params beyond the JSON Schema; `path` is relative to the params. */
export type ParamProblem = { path: string[]; message: string };
/** The parts of a definition a `check` may consult (empty objects when the definition lacks them). */
export type CheckScope = { policy: Record<string, unknown>; messages: Record<string, unknown> };

type Documented = {
  description: string;
  /** JSON Schema of the params; absent when the entry takes none. */
  params?: JsonSchema;
  /** Checks that need the definition (a policy key exists, a template exists). */
  check?: (params: Params, scope: CheckScope) => ParamProblem[];
};

/** A named guard: `test` decides from the event, context and policy. */
export type GuardEntry = Documented & { test: (args: RegistryArgs, params: Params, policy: Policy) => boolean };
/** An action applied inside the transition: returns the context keys to replace. */
export type AssignEntry = Documented & {
  kind: 'assign';
  assign: (args: RegistryArgs, params: Params, policy: Policy) => Partial<FlowContext>;
};
/** An action the runtime performs after commit: it comes back from `transition()` as `{ type, params }`. */
export type EffectEntry = Documented & { kind: 'effect' };
/** A named action: applied in the transition (`assign`) or performed by the runtime (`effect`). */
export type ActionEntry = AssignEntry | EffectEntry;
/** A delay computed in code (milliseconds); fixed delays belong in `policy.delays` instead. */
export type DelayEntry = { description: string; ms: (args: RegistryArgs, policy: Policy) => number };
/**
 * A server hook a definition may name in `meta.events.<TYPE>.hook` (docs/passport-domain.md): run
 * by the server in the event's transaction before the transition, it returns the event's facts.
 * Only its name and params live here; the implementation is server code keyed by the same name.
 */
export type HookEntry = Documented & {
  /** The event types the hook is written for (a hint for the editor; the validator does not enforce it). */
  events?: string[];
};

/** The shape of `registry`: entries by name. */
export type Registry = {
  guards: Record<string, GuardEntry>;
  actions: Record<string, ActionEntry>;
  delays: Record<string, DelayEntry>;
  hooks: Record<string, HookEntry>;
};

/** The data an event carries (`{}` for events without data, such as timers and the start event). */
function eventData(event: FlowEvent): Record<string, unknown> {
  return 'data' in event && isRecord(event.data) ? event.data : {};
}

/** The time stamped on an event (the start event carries the start time in its input). */
function eventNow(event: FlowEvent): string {
  return 'input' in event ? event.input.now : event.now;
}

type Typed<P, F> = Omit<Documented, 'check'> & { check?: (params: P, scope: CheckScope) => ParamProblem[] } & F;

// NOTE: validateBundle checks every params object against the entry's JSON Schema before a machine
// is built, so an implementation may rely on its declared params type.
function guard<P>(entry: Typed<P, { test: (args: RegistryArgs, params: P, policy: Policy) => boolean }>): GuardEntry {
  return entry as unknown as GuardEntry;
}
function assignAction<P>(
  entry: Typed<P, { assign: (args: RegistryArgs, params: P, policy: Policy) => Partial<FlowContext> }>,
): AssignEntry {
  return { ...entry, kind: 'assign' } as unknown as AssignEntry;
}
function effectAction<P>(entry: Typed<P, object>): EffectEntry {
  return { ...entry, kind: 'effect' } as unknown as EffectEntry;
}

const FIELD = { type: 'string', pattern: DOTTED_PATH_PATTERN, description: 'dotted path into event.data' };
const CONTEXT_PATH = { type: 'string', pattern: DOTTED_PATH_PATTERN, description: 'dotted path into the context' };
const SCALAR = { type: ['string', 'number', 'boolean', 'null'] };
const OPS = ['<', '<=', '>', '>=', '==', '!='] as const;
type Op = (typeof OPS)[number];

function compareNumbers(left: number, op: Op, right: number): boolean {
  switch (op) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '==':
      return left === right;
    case '!=':
      return left !== right;
  }
}

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Not missing, null, '', [] or {}. */
function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return !isRecord(value) || Object.keys(value).length > 0;
}

const guards = {
  dataEquals: guard<{ field: string; value: unknown }>({
    description: 'event.data[field] equals value (a string, number, boolean or null)',
    params: {
      type: 'object',
      required: ['field', 'value'],
      additionalProperties: false,
      properties: { field: FIELD, value: SCALAR },
    },
    test: ({ event }, { field, value }) => readPath(eventData(event), field) === value,
  }),
  dataIn: guard<{ field: string; values: unknown[] }>({
    description: 'event.data[field] is one of values',
    params: {
      type: 'object',
      required: ['field', 'values'],
      additionalProperties: false,
      properties: { field: FIELD, values: { type: 'array', minItems: 1, items: SCALAR } },
    },
    test: ({ event }, { field, values }) => values.includes(readPath(eventData(event), field)),
  }),
  compare: guard<{ field: string; op: Op; value?: number; policy?: string }>({
    description:
      'event.data[field] (a number) compared with value, or with the number at a policy key; false when the field is not a number',
    params: {
      type: 'object',
      required: ['field', 'op'],
      additionalProperties: false,
      properties: {
        field: FIELD,
        op: { enum: [...OPS] },
        value: { type: 'number' },
        policy: { type: 'string', pattern: DOTTED_PATH_PATTERN, description: 'dotted path into policy' },
      },
    },
    check: (params, { policy }) => {
      if ((params.value === undefined) === (params.policy === undefined)) {
        return [{ path: [], message: "compare needs exactly one of 'value' or 'policy'" }];
      }
      if (params.policy === undefined) return [];
      const limit = readPath(policy, params.policy);
      if (limit === undefined) {
        const keys = Object.keys(policy).join(', ') || '(none)';
        return [{ path: ['policy'], message: `policy key '${params.policy}' does not exist; policy keys: ${keys}` }];
      }
      return isFiniteNumber(limit)
        ? []
        : [{ path: ['policy'], message: `policy key '${params.policy}' must hold a number, but holds ${JSON.stringify(limit)}` }];
    },
    test: ({ event }, { field, op, value, policy: key }, policy) => {
      const actual = readPath(eventData(event), field);
      const limit = key === undefined ? value : readPath(policy, key);
      return isFiniteNumber(actual) && isFiniteNumber(limit) && compareNumbers(actual, op, limit);
    },
  }),
  contextEquals: guard<{ path: string; value: unknown }>({
    description: 'the context value at path equals value (a string, number, boolean or null)',
    params: {
      type: 'object',
      required: ['path', 'value'],
      additionalProperties: false,
      properties: { path: CONTEXT_PATH, value: SCALAR },
    },
    test: ({ context }, { path, value }) => readPath(context, path) === value,
  }),
  contextIn: guard<{ path: string; values: unknown[] }>({
    description: 'the context value at path is one of values (e.g. data.reason saved by an earlier event)',
    params: {
      type: 'object',
      required: ['path', 'values'],
      additionalProperties: false,
      properties: { path: CONTEXT_PATH, values: { type: 'array', minItems: 1, items: SCALAR } },
    },
    test: ({ context }, { path, values }) => values.includes(readPath(context, path)),
  }),
  hasContext: guard<{ path: string }>({
    description: 'the context value at path is present: not missing, null, the empty string, an empty list or an empty object (0 and false are present)',
    params: { type: 'object', required: ['path'], additionalProperties: false, properties: { path: CONTEXT_PATH } },
    test: ({ context }, { path }) => isPresent(readPath(context, path)),
  }),
  hasData: guard<{ field: string }>({
    description: 'event.data[field] is present (not missing, null or the empty string)',
    params: { type: 'object', required: ['field'], additionalProperties: false, properties: { field: FIELD } },
    test: ({ event }, { field }) => {
      const value = readPath(eventData(event), field);
      return value !== undefined && value !== null && value !== '';
    },
  }),
};

/** Context keys the runtime owns; `setContext` may not overwrite them. */
const RUNTIME_KEYS = ['applicationId', 'ownerId'];
/** Keys `saveFacts` never writes: the runtime's, the form answers, and ones that would reach a prototype. */
const NOT_FACTS = new Set([...RUNTIME_KEYS, 'data', '__proto__', 'prototype', 'constructor']);

/** The facts a server hook established for the event (`{}` for events without facts). */
function eventFacts(event: FlowEvent): Record<string, unknown> {
  return 'facts' in event && isRecord(event.facts) ? event.facts : {};
}

const actions = {
  save: assignAction<{ into?: string }>({
    description: 'shallow-merges event.data into context.data (or into context.data[into])',
    params: {
      type: 'object',
      additionalProperties: false,
      properties: { into: { type: 'string', pattern: '^[\\w$-]+$', description: 'key under context.data' } },
    },
    assign: ({ context, event }, { into }) => {
      const incoming = eventData(event);
      if (into === undefined) return { data: { ...context.data, ...incoming } };
      const previous = context.data[into];
      return { data: { ...context.data, [into]: { ...(isRecord(previous) ? previous : {}), ...incoming } } };
    },
  }),
  setContext: assignAction<{ path: string; value: unknown }>({
    description: 'sets the context value at path to value (any JSON)',
    params: {
      type: 'object',
      required: ['path', 'value'],
      additionalProperties: false,
      properties: { path: { type: 'string', pattern: DOTTED_PATH_PATTERN }, value: {} },
    },
    check: ({ path }) => {
      const head = path.split('.')[0] ?? '';
      if (RUNTIME_KEYS.includes(head)) {
        return [{ path: ['path'], message: `setContext may not overwrite '${head}': the runtime sets it` }];
      }
      return path === 'data'
        ? [{ path: ['path'], message: "setContext may not replace 'data' as a whole; write a field such as 'data.note'" }]
        : [];
    },
    assign: ({ context }, { path, value }) => writePath(context, path, value) as Partial<FlowContext>,
  }),
  stamp: assignAction<{ field: string }>({
    description: "sets context.data[field] to the event's time (ISO 8601)",
    params: { type: 'object', required: ['field'], additionalProperties: false, properties: { field: FIELD } },
    assign: ({ context, event }, { field }) => ({ data: writePath(context.data, field, eventNow(event)) }),
  }),
  saveFacts: assignAction<Record<string, never>>({
    description:
      "shallow-merges event.facts (what the event's server hook established) into the context's top level; an object merges one level into the object already there; applicationId, ownerId and data are never written",
    assign: ({ context, event }) => {
      const update: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(eventFacts(event))) {
        if (NOT_FACTS.has(key)) continue;
        const previous = context[key];
        // NOTE: a copy, so the snapshot never shares objects with the event (which the server logs).
        const fact = structuredClone(value);
        update[key] = isRecord(previous) && isRecord(fact) ? { ...previous, ...fact } : fact;
      }
      return update as Partial<FlowContext>;
    },
  }),
  notify: effectAction<{ template: string }>({
    description: "emails the application's owner the definition's messages[template] (sent by the runtime after commit)",
    params: {
      type: 'object',
      required: ['template'],
      additionalProperties: false,
      properties: { template: { type: 'string', minLength: 1 } },
    },
    check: ({ template }, { messages }) =>
      Object.hasOwn(messages, template)
        ? []
        : [
            {
              path: ['template'],
              message: `notify template '${template}' is not in messages; messages: ${Object.keys(messages).join(', ') || '(none)'}`,
            },
          ],
  }),
  releaseSlot: effectAction<Record<string, never>>({
    description: "gives back the place the application holds and marks its booking released (expiry, cancellation; performed by the runtime)",
  }),
  expirePayment: effectAction<Record<string, never>>({
    description: "marks the application's pending bill expired; a payment after that is recorded and flagged (performed by the runtime)",
  }),
};

/** The time stamped on the event, in ms; throws when it carries none (XState's own events, such as `xstate.done.state.*`). */
function eventTime(delay: string, event: FlowEvent): number {
  const now: unknown = 'input' in event ? event.input.now : event.now;
  const ms = typeof now === 'string' ? Date.parse(now) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new Error(
      `delay '${delay}' needs the time of the event that enters its state, but '${event.type}' carries ${now === undefined ? 'none' : JSON.stringify(now)}; enter the state with an event the server sends (not onDone)`,
    );
  }
  return ms;
}

/** `context.appointment`'s date and time zone; throws naming the delay when it is missing or malformed (a definition bug). */
function appointmentOf(delay: string, context: FlowContext): { date: string; timeZone: string } {
  const { appointment } = context;
  if (!isRecord(appointment)) {
    throw new Error(
      `delay '${delay}' reads context.appointment, but the context has ${kindOf(appointment)} there: save the book hook's facts (action saveFacts) before entering a state with this delay`,
    );
  }
  const { date, timeZone } = appointment;
  if (!isCalendarDate(date)) {
    throw new Error(`delay '${delay}': context.appointment.date must be a date written YYYY-MM-DD, got ${JSON.stringify(date) ?? 'nothing'}`);
  }
  if (typeof timeZone !== 'string' || timeZone === '') {
    throw new Error(`delay '${delay}': context.appointment.timeZone must be an IANA time zone such as "Asia/Jakarta", got ${JSON.stringify(timeZone) ?? 'nothing'}`);
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
    throw new Error(`delay '${delay}': context.appointment.timeZone: ${(error as Error).message}`);
  }
  return Math.max(0, due - now);
}

/** Computed delays (they read the context). Fixed ones are ISO 8601 durations in `policy.delays`. */
const delays: Record<string, DelayEntry> = {
  endOfAppointmentDay: {
    description: "fires at 23:59:59.999 of context.appointment.date in context.appointment.timeZone (the office's), e.g. for a no-show; at once if that has passed",
    ms: (args) => untilOfficeTime('endOfAppointmentDay', args, 0, '23:59:59.999'),
  },
  dayBeforeAppointment: {
    description: "fires at 08:00 office time (context.appointment.timeZone) on the day before context.appointment.date, e.g. for a reminder; at once if that has passed",
    ms: (args) => untilOfficeTime('dayBeforeAppointment', args, -1, '08:00'),
  },
};

/** An object schema without params: hooks read what they need from the policy, the context and the event. */
const noParams = (): JsonSchema => ({ type: 'object', additionalProperties: false, properties: {} });

/** The server hooks (docs/passport-domain.md, implemented in server/domain/hooks.ts). */
const hooks: Record<string, HookEntry> = {
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
  },
  book: {
    description:
      'event.data {officeCode, date, session}: a working day of the office within policy.minLeadDays..policy.bookingHorizonDays, passport books in stock, a free place (else 409 slot-full); releases a place held before and issues a bill valid policy.delays.paymentWindow for policy.fees. Facts: { appointment: {officeCode, date, session, start, end, timeZone, officeName, address}, payment: {billingCode, amount, currency, expiresAt} }',
    params: noParams(),
    events: ['SUBMIT'],
  },
  confirmPayment: {
    description:
      "the payment webhook's event: the office's next queue number for the appointment day and an unguessable queue code. Facts: { appointment: {queueNumber, queueCode}, queueNumber, paidAt } (merged into the appointment by saveFacts)",
    params: noParams(),
    events: ['PAYMENT_CONFIRMED'],
  },
  reschedule: {
    description:
      'moves a paid appointment once, until the day before it: the same checks as book for the new date, the old place released, a new place and queue number; no new bill. Facts: { appointment: {…, queueNumber, queueCode}, rescheduled: true }',
    params: noParams(),
    events: ['RESCHEDULE'],
  },
  checkIn: {
    description:
      "event.data {queueCode}: the code is this application's, the officer's office is the appointment's, today (office time) is the appointment date and it is at most one hour before the session starts; else 409 with the reason. Facts: { checkedInAt }",
    params: noParams(),
    events: ['CHECK_IN'],
  },
  pickupDate: {
    description: 'the pickup date: the biometrics date plus policy.pickupWorkingDays working days of the office (express: the same day). Facts: { pickupDate }',
    params: noParams(),
    events: ['APPROVE'],
  },
  handOver: {
    description: "HAND_OVER: today (office time) is on or after the application's pickup date; else 409 before-pickup-date. Facts: { collectedAt }",
    params: noParams(),
    events: ['HAND_OVER'],
  },
};

/** The vocabulary (pure). Look names up with `ownValue` (own properties only): `registry.guards.toString` exists. */
export const registry: Registry = { guards, actions, delays, hooks };
