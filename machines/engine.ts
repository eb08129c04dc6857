/**
 * The engine: pure functions over a built flow. The server keeps one persisted snapshot per
 * application; every event is `restore → can → transition → persist`, never a running actor.
 * Time is passed in (`now`), so replaying the same events gives the same snapshots.
 */
import {
  createActor,
  getNextTransitions,
  type AnyActorScope,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type AnyStateNode,
  type AnyTransitionDefinition,
  type ExecutableActionObject,
  type Snapshot,
  type StateValue,
} from 'xstate';
import type { Flow } from './build.ts';
import { SnapshotIncompatibleError } from './errors.ts';
import { isRecord, ownValue } from './object-path.ts';
import type { MachineInput } from './registry.ts';
import {
  SYSTEM_ROLE,
  type Actor,
  type Effect,
  type EngineEvent,
  type FlowInput,
  type FormDefinition,
  type I18nText,
  type Role,
  type StateMeta,
} from './types.ts';

/** The outcome of starting or advancing an application. */
export type Step = {
  /** The persisted snapshot (plain JSON) to store. */
  snapshot: unknown;
  /** `stateString` of the new state value (indexed by the server). */
  state: string;
  /** `statusOf` the new state. */
  status: string;
  /** True when the machine reached a top-level final state: no event is accepted any more. */
  final: boolean;
  /** What the runtime must do, in order, in the same transaction (timers) or after commit (actions). */
  effects: Effect[];
};

/** `apply`'s answer: the next step, or why not (the events this state does accept). */
export type ApplyResult = { accepted: true; step: Step; from: string } | { accepted: false; from: string; allowed: string[] };

/**
 * An event the current state offers, for the client's buttons. `form` is a form id; `groups` the
 * staff groups that may send it (`[]`: any); `confirm` the question asked before sending it.
 */
export type OfferedEvent = { type: string; label?: I18nText; form?: string; roles: Role[]; groups: string[]; confirm?: I18nText };

function timeOf(now: string): number {
  const ms = typeof now === 'string' ? Date.parse(now) : Number.NaN;
  if (Number.isNaN(ms)) throw new Error(`now must be an ISO 8601 timestamp, got ${JSON.stringify(now)}`);
  return ms;
}

/**
 * One inert actor scope per machine, shared by every restore and transition. XState's pure
 * `transition` and `initialTransition` build a throwaway actor per call (whose constructor even
 * computes the machine's initial snapshot), and restoring through `createActor` builds another:
 * three actors per event. A definition starts no actors (no invoke, no spawn: validate-machine.ts),
 * so the scope keeps nothing between calls; what each call collects is its actions, below.
 */
const scopes = new WeakMap<AnyStateMachine, AnyActorScope>();
const ignoreAction = () => {};

function scopeOf(machine: AnyStateMachine): AnyActorScope {
  let scope = scopes.get(machine);
  if (!scope) {
    // As xstate's createInertActorScope: an actor that is never started, so nothing it holds runs.
    const self = createActor(machine);
    scope = { self, id: '', sessionId: '', logger: () => {}, defer: () => {}, emit: () => {}, system: self.system, stopChild: () => {}, actionExecutor: ignoreAction };
    scopes.set(machine, scope);
  }
  return scope;
}

/** Runs `fn` with the machine's scope, collecting the actions XState hands to the executor (it executes none). Synchronous, so the shared scope is never used by two calls at once. */
function withScope<T>(machine: AnyStateMachine, fn: (scope: AnyActorScope) => T): [T, unknown[]] {
  const scope = scopeOf(machine);
  const actions: unknown[] = [];
  scope.actionExecutor = (action) => {
    actions.push(action);
  };
  try {
    return [fn(scope), actions];
  } finally {
    scope.actionExecutor = ignoreAction;
  }
}

/**
 * Restores a persisted snapshot without starting an actor (no timers, no async errors).
 * Pure; throws `SnapshotIncompatibleError` when `persisted` is not a snapshot of this machine
 * (e.g. a state that does not exist in this version).
 */
