/**
 * The heatmap's median age per state (server/audit/state-stats.ts), reached through the index in
 * short keyset steps: the same answer whatever the step, with many applications entering a state
 * at the same instant (copies and batch jobs do), on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgDriver } from '../db/pg-driver.ts';
import type { SqlDriver } from '../db/sql.ts';
import { SqliteDriver } from '../db/sqlite-driver.ts';
import { freshDatabase, providers, type FreshDatabase, type Provider } from '../testing/databases.ts';
import { flowStateStats } from './state-stats.ts';

const NOW = new Date('2026-06-01T00:00:00.000Z');
/** Hours each application of the state "waiting" has been in it: ties, and an even count. */
const HOURS = [1, 1, 1, 2, 3, 3, 3, 3, 5, 8, 8, 13, 21, 21, 21, 34, 55, 89, 89, 144, 144, 144];
/** Odd: the middle one. */
const OTHER_HOURS = [2, 4, 4, 4, 10];

describe.each(providers())('%s: median age in a state', (provider: Provider) => {
  let fresh: FreshDatabase;
  let sql: SqlDriver;

  beforeAll(async () => {
    fresh = await freshDatabase(provider);
    sql = provider === 'postgres' ? new PgDriver(fresh.url, 2) : new SqliteDriver(fresh.url);
    let n = 0;
    for (const [state, hours] of [['waiting', HOURS], ['done', OTHER_HOURS]] as const) {
      for (const h of hours) {
        const since = new Date(NOW.getTime() - h * 3_600_000).toISOString();
        // ids in an order unlike the times', so ties are broken by id
        const id = `app-${String((n++ * 7919) % 1000).padStart(4, '0')}`;
        await sql.run(
          'INSERT INTO "Application" ("id", "flowKey", "flowVersion", "ownerId", "snapshot", "state", "status", "version", "lastSeq", "lastHash", "stateSince", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [id, 'f', 1, 'o', '{}', state, 'active', 1, 1, 'h', since, since, since],
        );
      }
      await sql.run('INSERT INTO "StateTally" ("flowKey", "flowVersion", "state", "shard", "count", "visits") VALUES (?, ?, ?, ?, ?, ?)', ['f', 1, state, 0, hours.length, hours.length]);
    }
    await sql.run('INSERT INTO "Setting" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") DO NOTHING', ['state-tallies', NOW.toISOString()]);
  }, 60_000);
  afterAll(async () => {
    await sql?.close();
    await fresh?.drop();
  });

  it.each([1, 2, 3, 7, 20_000])('gives the same medians walking %i entries at a time', async (step) => {
    const stats = await flowStateStats(sql, 'f', 1, NOW, step);
    const by = new Map(stats.states.map((s) => [s.state, s]));
    // 22 in "waiting": the mean of the 11th and 12th (8 h and 13 h); 5 in "done": the 3rd (4 h)
    expect(by.get('waiting')).toMatchObject({ count: HOURS.length, medianAgeSeconds: ((8 + 13) / 2) * 3600 });
    expect(by.get('done')).toMatchObject({ count: OTHER_HOURS.length, medianAgeSeconds: 4 * 3600 });
  });
});
