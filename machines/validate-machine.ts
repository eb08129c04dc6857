/** Static analysis of a definition's machine JSON, with a JSON path for every finding. */
import { createMachine } from 'xstate';
import { at, checkI18n, type Findings, kindOf, list, unknownKeys, type Json } from './findings.ts';
import { toMachineConfig } from './machine-config.ts';
import { isRecord, ownValue } from './object-path.ts';
import { eventTypeProblem, groupNameProblem, stateKeyProblem } from './names.ts';
import type { CheckScope, Registry } from './registry.ts';
import { ROLES } from './types.ts';
import { checkReference } from './validate-params.ts';

const STATE_TYPES = ['atomic', 'compound', 'parallel', 'final', 'history'] as const;
type Kind = (typeof STATE_TYPES)[number];
const COMMON_KEYS = ['id', 'type', 'description', 'meta', 'tags'];
const HISTORY_KEYS = [...COMMON_KEYS, 'history', 'target'];
const NODE_KEYS = [...COMMON_KEYS, 'states', 'initial', 'on', 'always', 'after', 'entry', 'exit', 'onDone', 'output'];
const ROOT_KEYS = [...NODE_KEYS, 'context'];
const TRANSITION_KEYS = ['target', 'guard', 'actions', 'reenter', 'description'];
const META_KEYS = ['form', 'roles', 'groups', 'label', 'step', 'status', 'description', 'review', 'next', 'events'];
const EVENT_META_KEYS = ['roles', 'groups', 'form', 'label', 'confirm', 'hook'];
const HOOK_KEYS = ['type', 'params'];

type StateInfo = {
  key: string;
  keys: string[];
  id: string;
  json: Json;
  path: string;
  parent: StateInfo | undefined;
  children: Map<string, StateInfo>;
  kind: Kind;
  transitions: TransitionInfo[];
};

type TransitionInfo = {
  source: StateInfo;
  via: 'on' | 'always' | 'after' | 'onDone' | 'history';
  targets: { value: string; path: string }[];
  resolved: StateInfo[];
};

function nameOf(state: StateInfo): string {
  return state.parent ? `state '${state.keys.join('.')}'` : 'the machine root';
}

function ancestorsAndSelf(state: StateInfo): StateInfo[] {
  const chain: StateInfo[] = [];
  for (let s: StateInfo | undefined = state; s; s = s.parent) chain.push(s);
  return chain;
}

function descendantsAndSelf(state: StateInfo): StateInfo[] {
  return [state, ...[...state.children.values()].flatMap(descendantsAndSelf)];
}

const metaOf = (state: StateInfo): Json => (isRecord(state.json.meta) ? state.json.meta : {});
const eventMetaOf = (state: StateInfo, type: string): Json => {
  const events = metaOf(state).events;
  const entry = isRecord(events) ? ownValue(events, type) : undefined;
  return isRecord(entry) ? entry : {};
};
const handles = (state: StateInfo, type: string) => isRecord(state.json.on) && Object.hasOwn(state.json.on, type);

/** The checks of a definition's machine: structure, names, targets, meta, roles, reachability, ways out. */
export class MachineCheck {
  /** Set when the state structure is broken (bad targets, initial, types): later passes would only echo it. */
  private broken = false;
  private readonly ids = new Map<string, StateInfo>();
  readonly states: StateInfo[] = [];
  readonly usedForms = new Set<string>();
  readonly usedTemplates = new Set<string>();
  /** Groups named in any meta (a flow that names groups shows its applications only to staff in one of them). */
  readonly usedGroups = new Set<string>();
  /** Registry delays and hooks the machine names, with the path of (first) use. */
  readonly usedDelays = new Map<string, string>();
  readonly usedHooks = new Map<string, string>();
  /** Context paths `setContext` writes; whether any transition runs `saveFacts`. */
  readonly setPaths = new Set<string>();
  savesFacts = false;

  constructor(
    private readonly out: Findings,
    private readonly machine: Json,
    private readonly forms: Json,
    private readonly scope: CheckScope,
    private readonly delays: Json,
    private readonly registry: Registry,
  ) {}

