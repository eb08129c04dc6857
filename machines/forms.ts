/** Which forms a definition refers to (pure). */
import type { FlowDefinition, StateMeta } from './types.ts';

type StateNodeJson = { meta?: StateMeta; states?: Record<string, StateNodeJson> };

/** Every form id named by a state's `meta.form` or `meta.events[*].form`, in document order, once each. */
export function formIdsOf(definition: FlowDefinition): string[] {
  const ids = new Set<string>();
  const visit = (node: StateNodeJson | undefined) => {
    if (!node || typeof node !== 'object') return;
    const meta = node.meta;
    if (meta && typeof meta === 'object') {
      if (typeof meta.form === 'string') ids.add(meta.form);
      for (const e of Object.values(meta.events ?? {})) if (e && typeof e.form === 'string') ids.add(e.form);
    }
    for (const child of Object.values(node.states ?? {})) visit(child);
  };
  visit(definition?.machine as StateNodeJson | undefined);
  return [...ids];
}
