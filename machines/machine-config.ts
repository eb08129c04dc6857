/** A definition's JSON machine turned into an XState machine wired to the registry (no validation here). */
import { and, assign, not, or, setup, type AnyStateMachine } from 'xstate';
import { durationToMs } from './duration.ts';
import { isRecord } from './object-path.ts';
import { genericRegistry, type MachineInput, type Policy, type Registry, type RegistryArgs } from './registry.ts';
import type { EngineEvent, FlowContext, FlowDefinition } from './types.ts';

type Json = Record<string, unknown>;
type GuardRef = Parameters<typeof and>[0][number];

/** JSON guard combinators, which XState only offers as functions. */
export const COMBINATORS = ['and', 'or', 'not'] as const;

function translateGuard(guard: unknown): unknown {
  if (!isRecord(guard)) return guard;
  const list = () => (Array.isArray(guard.guards) ? guard.guards.map(translateGuard) : []) as GuardRef[];
  if (guard.type === 'and') return and(list());
  if (guard.type === 'or') return or(list());
  if (guard.type === 'not') return not(translateGuard(guard.guard) as GuardRef);
  return guard;
}

function translateTransitions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(translateTransitions);
  if (!isRecord(value) || value.guard === undefined) return value;
  return { ...value, guard: translateGuard(value.guard) };
}

function mapRecord(value: unknown, fn: (entry: unknown) => unknown): unknown {
  return isRecord(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fn(v)])) : value;
}

function translateNode(node: unknown): unknown {
  if (!isRecord(node)) return node;
  const copy: Json = { ...node };
  if ('states' in copy) copy.states = mapRecord(copy.states, translateNode);
  if ('on' in copy) copy.on = mapRecord(copy.on, translateTransitions);
  if ('after' in copy) copy.after = mapRecord(copy.after, translateTransitions);
  if ('always' in copy) copy.always = translateTransitions(copy.always);
  if ('onDone' in copy) copy.onDone = translateTransitions(copy.onDone);
  return copy;
}

/**
 * Copies a JSON machine config for XState: `{ "type": "and" | "or" | "not" }` guards become XState's
 * `and`/`or`/`not`, and the static `context` becomes a factory giving `{ data: {}, ...context,
 * ...input.values }`. Pure; copies malformed parts as they are, so the validator can ask XState.
 */
export function toMachineConfig(machine: Json): Json {
  const { context, ...rest } = machine;
  const staticContext = isRecord(context) ? context : {};
  return {
    ...(translateNode(rest) as Json),
    // NOTE: `input` is undefined when XState builds a throwaway initial snapshot, which pure
    // `transition()` does on every call; throwing there would cost an exception per event.
    context: ({ input }: { input: MachineInput | undefined }): FlowContext =>
      ({ data: {}, ...structuredClone(staticContext), ...input?.values }) as FlowContext,
  };
}

/** `policy.delays` as XState delays in ms. Pure; throws the `durationToMs` Error naming the delay. */
function policyDelays(policy: Policy): Record<string, number> {
  const delays = isRecord(policy.delays) ? policy.delays : {};
  return Object.fromEntries(
    Object.entries(delays).map(([name, iso]) => {
      try {
        return [name, durationToMs(String(iso))];
      } catch (error) {
        throw new Error(`policy.delays.${name}: ${(error as Error).message}`);
      }
    }),
  );
}

/**
 * The XState machine of a definition, with the registry's guards, actions and delays closed over
 * its `policy`. Pure and deterministic. Does not validate (use `buildFlow`): throws whatever XState
 * throws for a malformed config, and an Error for an invalid `policy.delays` entry.
 */
export function createFlowMachine(definition: FlowDefinition, registry: Registry = genericRegistry): AnyStateMachine {
  const { policy } = definition;
  const guards = Object.fromEntries(
    Object.entries(registry.guards).map(([name, entry]) => [
      name,
      (args: RegistryArgs, params: unknown) => entry.test(args, isRecord(params) ? params : {}, policy),
    ]),
  );
  const actions = Object.fromEntries(
    Object.entries(registry.actions).map(([name, entry]) => [
      name,
      entry.kind === 'assign'
        ? assign((args: RegistryArgs, params: unknown) => entry.assign(args, isRecord(params) ? params : {}, policy))
        : // NOTE: effects are performed by the runtime from the action objects `transition()` returns;
          // this implementation only marks the name as known and is never called.
          () => undefined,
    ]),
  );
  const delays = {
    ...Object.fromEntries(
      Object.entries(registry.delays).map(([name, entry]) => [name, (args: RegistryArgs) => entry.ms(args, policy)]),
    ),
    ...policyDelays(policy),
  };
  const machineSetup = setup({
    types: {} as { context: FlowContext; events: EngineEvent; input: MachineInput },
    // NOTE: the registry is keyed by plain strings, which XState's name-literal typing cannot follow.
    guards: guards as never,
    actions: actions as never,
    delays: delays as never,
  });
  type Config = Parameters<typeof machineSetup.createMachine>[0];
  return machineSetup.createMachine(toMachineConfig(definition.machine) as Config);
}
