/**
 * A real Alur server for HTTP tests: a fresh migrated database (SQLite or PostgreSQL), the
 * fixture flows of machines/fixtures, seeded offices and demo staff, listening on 127.0.0.1:0,
 * plus a cookie-keeping client that fetches and sends the CSRF token like the web app does.
 * For tests of one service: `testConfig` (the same configuration, from environment variables)
 * and `openTestDb` (a fresh database wired as compose() wires it, without the HTTP server).
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../app.ts';
import { compose, shutdown } from '../compose.ts';
import { loadConfig, REPO_ROOT, type Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { DEMO_ACCOUNTS, seed } from '../db/seed.ts';
import type { SqlDriver } from '../db/sql.ts';
import type { AppDeps } from '../deps.ts';
import { createLogger, type Logger } from '../log.ts';
import type { ServerPacks } from '../pack.ts';
import { freshDatabase, type Provider } from './databases.ts';

/** The engine's fixture flows and the passport pack's (test-pay: a payment without a booking). */
export const FIXTURE_DEFINITIONS = [path.join(REPO_ROOT, 'machines/fixtures/definitions'), path.join(REPO_ROOT, 'server/domain/passport/testing/definitions')].join(path.delimiter);
export const FIXTURE_FORMS = path.join(REPO_ROOT, 'machines/fixtures/forms');

export type TestServer = {
  url: string;
  deps: AppDeps;
  /** A new client with its own cookie jar (one user's browser). */
  client(): TestClient;
  /** Stops the HTTP server and workers, keeps the database (for restart tests). */
  stop(): Promise<void>;
  /** stop() and drop the database. */
  close(): Promise<void>;
};

export type StartOptions = {
  provider: Provider;
  /** Reuse a database (restart tests); default a fresh one. */
  databaseUrl?: string;
  /** Environment variables over testConfig()'s (names in server/config.ts). */
  env?: Record<string, string>;
  /** Start the scheduler and the outbox dispatcher (default true). */
  workers?: boolean;
  /** The server's logger (default: one at LOG_LEVEL). */
  log?: Logger;
  /** The domain packs the server runs (default: the installed ones, server/packs.ts); e.g. `installPacks(passportPack, testPack)`. */
  packs?: ServerPacks;
};

/** The test configuration: quiet, the fixture flows, fast workers; `env` overrides (server/config.ts names). */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    DEFINITIONS_DIR: FIXTURE_DEFINITIONS,
    FORMS_DIR: FIXTURE_FORMS,
    SCHEDULER_INTERVAL_MS: '100',
    OUTBOX_INTERVAL_MS: '100',
    OUTBOX_MAX_BACKOFF_MS: '300',
    ...env,
  });
}

export async function startTestServer(opts: StartOptions): Promise<TestServer & { databaseUrl: string; dropDatabase(): Promise<void> }> {
  const fresh = opts.databaseUrl ? null : await freshDatabase(opts.provider);
  const databaseUrl = opts.databaseUrl ?? fresh!.url;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'alur-data-'));
  const config = testConfig({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, ...opts.env });
  const log = opts.log ?? createLogger(config.logLevel);
  const deps = await compose(config, log, opts.packs);
  await seed(deps.prisma, { production: config.production, dataDir: config.seedDataDir });
  await deps.catalog.seedFromFiles(config.definitionsDirs, config.formsDirs);
  const server: Server = createApp(deps).listen(0, '127.0.0.1');
  await once(server, 'listening');
  if (opts.workers !== false) {
    deps.scheduler.start();
    deps.dispatcher.start();
  }
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= (async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await shutdown(deps);
      rmSync(dataDir, { recursive: true, force: true });
    })());
  const dropDatabase = async () => {
    await fresh?.drop();
  };
  return {
    url,
    deps,
    databaseUrl,
    client: () => new TestClient(url),
    stop,
    dropDatabase,
    close: async () => {
      await stop();
      await dropDatabase();
    },
  };
}

export type TestDb = { url: string; prisma: Db; sql: SqlDriver; close(): Promise<void> };

/** A fresh, empty migrated database with Prisma and the driver as compose() builds them (write lock on SQLite); no workers, no seed. */
export async function openTestDb(provider: Provider): Promise<TestDb> {
  const fresh = await freshDatabase(provider);
  const deps = await compose(testConfig({ DATABASE_URL: fresh.url }), createLogger('silent'));
  return {
    url: fresh.url,
    prisma: deps.prisma,
    sql: deps.sql,
    close: async () => {
      await shutdown(deps);
      await fresh.drop();
    },
  };
}

export type Reply<T = unknown> = { status: number; headers: Headers; body: T; contentType: string };

