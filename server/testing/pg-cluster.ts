/**
 * A throwaway PostgreSQL 15 cluster for tests and for `npm run db:migration` (which needs a live
 * server for Prisma's shadow database): initdb into a temp dir, start on a free 127.0.0.1 port,
 * trust auth, durability off. `stop()` shuts it down and deletes the directory.
 *
 * The directory is on /dev/shm when there is room (see clusterParentDir).
 * As root (CI), initdb and pg_ctl run as the `postgres` user (initdb refuses root); as anyone
 * else they run as the current user. When the binaries are missing, `apt-get install -y
 * postgresql-15` is tried once per process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export type PgCluster = {
  /** `postgresql://postgres@127.0.0.1:<port>/postgres` (superuser, trust auth). */
  adminUrl: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
};

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
let installTried = false;

type RunResult = { code: number | null; output: string };

function run(cmd: string, args: string[], opts: { asUser?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  const [file, argv] = opts.asUser ? ['runuser', ['-u', opts.asUser, '--', cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], timeout: opts.timeoutMs ?? 120_000 });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

async function ensureBinaries(): Promise<void> {
  if (existsSync(path.join(PG_BIN, 'initdb'))) return;
  const isRoot = process.getuid?.() === 0;
  if (!installTried && isRoot) {
    installTried = true;
    console.error('[pg-cluster] PostgreSQL 15 binaries missing: apt-get install -y postgresql-15');
    const env = 'DEBIAN_FRONTEND=noninteractive';
    const r = await run('sh', ['-c', `${env} apt-get install -y postgresql-15 || (apt-get update && ${env} apt-get install -y postgresql-15)`], {
      timeoutMs: 600_000,
    });
    if (existsSync(path.join(PG_BIN, 'initdb'))) return;
    throw new Error(`PostgreSQL 15 binaries not found in ${PG_BIN} and apt-get install failed:\n${r.output.slice(-2000)}`);
  }
  throw new Error(
    `PostgreSQL 15 binaries not found in ${PG_BIN}. Install them (apt-get install -y postgresql-15), ` +
      'set PG_BIN to their folder, or set ALUR_TEST_PG=0 to skip the PostgreSQL tests.',
  );
}

/** A port that was free a moment ago (bind 127.0.0.1:0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('could not get a free port'))));
    });
  });
}

function postgresIds(): { uid: number; gid: number } {
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) throw new Error('running as root but there is no `postgres` user to run initdb as');
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

/**
 * Where cluster directories go: PG_CLUSTER_TMPDIR if set, else /dev/shm when it has room (on
 * tmpfs, CREATE DATABASE … TEMPLATE takes ~15 ms instead of ~300 ms on ext4: it creates ~1,200
 * files), else the OS temp dir.
 */
function clusterParentDir(): string {
  if (process.env.PG_CLUSTER_TMPDIR) return process.env.PG_CLUSTER_TMPDIR;
  try {
    const fs = statfsSync('/dev/shm');
    if (fs.bavail * fs.bsize >= 1024 ** 3) return '/dev/shm';
  } catch {
    // no /dev/shm
  }
  return tmpdir();
}

const live = new Set<() => void>();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort when the owner never calls stop() (crash, process.exit): never leave a postmaster behind.
  process.on('exit', () => {
    for (const kill of live) kill();
  });
}

export async function startPgCluster(): Promise<PgCluster> {
  await ensureBinaries();
  const asUser = process.getuid?.() === 0 ? 'postgres' : undefined;
  const dir = mkdtempSync(path.join(clusterParentDir(), 'alur-pg-'));
  const data = path.join(dir, 'data');
  const sock = path.join(dir, 'sock');
  mkdirSync(sock);
  if (asUser) {
    const { uid, gid } = postgresIds();
    chownSync(dir, uid, gid);
    chownSync(sock, uid, gid);
  }
  const pgCtl = path.join(PG_BIN, 'pg_ctl');
  const stopImmediately = () => {
    const args = [pgCtl, '-D', data, '-m', 'immediate', '-w', 'stop'];
    if (existsSync(path.join(data, 'postmaster.pid')))
      spawnSync(asUser ? 'runuser' : pgCtl, asUser ? ['-u', asUser, '--', ...args] : args.slice(1), { stdio: 'ignore' });
  };
  try {
    const init = await run(path.join(PG_BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync'], { asUser });
    if (init.code !== 0) throw new Error(`initdb failed (exit ${init.code}):\n${init.output}`);

    let port = 0;
    let lastError = '';
    for (let attempt = 0; attempt < 3 && !port; attempt++) {
      const candidate = await freePort();
      const options = [
        `-p ${candidate}`,
        `-k ${sock}`,
        '-c listen_addresses=127.0.0.1',
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=200',
      ].join(' ');
      const start = await run(pgCtl, ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', '-o', options, 'start'], { asUser });
      if (start.code === 0) port = candidate;
      else lastError = `pg_ctl start failed (exit ${start.code}) on port ${candidate}:\n${start.output}`;
    }
    if (!port) throw new Error(lastError);

    const kill = () => {
      stopImmediately();
      rmSync(dir, { recursive: true, force: true });
    };
    live.add(kill);
    installExitHook();

    const adminUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    await waitUntilReady(adminUrl);

    let stopped: Promise<void> | undefined;
    const stop = () =>
      (stopped ??= (async () => {
        live.delete(kill);
        const r = await run(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop'], { asUser });
        if (r.code !== 0) console.error(`[pg-cluster] pg_ctl stop failed (exit ${r.code}):\n${r.output}`);
        await rm(dir, { recursive: true, force: true });
      })());
    return { adminUrl, port, dir, stop };
  } catch (err) {
    // Best effort: a half-started cluster must not outlive the failure.
    stopImmediately();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** pg_ctl -w already waits for the socket; this also proves TCP + auth work. */
async function waitUntilReady(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      return;
    } catch (err) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections at ${url}: ${String(err)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