  run() {
    const machineId = typeof this.machine.id === 'string' && this.machine.id !== '' ? this.machine.id : '(machine)';
    const root = this.buildTree(this.machine, '$.definition.machine', undefined, '', machineId);
    for (const state of this.states) this.checkState(state);
    for (const state of this.states) for (const t of state.transitions) this.resolveTargets(t);
    for (const state of this.states) this.checkRoles(state);
    if (!this.states.some((s) => s.kind === 'final')) {
      this.out.warn('$.definition.machine', 'the machine has no final state: no application can ever finish');
    }
    if (this.broken) return;
    this.checkReachability(root);
    this.checkWaysOut();
    try {
      createMachine(toMachineConfig(this.machine));
    } catch (error) {
      this.out.error('$.definition.machine', `XState cannot build the machine: ${(error as Error).message}`);
    }
  }

  private structural(path: string, message: string) {
    this.broken = true;
    this.out.error(path, message);
  }

  private buildTree(json: Json, path: string, parent: StateInfo | undefined, key: string, machineId: string): StateInfo {
    const keys = parent ? [...parent.keys, key] : [];
    const explicitId = typeof json.id === 'string' && json.id !== '' ? json.id : undefined;
    const state: StateInfo = {
      key,
      keys,
      id: parent ? (explicitId ?? [machineId, ...keys].join('.')) : machineId,
      json,
      path,
      parent,
      children: new Map(),
      kind: 'atomic',
      transitions: [],
    };
    this.states.push(state);
    const clash = this.ids.get(state.id);
    if (clash) this.structural(at(path, 'id'), `state id '${state.id}' is already used by ${nameOf(clash)}`);
    else this.ids.set(state.id, state);

    if (json.type !== undefined && !STATE_TYPES.includes(json.type as Kind)) {
      this.structural(at(path, 'type'), `unknown state type ${JSON.stringify(json.type)}; allowed: ${STATE_TYPES.join(', ')}`);
    }
    if (json.states !== undefined && !isRecord(json.states)) {
      this.structural(at(path, 'states'), `states must be an object of state key → state, got ${kindOf(json.states)}`);
    }
    for (const [childKey, child] of Object.entries(isRecord(json.states) ? json.states : {})) {
      const childPath = at(path, 'states', childKey);
      const keyProblem = stateKeyProblem(childKey);
      if (keyProblem) {
        this.structural(childPath, keyProblem);
      } else if (!isRecord(child)) {
        this.structural(childPath, `state '${childKey}' must be an object, got ${kindOf(child)}`);
      } else {
        state.children.set(childKey, this.buildTree(child, childPath, state, childKey, machineId));
      }
    }
    const declared = STATE_TYPES.includes(json.type as Kind) ? (json.type as Kind) : undefined;
    state.kind = declared && declared !== 'compound' ? declared : state.children.size > 0 ? 'compound' : 'atomic';
    if (state.children.size > 0 && ['atomic', 'final', 'history'].includes(state.kind)) {
      this.structural(at(path, 'type'), `a state of type '${state.kind}' cannot have child states`);
    }
    if (state.kind === 'compound') this.checkInitial(state);
    return state;
  }

  private checkInitial(state: StateInfo) {
    const children = list(state.children.keys());
    const { initial } = state.json;
    if (initial === undefined) {
      this.structural(state.path, `${nameOf(state)} has child states but no 'initial'; its states: ${children}`);
    } else if (typeof initial !== 'string' || !state.children.has(initial)) {
      this.structural(at(state.path, 'initial'), `initial state ${JSON.stringify(initial)} is not a child of ${nameOf(state)}; its states: ${children}`);
    }
  }

