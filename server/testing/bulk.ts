/**
 * Many applications fast, for the freeze test and `npm run bench:scale`: applications made
 * through the real API are copied N times with new ids, each copy's log re-chained (its hashes
 * cover its own id), its work-queue rows copied and its share added to the state tallies, so the
 * copies verify, list, export and count like the originals. Copies keep their original's times
 * (a snapshot may hold times its events stamped, and a replay must find them). Timers, bookings
 * and documents are not copied (nothing would fire for a copy).
 *
 * NOTE: by hand, because going through the API costs about a millisecond per event: a million
 * applications (6–7 M events) would take hours to set up.
 */
import { randomUUID } from 'node:crypto';
import type { SqlDriver, SqlRunner } from '../db/sql.ts';
import { APP_COLUMNS, chainEvent, EVENT_COLUMNS, type ApplicationRow, type EventRow } from '../runtime/event-store.ts';
import { GENESIS_HASH } from '../runtime/hash.ts';
import { shardOf, stayBucket } from '../runtime/state-tally.ts';

type Template = { app: ApplicationRow; events: EventRow[]; awaiting: { role: string; grp: string; officeCode: string | null; since: string }[] };

async function insertRows(sql: SqlRunner, table: string, columns: string, rows: unknown[][]) {
  const width = rows[0]?.length ?? 0;
  // ≤ 30,000 parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535.
  const per = Math.max(1, Math.floor(30_000 / Math.max(1, width)));
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const one = `(${new Array(width).fill('?').join(', ')})`;
    await sql.run(`INSERT INTO "${table}" (${columns}) VALUES ${chunk.map(() => one).join(', ')}`, chunk.flat() as (string | number | null)[]);
  }
}

/**
 * Copies the applications `templateIds` until `count` copies exist (round robin), in
 * transactions of `batch` applications. `onBatch` reports progress. Resolves to the number of
 * events written.
 */
