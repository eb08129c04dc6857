import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Options } from 'express-rate-limit';
import { providers } from '../testing/databases.ts';
import { openTestDb, type TestDb } from '../testing/harness.ts';
import { SqlRateLimitStore } from './rate-limit-store.ts';

const T0 = Date.parse('2026-03-12T00:00:00Z');
const WINDOW_MS = 600_000;

describe.each(providers())('SqlRateLimitStore (%s)', (provider) => {
  let db: TestDb;
  let now = T0;
  /** A store as a limiter sets it up; several with one prefix are several processes. */
  const store = (prefix: string) => {
    const s = new SqlRateLimitStore(db.sql, prefix, () => now);
    s.init({ windowMs: WINDOW_MS } as Options);
    return s;
  };

  beforeAll(async () => {
    db = await openTestDb(provider);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('counts each hit exactly once, also when processes hit the same key at once', async () => {
    const [a, b, c] = [store('login:'), store('login:'), store('login:')];
    const hits = await Promise.all(Array.from({ length: 60 }, (_, i) => [a, b, c][i % 3]!.increment('10.0.0.1')));
    expect(hits.map((h) => h.totalHits).sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(new Set(hits.map((h) => h.resetTime?.toISOString()))).toEqual(new Set([new Date(T0 + WINDOW_MS).toISOString()]));
    expect(await b.get('10.0.0.1')).toEqual({ totalHits: 60, resetTime: new Date(T0 + WINDOW_MS) });
    // Another limiter's counter for the same client is its own.
    expect((await store('register:').increment('10.0.0.1')).totalHits).toBe(1);
  });

  it('starts a new window once the old one has ended, and takes back a hit on decrement', async () => {
    const s = store('verify:');
    now = T0;
    await s.increment('10.0.0.2');
    await s.increment('10.0.0.2');
    await s.decrement('10.0.0.2');
    expect((await s.increment('10.0.0.2')).totalHits).toBe(2);
    now = T0 + WINDOW_MS;
    expect(await s.get('10.0.0.2')).toBeUndefined();
    expect(await s.increment('10.0.0.2')).toEqual({ totalHits: 1, resetTime: new Date(T0 + 2 * WINDOW_MS) });
    now = T0;
  });

  it('resets one key or all of its own keys, and sweeps rows whose window ended', async () => {
    const mine = store('resend:');
    const theirs = store('resend-other:');
    await mine.increment('a');
    await mine.increment('b');
    await theirs.increment('a');
    await mine.resetKey('a');
    expect(await mine.get('a')).toBeUndefined();
    expect((await mine.get('b'))?.totalHits).toBe(1);
    await mine.resetAll();
    expect(await mine.get('b')).toBeUndefined();
    expect((await theirs.get('a'))?.totalHits).toBe(1);

    // Windows that ended are deleted by the next increment (at most once a minute per store).
    now = T0 + 10 * WINDOW_MS;
    await store('sweeper:').increment('x');
    await new Promise((r) => setTimeout(r, 50));
    const left = await db.sql.all<{ key: string }>('SELECT "key" FROM "RateLimit" WHERE "resetAt" <= ?', [new Date(now).toISOString()]);
    expect(left).toEqual([]);
    now = T0;
  });
});