  private checkState(state: StateInfo) {
    const { json, path } = state;
    const allowed = state.kind === 'history' ? HISTORY_KEYS : state.parent ? NODE_KEYS : ROOT_KEYS;
    for (const key of Object.keys(json)) {
      if (allowed.includes(key)) continue;
      const message =
        key === 'invoke'
          ? "'invoke' is not supported: a definition cannot start actors; use registry actions (effects run after commit)"
          : key === 'context'
            ? "'context' is only allowed on the machine root"
            : `unknown key '${key}' in ${nameOf(state)}; allowed: ${allowed.join(', ')}`;
      this.out.error(at(path, key), message);
    }
    if (!state.parent && json.context !== undefined && !isRecord(json.context)) {
      this.out.error(at(path, 'context'), `context must be an object, got ${kindOf(json.context)}`);
    }
    this.checkActions(json.entry, at(path, 'entry'));
    this.checkActions(json.exit, at(path, 'exit'));
    this.checkMeta(state);

    if (json.on !== undefined) {
      // NOTE: XState itself rejects these two, so they count as structural (its message would repeat them).
      if (!isRecord(json.on)) this.structural(at(path, 'on'), `on must be an object of event type → transition, got ${kindOf(json.on)}`);
      else
        for (const [type, value] of Object.entries(json.on)) {
          const eventProblem = eventTypeProblem(type);
          if (eventProblem) this.structural(at(path, 'on', type), eventProblem);
          else this.collect(state, 'on', value, at(path, 'on', type));
        }
    }
    if (json.always !== undefined) this.collect(state, 'always', json.always, at(path, 'always'));
    if (json.onDone !== undefined) {
      if (state.kind !== 'compound' && state.kind !== 'parallel') {
        this.out.warn(at(path, 'onDone'), `onDone on ${nameOf(state)} never fires: only states with child states complete`);
      }
      this.collect(state, 'onDone', json.onDone, at(path, 'onDone'));
    }
    if (json.after !== undefined) {
      if (!isRecord(json.after)) this.out.error(at(path, 'after'), `after must be an object of delay name → transition, got ${kindOf(json.after)}`);
      else
        for (const [delay, value] of Object.entries(json.after)) {
          this.checkDelay(delay, at(path, 'after', delay));
          this.collect(state, 'after', value, at(path, 'after', delay));
        }
    }
    if (state.kind === 'history') {
      if (json.history !== undefined && json.history !== 'shallow' && json.history !== 'deep') {
        this.out.error(at(path, 'history'), `history must be 'shallow' or 'deep', got ${JSON.stringify(json.history)}`);
      }
      if (json.target !== undefined) this.collect(state, 'history', { target: json.target }, path);
    }
  }

  private checkDelay(delay: string, path: string) {
    if (Object.hasOwn(this.delays, delay)) return;
    if (ownValue(this.registry.delays, delay)) {
      if (!this.usedDelays.has(delay)) this.usedDelays.set(delay, path);
      return;
    }
    const known = [...Object.keys(this.registry.delays), ...Object.keys(this.delays)];
    const knownText = known.length > 0 ? `known delays: ${known.join(', ')}; ` : '';
    this.out.error(path, `unknown delay '${delay}'; ${knownText}declare it in policy.delays as an ISO 8601 duration (e.g. "P7D")`);
  }

  private collect(state: StateInfo, via: TransitionInfo['via'], value: unknown, path: string) {
    const items: [unknown, string][] = Array.isArray(value) ? value.map((v, i) => [v, at(path, i)]) : [[value, path]];
    for (const [item, itemPath] of items) {
      const transition: TransitionInfo = { source: state, via, targets: [], resolved: [] };
      state.transitions.push(transition);
      if (typeof item === 'string') {
        transition.targets.push({ value: item, path: itemPath });
        continue;
      }
      if (!isRecord(item)) {
        this.out.error(itemPath, `a transition must be a target state or { target, guard, actions }, got ${kindOf(item)}`);
        continue;
      }
      for (const key of Object.keys(item)) {
        if (TRANSITION_KEYS.includes(key)) continue;
        const hint = key === 'cond' ? "'cond' is XState v4; use 'guard'" : key === 'internal' ? "'internal' is XState v4; use 'reenter'" : '';
        this.out.error(at(itemPath, key), hint || `unknown key '${key}' in transition; allowed: ${TRANSITION_KEYS.join(', ')}`);
      }
      const { target } = item;
      if (typeof target === 'string') transition.targets.push({ value: target, path: at(itemPath, 'target') });
      else if (Array.isArray(target) && target.every((t) => typeof t === 'string')) {
        target.forEach((t: string, i) => transition.targets.push({ value: t, path: at(itemPath, 'target', i) }));
      } else if (target !== undefined) {
        this.structural(at(itemPath, 'target'), `target must be a state or a list of states, got ${kindOf(target)}`);
      }
      if (item.reenter !== undefined && typeof item.reenter !== 'boolean') {
        this.out.error(at(itemPath, 'reenter'), `reenter must be true or false, got ${kindOf(item.reenter)}`);
      }
      if (item.guard !== undefined) this.checkGuard(item.guard, at(itemPath, 'guard'));
      this.checkActions(item.actions, at(itemPath, 'actions'));
      if (via === 'always' || via === 'onDone') this.checkTimeless(item.actions, at(itemPath, 'actions'), via);
    }
  }

