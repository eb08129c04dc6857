/**
 * Password hashing with node:crypto scrypt. Stored format:
 * `scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>` (N=16384, r=8, p=1, 16-byte salt, 64-byte key).
 * The parameters travel with the hash, so they can be raised later without breaking old hashes.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 16384;
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 64;
/** Refuse stored parameters beyond these (a tampered row must not cost gigabytes of memory). */
const MAX_N = 1 << 20;
const MAX_R = 32;
const MAX_P = 16;

function derive(plain: string, salt: Buffer, keyLength: number, opts: ScryptOptions): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; the default maxmem (32 MiB) is too small above N=2^17 with r=8.
  const maxmem = 128 * (opts.N ?? N) * (opts.r ?? R) + 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(plain.normalize('NFC'), salt, keyLength, { ...opts, maxmem }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(plain: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(plain, salt, KEY_BYTES, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `plain` matches `stored`; false for a wrong password or a malformed hash. */
export async function verifyPassword(plain: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map((x) => (/^\d+$/.test(x ?? '') ? Number(x) : NaN)) as [number, number, number];
  const isPow2 = n > 1 && (n & (n - 1)) === 0;
  if (!isPow2 || n > MAX_N || !(r >= 1 && r <= MAX_R) || !(p >= 1 && p <= MAX_P)) return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length === 0 || expected.length < 16) return false;
  const actual = await derive(plain, salt, expected.length, { N: n, r, p });
  return timingSafeEqual(actual, expected);
}
