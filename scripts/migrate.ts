// `npm run db:deploy`: applies pending migrations to DATABASE_URL, or to the SQLite file
// <DATA_DIR>/alur.db (DATA_DIR defaults to ./data) when DATABASE_URL is not set.
import { databaseUrlFor } from '../server/db/client.ts';
import { migrateDatabase } from '../server/db/migrate.ts';

const url = databaseUrlFor({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR || 'data' });
const t0 = performance.now();
try {
  const output = await migrateDatabase(url);
  // The CLI's config banner and adapter warning are noise here; keep what it did.
  const lines = output.split('\n').filter((l) => /migration|applied|No pending/i.test(l) || /^\s+└─|^\s+migrations\//.test(l));
  console.log(lines.join('\n'));
  console.log(`db:deploy: ${url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')} is up to date (${Math.round(performance.now() - t0)} ms)`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
