/**
 * The auditor's heatmap kept per event: how many applications of a flow version are in each state
 * ("StateTally".count), how many stays each state has had (.visits), and a histogram of the
 * finished stays' lengths ("StayTally"). Written in the transaction of every event that changes
 * an application's state, so the figures never scan the log (issue: a heatmap over 6.7 M events).
 *
 * A stay starts with the event that entered a state and ends with the first event that leaves it;
 * events that keep the state (self-transitions, data saved) do not start a new stay. The time an
 * application entered its state is `Application.stateSince`.
 *
 * An application written before the tallies existed has `stateSince` null: events on it tally
 * nothing until `buildStateTallies` has counted it from its own log (then sets `stateSince`), so
 * nothing is counted twice.
 */
import type { SqlDriver, SqlRunner } from '../db/sql.ts';

/** Stays of s seconds go to bucket floor(16·log2(1+s)): each bucket spans about 4.4%. */
const PER_OCTAVE = 16;

export function stayBucket(seconds: number): number {
  return Math.floor(PER_OCTAVE * Math.log2(1 + Math.max(0, seconds)));
}

/** A representative length of the bucket's stays (its geometric middle), in whole seconds. */
export function bucketSeconds(bucket: number): number {
  return Math.round(2 ** ((bucket + 0.5) / PER_OCTAVE) - 1);
}

/** The median of a histogram given as (bucket, n) rows, read within a bucket's width; null when empty. */
export function histogramMedian(rows: ReadonlyArray<{ bucket: number; n: number }>): number | null {
  const sorted = [...rows].filter((r) => r.n > 0).sort((a, b) => a.bucket - b.bucket);
  const total = sorted.reduce((t, r) => t + r.n, 0);
  if (total === 0) return null;
  // The lower and upper middle elements (the same one for an odd total), averaged.
  const at = (k: number) => {
    let seen = 0;
    for (const r of sorted) {
      seen += r.n;
      if (seen > k) return bucketSeconds(r.bucket);
    }
    return bucketSeconds(sorted[sorted.length - 1]!.bucket);
  };
  return (at((total - 1) >> 1) + at(total >> 1)) / 2;
}

const seconds = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

type Flow = { flowKey: string; flowVersion: number };

/** Figures are split over this many rows per state (summed when read): see the StateTally model. */
export const SHARDS = 16;

/** The shard of an application: a small hash of its id. */
export function shardOf(applicationId: string): number {
  let h = 0;
  for (let i = 0; i < applicationId.length; i++) h = (h * 31 + applicationId.charCodeAt(i)) >>> 0;
  return h % SHARDS;
}

async function addTo(sql: SqlRunner, f: Flow, state: string, shard: number, count: number, visits: number) {
  await sql.run(
    'INSERT INTO "StateTally" ("flowKey", "flowVersion", "state", "shard", "count", "visits") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT ("flowKey", "flowVersion", "state", "shard") DO UPDATE SET "count" = "StateTally"."count" + excluded."count", "visits" = "StateTally"."visits" + excluded."visits"',
    [f.flowKey, f.flowVersion, state, shard, count, visits],
  );
}

async function stayed(sql: SqlRunner, f: Flow, state: string, shard: number, secs: number, n = 1) {
  await sql.run(
    'INSERT INTO "StayTally" ("flowKey", "flowVersion", "state", "bucket", "shard", "n") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT ("flowKey", "flowVersion", "state", "bucket", "shard") DO UPDATE SET "n" = "StayTally"."n" + excluded."n"',
    [f.flowKey, f.flowVersion, state, stayBucket(secs), shard, n],
  );
}

/** A new application entered its first state. */
export async function tallyStart(sql: SqlRunner, f: Flow, applicationId: string, state: string): Promise<void> {
  await addTo(sql, f, state, shardOf(applicationId), 1, 1);
}

/**
 * An event moved the application from `from` (entered at `since`) to `to` at `at`. Nothing to do
 * when the state is the same, or when the application is not tallied yet (`since` null).
 * The two state rows are written in the order of their names, so two events moving the other way
 * round never wait for each other's rows (a deadlock on PostgreSQL).
 */
export async function tallyMove(sql: SqlRunner, f: Flow, applicationId: string, from: string, since: string | null, to: string, at: string): Promise<void> {
  if (from === to || since === null) return;
  const shard = shardOf(applicationId);
  for (const [state, count, visits] of [
    [from, -1, 0],
    [to, 1, 1],
  ].sort((x, y) => (String(x[0]) < String(y[0]) ? -1 : 1)) as [string, number, number][]) {
    await addTo(sql, f, state, shard, count, visits);
  }
  await stayed(sql, f, from, shard, seconds(since, at));
}

const MARK = 'state-tallies';
const BATCH = 200;

/** True once every application is tallied (the migration marks an empty database; `buildStateTallies` others). */
export async function stateTalliesBuilt(sql: SqlRunner): Promise<boolean> {
  return (await sql.get('SELECT "value" FROM "Setting" WHERE "key" = ?', [MARK])) !== undefined;
}

/**
 * Counts the applications written before the tallies existed, from their own logs: in batches,
 * each batch one transaction that locks its applications (as an event would), reads their logs,
 * adds their stays and sets `stateSince`. Resumes where it stopped; marks the database when done.
 * Resolves to the number of applications counted.
 */
export async function buildStateTallies(sql: SqlDriver, opts: { signal?: AbortSignal } = {}): Promise<number> {
  if (await stateTalliesBuilt(sql)) return 0;
  let done = 0;
  let after = '';
  for (;;) {
    if (opts.signal?.aborted) return done;
    const ids = await sql.all<{ id: string }>('SELECT "id" FROM "Application" WHERE "id" > ? ORDER BY "id" LIMIT ?', [after, BATCH]);
    if (ids.length === 0) break;
    done += await sql.transaction(async (tx) => {
      let n = 0;
      for (const { id } of ids) {
        const app = await tx.get<{ flowKey: string; flowVersion: number; state: string; stateSince: string | null }>(
          `SELECT "flowKey", "flowVersion", "state", "stateSince" FROM "Application" WHERE "id" = ?${sql.kind === 'postgres' ? ' FOR UPDATE' : ''}`,
          [id],
        );
        if (!app || app.stateSince !== null) continue;
        const shard = shardOf(id);
        const events = await tx.all<{ at: string; toState: string }>('SELECT "at", "toState" FROM "Event" WHERE "applicationId" = ? ORDER BY "seq"', [id]);
        let open: { state: string; since: string } | null = null;
        for (const e of events) {
          if (open && open.state === e.toState) continue;
          if (open) await stayed(tx, app, open.state, shard, seconds(open.since, e.at));
          await addTo(tx, app, e.toState, shard, 0, 1);
          open = { state: e.toState, since: e.at };
        }
        if (!open) continue;
        // The open stay is the application's state now (the stored row is what the lists show).
        await addTo(tx, app, app.state, shard, 1, 0);
        await tx.run('UPDATE "Application" SET "stateSince" = ? WHERE "id" = ?', [open.state === app.state ? open.since : events[events.length - 1]!.at, id]);
        n++;
      }
      return n;
    });
    after = ids[ids.length - 1]!.id;
  }
  await sql.run('INSERT INTO "Setting" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") DO NOTHING', [MARK, new Date().toISOString()]);
  return done;
}
