/** What the validator reports and the helpers it reports with: JSON paths, value kinds, the collector. */
import { isRecord } from './object-path.ts';
import type { Finding } from './types.ts';

/** A JSON object as the validator meets it: anything may be missing or of the wrong type. */
export type Json = Record<string, unknown>;

/** A JSON path: `$.a.b`, `$.a[0]`, `$.forms["test-details"]` for keys that are not identifiers. */
export function at(base: string, ...segments: (string | number)[]): string {
  return segments.reduce<string>(
    (path, s) =>
      typeof s === 'number' ? `${path}[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `${path}.${s}` : `${path}[${JSON.stringify(s)}]`,
    base,
  );
}

/** How a value reads in a message: "null", "nothing", "an array", "a string", … */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Names joined for a message, or "(none)". */
export const list = (names: Iterable<string>) => [...names].join(', ') || '(none)';

/** Collects findings in order, each (severity, path, message) once. */
export class Findings {
  readonly list: Finding[] = [];
  private readonly seen = new Set<string>();
  error(path: string, message: string) {
    this.add({ path, message, severity: 'error' });
  }
  warn(path: string, message: string) {
    this.add({ path, message, severity: 'warning' });
  }
  private add(finding: Finding) {
    const id = `${finding.severity}\u0000${finding.path}\u0000${finding.message}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.list.push(finding);
  }
}

/** Reports every key of `value` not in `allowed`, at its own path. */
export function unknownKeys(out: Findings, value: Json, path: string, allowed: readonly string[], what: string, severity: 'error' | 'warning') {
  for (const key of Object.keys(value)) {
    if (allowed.includes(key)) continue;
    const message = `unknown key '${key}' in ${what}; allowed: ${allowed.join(', ')}`;
    if (severity === 'error') out.error(at(path, key), message);
    else out.warn(at(path, key), message);
  }
}

/** Reports a missing or malformed `{ id, en }` text. */
export function checkI18n(out: Findings, value: unknown, path: string, what: string) {
  if (!isRecord(value)) {
    out.error(path, `${what} must be { "id": "…", "en": "…" }, got ${kindOf(value)}`);
    return;
  }
  for (const [lang, name] of [['id', 'Indonesian'], ['en', 'English']] as const) {
    if (typeof value[lang] !== 'string' || value[lang] === '') out.error(at(path, lang), `${what} needs the ${name} text '${lang}'`);
  }
}
