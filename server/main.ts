/**
 * `npm start`: configuration → migrations (idempotent) → seed (idempotent) → shipped definitions
 * published → HTTP server, timer scheduler and outbox dispatcher. SIGTERM/SIGINT stop cleanly.
 */
import { mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { createApp } from './app.ts';
import { compose, shutdown } from './compose.ts';
import { loadConfig } from './config.ts';
import { isPostgres } from './db/client.ts';
import { migrateDatabase } from './db/migrate.ts';
import { seed, DEMO_ACCOUNTS } from './db/seed.ts';
import { withStartupLock } from './db/startup-lock.ts';
import { createLogger } from './log.ts';
import { buildStateTallies } from './runtime/state-tally.ts';

/** Pending connections the kernel may queue before the server accepts them (see listen below). */
const LISTEN_BACKLOG = 2048;

async function main() {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  mkdirSync(config.dataDir, { recursive: true });
  const started = Date.now();
  await migrateDatabase(config.databaseUrl);
  const deps = await compose(config, log);
  // Processes started at once on one PostgreSQL take turns here (the first seeds, the others find it done).
  const backfilled = await withStartupLock(deps.sql, async () => {
    await seed(deps.prisma, { production: config.production, dataDir: config.seedDataDir, log: (m) => log.info(m) });
    await deps.catalog.seedFromFiles(config.definitionsDirs, config.formsDirs);
    return deps.runtime.backfillAwaiting();
  });
  if (backfilled > 0) log.info('work queues filled for existing applications', { applications: backfilled });
  // An older database counts its applications into the state tallies in the background (the heatmap answers 503 until then).
  void buildStateTallies(deps.sql).then(
    (n) => n > 0 && log.info('state tallies built from the logs of existing applications', { applications: n }),
    (error: unknown) => log.error('building the state tallies failed', { error: String(error) }),
  );
  // Each published flow's machine and form validators are built before the first request (tens
  // of milliseconds each, synchronous): otherwise the first requests after a start pay for them.
  for (const { key, version } of await deps.catalog.published()) await deps.catalog.flow(key, version);
  const app = createApp(deps);
  const server = createServer(app);
  // A quota rush opens thousands of connections at once: the kernel's default accept queue (511
  // in Node) overflows and resets them. The kernel caps it at net.core.somaxconn (4096 on current
  // Linux). Keep-alive outlives a proxy's usual 60 s idle timeout; headers must come within it.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG });
  await once(server, 'listening');
  deps.scheduler.start();
  deps.dispatcher.start();
  log.info('Alur is listening', {
    url: `http://localhost:${config.port}`,
    database: isPostgres(config.databaseUrl) ? 'postgresql' : config.databaseUrl,
    mail: deps.mailer.kind,
    mode: config.production ? 'production' : 'development (manual clock, /api/dev, demo accounts)',
    startupMs: Date.now() - started,
  });
  if (!config.production) log.info(`demo accounts (password ${DEMO_ACCOUNTS[0]?.password ?? ''}): ${DEMO_ACCOUNTS.map((a) => a.email).join(', ')}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    server.close();
    server.closeAllConnections();
    await shutdown(deps);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
