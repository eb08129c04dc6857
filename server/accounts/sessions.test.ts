import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { providers } from '../testing/databases.ts';
import type { Config } from '../config.ts';
import { openTestDb, testConfig, type TestDb } from '../testing/harness.ts';
import { parseRoles, SessionService } from './sessions.ts';

describe('parseRoles', () => {
  it('keeps known role names only', () => {
    expect(parseRoles(['officer', 'bogus', 3, 'admin'])).toEqual(['officer', 'admin']);
    expect(parseRoles('["auditor"]')).toEqual(['auditor']);
    expect(parseRoles(null)).toEqual([]);
    expect(parseRoles('not json')).toEqual([]);
  });
});

describe.each(providers())('SessionService (%s)', (provider) => {
  let db: TestDb;
  let clock: ManualClock;
  let userId: string;

  beforeEach(async () => {
    db = await openTestDb(provider);
    clock = new ManualClock(db.sql);
    const user = await db.prisma.user.create({
      data: { id: 'u1', email: 'officer@example.id', passwordHash: 'x', fullName: 'Petugas Satu', roles: ['officer'], officeCode: 'ATB', locale: 'en' },
    });
    userId = user.id;
  });
  afterEach(async () => {
    await db.close();
  });

  // Lifetimes below the env variables' units (hours, seconds), hence a Config override.
  const service = (overrides: Partial<Config> = {}, maxEntries?: number) =>
    new SessionService({ prisma: db.prisma, sql: db.sql, clock, config: { ...testConfig(), ...overrides } }, { maxEntries });

  it('creates a random base64url token and stores only its sha256', async () => {
    const s = service();
    const { token, expiresAt } = await s.create(userId, 'Mozilla/5.0');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt.getTime() - clock.now().getTime()).toBeGreaterThan(12 * 3_600_000 - 5_000);
    const rows = await db.prisma.session.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(createHash('sha256').update(token).digest('hex'));
    expect(rows[0]!.userAgent).toBe('Mozilla/5.0');
    expect(await s.resolve(token)).toEqual({
      id: 'u1',
      email: 'officer@example.id',
      fullName: 'Petugas Satu',
      roles: ['officer'],
      officeCode: 'ATB',
      groups: [],
      locale: 'en',
    });
    expect(await s.resolve('nope')).toBeNull();
    expect(await s.resolve('')).toBeNull();
  });

  it('an expired session resolves to null, also from the cache', async () => {
    const s = service({ sessionTtlMs: 60_000 });
    const { token } = await s.create(userId);
    expect(await s.resolve(token)).not.toBeNull(); // now cached
    await clock.advance(61_000);
    expect(await s.resolve(token)).toBeNull();
    expect(await service({ sessionTtlMs: 60_000 }).resolve(token)).toBeNull();
  });

  it('caches resolved sessions for sessionCacheMs', async () => {
    const s = service({ sessionCacheMs: 150 });
    const { token } = await s.create(userId);
    expect(await s.resolve(token)).not.toBeNull();
    // Deleted behind the service's back (another process): still cached for a moment …
    await db.prisma.session.deleteMany({});
    expect(await s.resolve(token)).not.toBeNull();
    await new Promise((r) => setTimeout(r, 200));
    // … then read again.
    expect(await s.resolve(token)).toBeNull();

    const uncached = service({ sessionCacheMs: 0 });
    const t2 = (await uncached.create(userId)).token;
    expect(await uncached.resolve(t2)).not.toBeNull();
    expect(uncached.cacheSize).toBe(0);
  });

  it('bounds the cache, evicting the oldest entries', async () => {
    const s = service({}, 3);
    const tokens: string[] = [];
    for (let i = 0; i < 5; i++) tokens.push((await s.create(userId)).token);
    for (const t of tokens) expect(await s.resolve(t)).not.toBeNull();
    expect(s.cacheSize).toBe(3);
    // Evicted ones still resolve from the database.
    expect(await s.resolve(tokens[0]!)).not.toBeNull();
    expect(s.cacheSize).toBe(3);
  });

  it('revoke and revokeAllFor delete the rows and drop the cache', async () => {
    const s = service();
    const a = (await s.create(userId)).token;
    const b = (await s.create(userId)).token;
    const c = (await s.create(userId)).token;
    for (const t of [a, b, c]) await s.resolve(t);
    await s.revoke(a);
    expect(await s.resolve(a)).toBeNull();
    expect(await s.resolve(b)).not.toBeNull();
    await s.revoke('unknown-token'); // fine
    expect(await s.revokeAllFor(userId)).toBe(2);
    expect(await s.resolve(b)).toBeNull();
    expect(await s.resolve(c)).toBeNull();
    expect(await db.prisma.session.count()).toBe(0);
  });

  it('forgetUser makes the next resolve read fresh user data', async () => {
    const s = service();
    const { token } = await s.create(userId);
    expect((await s.resolve(token))!.locale).toBe('en');
    await db.prisma.user.update({ where: { id: userId }, data: { locale: 'id' } });
    expect((await s.resolve(token))!.locale).toBe('en'); // cached
    s.forgetUser(userId);
    expect((await s.resolve(token))!.locale).toBe('id');
  });

  it('purgeExpired deletes only expired sessions', async () => {
    const s = service({ sessionTtlMs: 60_000 });
    await s.create(userId);
    await clock.advance(30_000);
    const { token } = await s.create(userId);
    await clock.advance(40_000);
    expect(await s.purgeExpired()).toBe(1);
    expect(await s.resolve(token)).not.toBeNull();
  });
});
