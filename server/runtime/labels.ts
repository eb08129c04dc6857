/**
 * Labels for the history: an event type's and a state's, in words from the definition, so a
 * timeline needs no knowledge of a flow's names. Pure; cached per built flow.
 */
import type { Flow } from '#machines/build.ts';
import { renderTexts } from '#machines/template.ts';
import type { I18nText, StateMeta } from '#machines/types.ts';

type Node = { meta?: StateMeta; states?: Record<string, Node> };
type Labels = { events: Map<string, I18nText>; states: Map<string, I18nText> };

const cache = new WeakMap<Flow, Labels>();

function labelsOf(flow: Flow): Labels {
  let labels = cache.get(flow);
  if (!labels) {
    const { definition } = flow.bundle;
    const vars = { policy: definition.policy };
    const events = new Map<string, I18nText>();
    const states = new Map<string, I18nText>();
    const visit = (node: Node, path: string[], inherited: I18nText | undefined) => {
      const own = node.meta?.label ? renderTexts(node.meta.label, vars) : inherited;
      if (path.length > 0 && own) states.set(path.join('.'), own);
      for (const [type, meta] of Object.entries(node.meta?.events ?? {})) {
        if (meta.label && !events.has(type)) events.set(type, renderTexts(meta.label, vars));
      }
      for (const [key, child] of Object.entries(node.states ?? {})) visit(child, [...path, key], own);
    };
    visit(definition.machine as Node, [], undefined);
    labels = { events, states };
    cache.set(flow, labels);
  }
  return labels;
}

/** The first label the definition gives the event type, or null (timers, START, unlabelled events). */
export function eventLabelOf(flow: Flow, type: string): I18nText | null {
  return labelsOf(flow).events.get(type) ?? null;
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
