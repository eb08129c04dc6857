/** A published bundle turned into a runnable flow: validated, then built into an XState machine. */
import type { AnyStateMachine } from 'xstate';
import { DefinitionInvalidError } from './errors.ts';
import { createFlowMachine } from './machine-config.ts';
import { genericRegistry, type Registry } from './registry.ts';
import type { FlowBundle } from './types.ts';
import { validateBundle } from './validate.ts';

/** A bundle, its machine and the registry it was built with. `bundle` is a private deep copy: later changes to the input do not leak in. */
export type Flow = { bundle: FlowBundle; machine: AnyStateMachine; registry: Registry };

/**
 * Validates `bundle` and builds its machine (registry implementations closed over its policy).
 * Pure and deterministic (cache the result by key@version); throws `DefinitionInvalidError`
 * carrying every finding when the validator reports an error. Warnings do not stop the build.
 */
export function buildFlow(bundle: FlowBundle, registry: Registry = genericRegistry): Flow {
  const findings = validateBundle(bundle, registry);
  if (findings.some((f) => f.severity === 'error')) {
    const key = typeof bundle?.definition?.key === 'string' ? bundle.definition.key : '(no key)';
    throw new DefinitionInvalidError(key, findings);
  }
  const copy = structuredClone(bundle);
  return { bundle: copy, machine: createFlowMachine(copy.definition, registry), registry };
}
