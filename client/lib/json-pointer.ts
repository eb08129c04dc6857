/** JSON Pointers (RFC 6901) as the server uses them for field errors and form texts. */

/** Segments that must never be followed or written: they reach an object's prototype. */
const UNSAFE_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/** `"/a/b~1c"` → `['a', 'b/c']`; `""` → `[]` (the whole document); `null` when not a pointer. Pure. */
export function parsePointer(pointer: string): string[] | null {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return null;
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `['a', 'b/c']` → `"/a/b~1c"`. Pure. */
export function toPointer(path: readonly (string | number)[]): string {
  return path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** True if no segment could reach a prototype. Pure. */
export function isSafePath(path: readonly string[]): boolean {
  return !path.some((s) => UNSAFE_SEGMENTS.has(s));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
