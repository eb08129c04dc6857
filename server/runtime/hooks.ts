/**
 * Hooks: the domain steps an event needs before its transition. A definition names one per event
 * and state (`meta.events.<TYPE>.hook`); the installed packs implement them (server/packs.ts). A
 * hook runs inside the event's transaction, checks what only the database knows and returns facts
 * that travel with the event (logged, hashed, replayed); refusing means throwing a typed error,
 * and then nothing is written.
 */
import type { AnyMachineSnapshot } from 'xstate';
import type { Flow } from '#machines/build.ts';
import { activeNodes } from '#machines/engine.ts';
import { ownValue } from '#machines/object-path.ts';
import type { StateMeta } from '#machines/types.ts';
import type { Facts, Hook, HookContext } from './pack.ts';

/** The hook the active state names for `type` (nearest `meta.events[type].hook`, leaf to root), or null. */
export function hookFor(flow: Flow, snapshot: AnyMachineSnapshot, type: string): { type: string; params: Record<string, unknown> } | null {
  for (const node of activeNodes(flow, snapshot)) {
    const hook = ((node.meta ?? {}) as StateMeta).events?.[type]?.hook;
    if (hook) return { type: hook.type, params: hook.params ?? {} };
  }
  return null;
}

/** Runs the hook the state names for the event, if any; resolves to its facts (undefined without a hook). */
export async function runHook(hooks: Record<string, Hook>, ctx: Omit<HookContext, 'params'>): Promise<Facts | undefined> {
  const named = hookFor(ctx.flow, ctx.snapshot, ctx.event.type);
  if (!named) return undefined;
  const hook = ownValue(hooks, named.type);
  // NOTE: the flow was built with the same registry the packs implement, so this is a wiring bug.
  if (!hook) throw new Error(`no server hook '${named.type}' is installed (the validator should have refused this definition)`);
  return hook({ ...ctx, params: named.params });
}