/** The password signUp() and registerVerified() use unless given one. */
export const TEST_PASSWORD = 'rahasia-123456';

export type OutboxEmail = { id: string; to: string; subject: string; text: string; status: string };

/** One browser: keeps cookies, sends the CSRF token on state-changing requests. */
export class TestClient {
  /** The cookie jar, by name (tests may read, replay or drop cookies). */
  readonly cookies = new Map<string, string>();
  private csrf: string | null = null;
  constructor(readonly baseUrl: string) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keepCookies(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*expires=/i.test(a) && new Date(a.split('=')[1] ?? '').getTime() <= Date.now());
      if (value === '' || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** A raw request; `body` objects are sent as JSON. `csrf: false` leaves the token out. */
  async request<T = unknown>(method: string, p: string, body?: unknown, opts: { headers?: Record<string, string>; csrf?: boolean; raw?: BodyInit } = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    if (method !== 'GET' && method !== 'HEAD' && opts.csrf !== false) {
      headers['x-csrf-token'] = await this.csrfToken();
      headers.cookie = this.cookieHeader();
    }
    let payload: BodyInit | undefined = opts.raw;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.baseUrl + p, { method, headers, body: payload, redirect: 'manual' });
    this.keepCookies(res);
    const contentType = res.headers.get('content-type') ?? '';
    const text = await res.text();
    let parsed: unknown = text;
    if (contentType.includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as T, contentType };
  }

  async csrfToken(): Promise<string> {
    if (!this.csrf) {
      const res = await fetch(this.baseUrl + '/api/auth/csrf', { headers: this.cookies.size ? { cookie: this.cookieHeader() } : {} });
      this.keepCookies(res);
      this.csrf = ((await res.json()) as { token: string }).token;
    }
    return this.csrf;
  }

  get<T = unknown>(p: string, headers?: Record<string, string>) {
    return this.request<T>('GET', p, undefined, { headers });
  }
  /** The body of a GET that must answer 200 (else an Error with the status and the body). */
  async getOk<T>(p: string): Promise<T> {
    const r = await this.get<T>(p);
    if (r.status !== 200) throw new Error(`GET ${p}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
  post<T = unknown>(p: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', p, body ?? {}, { headers });
  }
  put<T = unknown>(p: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PUT', p, body ?? {}, { headers });
  }
  patch<T = unknown>(p: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', p, body ?? {}, { headers });
  }

  /** Logs in; throws with the reply when it fails. */
  async login(email: string, password: string) {
    const r = await this.post<{ user: { id: string; roles: string[] } }>('/api/auth/login', { email, password });
    if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.user;
  }

  /** Registers and verifies with the code from the dev outbox, without logging in; throws with the reply when a step fails. */
  async registerVerified(email: string, password = TEST_PASSWORD, fullName = 'Pemohon Uji') {
    const reg = await this.post('/api/auth/register', { email, password, fullName });
    if (reg.status !== 201) throw new Error(`register ${email}: ${reg.status} ${JSON.stringify(reg.body)}`);
    const code = await this.latestOtp(email);
    const ver = await this.post('/api/auth/verify', { email, code });
    if (ver.status !== 200) throw new Error(`verify ${email}: ${ver.status} ${JSON.stringify(ver.body)}`);
  }

  /** registerVerified(), then logs in. */
  async signUp(email: string, password = TEST_PASSWORD, fullName = 'Pemohon Uji') {
    await this.registerVerified(email, password, fullName);
    return this.login(email, password);
  }

  /** The newest email to `to` in the dev outbox (recipient matched case-insensitively), or undefined. */
  async latestEmail(to: string): Promise<OutboxEmail | undefined> {
    const out = await this.get<{ messages: OutboxEmail[] }>(`/api/dev/outbox?to=${encodeURIComponent(to)}`);
    if (out.status !== 200) throw new Error(`dev outbox: ${out.status} ${JSON.stringify(out.body)}`);
    return out.body.messages[0];
  }

  /** The 6-digit code in the newest email to `to`. */
  async latestOtp(to: string): Promise<string> {
    const m = await this.latestEmail(to);
    const code = m && /\b(\d{6})\b/.exec(m.text)?.[1];
    if (!code) throw new Error(`no OTP email for ${to}: ${JSON.stringify(m)}`);
    return code;
  }

  /** Logs in as the (first) seeded demo account of `role`, or the demo account with that email. */
  loginAs(role: (typeof DEMO_ACCOUNTS)[number]['role'] | `${string}@alur.test`) {
    const a = DEMO_ACCOUNTS.find((x) => x.role === role || x.email === role)!;
    return this.login(a.email, a.password);
  }
}
