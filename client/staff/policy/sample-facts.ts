/**
 * What the simulator puts where a server hook would establish facts: the sample the hook's pack
 * gives in its registry entry (`sample(policy, now)`, following the draft's policy), or nothing.
 * Pure.
 */
import type { Registry } from '../../../machines/registry.ts';

/** Sample facts of the hook `hook` in `registry` for `policy` at `now` (`{}` when it gives none). */
export function sampleFacts(registry: Registry, hook: string, policy: Record<string, unknown>, now: string): Record<string, unknown> {
  const entry = Object.hasOwn(registry.hooks, hook) ? registry.hooks[hook] : undefined;
  try {
    return entry?.sample?.(policy, now) ?? {};
  } catch {
    // NOTE: a sample reads the draft's policy, which may be half-written; the user can type facts.
    return {};
  }
}