export function restore(flow: Flow, persisted: unknown): AnyMachineSnapshot {
  if (!isRecord(persisted) || persisted.value === undefined || !isRecord(persisted.context)) {
    throw new SnapshotIncompatibleError('not a persisted snapshot (expected an object with value and context)');
  }
  let snapshot: AnyMachineSnapshot;
  try {
    // What `createActor(machine, { snapshot }).getSnapshot()` returns, without the actor.
    [snapshot] = withScope(flow.machine, (scope) => flow.machine.restoreSnapshot(persisted as Snapshot<unknown>, scope) as AnyMachineSnapshot);
  } catch (error) {
    throw new SnapshotIncompatibleError((error as Error).message);
  }
  if (snapshot.status === 'error') {
    const error = snapshot.error;
    throw new SnapshotIncompatibleError(error instanceof Error ? error.message : String(error));
  }
  return snapshot;
}

function toStep(flow: Flow, snapshot: AnyMachineSnapshot, actions: unknown[], nowMs: number): Step {
  const effects: Effect[] = [];
  // NOTE: XState's declared action type omits cancel and custom actions; see anchors Part B "Type gap".
  for (const action of actions as ExecutableActionObject[]) {
    const params = isRecord(action.params) ? action.params : {};
    if (action.type === 'xstate.raise' && typeof params.delay === 'number') {
      const dueAt = new Date(nowMs + params.delay).toISOString();
      effects.push({ kind: 'arm', id: String(params.id), dueAt, event: { type: (params.event as { type: string }).type } });
    } else if (action.type === 'xstate.cancel') {
      effects.push({ kind: 'disarm', id: String(params.sendId) });
    } else if (!action.type.startsWith('xstate.')) {
      effects.push({ kind: 'action', type: action.type, params: structuredClone(params) });
    }
  }
  return {
    // NOTE: a JSON round trip, so the step holds exactly what the database will hold.
    snapshot: JSON.parse(JSON.stringify(flow.machine.getPersistedSnapshot(snapshot))),
    state: stateString(snapshot.value),
    status: statusOf(flow, snapshot),
    final: snapshot.status === 'done',
    effects,
  };
}

/**
 * Starts an application: the initial snapshot with context `{ data: {}, ...machine.context, ...input }`
 * and the effects of entering the initial state (timers due from `now`). The initial state's entry
 * actions see the event `{ type: 'xstate.init', input: { values: input, now, actor } }`.
 * Pure; throws an Error when `now` is not an ISO 8601 timestamp.
 */
export function start(flow: Flow, input: FlowInput, now: string, actor: Actor): Step {
  const nowMs = timeOf(now);
  const machineInput: MachineInput = { values: input, now, actor };
  // xstate's initialTransition, on the machine's shared scope
  const [snapshot, actions] = withScope(flow.machine, (scope) => flow.machine.getInitialSnapshot(scope, machineInput) as AnyMachineSnapshot);
  return toStep(flow, snapshot, actions, nowMs);
}

/** `applyTo`'s answer: like ApplyResult, plus the next snapshot already restored (no second restore needed). */
export type ApplyToResult = { accepted: true; step: Step; from: string; next: AnyMachineSnapshot } | { accepted: false; from: string; allowed: string[] };

/**
 * Applies one event to a restored snapshot. Accepted when the state is active and
 * `snapshot.can(event)` (guards evaluated on the event, including its data). Pure; throws an
 * Error when `event.now` is not ISO 8601. Checks neither roles nor form data: the server does
 * both before calling this.
 */
export function applyTo(flow: Flow, snapshot: AnyMachineSnapshot, event: EngineEvent): ApplyToResult {
  const nowMs = timeOf(event.now);
  const from = stateString(snapshot.value);
  if (snapshot.status !== 'active' || !snapshot.can(event)) {
    return { accepted: false, from, allowed: allowedEvents(flow, snapshot).map((e) => e.type) };
  }
  // xstate's transition, on the machine's shared scope
  const [next, actions] = withScope(flow.machine, (scope) => flow.machine.transition(snapshot, event, scope) as AnyMachineSnapshot);
  return { accepted: true, step: toStep(flow, next, actions, nowMs), from, next };
}