  /**
   * `stamp` writes the time of the event that takes the transition; `always` and `onDone` are taken
   * on XState's own events, which carry no time, so the stamp would write nothing.
   */
  private checkTimeless(actions: unknown, path: string, via: 'always' | 'onDone') {
    const list = Array.isArray(actions) ? actions : actions === undefined ? [] : [actions];
    list.forEach((action: unknown, i) => {
      const name = typeof action === 'string' ? action : isRecord(action) ? action.type : undefined;
      if (name !== 'stamp') return;
      const where = Array.isArray(actions) ? at(path, i) : path;
      this.out.warn(where, `stamp on ${via === 'always' ? 'an always' : 'an onDone'} transition writes nothing: it runs on XState's own event, which carries no time; stamp on the event that leads here`);
    });
  }

  private checkGuard(guard: unknown, path: string) {
    if (typeof guard === 'string') {
      this.checkEntry('guard', guard, undefined, path);
      return;
    }
    if (!isRecord(guard) || typeof guard.type !== 'string') {
      this.out.error(path, 'a guard must be a name, { "type", "params" }, { "type": "and" | "or", "guards": [...] } or { "type": "not", "guard": ... }');
      return;
    }
    const { type } = guard;
    if (type === 'and' || type === 'or') {
      unknownKeys(this.out, guard, path, ['type', 'guards'], `an '${type}' guard`, 'error');
      if (!Array.isArray(guard.guards) || guard.guards.length === 0) {
        this.out.error(at(path, 'guards'), `'${type}' needs a non-empty list 'guards'`);
      } else guard.guards.forEach((g: unknown, i) => this.checkGuard(g, at(path, 'guards', i)));
    } else if (type === 'not') {
      unknownKeys(this.out, guard, path, ['type', 'guard'], "a 'not' guard", 'error');
      if (guard.guard === undefined) this.out.error(path, "'not' needs the guard to negate in 'guard'");
      else this.checkGuard(guard.guard, at(path, 'guard'));
    } else {
      unknownKeys(this.out, guard, path, ['type', 'params'], 'a guard', 'error');
      this.checkEntry('guard', type, guard.params, path);
    }
  }

  private checkActions(actions: unknown, path: string) {
    if (actions === undefined) return;
    const items: [unknown, string][] = Array.isArray(actions) ? actions.map((a, i) => [a, at(path, i)]) : [[actions, path]];
    for (const [action, actionPath] of items) {
      if (typeof action === 'string') this.checkEntry('action', action, undefined, actionPath);
      else if (isRecord(action) && typeof action.type === 'string') {
        unknownKeys(this.out, action, actionPath, ['type', 'params'], 'an action', 'error');
        this.checkEntry('action', action.type, action.params, actionPath);
      } else this.out.error(actionPath, `an action must be a name or { "type", "params" }, got ${kindOf(action)}`);
    }
  }

  private checkEntry(kind: 'guard' | 'action', name: string, params: unknown, path: string) {
    const valid = checkReference(this.out, this.registry, kind, name, params, path, this.scope);
    if (kind !== 'action') return;
    if (name === 'notify' && typeof valid?.template === 'string') this.usedTemplates.add(valid.template);
    if ((name === 'setContext' || name === 'saveAt') && typeof valid?.path === 'string') this.setPaths.add(valid.path);
    if (name === 'saveFacts') this.savesFacts = true;
  }

