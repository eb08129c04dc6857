/**
 * The policy numbers as a form: a JSON Schema generated from the policy's own values (their
 * types), so whatever a flow's policy holds — fees, the payment window, lead days, quotas,
 * document lists — is editable without a hand-written form. Durations (ISO 8601 strings such as
 * `PT2H`) get a pattern and a hint. Pure.
 */
import { isRecord } from '../../../machines/object-path.ts';

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
