/** Dotted paths (`address.city`) over plain JSON values, as definitions name fields and context keys. */

/** JSON Schema `pattern` of a dotted path: segments of letters, digits, `_`, `$` or `-`, joined by dots. */
export const DOTTED_PATH_PATTERN = '^[\\w$-]+(\\.[\\w$-]+)*$';

/** Segments no path may use: reading or writing them would reach an object's prototype. */
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/** True for a plain (non-array, non-null) object. Pure. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True if `path` is a dotted path without prototype segments. */
function isSafePath(path: string): boolean {
  return new RegExp(DOTTED_PATH_PATTERN).test(path) && !path.split('.').some((s) => FORBIDDEN_SEGMENTS.has(s));
}

/** Reads `path` from `root` through own properties only; `undefined` when any segment is missing. Pure, never throws. */
export function readPath(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const segment of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/**
 * Returns a copy of `root` with `value` at `path`, copying each object on the way and replacing
 * non-objects by `{}`. Pure (the input is not modified); throws on an unsafe path.
 */
export function writePath(root: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  if (!isSafePath(path)) throw new Error(`unsafe path '${path}'`);
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  if (rest.length === 0) return { ...root, [head]: value };
  const child = root[head];
  return { ...root, [head]: writePath(isRecord(child) ? child : {}, rest.join('.'), value) };
}

/** `record[key]` if it is an own property, else `undefined` (so `toString` is never "found"). Pure. */
export function ownValue<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