  private checkGroupList(groups: unknown, path: string) {
    if (!Array.isArray(groups) || groups.length === 0) {
      this.out.error(path, `groups must be a non-empty list of group names such as ["finance"], got ${kindOf(groups)}`);
      return;
    }
    groups.forEach((group: unknown, i) => {
      const problem = groupNameProblem(group);
      if (problem) this.out.error(at(path, i), problem);
      else this.usedGroups.add(group as string);
    });
  }

  private checkMeta(state: StateInfo) {
    const { json } = state;
    if (json.meta === undefined) return;
    const path = at(state.path, 'meta');
    if (!isRecord(json.meta)) {
      this.out.error(path, `meta must be an object, got ${kindOf(json.meta)}`);
      return;
    }
    const meta = json.meta;
    unknownKeys(this.out, meta, path, META_KEYS, 'meta', 'warning');
    if (meta.form !== undefined) this.checkFormRef(meta.form, at(path, 'form'));
    if (meta.roles !== undefined) this.checkRoleList(meta.roles, at(path, 'roles'));
    if (meta.groups !== undefined) this.checkGroupList(meta.groups, at(path, 'groups'));
    if (meta.label !== undefined) checkI18n(this.out, meta.label, at(path, 'label'), 'meta.label');
    if (meta.description !== undefined) checkI18n(this.out, meta.description, at(path, 'description'), 'meta.description');
    if (meta.next !== undefined) checkI18n(this.out, meta.next, at(path, 'next'), 'meta.next');
    if (meta.review !== undefined && typeof meta.review !== 'boolean') {
      this.out.error(at(path, 'review'), `meta.review must be true (a "check your answers" step) or false, got ${kindOf(meta.review)}`);
    }
    if (meta.review === true && meta.form === undefined) {
      this.out.warn(at(path, 'review'), `${nameOf(state)} is a "check your answers" step without a form: give it the declaration form its SUBMIT sends`);
    }
    if (meta.status !== undefined && (typeof meta.status !== 'string' || meta.status === '')) {
      this.out.error(at(path, 'status'), `meta.status must be a non-empty string, got ${kindOf(meta.status)}`);
    }
    if (meta.step !== undefined) {
      const step = meta.step;
      if (!isRecord(step)) this.out.error(at(path, 'step'), `meta.step must be { id, order, label? }, got ${kindOf(step)}`);
      else {
        if (typeof step.id !== 'string' || step.id === '') this.out.error(at(path, 'step', 'id'), 'meta.step.id must be a non-empty string');
        if (typeof step.order !== 'number' || !Number.isFinite(step.order)) this.out.error(at(path, 'step', 'order'), 'meta.step.order must be a number');
        if (step.label !== undefined) checkI18n(this.out, step.label, at(path, 'step', 'label'), 'meta.step.label');
      }
    }
    if (meta.events === undefined) return;
    if (!isRecord(meta.events)) {
      this.out.error(at(path, 'events'), `meta.events must be an object of event type → { roles, form, label, hook }, got ${kindOf(meta.events)}`);
      return;
    }
    for (const [type, eventMeta] of Object.entries(meta.events)) {
      const eventPath = at(path, 'events', type);
      if (!isRecord(eventMeta)) {
        this.out.error(eventPath, `meta.events.${type} must be { roles?, form?, label?, hook? }, got ${kindOf(eventMeta)}`);
        continue;
      }
      unknownKeys(this.out, eventMeta, eventPath, EVENT_META_KEYS, `meta.events.${type}`, 'warning');
      if (eventMeta.roles !== undefined) this.checkRoleList(eventMeta.roles, at(eventPath, 'roles'));
      if (eventMeta.groups !== undefined) this.checkGroupList(eventMeta.groups, at(eventPath, 'groups'));
      if (eventMeta.form !== undefined) this.checkFormRef(eventMeta.form, at(eventPath, 'form'));
      if (eventMeta.label !== undefined) checkI18n(this.out, eventMeta.label, at(eventPath, 'label'), `meta.events.${type}.label`);
      if (eventMeta.confirm !== undefined) checkI18n(this.out, eventMeta.confirm, at(eventPath, 'confirm'), `meta.events.${type}.confirm`);
      const hook = eventMeta.hook === undefined ? undefined : this.checkHook(eventMeta.hook, at(eventPath, 'hook'));
      const related = [...ancestorsAndSelf(state), ...descendantsAndSelf(state)];
      if (!related.some((s) => handles(s, type))) {
        const unused = hook === undefined ? '' : `, so its hook '${hook}' never runs`;
        this.out.warn(eventPath, `meta.events.${type}: neither ${nameOf(state)} nor its ancestors or descendants handle '${type}'${unused}`);
      }
    }
  }