export async function cloneApplications(
  sql: SqlDriver,
  templateIds: readonly string[],
  count: number,
  opts: { batch?: number; onBatch?: (done: number) => void } = {},
): Promise<number> {
  const templates: Template[] = [];
  for (const id of templateIds) {
    const app = await sql.get<ApplicationRow>(`SELECT ${APP_COLUMNS} FROM "Application" WHERE "id" = ?`, [id]);
    if (!app) throw new Error(`no application ${id} to copy`);
    const events = await sql.all<EventRow>(`SELECT ${EVENT_COLUMNS} FROM "Event" WHERE "applicationId" = ? ORDER BY "seq"`, [id]);
    const awaiting = await sql.all<Template['awaiting'][number]>('SELECT "role", "grp", "officeCode", "since" FROM "Awaiting" WHERE "applicationId" = ?', [id]);
    templates.push({ app, events, awaiting });
  }
  const batch = opts.batch ?? 2000;
  let written = 0;
  // A bulk load: the secondary indexes are dropped for the copy and built again after it (sorting
  // once is several times faster than inserting random keys into eleven B-trees row by row).
  const indexes = await secondaryIndexes(sql);
  for (const ix of indexes) await sql.run(`DROP INDEX "${ix.name}"`);
  for (let start = 0; start < count; start += batch) {
    const n = Math.min(batch, count - start);
    const apps: unknown[][] = [];
    const events: unknown[][] = [];
    const awaiting: unknown[][] = [];
    const counts = new Map<string, { f: ApplicationRow; state: string; shard: number; count: number; visits: number }>();
    const stays = new Map<string, { f: ApplicationRow; state: string; shard: number; bucket: number; n: number }>();
    for (let k = 0; k < n; k++) {
      const i = start + k;
      const t = templates[i % templates.length]!;
      const id = randomUUID();
      const shard = shardOf(id);
      let prev = GENESIS_HASH;
      let open: { state: string; since: string } | null = null;
      const visit = (state: string, c: number, v: number) => {
        const key = `${t.app.flowKey}\u0000${t.app.flowVersion}\u0000${state}\u0000${shard}`;
        const e = counts.get(key) ?? { f: t.app, state, shard, count: 0, visits: 0 };
        e.count += c;
        e.visits += v;
        counts.set(key, e);
      };
      for (const e of t.events) {
        const at = e.at;
        const row = chainEvent(id, e.seq, prev, {
          type: e.type,
          actorId: e.actorId,
          actorRole: e.actorRole,
          at,
          fromState: e.fromState,
          toState: e.toState,
          data: JSON.parse(e.data) as unknown,
          ...(e.facts ? { facts: JSON.parse(e.facts) as Record<string, unknown> } : {}),
        });
        prev = row.hash;
        events.push([row.applicationId, row.seq, row.type, row.actorId, row.actorRole, row.at, row.fromState, row.toState, row.data, row.facts, row.prevHash, row.hash, t.app.flowKey]);
        if (open && open.state === e.toState) continue;
        if (open) {
          const b = stayBucket(Math.round((Date.parse(at) - Date.parse(open.since)) / 1000));
          const key = `${t.app.flowKey}\u0000${t.app.flowVersion}\u0000${open.state}\u0000${b}\u0000${shard}`;
          const s = stays.get(key) ?? { f: t.app, state: open.state, shard, bucket: b, n: 0 };
          s.n++;
          stays.set(key, s);
        }
        visit(e.toState, 0, 1);
        open = { state: e.toState, since: at };
      }
      visit(t.app.state, 1, 0);
      const a = t.app;
      apps.push([id, a.flowKey, a.flowVersion, a.ownerId, a.snapshot, a.state, a.status, a.version, a.lastSeq, prev, a.officeCode, a.scheduledDate, a.lookupCode, a.stateSince, a.createdAt, a.updatedAt]);
      for (const w of t.awaiting) awaiting.push([id, w.role, w.grp, w.officeCode, w.since]);
    }
    await sql.transaction(async (tx) => {
      await insertRows(tx, 'Application', APP_COLUMNS, apps);
      await insertRows(tx, 'Event', `${EVENT_COLUMNS}, "flowKey"`, events);
      if (awaiting.length) await insertRows(tx, 'Awaiting', '"applicationId", "role", "grp", "officeCode", "since"', awaiting);
      for (const c of counts.values()) {
        await tx.run(
          'INSERT INTO "StateTally" ("flowKey", "flowVersion", "state", "shard", "count", "visits") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT ("flowKey", "flowVersion", "state", "shard") DO UPDATE SET "count" = "StateTally"."count" + excluded."count", "visits" = "StateTally"."visits" + excluded."visits"',
          [c.f.flowKey, c.f.flowVersion, c.state, c.shard, c.count, c.visits],
        );
      }
      for (const s of stays.values()) {
        await tx.run(
          'INSERT INTO "StayTally" ("flowKey", "flowVersion", "state", "bucket", "shard", "n") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT ("flowKey", "flowVersion", "state", "bucket", "shard") DO UPDATE SET "n" = "StayTally"."n" + excluded."n"',
          [s.f.flowKey, s.f.flowVersion, s.state, s.bucket, s.shard, s.n],
        );
      }
    });
    written += events.length;
    opts.onBatch?.(start + n);
  }
  for (const ix of indexes) await sql.run(ix.sql);
  // Leave the database as a running server would have it: statistics current, the WAL folded in.
  await sql.run('ANALYZE');
  if (sql.kind === 'sqlite') await sql.run('PRAGMA wal_checkpoint(TRUNCATE)');
  return written;
}

/** The indexes of the tables a copy writes, other than their primary keys, with the SQL that makes each. */
async function secondaryIndexes(sql: SqlDriver): Promise<{ name: string; sql: string }[]> {
  if (sql.kind === 'sqlite') {
    return sql.all<{ name: string; sql: string }>(
      `SELECT "name", "sql" FROM "sqlite_master" WHERE "type" = 'index' AND "tbl_name" IN ('Application', 'Event', 'Awaiting') AND "sql" IS NOT NULL`,
    );
  }
  return sql.all<{ name: string; sql: string }>(
    `SELECT i."indexname" AS "name", i."indexdef" AS "sql" FROM "pg_indexes" i
      WHERE i."schemaname" = current_schema() AND i."tablename" IN ('Application', 'Event', 'Awaiting')
        AND NOT EXISTS (SELECT 1 FROM "pg_constraint" c WHERE c."conname" = i."indexname")`,
  );
}
