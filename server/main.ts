/**
 * `npm start`: configuration → migrations (idempotent) → seed (idempotent) → shipped definitions
 * published → HTTP server, timer scheduler and outbox dispatcher. SIGTERM/SIGINT stop cleanly.
 */
import { mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { createApp } from './app.ts';
import { compose, shutdown } from './compose.ts';
import { loadConfig } from './config.ts';
import { isPostgres } from './db/client.ts';
import { migrateDatabase } from './db/migrate.ts';
import { seed, DEMO_ACCOUNTS } from './db/seed.ts';
import { createLogger } from './log.ts';

async function main() {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  mkdirSync(config.dataDir, { recursive: true });
  const started = Date.now();
  await migrateDatabase(config.databaseUrl);
  const deps = await compose(config, log);
  await seed(deps.prisma, { production: config.production, dataDir: config.seedDataDir, log: (m) => log.info(m) });
  await deps.catalog.seedFromFiles(config.definitionsDirs, config.formsDirs);
  const backfilled = await deps.runtime.backfillAwaiting();
  if (backfilled > 0) log.info('work queues filled for existing applications', { applications: backfilled });
  const app = createApp(deps);
  const server = app.listen(config.port, config.host);
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
