/** Builds every service from the configuration: the one place where the pieces meet. */
import { VerifyJobs } from './audit/verify-jobs.ts';
import { SessionService } from './accounts/sessions.ts';
import { ManualClock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { createPrisma, isPostgres } from './db/client.ts';
import { withWriteLock } from './db/locked-prisma.ts';
import { PgDriver } from './db/pg-driver.ts';
import type { SqlDriver } from './db/sql.ts';
import { SqliteDriver } from './db/sqlite-driver.ts';
import { WriteLock } from './db/write-lock.ts';
import { documentStorage } from './documents/storage.ts';
import type { AppDeps } from './deps.ts';
import { FlowCatalog } from './flows/catalog.ts';
import type { Logger } from './log.ts';
import { OutboxDispatcher } from './notify/dispatcher.ts';
import { createMailer } from './notify/mailer.ts';
import { Runtime } from './runtime/runtime.ts';
import type { ServerPacks } from './pack.ts';
import { installedPacks } from './packs.ts';
import { Scheduler } from './runtime/scheduler.ts';

/** Every service, connected to the database in `config.databaseUrl` (already migrated), with the installed packs. */
export async function compose(config: Config, log: Logger, packs: ServerPacks = installedPacks): Promise<AppDeps> {
  const url = config.databaseUrl;
  let sql: SqlDriver;
  let prisma = createPrisma(url);
  if (isPostgres(url)) {
    sql = new PgDriver(url);
  } else {
    const lock = new WriteLock();
    sql = new SqliteDriver(url, lock);
    prisma = withWriteLock(prisma, lock);
  }
  const manualClock = config.production ? null : new ManualClock(sql);
  await manualClock?.refresh();
  const clock = manualClock ?? systemClock;
  const mailer = createMailer(config, log);
  const dispatcher = new OutboxDispatcher({ sql, mailer, clock, config, log });
  const catalog = new FlowCatalog(prisma, log, packs);
  const runtime = new Runtime({ sql, catalog, clock, log, packs, onMessages: () => dispatcher.kick() });
  const scheduler = new Scheduler({ sql, runtime, clock, manualClock, log }, { intervalMs: config.schedulerIntervalMs, leaseMs: config.leaseMs });
  // NOTE: sessions expire on real time: moving the manual clock by days must not log everyone out.
  const sessions = new SessionService({ prisma, sql, clock: systemClock, config });
  // PostgreSQL: every process reads the same documents; SQLite (one process): files under DATA_DIR.
  const documents = documentStorage(sql, config.dataDir);
  const verifyJobs = new VerifyJobs({ sql, catalog, log });
  return { config, log, prisma, sql, clock, manualClock, sessions, documents, mailer, dispatcher, catalog, runtime, scheduler, packs, verifyJobs };
}

/** Stops the workers and closes the connections. */
export async function shutdown(deps: AppDeps): Promise<void> {
  await deps.scheduler.stop();
  await deps.dispatcher.stop();
  await deps.verifyJobs.stop();
  await deps.sql.close();
  await deps.prisma.$disconnect();
}
