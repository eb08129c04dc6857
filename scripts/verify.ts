/**
 * `npm run verify`: replays every application's event log from the start, compares the result
 * with its stored snapshot and checks every hash chain. Prints a summary; exits 1 on any mismatch.
 * Uses DATABASE_URL / DATA_DIR like the server. `--application <id>` or `--flow <key>` narrow it.
 *
 * `--jobs N` (default: the number of CPUs) splits the log into N disjoint ranges of application
 * ids (`idRanges`) and verifies each on a worker thread with its own database connections; the
 * parts' reports add up to the report of one pass. `--application` runs on this thread alone.
 * `--progress` (or a terminal on stderr) prints the running totals at most once a second.
 *
 * This one file is both: run as a script it is the command; started as a worker it verifies the
 * range in its `workerData` and posts its progress and report.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { loadConfig } from '../server/config.ts';
import { createLogger } from '../server/log.ts';
import { idRanges, mergeReports, verifyAll, type VerifyFilter, type VerifyReport } from '../server/runtime/verify.ts';

type Counts = { checked: number; events: number };
type FromWorker = { progress: Counts } | { report: VerifyReport };

/** Verifies `filter` on this thread, with connections of its own. */
async function verifyHere(filter: VerifyFilter, onProgress: (c: Counts) => void): Promise<VerifyReport> {
  // Loaded here: the services and the packs take seconds to load, which a thread that only
  // hands out ranges to workers need not spend.
  const { compose, shutdown } = await import('../server/compose.ts');
  const deps = await compose(loadConfig(), createLogger('warn'));
  try {
    return await verifyAll(deps.sql, deps.catalog, filter, { onProgress: (r) => onProgress({ checked: r.checked, events: r.events }) });
  } finally {
    await shutdown(deps);
  }
}

/**
 * A worker thread running this file. NOTE: Node 20 does not apply `--import tsx` (inherited in
 * execArgv) to a worker's own TypeScript entry ("Unknown file extension .ts"), so the worker
 * starts as a line of JavaScript that registers tsx's loader and then imports this file.
 */
function workerOfThisFile(data: unknown): Worker {
  const load = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  return new Worker(load, { eval: true, workerData: data });
}

/** Verifies `filter` on a worker thread, with connections of its own. */
function verifyOnWorker(filter: VerifyFilter, onProgress: (c: Counts) => void, workers: Set<Worker>): Promise<VerifyReport> {
  return new Promise((resolve, reject) => {
    const worker = workerOfThisFile(filter);
    workers.add(worker);
    let report: VerifyReport | undefined;
    worker.on('message', (m: FromWorker) => {
      if ('progress' in m) onProgress(m.progress);
      else report = m.report;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      workers.delete(worker);
      if (report) resolve(report);
      else reject(new Error(`a verification job ended (exit ${code}) before its report`));
    });
  });
}

function usage(message: string): never {
  console.error(`${message}\nusage: npm run verify -- [--jobs N] [--flow KEY | --application ID] [--progress]`);
  process.exit(2);
}

async function main() {
  const argv = process.argv.slice(2);
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    if (i < 0) return undefined;
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) usage(`${name} needs a value`);
    return value;
  };
  const jobsArg = arg('--jobs');
  const jobs = jobsArg === undefined ? availableParallelism() : Number(jobsArg);
  if (!Number.isInteger(jobs) || jobs < 1) usage(`--jobs must be a whole number of at least 1, not ${jobsArg}`);
  const applicationId = arg('--application');
  const flow = arg('--flow');
  loadConfig(); // a bad variable fails here, once, rather than in every job

  // One application is one log: no ranges.
  const ranges = applicationId ? [{}] : idRanges(jobs);
  const inJobs = `${ranges.length} job${ranges.length === 1 ? '' : 's'}`;
  const counts: Counts[] = ranges.map(() => ({ checked: 0, events: 0 }));
  const started = Date.now();
  const tty = process.stderr.isTTY === true;
  const ticker =
    tty || argv.includes('--progress')
      ? setInterval(() => {
          const checked = counts.reduce((n, c) => n + c.checked, 0);
          const events = counts.reduce((n, c) => n + c.events, 0);
          const rate = Math.round(events / Math.max(0.001, (Date.now() - started) / 1000));
          const line = `verifying: ${checked.toLocaleString('en')} application(s), ${events.toLocaleString('en')} event(s), ${rate.toLocaleString('en')} events/s (${inJobs})`;
          process.stderr.write(tty ? `\r\x1b[K${line}` : `${line}\n`);
        }, 1000)
      : undefined;

  const workers = new Set<Worker>();
  let report: VerifyReport;
  try {
    if (ranges.length === 1) {
      report = await verifyHere({ applicationId, flow }, (c) => (counts[0] = c));
    } else {
      report = mergeReports(await Promise.all(ranges.map((idRange, i) => verifyOnWorker({ flow, idRange }, (c) => (counts[i] = c), workers))));
    }
  } catch (error) {
    for (const w of workers) void w.terminate();
    throw error;
  } finally {
    clearInterval(ticker);
    if (ticker && tty) process.stderr.write('\r\x1b[K');
  }
  for (const m of report.mismatches) console.log(`MISMATCH ${m.applicationId}${m.seq !== undefined ? ` seq ${m.seq}` : ''}: ${m.problem}`);
  const bad = new Set(report.mismatches.map((m) => m.applicationId)).size;
  console.log(
    `verified ${report.checked} application(s), ${report.events} event(s) in ${Date.now() - started} ms in ${inJobs}: ` +
      (bad === 0 ? 'all logs replay to their snapshots and every hash chain holds' : `${bad} application(s) with ${report.mismatches.length} mismatch(es)`),
  );
  process.exitCode = bad === 0 ? 0 : 1;
}

if (isMainThread) {
  await main();
} else {
  const port = parentPort!;
  const report = await verifyHere(workerData as VerifyFilter, (progress) => port.postMessage({ progress } satisfies FromWorker));
  port.postMessage({ report } satisfies FromWorker);
}
