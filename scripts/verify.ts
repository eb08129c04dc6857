/**
 * `npm run verify`: replays every application's event log from the start, compares the result
 * with its stored snapshot and checks every hash chain. Prints a summary; exits 1 on any mismatch.
 * Uses DATABASE_URL / DATA_DIR like the server. `--application <id>` or `--flow <key>` narrow it.
 */
import { compose, shutdown } from '../server/compose.ts';
import { loadConfig } from '../server/config.ts';
import { createLogger } from '../server/log.ts';
import { verifyAll } from '../server/runtime/verify.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};

const config = loadConfig();
const deps = await compose(config, createLogger('warn'));
try {
  const started = Date.now();
  const report = await verifyAll(deps.sql, deps.catalog, { applicationId: arg('--application'), flow: arg('--flow') });
  for (const m of report.mismatches) console.log(`MISMATCH ${m.applicationId}${m.seq !== undefined ? ` seq ${m.seq}` : ''}: ${m.problem}`);
  const bad = new Set(report.mismatches.map((m) => m.applicationId)).size;
  console.log(
    `verified ${report.checked} application(s), ${report.events} event(s) in ${Date.now() - started} ms: ` +
      (bad === 0 ? 'all logs replay to their snapshots and every hash chain holds' : `${bad} application(s) with ${report.mismatches.length} mismatch(es)`),
  );
  process.exitCode = bad === 0 ? 0 : 1;
} finally {
  await shutdown(deps);
}
