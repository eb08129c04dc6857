/**
 * The vocabulary a definition may name: guards, actions and delays. Each entry documents itself
 * (`description`, JSON Schema of its `params`) so the policy editor can list it, and carries a
 * small pure implementation. Definitions are never evaluated as code: a name missing here fails
 * validation.
 */
import { DOTTED_PATH_PATTERN, isRecord, readPath, writePath } from './object-path.ts';
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

/** The shape of `registry`: entries by name. */
export type Registry = {
  guards: Record<string, GuardEntry>;
  actions: Record<string, ActionEntry>;
  delays: Record<string, DelayEntry>;
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
      properties: { path: { type: 'string', pattern: DOTTED_PATH_PATTERN }, value: SCALAR },
    },
    test: ({ context }, { path, value }) => readPath(context, path) === value,
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
};

/** Computed delays. Fixed ones are ISO 8601 durations in `policy.delays`; none needs code yet. */
const delays: Record<string, DelayEntry> = {};

/** The vocabulary (pure). Look names up with `ownValue` (own properties only): `registry.guards.toString` exists. */
export const registry: Registry = { guards, actions, delays };
