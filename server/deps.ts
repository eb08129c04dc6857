/** What the HTTP layer and the workers are built from (wired in compose.ts; tests build their own). */
import type { Config } from './config.ts';
import type { DocumentStorage } from './documents/storage.ts';
import type { Db } from './db/client.ts';
import type { SqlDriver } from './db/sql.ts';
import type { Clock, ManualClock } from './clock.ts';
import type { Logger } from './log.ts';
import type { SessionService } from './accounts/sessions.ts';
import type { Mailer } from './notify/mailer.ts';
import type { OutboxDispatcher } from './notify/dispatcher.ts';
import type { FlowCatalog } from './flows/catalog.ts';
import type { Runtime } from './runtime/runtime.ts';
import type { Scheduler } from './runtime/scheduler.ts';
import type { ServerPacks } from './pack.ts';
import type { VerifyJobs } from './audit/verify-jobs.ts';

export type AppDeps = {
  config: Config;
  log: Logger;
  /** Prisma: schema, migrations and the ordinary reads and writes. */
  prisma: Db;
  /** The driver: the event path, timers, outbox, session checks. */
  sql: SqlDriver;
  clock: Clock;
  /** Present outside production only. */
  manualClock: ManualClock | null;
  sessions: SessionService;
  /** Where uploaded documents' content lives (the database on PostgreSQL, disk beside SQLite). */
  documents: DocumentStorage;
  mailer: Mailer;
  dispatcher: OutboxDispatcher;
  catalog: FlowCatalog;
  runtime: Runtime;
  scheduler: Scheduler;
  /** The installed domain packs and the registry their flows use (server/packs.ts). */
  packs: ServerPacks;
  /** Verifications of the logs running in the background (POST /api/audit/verify). */
  verifyJobs: VerifyJobs;
};
