/**
 * Labels for the history: an event type's and a state's, in words from the definition, so a
 * timeline needs no knowledge of a flow's names; and which events' data the definition keeps from
 * the applicant. Pure; cached per built flow.
 */
import type { Flow } from '#machines/build.ts';
import { renderTexts } from '#machines/template.ts';
import type { I18nText, StateMeta } from '#machines/types.ts';

type Node = { meta?: StateMeta; states?: Record<string, Node>; on?: Record<string, unknown> };
type Labels = {
  /** The first label of each event type (document order): for events sent from a state that gives none. */
  events: Map<string, I18nText>;
  states: Map<string, I18nText>;
  /** Per state path (`application.checkAnswers`, `''` for the root): its own event labels. */
  eventsAt: Map<string, Map<string, I18nText>>;
  /** Per state path: the event types whose transitions there keep their data outside `data` (`saveAt`). */
  keptAt: Map<string, Set<string>>;
};

const cache = new WeakMap<Flow, Labels>();

function labelsOf(flow: Flow): Labels {
  let labels = cache.get(flow);
  if (!labels) {
    const { definition } = flow.bundle;
    const vars = { policy: definition.policy };
    const events = new Map<string, I18nText>();
    const states = new Map<string, I18nText>();
    const eventsAt = new Map<string, Map<string, I18nText>>();
    const keptAt = new Map<string, Set<string>>();
    const visit = (node: Node, path: string[], inherited: I18nText | undefined) => {
      const own = node.meta?.label ? renderTexts(node.meta.label, vars) : inherited;
      if (path.length > 0 && own) states.set(path.join('.'), own);
      const here = new Map<string, I18nText>();
      for (const [type, meta] of Object.entries(node.meta?.events ?? {})) {
        if (!meta.label) continue;
        const label = renderTexts(meta.label, vars);
        here.set(type, label);
        if (!events.has(type)) events.set(type, label);
      }
      eventsAt.set(path.join('.'), here);
      const kept = new Set(Object.entries(node.on ?? {}).filter(([, t]) => savesAt(t)).map(([type]) => type));
      if (kept.size) keptAt.set(path.join('.'), kept);
      for (const [key, child] of Object.entries(node.states ?? {})) visit(child, [...path, key], own);
    };
    visit(definition.machine as Node, [], undefined);
    labels = { events, states, eventsAt, keptAt };
    cache.set(flow, labels);
  }
  return labels;
}

/** True when a transition (or one of a list) runs the `saveAt` action. */
function savesAt(transition: unknown): boolean {
  const list = Array.isArray(transition) ? transition : [transition];
  return list.some((t) => {
    if (!t || typeof t !== 'object') return false;
    const actions = (t as { actions?: unknown }).actions;
    return (Array.isArray(actions) ? actions : [actions]).some((a) => a === 'saveAt' || (a && typeof a === 'object' && (a as { type?: unknown }).type === 'saveAt'));
  });
}

/**
 * The state paths a state string (as the engine writes it) names, with their ancestors, deepest
 * first: `review(a.x,b.y)` → review.a.x, review.b.y, review.a, review.b, review; then the root ''.
 */
function statePaths(state: string): string[] {
  const out: string[][] = [];
  let i = 0;
  const value = (prefix: string[]) => {
    const key = /^[^.(),]+/.exec(state.slice(i))?.[0];
    if (key === undefined) return;
    i += key.length;
    const path = [...prefix, key];
    out.push(path);
    if (state[i] === '.') {
      i++;
      value(path);
    } else if (state[i] === '(') {
      i++;
      values(path);
      if (state[i] === ')') i++;
    }
  };
  const values = (prefix: string[]) => {
    value(prefix);
    while (state[i] === ',') {
      i++;
      value(prefix);
    }
  };
  values([]);
  // NOTE: stable sort: within a depth, regions stay in the state string's order (sorted by key), never the definition's key order.
  return [...out.sort((a, b) => b.length - a.length).map((p) => p.join('.')), ''];
}

/**
 * The label of an event type as sent from `from` (a state string): the nearest `meta.events[type].label`
 * on that state's path, leaf to root (a SUBMIT is "Continue" on one step and "Send" on another);
 * else the first the definition gives the type; null for timers, START and unlabelled events.
 */
export function eventLabelOf(flow: Flow, type: string, from?: string | null): I18nText | null {
  const labels = labelsOf(flow);
  if (from) {
    for (const path of statePaths(from)) {
      const label = labels.eventsAt.get(path)?.get(type);
      if (label) return label;
    }
  }
  return labels.events.get(type) ?? null;
}

/**
 * True when the event's transition from `from` keeps what it sent outside `data` (the `saveAt`
 * action: for staff only, such as a security objection's reason): its applicant does not see
 * that event's data in the history either.
 */
export function keptFromApplicant(flow: Flow, type: string, from: string | null): boolean {
  if (from === null) return false;
  const { keptAt } = labelsOf(flow);
  return statePaths(from).some((path) => keptAt.get(path)?.has(type) === true);
}

/**
 * The label of a state written as the engine writes state values (`review.docs`): the nearest
 * label on its path; for a parallel state (`review(a.x,b.y)`) the label of the parallel state
 * itself; null for parallel regions at the root or a state without one.
 */
export function stateLabelOf(flow: Flow, state: string): I18nText | null {
  const path = /^[^(),]+(?=\()/.exec(state)?.[0] ?? state;
  if (/[(),]/.test(path)) return null;
  return labelsOf(flow).states.get(path) ?? null;
}
