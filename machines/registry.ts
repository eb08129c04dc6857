/**
 * The vocabulary a definition may name: guards, actions, delays, server hooks and form widgets.
 * Each entry documents itself (`description`, JSON Schema of its `params`) so the policy editor
 * can list it; guards, actions and delays carry a small pure implementation, hooks are only a
 * catalog (their implementations are server code). Definitions are never evaluated as code: a
 * name missing from the registry fails validation.
 *
 * This file holds the generic vocabulary every flow may use. A domain pack (server/domain/<pack>/)
 * brings its own vocabulary of the same shape; the composition roots join them with
 * `composeRegistry`, which refuses, at compile time, a name two vocabularies both define.
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
/**
 * A delay computed in code (milliseconds); fixed delays belong in `policy.delays` instead.
 * `needs`: the context paths it reads (`inspection.date`); the validator refuses a flow that
 * never sets them, and `ms` throws `ContextMissingError` when they are missing at run time.
 */
export type DelayEntry = { description: string; needs?: string[]; ms: (args: RegistryArgs, policy: Policy) => number };
/**
 * A server hook a definition may name in `meta.events.<TYPE>.hook`: run by the server in the
 * event's transaction before the transition, it returns the event's facts. Only its name, params,
 * what it needs and what it provides live here; the implementation is server code of the same
 * pack, keyed by the same name (the compiler checks there is exactly one).
 */
export type HookEntry = Documented & {
  /** The event types the hook is written for (a hint for the editor; the validator does not enforce it). */
  events?: string[];
  /** Context paths the hook reads; a flow that never sets them is refused by the validator. */
  needs?: string[];
  /** The top-level keys of the facts it returns (what `saveFacts` then writes into the context). */
  provides?: string[];
  /** Facts that stand in for the hook in the policy editor's simulator, following the policy. Pure. */
  sample?: (policy: Record<string, unknown>, now: string) => Record<string, unknown>;
};

/**
 * A vocabulary: what one package (the generic engine, or a domain pack) lets definitions name.
 * `widgets` and `fields` are the RJSF `ui:widget` / `ui:field` names its client part registers;
 * `inputs` the context keys its own routes may set when an application starts (one opened at a counter).
 */
export type Vocabulary = {
  guards: Record<string, GuardEntry>;
  actions: Record<string, ActionEntry>;
  delays: Record<string, DelayEntry>;
  hooks: Record<string, HookEntry>;
  widgets: Record<string, string>;
  fields: Record<string, string>;
  inputs: Record<string, string>;
};

/** The registry a flow is built and validated with: every vocabulary joined. */
export type Registry = Vocabulary;

/** The data an event carries (`{}` for events without data, such as timers and the start event). */
export function eventData(event: FlowEvent): Record<string, unknown> {
  return 'data' in event && isRecord(event.data) ? event.data : {};
}

/** The time stamped on an event (the start event carries the start time in its input). */
export function eventNow(event: FlowEvent): string {
  return 'input' in event ? event.input.now : event.now;
}

type Typed<P, F> = Omit<Documented, 'check'> & { check?: (params: P, scope: CheckScope) => ParamProblem[] } & F;

// NOTE: validateBundle checks every params object against the entry's JSON Schema before a machine
// is built, so an implementation may rely on its declared params type.
export function guard<P>(entry: Typed<P, { test: (args: RegistryArgs, params: P, policy: Policy) => boolean }>): GuardEntry {
  return entry as unknown as GuardEntry;
}
export function assignAction<P>(
  entry: Typed<P, { assign: (args: RegistryArgs, params: P, policy: Policy) => Partial<FlowContext> }>,
): AssignEntry {
  return { ...entry, kind: 'assign' } as unknown as AssignEntry;
}
export function effectAction<P>(entry: Typed<P, object>): EffectEntry {
  return { ...entry, kind: 'effect' } as unknown as EffectEntry;
}

export const FIELD = { type: 'string', pattern: DOTTED_PATH_PATTERN, description: 'dotted path into event.data' };
export const CONTEXT_PATH = { type: 'string', pattern: DOTTED_PATH_PATTERN, description: 'dotted path into the context' };
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
export const RUNTIME_KEYS = ['applicationId', 'ownerId'];
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
  saveAt: assignAction<{ path: string }>({
    description:
      "shallow-merges event.data into the context object at path, outside data (e.g. review.objection): the applicant never sees it; staff see it through the definition's view",
    params: { type: 'object', required: ['path'], additionalProperties: false, properties: { path: CONTEXT_PATH } },
    check: ({ path }) => {
      const head = path.split('.')[0] ?? '';
      if (RUNTIME_KEYS.includes(head)) return [{ path: ['path'], message: `saveAt may not write '${head}': the runtime sets it` }];
      return head === 'data' ? [{ path: ['path'], message: "saveAt keeps data away from the applicant's answers: use save { into } to save under data" }] : [];
    },
    assign: ({ context, event }, { path }) => {
      const previous = readPath(context, path);
      return writePath(context, path, { ...(isRecord(previous) ? previous : {}), ...eventData(event) }) as Partial<FlowContext>;
    },
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
};

/** The RJSF widgets (`ui:widget`) every form may name: the generic client's own. */
const widgets = {
  document: 'an upload for the document kind in ui:options.kind (declared in the definition\'s documents); the field holds the document id',
  RadioWidget: 'a named radio group (replaces RJSF\'s own "radio")',
  duration: 'an ISO 8601 duration (PT2H) as a number and a unit (minutes, hours, days, weeks)',
  money: 'a whole amount of rupiah, written in groups',
};

/** The generic vocabulary: what every flow may name, whatever packs are installed. */
export const genericVocabulary = {
  guards,
  actions,
  delays: {},
  hooks: {},
  widgets,
  fields: {},
  inputs: {},
} satisfies Vocabulary;

type Section = keyof Vocabulary;
type NamesOf<V> = V extends Vocabulary ? { [S in Section]: keyof V[S] & string }[Section] : never;
/**
 * `unknown` when no name is defined twice across the vocabularies, else an object type no
 * argument satisfies (the compiler then names the duplicates in `duplicateNames`).
 */
export type Disjoint<T extends readonly unknown[], Seen extends string = never> = T extends readonly [infer H, ...infer R]
  ? [NamesOf<H> & Seen] extends [never]
    ? Disjoint<R, Seen | NamesOf<H>>
    : { duplicateNames: NamesOf<H> & Seen }
  : unknown;

/**
 * The vocabularies joined into one registry. A name defined by two of them is a compile error
 * (see `Disjoint`), and, for vocabularies built at run time, an Error naming it.
 */
export function composeRegistry<const T extends readonly Vocabulary[]>(...vocabularies: T & Disjoint<T>): Registry {
  const registry: Registry = { guards: {}, actions: {}, delays: {}, hooks: {}, widgets: {}, fields: {}, inputs: {} };
  const seen = new Set<string>();
  for (const vocabulary of vocabularies as readonly Vocabulary[]) {
    for (const section of Object.keys(registry) as Section[]) {
      for (const [name, entry] of Object.entries(vocabulary[section])) {
        if (seen.has(name)) throw new Error(`registry name '${name}' is defined by two vocabularies`);
        seen.add(name);
        (registry[section] as Record<string, unknown>)[name] = entry;
      }
    }
  }
  return registry;
}

/** The registry of the generic vocabulary alone (flows that name no pack). */
export const genericRegistry: Registry = composeRegistry(genericVocabulary);