/**
 * Applies one event to a persisted snapshot: `applyTo` after `restore`. Pure; throws
 * `SnapshotIncompatibleError` (see `restore`) and an Error when `event.now` is not ISO 8601.
 */
export function apply(flow: Flow, persisted: unknown, event: EngineEvent): ApplyResult {
  const result = applyTo(flow, restore(flow, persisted), event);
  if (!result.accepted) return result;
  return { accepted: true, step: result.step, from: result.from };
}

/** True when an active state node has a transition for `type` (whatever its guards say). Pure. */
export function handles(flow: Flow, snapshot: AnyMachineSnapshot, type: string): boolean {
  return snapshot.status === 'active' && activeNodes(flow, snapshot).some((n) => n.transitions.has(type));
}

function part(key: string, value: StateValue): string {
  if (typeof value === 'string') return `${key}.${value}`;
  const keys = Object.keys(value);
  if (keys.length === 0) return key;
  if (keys.length === 1) return `${key}.${stateString(value)}`;
  return `${key}(${stateString(value)})`;
}

/**
 * A state value as one deterministic string. Pure.
 * - atomic: `draft`; nested: `review.docs` (keys joined by dots);
 * - parallel regions: `review(docs.pending,fees.paid)` — the parallel state's key, then its regions
 *   sorted by key, comma-separated, in parentheses; a root that is parallel gives `docs.pending,fees.paid`.
 */
export function stateString(value: StateValue): string {
  if (typeof value === 'string') return value;
  return Object.keys(value)
    .sort()
    .map((key) => part(key, value[key] as StateValue))
    .join(',');
}

function activeFrom(node: AnyStateNode, value: StateValue | undefined): AnyStateNode[] {
  if (typeof value === 'string') {
    const child = ownValue(node.states, value);
    return child ? [node, child] : [node];
  }
  const children = Object.entries(value ?? {}).flatMap(([key, sub]) => {
    const child = ownValue(node.states, key);
    return child ? activeFrom(child, sub as StateValue) : [];
  });
  return [node, ...children];
}

/** The active state nodes, deepest first (document order within a depth), the machine root last. Pure. */
export function activeNodes(flow: Flow, snapshot: AnyMachineSnapshot): AnyStateNode[] {
  return activeFrom(flow.machine.root, snapshot.value).sort((a, b) => b.path.length - a.path.length);
}

const metaOf = (node: AnyStateNode): StateMeta => (node.meta ?? {}) as StateMeta;

/** Each active leaf with its ancestors, leaf first; leaves in document order. */
function chains(flow: Flow, snapshot: AnyMachineSnapshot): AnyStateNode[][] {
  const nodes = activeFrom(flow.machine.root, snapshot.value);
  return nodes
    .filter((n) => n.type === 'atomic' || n.type === 'final')
    .map((leaf) => {
      const chain: AnyStateNode[] = [];
      for (let n: AnyStateNode | undefined = leaf; n; n = n.parent) chain.push(n);
      return chain;
    });
}

/** `meta.status` of the deepest active node that has one, else the top-level state key. Pure. */
export function statusOf(flow: Flow, snapshot: AnyMachineSnapshot): string {
  for (const node of activeNodes(flow, snapshot)) {
    const { status } = metaOf(node);
    if (typeof status === 'string') return status;
  }
  const { value } = snapshot;
  return typeof value === 'string' ? value : (Object.keys(value).sort()[0] ?? '');
}

/** `meta.label` of the deepest active node that has one, or null. Pure. */
export function labelOf(flow: Flow, snapshot: AnyMachineSnapshot): I18nText | null {
  for (const node of activeNodes(flow, snapshot)) {
    const { label } = metaOf(node);
    if (label) return label;
  }
  return null;
}

/** The first `meta.label` from `node` up to the root, or null. */
function labelFrom(node: AnyStateNode | undefined): I18nText | null {
  for (let n = node; n; n = n.parent) {
    const { label } = metaOf(n);
    if (label) return label;
  }
  return null;
}

