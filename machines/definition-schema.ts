/**
 * The JSON Schema of the definition format (the policy editor's completion, hover and lint) for a
 * registry: machines/definition.schema.json names the generic vocabulary's guards, actions, delays
 * and hooks; this fills in those of the installed packs, with each entry's description. Pure.
 */
import base from './definition.schema.json' with { type: 'json' };
import type { Registry } from './registry.ts';

type Schema = Record<string, unknown> & { definitions: Record<string, Record<string, unknown>> };

/** The definition format as a JSON Schema whose name enums are exactly `registry`'s names. */
export function definitionSchema(registry: Registry): Schema {
  const schema = structuredClone(base) as unknown as Schema;
  const defs = schema.definitions;
  const names = (entries: Record<string, unknown>) => Object.keys(entries).sort();
  /** A name from `entries`; when there are none, nothing matches (an empty enum is not valid JSON Schema). */
  const oneOf = (def: Record<string, unknown> | undefined, entries: Record<string, unknown>) => {
    const { enum: _enum, not: _not, ...rest } = def ?? {};
    return names(entries).length > 0 ? { ...rest, enum: names(entries) } : { ...rest, not: {} };
  };
  defs.guardName = oneOf(defs.guardName, registry.guards);
  defs.actionName = oneOf(defs.actionName, registry.actions);
  defs.hookName = oneOf(defs.hookName, registry.hooks);
  defs.delayName = oneOf(defs.delayName, registry.delays);
  const state = defs.state as { properties: { after: { properties: Record<string, unknown> } } };
  state.properties.after.properties = Object.fromEntries(
    names(registry.delays).map((name) => [name, { $ref: '#/definitions/transition', description: registry.delays[name]?.description ?? '' }]),
  );
  return schema;
}
