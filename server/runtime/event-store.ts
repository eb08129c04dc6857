/**
 * The event store: applications' snapshots, the append-only event log, timers, idempotency
 * records — written on the driver (server/db/sql.ts), one SQL text for both providers.
 */
import type { Effect } from '#machines/types.ts';
import type { SqlRunner } from '../db/sql.ts';
import { eventHash, GENESIS_HASH } from './hash.ts';
import { tallyMove, tallyStart } from './state-tally.ts';

export type ApplicationRow = {
  id: string;
  flowKey: string;
  flowVersion: number;
  ownerId: string;
  snapshot: string;
  state: string;
  status: string;
  version: number;
  lastSeq: number;
  lastHash: string;
  officeCode: string | null;
  scheduledDate: string | null;
  lookupCode: string | null;
  /** When it entered its current state (null for an application not yet counted in the state tallies). */
  stateSince: string | null;
  createdAt: string;
  updatedAt: string;
};

export type EventRow = {
  applicationId: string;
  seq: number;
  type: string;
  actorId: string;
  actorRole: string;
  at: string;
  fromState: string | null;
  toState: string;
  data: string;
  /** JSON text of the facts a hook established, or null. */
  facts: string | null;
  prevHash: string;
  hash: string;
};

/** Indexed columns projected from the machine's context after every event (the flow's staff scope and lookup). */
export type Projection = { officeCode: string | null; scheduledDate: string | null; lookupCode: string | null };

export const APP_COLUMNS =
  '"id", "flowKey", "flowVersion", "ownerId", "snapshot", "state", "status", "version", "lastSeq", "lastHash", "officeCode", "scheduledDate", "lookupCode", "stateSince", "createdAt", "updatedAt"';

/**
 * `forUpdate` (PostgreSQL only, inside a transaction): locks the row, so concurrent writers of one
 * application wait for each other and read the committed version instead of losing the version
 * race again and again. SQLite needs no lock: its write transactions already run one at a time.
 */
export async function loadApplication(sql: SqlRunner, id: string, opts: { forUpdate?: boolean } = {}): Promise<ApplicationRow | undefined> {
  return sql.get<ApplicationRow>(`SELECT ${APP_COLUMNS} FROM "Application" WHERE "id" = ?${opts.forUpdate ? ' FOR UPDATE' : ''}`, [id]);
}

export type NewEvent = {
  type: string;
  actorId: string;
  actorRole: string;
  at: string;
  fromState: string | null;
  toState: string;
  data: unknown;
  facts?: Record<string, unknown>;
};

/** Builds the next event row of the chain (not yet written). */
export function chainEvent(applicationId: string, seq: number, prevHash: string, e: NewEvent): EventRow {
  const base = { applicationId, seq, ...e, data: JSON.stringify(e.data ?? {}), facts: e.facts ? JSON.stringify(e.facts) : null };
  return { ...base, prevHash, hash: eventHash(prevHash, base) };
}

export const EVENT_COLUMNS = '"applicationId", "seq", "type", "actorId", "actorRole", "at", "fromState", "toState", "data", "facts", "prevHash", "hash"';

/** Inserts an event row with its application's flow (the export's index by flow; not hashed). */
async function insertEvent(sql: SqlRunner, e: EventRow, flowKey: string) {
  await sql.run(
    'INSERT INTO "Event" ("applicationId", "seq", "type", "actorId", "actorRole", "at", "fromState", "toState", "data", "facts", "prevHash", "hash", "flowKey") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [e.applicationId, e.seq, e.type, e.actorId, e.actorRole, e.at, e.fromState, e.toState, e.data, e.facts, e.prevHash, e.hash, flowKey],
  );
}