  /** Checks `meta.events.<TYPE>.hook` (`{ type, params? }` naming a registry hook); returns its name when it has one. */
  private checkHook(hook: unknown, path: string): string | undefined {
    if (!isRecord(hook)) {
      const hint = typeof hook === 'string' ? `; write { "type": ${JSON.stringify(hook)} }` : '';
      this.out.error(path, `a hook must be { "type": <hook name>, "params"?: {…} }, got ${kindOf(hook)}${hint}`);
      return undefined;
    }
    if (typeof hook.type !== 'string') {
      const known = list(Object.keys(this.registry.hooks).sort());
      this.out.error(at(path, 'type'), `a hook needs "type", the name of a hook (known hooks: ${known}), got ${kindOf(hook.type)}`);
      return undefined;
    }
    unknownKeys(this.out, hook, path, HOOK_KEYS, 'a hook', 'error');
    const valid = checkReference(this.out, this.registry, 'hook', hook.type, hook.params, path, this.scope);
    if (valid && !this.usedHooks.has(hook.type)) this.usedHooks.set(hook.type, path);
    return hook.type;
  }

  private checkFormRef(form: unknown, path: string) {
    if (typeof form !== 'string') this.out.error(path, `a form reference must be a form id (string), got ${kindOf(form)}`);
    else if (!Object.hasOwn(this.forms, form)) this.out.error(path, `form '${form}' is not in the bundle's forms; forms: ${list(Object.keys(this.forms))}`);
    else this.usedForms.add(form);
  }

  private checkRoleList(roles: unknown, path: string) {
    if (!Array.isArray(roles)) {
      this.out.error(path, `roles must be a list of: ${ROLES.join(', ')}; got ${kindOf(roles)}`);
      return;
    }
    roles.forEach((role: unknown, i) => {
      if (!ROLES.includes(role as (typeof ROLES)[number])) {
        this.out.error(at(path, i), `unknown role ${JSON.stringify(role)}; known roles: ${ROLES.join(', ')}`);
      }
    });
  }

  /** Every event a state handles must be sendable by some role (resolved as `rolesFor` does, from the handler up). */
  private checkRoles(state: StateInfo) {
    if (!isRecord(state.json.on)) return;
    for (const type of Object.keys(state.json.on)) {
      if (eventTypeProblem(type)) continue;
      let resolved: { roles: unknown; where: string } | undefined;
      for (const s of ancestorsAndSelf(state)) {
        const eventRoles = eventMetaOf(s, type).roles;
        const roles = metaOf(s).roles;
        if (eventRoles !== undefined) resolved = { roles: eventRoles, where: `meta.events.${type}.roles of ${nameOf(s)}` };
        else if (roles !== undefined) resolved = { roles, where: `meta.roles of ${nameOf(s)}` };
        if (resolved) break;
      }
      const path = at(state.path, 'on', type);
      if (!resolved) {
        this.out.error(path, `no role may send '${type}' in ${nameOf(state)}: set meta.roles on it or an ancestor, or meta.events.${type}.roles`);
      } else if (Array.isArray(resolved.roles) && resolved.roles.length === 0 && !resolved.where.startsWith('meta.events.')) {
        // An empty list on one event's meta means "only the system sends it" (a payment notice);
        // an empty state-level list would silence every event of the state, so that stays an error.
        this.out.error(path, `no role may send '${type}' in ${nameOf(state)}: ${resolved.where} is empty`);
      }
    }
  }

