/**
 * A small JSON Schema matcher that needs no code generation (no `eval`), for RJSF's `isValid`
 * when the page's Content-Security-Policy forbids Ajv's compiled validators: it decides which
 * `if`/`then`/`else` branch or `oneOf` option applies. It checks the structural keywords forms use
 * for that (`const`, `enum`, `type`, `required`, `properties`, `items`, `allOf`/`anyOf`/`oneOf`,
 * `not`, `if`, local `$ref`) and the simple value limits; any other keyword is treated as
 * satisfied (the server validates everything anyway). Pure.
 */
import { isRecord, parsePointer } from './json-pointer.ts';

const MAX_DEPTH = 64;

export function schemaMatches(schema: unknown, data: unknown, root: unknown = schema): boolean {
  return matches(schema, data, root, 0);
}

function matches(schema: unknown, data: unknown, root: unknown, depth: number): boolean {
  if (schema === false) return false;
  if (!isRecord(schema) || depth > MAX_DEPTH) return true;
  const sub = (s: unknown, d: unknown = data) => matches(s, d, root, depth + 1);

  if (typeof schema.$ref === 'string') {
    const target = resolveRef(root, schema.$ref);
    if (target !== undefined && !sub(target)) return false;
  }
  if (Object.hasOwn(schema, 'const') && !equal(schema.const, data)) return false;
  if (Array.isArray(schema.enum) && !schema.enum.some((v) => equal(v, data))) return false;
  if (schema.type !== undefined && !(Array.isArray(schema.type) ? schema.type : [schema.type]).some((t) => hasType(t, data))) return false;

  if (typeof data === 'string') {
    const length = [...data].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength) return false;
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) return false;
    if (typeof schema.pattern === 'string' && !safeTest(schema.pattern, data)) return false;
  }
  if (typeof data === 'number') {
    if (typeof schema.minimum === 'number' && data < schema.minimum) return false;
    if (typeof schema.maximum === 'number' && data > schema.maximum) return false;
    if (typeof schema.exclusiveMinimum === 'number' && data <= schema.exclusiveMinimum) return false;
    if (typeof schema.exclusiveMaximum === 'number' && data >= schema.exclusiveMaximum) return false;
  }
  if (isRecord(data)) {
    if (Array.isArray(schema.required) && schema.required.some((k) => typeof k === 'string' && (!Object.hasOwn(data, k) || data[k] === undefined))) return false;
    if (isRecord(schema.properties)) {
      for (const [k, s] of Object.entries(schema.properties)) if (Object.hasOwn(data, k) && data[k] !== undefined && !sub(s, data[k])) return false;
    }
  }
  if (Array.isArray(data)) {
    if (typeof schema.minItems === 'number' && data.length < schema.minItems) return false;
    if (typeof schema.maxItems === 'number' && data.length > schema.maxItems) return false;
    if (isRecord(schema.items) && !data.every((item) => sub(schema.items, item))) return false;
  }

  if (Array.isArray(schema.allOf) && !schema.allOf.every((s) => sub(s))) return false;
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((s) => sub(s))) return false;
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter((s) => sub(s)).length !== 1) return false;
  if (schema.not !== undefined && sub(schema.not)) return false;
  if (schema.if !== undefined) {
    const branch = sub(schema.if) ? schema.then : schema.else;
    if (branch !== undefined && !sub(branch)) return false;
  }
  return true;
}

function hasType(type: unknown, data: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof data === 'string';
    case 'number':
      return typeof data === 'number' && Number.isFinite(data);
    case 'integer':
      return Number.isInteger(data);
    case 'boolean':
      return typeof data === 'boolean';
    case 'null':
      return data === null;
    case 'array':
      return Array.isArray(data);
    case 'object':
      return isRecord(data);
    default:
      return true;
  }
}

function safeTest(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return true;
  }
}

/** `#/$defs/x` (a pointer into the root schema); anything else is not followed. */
function resolveRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  const path = parsePointer(decodeURIComponent(ref.slice(1)));
  if (!path) return undefined;
  let node: unknown = root;
  for (const segment of path) {
    if (!isRecord(node) && !Array.isArray(node)) return undefined;
    if (!Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => equal(v, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && equal(a[k], b[k]));
  }
  return false;
}