/** Inserts a new application and its first event (seq 1), and counts it in its state's tally. */
export async function insertApplication(
  sql: SqlRunner,
  app: Omit<ApplicationRow, 'version' | 'lastSeq' | 'lastHash' | 'updatedAt' | 'stateSince'>,
  first: NewEvent,
): Promise<EventRow> {
  const event = chainEvent(app.id, 1, GENESIS_HASH, first);
  await sql.run(`INSERT INTO "Application" (${APP_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
    app.id,
    app.flowKey,
    app.flowVersion,
    app.ownerId,
    app.snapshot,
    app.state,
    app.status,
    1,
    1,
    event.hash,
    app.officeCode,
    app.scheduledDate,
    app.lookupCode,
    app.createdAt,
    app.createdAt,
    app.createdAt,
  ]);
  await insertEvent(sql, event, app.flowKey);
  await tallyStart(sql, app, app.id, app.state);
  return event;
}

/**
 * Appends an event and moves the snapshot on, if the stored version is still `expectedVersion`;
 * a change of state moves the application between the state tallies (state-tally.ts).
 * Resolves to the event row, or null when another writer got there first (nothing written).
 */
export async function appendEvent(
  sql: SqlRunner,
  app: ApplicationRow,
  next: { snapshot: string; state: string; status: string } & Projection,
  e: NewEvent,
): Promise<EventRow | null> {
  const event = chainEvent(app.id, app.lastSeq + 1, app.lastHash, e);
  // An application not yet tallied keeps a null stateSince (the tally builder counts it from its log).
  const stateSince = app.stateSince === null || next.state === app.state ? app.stateSince : e.at;
  const changed = await sql.run(
    'UPDATE "Application" SET "snapshot" = ?, "state" = ?, "status" = ?, "version" = "version" + 1, "lastSeq" = ?, "lastHash" = ?, "officeCode" = ?, "scheduledDate" = ?, "lookupCode" = ?, "stateSince" = ?, "updatedAt" = ? WHERE "id" = ? AND "version" = ?',
    [next.snapshot, next.state, next.status, event.seq, event.hash, next.officeCode, next.scheduledDate, next.lookupCode, stateSince, e.at, app.id, app.version],
  );
  if (changed !== 1) return null;
  await insertEvent(sql, event, app.flowKey);
  await tallyMove(sql, app, app.id, app.state, app.stateSince, next.state, e.at);
  return event;
}

/** Applies timer effects in the order the machine returned them (arm = upsert, disarm = delete). */
export async function applyTimerEffects(sql: SqlRunner, applicationId: string, effects: Effect[], now: string) {
  for (const fx of effects) {
    if (fx.kind === 'arm') {
      await sql.run(
        'INSERT INTO "Timer" ("applicationId", "timerId", "event", "dueAt", "leaseOwner", "leaseUntil", "createdAt") VALUES (?, ?, ?, ?, NULL, NULL, ?) ON CONFLICT ("applicationId", "timerId") DO UPDATE SET "event" = excluded."event", "dueAt" = excluded."dueAt", "leaseOwner" = NULL, "leaseUntil" = NULL, "createdAt" = excluded."createdAt"',
        [applicationId, fx.id, JSON.stringify(fx.event), fx.dueAt, now],
      );
    } else if (fx.kind === 'disarm') {
      await sql.run('DELETE FROM "Timer" WHERE "applicationId" = ? AND "timerId" = ?', [applicationId, fx.id]);
    }
  }
}

export type IdempotencyRecord = { applicationId: string; status: number; body: string };

export async function findIdempotency(sql: SqlRunner, actorId: string, key: string): Promise<IdempotencyRecord | undefined> {
  return sql.get<IdempotencyRecord>('SELECT "applicationId", "status", "body" FROM "IdempotencyRecord" WHERE "actorId" = ? AND "key" = ?', [
    actorId,
    key,
  ]);
}

export async function saveIdempotency(sql: SqlRunner, actorId: string, key: string, rec: IdempotencyRecord, now: string) {
  await sql.run('INSERT INTO "IdempotencyRecord" ("actorId", "key", "applicationId", "status", "body", "createdAt") VALUES (?, ?, ?, ?, ?, ?)', [
    actorId,
    key,
    rec.applicationId,
    rec.status,
    rec.body,
    now,
  ]);
}

export async function listEvents(sql: SqlRunner, applicationId: string): Promise<EventRow[]> {
  return sql.all<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM "Event" WHERE "applicationId" = ? ORDER BY "seq"`,
    [applicationId],
  );
}

/** Who may act on an application now (one row per role and group, `''` for any group), since when. */
export type AwaitingEntry = { role: string; group: string; since: string };

/**
 * Rewrites the work-queue rows of an application: who may act on it now, and since when (the
 * caller keeps the time each role and group started waiting, so an event that leaves them
 * waiting does not move the application up the queues). In the transaction of every event.
 */
export async function replaceAwaiting(sql: SqlRunner, applicationId: string, entries: AwaitingEntry[], officeCode: string | null) {
  await sql.run('DELETE FROM "Awaiting" WHERE "applicationId" = ?', [applicationId]);
  for (const { role, group, since } of entries) {
    // NOTE: an upsert, because a process filling the queues for old applications (backfill) may write the same rows.
    await sql.run(
      'INSERT INTO "Awaiting" ("applicationId", "role", "grp", "officeCode", "since") VALUES (?, ?, ?, ?, ?) ON CONFLICT ("applicationId", "role", "grp") DO UPDATE SET "officeCode" = excluded."officeCode", "since" = excluded."since"',
      [applicationId, role, group, officeCode, since],
    );
  }
}