/** The deepest node that is `a` or `b` or an ancestor of both. */
function commonAncestor(a: AnyStateNode, b: AnyStateNode): AnyStateNode | undefined {
  const above = new Set<AnyStateNode>();
  for (let n: AnyStateNode | undefined = a; n; n = n.parent) above.add(n);
  for (let n: AnyStateNode | undefined = b; n; n = n.parent) if (above.has(n)) return n;
  return undefined;
}

/**
 * The label of the step where someone who may send `types` now acts. Outside parallel states this
 * is labelOf. In a parallel state it is the label of the region that handles one of `types` deepest
 * (a reviewer sees their own group's step, not the other region's), from its leaf up; when several
 * regions are equally near (the event is handled on the parallel state itself, e.g. a withdrawal,
 * or the viewer may act in two regions), or nothing active handles `types`, the label of the
 * regions' common ancestor. Never depends on the order of the definition's keys. Pure.
 */
export function labelFor(flow: Flow, snapshot: AnyMachineSnapshot, types: readonly string[]): I18nText | null {
  const all = chains(flow, snapshot);
  if (all.length <= 1) return labelOf(flow, snapshot);
  let depth = -1;
  let best: { leaf: AnyStateNode; handler: AnyStateNode }[] = [];
  for (const chain of all) {
    const handler = chain.find((n) => types.some((t) => n.transitions.has(t)));
    if (!handler) continue;
    if (handler.path.length > depth) {
      depth = handler.path.length;
      best = [{ leaf: chain[0]!, handler }];
    } else if (handler.path.length === depth) best.push({ leaf: chain[0]!, handler });
  }
  if (best.length === 1) return labelFrom(best[0]!.leaf);
  const nodes = best.length > 1 ? best.map((b) => b.handler) : all.map((chain) => chain[0]!);
  return labelFrom(nodes.reduce<AnyStateNode | undefined>((acc, n) => (acc ? commonAncestor(acc, n) : undefined), nodes[0]));
}

const formById = (flow: Flow, id: string | undefined) => (id === undefined ? null : (ownValue(flow.bundle.forms, id) ?? null));

/** The form of the deepest active node with `meta.form` (what SUBMIT must satisfy), or null. Pure. */
export function activeForm(flow: Flow, snapshot: AnyMachineSnapshot): FormDefinition | null {
  const node = activeNodes(flow, snapshot).find((n) => metaOf(n).form !== undefined);
  return node ? formById(flow, metaOf(node).form) : null;
}

/**
 * The roles that may send `type` now. Walks each active leaf up to the root: the first node with
 * `meta.events[type].roles` wins; otherwise, from the node that handles the event upwards, the
 * first `meta.roles`. `[]` when nobody may (always for `xstate.*` timer events: only the system
 * sends those). Pure.
 */
export function rolesFor(flow: Flow, snapshot: AnyMachineSnapshot, type: string): Role[] {
  if (type.startsWith('xstate.')) return [];
  for (const chain of chains(flow, snapshot)) {
    let handled = false;
    for (const node of chain) {
      const meta = metaOf(node);
      const eventRoles = meta.events?.[type]?.roles;
      if (eventRoles) return eventRoles;
      handled ||= node.transitions.has(type);
      if (handled && meta.roles) return meta.roles;
    }
  }
  return [];
}

/**
 * The staff groups that may send `type` now, resolved as `rolesFor` resolves roles: the first node
 * (leaf to root) with `meta.events[type].groups`, else from the node that handles the event
 * upwards the first `meta.groups`. `[]`: any group (or none) may. Pure.
 */
export function groupsFor(flow: Flow, snapshot: AnyMachineSnapshot, type: string): string[] {
  for (const chain of chains(flow, snapshot)) {
    let handled = false;
    for (const node of chain) {
      const meta = metaOf(node);
      const eventGroups = meta.events?.[type]?.groups;
      if (eventGroups) return eventGroups;
      handled ||= node.transitions.has(type);
      if (handled && meta.groups) return meta.groups;
    }
  }
  return [];
}

/** True when someone of `groups` may send an event limited to `allowed` (`[]`: anyone). Pure. */
export const inGroups = (allowed: readonly string[], groups: readonly string[]) => allowed.length === 0 || allowed.some((g) => groups.includes(g));

