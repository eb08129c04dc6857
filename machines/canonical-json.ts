/** Canonical JSON (RFC 8785, JCS) for checksums and hash chains. */
import canonicalize from 'canonicalize';

/**
 * The RFC 8785 canonical JSON text of `value` (sorted keys, fixed number format), so equal data
 * always hashes equally. Pure; throws an Error for values JSON cannot represent exactly
 * (`undefined` at the top, NaN, Infinity).
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('canonicalJson: undefined has no JSON representation');
  return text;
}