  private resolveTargets(transition: TransitionInfo) {
    for (const target of transition.targets) {
      const result = this.resolve(transition.source, target.value);
      if (typeof result === 'string') this.structural(target.path, result);
      else transition.resolved.push(result);
    }
  }

  /** Resolves a target as XState does (`#id.path`, `.child` below the source, `sibling.child` beside it). */
  private resolve(source: StateInfo, target: string): StateInfo | string {
    let base: StateInfo;
    let rest: string;
    if (target.startsWith('#')) {
      const [id = '', ...path] = target.slice(1).split('.');
      const found = this.ids.get(id);
      if (!found) return `target '${target}' does not exist: no state has id '${id}'`;
      [base, rest] = [found, path.join('.')];
    } else if (target.startsWith('.')) {
      [base, rest] = [source, target.slice(1)];
    } else if (!source.parent) {
      return `target '${target}' on the machine root must start with '.' (a child) or '#' (an id): use '.${target}'`;
    } else {
      [base, rest] = [source.parent, target];
    }
    for (const segment of rest === '' ? [] : rest.split('.')) {
      const next = base.children.get(segment);
      if (!next) {
        return `target '${target}' does not exist: ${nameOf(base)} has no state '${segment}'; its states: ${list(base.children.keys())}`;
      }
      base = next;
    }
    return base;
  }

  private checkReachability(root: StateInfo) {
    const reached = new Set<StateInfo>();
    const queue: StateInfo[] = [];
    const mark = (s: StateInfo) => {
      if (reached.has(s)) return;
      reached.add(s);
      queue.push(s);
    };
    const enterDefault = (s: StateInfo): void => {
      mark(s);
      if (s.kind === 'compound') {
        const initial = s.children.get(String(s.json.initial));
        if (initial) enterDefault(initial);
      } else if (s.kind === 'parallel') s.children.forEach(enterDefault);
      else if (s.kind === 'history' && s.parent && s.json.target === undefined) enterDefault(s.parent);
    };
    const enterTarget = (s: StateInfo) => {
      enterDefault(s);
      for (let child = s, parent = s.parent; parent; child = parent, parent = parent.parent) {
        mark(parent);
        if (parent.kind === 'parallel') for (const region of parent.children.values()) if (region !== child) enterDefault(region);
      }
    };
    enterDefault(root);
    for (let s = queue.shift(); s; s = queue.shift()) for (const t of s.transitions) t.resolved.forEach(enterTarget);
    for (const state of this.states) {
      if (!reached.has(state) && state.parent && reached.has(state.parent)) {
        this.out.error(state.path, `${nameOf(state)} is unreachable: no transition targets it or a descendant, and it is not an initial state`);
      }
    }
  }

  /**
   * A non-final atomic state needs a transition that leaves it: on itself or an ancestor, or, inside
   * a parallel state, one anywhere in that parallel state that leaves (or re-enters) it. The onDone
   * of the state's own ancestors does not count: they complete only once the state has left.
   */
  private checkWaysOut() {
    for (const state of this.states) {
      if (state.kind !== 'atomic' || !state.parent) continue;
      const chain = ancestorsAndSelf(state);
      const usable = (t: TransitionInfo) => t.via !== 'onDone' || !chain.includes(t.source);
      const leavesParallel = (parallel: StateInfo) => {
        const inside = descendantsAndSelf(parallel);
        const leaves = (t: TransitionInfo) => usable(t) && t.resolved.some((target) => target === parallel || !inside.includes(target));
        return inside.some((s) => s.transitions.some(leaves));
      };
      if (chain.some((s) => s.transitions.some((t) => usable(t) && t.resolved.some((target) => target !== state)))) continue;
      if (chain.some((p) => p.kind === 'parallel' && leavesParallel(p))) continue;
      const fix = 'add a transition (on, always or after) to it or an ancestor, or make it "type": "final"';
      this.out.error(state.path, `${nameOf(state)} is not final and has no way out: ${fix}`);
    }
  }
}