function eventMeta<K extends 'form' | 'label' | 'confirm'>(flow: Flow, snapshot: AnyMachineSnapshot, type: string, key: K) {
  for (const chain of chains(flow, snapshot)) {
    for (const node of chain) {
      const value = metaOf(node).events?.[type]?.[key];
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/**
 * The form `type`'s data must satisfy now: the nearest `meta.events[type].form` (leaf to root),
 * else for SUBMIT the active form; or null. Pure.
 */
export function formFor(flow: Flow, snapshot: AnyMachineSnapshot, type: string): FormDefinition | null {
  const id = eventMeta(flow, snapshot, type, 'form');
  if (id !== undefined) return formById(flow, id);
  return type === 'SUBMIT' ? activeForm(flow, snapshot) : null;
}

/**
 * The events the current state offers (minus `xstate.*`), in XState's order, filtered to `role`
 * when given. An event is offered when `can()` accepts it with empty data, or when one of its
 * transitions is guarded: the guard may need data the client has not sent yet, so the POST
 * decides. (Guards see `data: {}` and `now: ''` while probing.) Pure.
 */
export function allowedEvents(flow: Flow, snapshot: AnyMachineSnapshot, role?: Role): readonly OfferedEvent[] {
  if (snapshot.status !== 'active') return [];
  // NOTE: one event asks this of the same snapshot twice (the work queues, then the view); snapshots are immutable.
  if (role === undefined) {
    let offered = offeredCache.get(snapshot);
    if (!offered) {
      offered = offeredEvents(flow, snapshot);
      offeredCache.set(snapshot, offered);
    }
    return offered;
  }
  return offeredEvents(flow, snapshot, role);
}

const offeredCache = new WeakMap<AnyMachineSnapshot, readonly OfferedEvent[]>();

function offeredEvents(flow: Flow, snapshot: AnyMachineSnapshot, role?: Role): OfferedEvent[] {
  const byType = new Map<string, AnyTransitionDefinition[]>();
  for (const t of getNextTransitions(snapshot)) {
    if (!t.eventType || t.eventType.startsWith('xstate.')) continue;
    byType.set(t.eventType, [...(byType.get(t.eventType) ?? []), t]);
  }
  const offered: OfferedEvent[] = [];
  for (const [type, transitions] of byType) {
    const probe: EngineEvent = { type, data: {}, now: '', actor: { id: '', role: role ?? SYSTEM_ROLE } };
    if (!snapshot.can(probe) && !transitions.some((t) => t.guard !== undefined)) continue;
    const roles = rolesFor(flow, snapshot, type);
    if (role !== undefined && !roles.includes(role)) continue;
    const label = eventMeta(flow, snapshot, type, 'label');
    const confirm = eventMeta(flow, snapshot, type, 'confirm');
    const form = formFor(flow, snapshot, type)?.id;
    offered.push({ type, roles, groups: groupsFor(flow, snapshot, type), ...(label && { label }), ...(form && { form }), ...(confirm && { confirm }) });
  }
  return offered;
}

/** Who may act now: each role (but the system) and group (`''`: any) that may send at least one offered event, once. Pure. */
export function awaitingOf(flow: Flow, snapshot: AnyMachineSnapshot): { role: Role; group: string }[] {
  const seen = new Map<string, { role: Role; group: string }>();
  for (const event of allowedEvents(flow, snapshot)) {
    for (const role of event.roles) {
      for (const group of event.groups.length ? event.groups : ['']) seen.set(`${role}\u0000${group}`, { role, group });
    }
  }
  return [...seen.values()];
}

/** The nearest active `meta[key]` (leaf to root), or undefined. Pure. */
export function activeMeta<K extends keyof StateMeta>(flow: Flow, snapshot: AnyMachineSnapshot, key: K): StateMeta[K] | undefined {
  for (const node of activeNodes(flow, snapshot)) {
    const value = metaOf(node)[key];
    if (value !== undefined) return value;
  }
  return undefined;
}

/** True when the machine has reached a top-level final state. Pure. */
export function isFinal(snapshot: AnyMachineSnapshot): boolean {
  return snapshot.status === 'done';
}
