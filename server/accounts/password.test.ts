import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.ts';

describe('password hashing (scrypt)', () => {
  it('stores scrypt$N$r$p$salt$hash with a 16-byte salt and a 64-byte key', async () => {
    const stored = await hashPassword('Alur-demo-2026!');
    const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
    expect([scheme, n, r, p]).toEqual(['scrypt', '16384', '8', '1']);
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(hash!, 'base64')).toHaveLength(64);
    expect(rest).toEqual([]);
  });

  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('kata sandi rahasia');
    expect(await verifyPassword('kata sandi rahasia', stored)).toBe(true);
    expect(await verifyPassword('kata sandi rahasiA', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same', a)).toBe(true);
    expect(await verifyPassword('same', b)).toBe(true);
  });

  it('treats Unicode-equivalent input as the same password (NFC)', async () => {
    const stored = await hashPassword('caf\u00e9');
    expect(await verifyPassword('cafe\u0301', stored)).toBe(true);
  });

  it('honours the parameters stored with the hash', async () => {
    const stored = await hashPassword('pw');
    const [, , , , salt] = stored.split('$');
    // Same salt, different N: a different hash that still verifies with its own parameters.
    const { scryptSync } = await import('node:crypto');
    const key = scryptSync('pw', Buffer.from(salt!, 'base64'), 32, { N: 1024, r: 8, p: 1 });
    expect(await verifyPassword('pw', `scrypt$1024$8$1$${salt}$${key.toString('base64')}`)).toBe(true);
  });

  it('returns false (does not throw) for malformed or hostile hashes', async () => {
    const good = await hashPassword('pw');
    const [, , , , salt, hash] = good.split('$');
    for (const bad of [
      '',
      'plain-text',
      'bcrypt$10$abc',
      `scrypt$16384$8$1$${salt}`,
      `scrypt$16383$8$1$${salt}$${hash}`, // N not a power of two
      `scrypt$${2 ** 30}$8$1$${salt}$${hash}`, // N too large
      `scrypt$16384$0$1$${salt}$${hash}`,
      `scrypt$16384$8$1$$${hash}`,
      `scrypt$16384$8$1$${salt}$`,
      `scrypt$1e4$8$1$${salt}$${hash}`,
    ]) {
      expect(await verifyPassword('pw', bad), bad).toBe(false);
    }
  });
});
