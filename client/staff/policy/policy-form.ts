/**
 * The policy numbers as a form. A definition describes its numbers in `policySchema` (a form like
 * a step's: JSON Schema with Indonesian titles and help, a uiSchema naming the `duration` and
 * `money` widgets, English texts by JSON pointer in `i18n.en`): that form, in the UI language, is
 * what policy staff edit. Without one, a schema is generated from the policy's own values (their
 * types, their keys as titles) so the numbers stay editable; durations (ISO 8601 strings such as
 * `PT2H`) get a pattern and the duration widget. Pure.
 */
import { localize } from '../../../machines/localize.ts';
import { isRecord } from '../../../machines/object-path.ts';
import type { FormDefinition, Lang } from '../../../machines/types.ts';

export type Schema = Record<string, unknown>;

export const ISO_DURATION = '^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$';
const looksLikeDuration = (v: string) => new RegExp(ISO_DURATION).test(v);

/** The schema of one value, titled with its key. */
export function schemaOf(value: unknown, title: string, describe?: (path: string[]) => string | undefined, path: string[] = []): Schema {
  const description = describe?.(path);
  const base: Schema = { title, ...(description ? { description } : {}) };
  if (typeof value === 'boolean') return { ...base, type: 'boolean' };
  if (typeof value === 'number') return { ...base, type: Number.isInteger(value) ? 'integer' : 'number' };
  if (typeof value === 'string') {
    return looksLikeDuration(value) ? { ...base, type: 'string', pattern: ISO_DURATION, format: 'duration' } : { ...base, type: 'string' };
  }
  if (Array.isArray(value)) {
    const first = value[0];
    const items = first === undefined ? { type: 'string' } : schemaOf(first, `${title} []`, undefined, [...path, '0']);
    return { ...base, type: 'array', items: { ...items, title: undefined } };
  }
  if (isRecord(value)) {
    return {
      ...base,
      type: 'object',
      properties: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, schemaOf(v, k, describe, [...path, k])])),
      required: Object.keys(value),
    };
  }
  return { ...base };
}

/** The form schema of a whole `policy` object (untitled root: the page names it). */
export function policySchema(policy: unknown, describe?: (path: string[]) => string | undefined): Schema {
  const s = schemaOf(isRecord(policy) ? policy : {}, '', describe);
  delete s.title;
  return s;
}

/** The description of `policy.<path>` in a definition JSON Schema (machines/definition.schema.json), if it gives one. */
export function describerFrom(definitionSchema: Schema): (path: string[]) => string | undefined {
  return (path) => {
    let node: unknown = (definitionSchema.properties as Schema | undefined)?.policy;
    for (const key of path) {
      if (!isRecord(node)) return undefined;
      if (typeof node.$ref === 'string') node = resolveRef(definitionSchema, node.$ref);
      const props = isRecord(node) && isRecord(node.properties) ? node.properties : {};
      node = Object.hasOwn(props, key) ? props[key] : isRecord(node) && isRecord(node.additionalProperties) ? node.additionalProperties : undefined;
    }
    return isRecord(node) && typeof node.description === 'string' ? node.description : undefined;
  };
}

function resolveRef(root: Schema, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = isRecord(node) ? node[part] : undefined;
  return node;
}

/** The uiSchema of a generated policy schema: the duration widget for every duration. Pure. */
export function generatedUiSchema(schema: Schema): Schema {
  if (schema.type === 'string' && schema.format === 'duration') return { 'ui:widget': 'duration' };
  const ui: Schema = {};
  if (isRecord(schema.properties)) {
    for (const [key, child] of Object.entries(schema.properties)) {
      const sub = isRecord(child) ? generatedUiSchema(child) : {};
      if (Object.keys(sub).length > 0) ui[key] = sub;
    }
  }
  if (isRecord(schema.items)) {
    const sub = generatedUiSchema(schema.items);
    if (Object.keys(sub).length > 0) ui.items = sub;
  }
  return ui;
}

/** The form policy staff edit: the definition's own `policySchema`, or one generated from the policy's values. */
export type PolicyForm = { source: 'policySchema' | 'generated'; schema: Schema; uiSchema: Schema };

/** The definition's `policySchema` when it is one (an object with a `schema` object), else null. Pure. */
export function declaredPolicySchema(definition: Record<string, unknown>): Omit<FormDefinition, 'id'> | null {
  const declared = definition.policySchema;
  if (!isRecord(declared) || !isRecord(declared.schema)) return null;
  return {
    schema: declared.schema,
    ...(isRecord(declared.uiSchema) ? { uiSchema: declared.uiSchema } : {}),
    ...(isRecord(declared.i18n) ? { i18n: declared.i18n as FormDefinition['i18n'] } : {}),
  };
}

/**
 * The policy-numbers form of `definition` in `lang`: its `policySchema` localized (texts from
 * `i18n[lang]`, as step forms are), or, when it has none, the schema generated from its `policy`
 * (`describe` adds help from the definition format). Null when there is neither. Pure.
 */
export function policyFormOf(definition: Record<string, unknown>, lang: Lang, describe?: (path: string[]) => string | undefined): PolicyForm | null {
  const declared = declaredPolicySchema(definition);
  if (declared) {
    const out = localize({ id: 'policy', ...declared }, lang);
    return { source: 'policySchema', schema: out.schema, uiSchema: out.uiSchema ?? {} };
  }
  if (!isRecord(definition.policy)) return null;
  const schema = policySchema(definition.policy, describe);
  return { source: 'generated', schema, uiSchema: generatedUiSchema(schema) };
}
