/**
 * Idempotency keys for event submissions: a retry of the same submission (same application
 * version, event and data, e.g. after a network failure) reuses its key, so the server applies it
 * at most once; a different submission gets a new key.
 */

export type PendingSubmission = { fingerprint: string; key: string };

/** JSON with object keys sorted, so equal data gives an equal string whatever the key order. Pure. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : stableStringify(v))).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The submission for `fingerprint`: `previous` if it is the same one, else one with a new key. Pure given `newKey`. */
export function submissionFor(previous: PendingSubmission | null, fingerprint: string, newKey: () => string = uuid): PendingSubmission {
  return previous && previous.fingerprint === fingerprint ? previous : { fingerprint, key: newKey() };
}

/** A random UUID v4; `crypto.randomUUID` exists only in secure contexts, so fall back to getRandomValues. */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
