/**
 * A minimal app for the accounts and email tests: a fresh database (SQLite or PostgreSQL), the
 * services accounts need, and an Express app with cookie-parser, JSON, sessions, CSRF, the
 * accounts router, the dev outbox and problem+json — listening on 127.0.0.1 on a random port.
 * Plus `TestClient`, a fetch client with a cookie jar and the CSRF dance built in.
 *
 * Meant to be folded into the real harness (server/testing/harness.ts) later.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import cookieParser from 'cookie-parser';
import express from 'express';
import { SessionService } from '../accounts/sessions.ts';
import { ManualClock } from '../clock.ts';
import { loadConfig, type Config } from '../config.ts';
import { createPrisma, isPostgres, type Db } from '../db/client.ts';
import { withWriteLock } from '../db/locked-prisma.ts';
import { PgDriver } from '../db/pg-driver.ts';
import type { SqlDriver } from '../db/sql.ts';
import { SqliteDriver } from '../db/sqlite-driver.ts';
import { WriteLock } from '../db/write-lock.ts';
import { NotFoundError } from '../errors.ts';
import { accountsRouter, type AccountsRouterOptions } from '../http/accounts-router.ts';
import { sessionMiddleware } from '../http/auth.ts';
import { CSRF_COOKIE, requireCsrf } from '../http/csrf.ts';
import { devMailRouter } from '../http/dev-router.ts';
import { problemHandler } from '../http/problem.ts';
import { createLogger, type Logger } from '../log.ts';
import { OutboxDispatcher } from '../notify/dispatcher.ts';
import { createLogMailer, type Mailer } from '../notify/mailer.ts';
import { freshDatabase, type Provider } from './databases.ts';

/** The services accounts and email need (a subset of AppDeps). */
export type AccountsDeps = {
  config: Config;
  log: Logger;
  prisma: Db;
  sql: SqlDriver;
  clock: ManualClock;
  sessions: SessionService;
  mailer: Mailer;
  dispatcher: OutboxDispatcher;
};

export type TestDb = { url: string; prisma: Db; sql: SqlDriver; close(): Promise<void> };

/** A fresh migrated database with both a (write-locked on SQLite) Prisma client and a driver. */
export async function openTestDb(provider: Provider): Promise<TestDb> {
  const fresh = await freshDatabase(provider);
  let prisma = createPrisma(fresh.url);
  let sql: SqlDriver;
  if (isPostgres(fresh.url)) {
    sql = new PgDriver(fresh.url, 5);
  } else {
    const lock = new WriteLock();
    sql = new SqliteDriver(fresh.url, lock);
    prisma = withWriteLock(prisma, lock);
  }
  return {
    url: fresh.url,
    prisma,
    sql,
    close: async () => {
      await prisma.$disconnect();
      await sql.close();
      await fresh.drop();
    },
  };
}

/** Test configuration: defaults plus `overrides`. */
export function testConfig(overrides: Partial<Config> = {}, databaseUrl = 'file::memory:'): Config {
  return { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl }), ...overrides };
}

export type AccountsAppOptions = {
  config?: Partial<Config>;
  mailer?: Mailer;
  log?: Logger;
  router?: AccountsRouterOptions;
};

export type AccountsApp = {
  url: string;
  deps: AccountsDeps;
  db: TestDb;
  client(): TestClient;
  close(): Promise<void>;
};

export async function startAccountsApp(provider: Provider, options: AccountsAppOptions = {}): Promise<AccountsApp> {
  const db = await openTestDb(provider);
  const config = testConfig(options.config, db.url);
  const log = options.log ?? createLogger('silent');
  const clock = new ManualClock(db.sql);
  const mailer = options.mailer ?? createLogMailer(log);
  const sessions = new SessionService({ prisma: db.prisma, clock, config });
  const dispatcher = new OutboxDispatcher({ sql: db.sql, mailer, clock, config, log });
  const deps: AccountsDeps = { config, log, prisma: db.prisma, sql: db.sql, clock, sessions, mailer, dispatcher };

  const app = express();
  app.disable('x-powered-by');
  app.use(cookieParser());
  const api = express.Router();
  api.use(express.json({ limit: '256kb' }));
  api.use(sessionMiddleware(sessions));
  api.use(requireCsrf((p) => p === '/payments/webhook'));
  api.use(accountsRouter(deps, options.router));
  api.use('/dev', devMailRouter(deps));
  api.use(() => {
    throw new NotFoundError({ id: 'Alamat API', en: 'API route' });
  });
  app.use('/api', api);
  app.use(problemHandler(log));

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    deps,
    db,
    client: () => new TestClient(url),
    close: async () => {
      await dispatcher.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}

export type TestResponse<T = Record<string, unknown>> = { status: number; headers: Headers; body: T; text: string };

/** A fetch client with a cookie jar; state-changing requests carry `X-CSRF-Token` unless `csrf: false`. */
export class TestClient {
  readonly cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  get csrfToken(): string | undefined {
    return this.cookies.get(CSRF_COOKIE);
  }

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    opts: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(method);
    if (unsafe && opts.csrf !== false) {
      if (!this.csrfToken) await this.request('GET', '/api/auth/csrf');
      headers['x-csrf-token'] = this.csrfToken ?? '';
    }
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(this.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const c of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some((a) => /^\s*expires=/i.test(a) && new Date(a.split('=')[1] ?? '').getTime() <= Date.now());
      if (value === '' || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  get<T = Record<string, unknown>>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = Record<string, unknown>>(path: string, body?: unknown, opts?: { csrf?: boolean; headers?: Record<string, string> }) {
    return this.request<T>('POST', path, body, opts);
  }
  patch<T = Record<string, unknown>>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body);
  }

  /** The newest email to `to` from the dev outbox. */
  async lastEmail(to: string): Promise<{ id: string; to: string; subject: string; text: string; status: string } | undefined> {
    const r = await this.get<{ messages: { id: string; to: string; subject: string; text: string; status: string }[] }>(
      `/api/dev/outbox?to=${encodeURIComponent(to)}`,
    );
    return r.body.messages[0];
  }

  /** The 6-digit code in the newest email to `to`. */
  async lastOtp(to: string): Promise<string> {
    const mail = await this.lastEmail(to);
    const code = mail?.text.match(/\b\d{6}\b/)?.[0];
    if (!code) throw new Error(`no OTP email for ${to}`);
    return code;
  }

  /** Registers, verifies with the emailed code and logs in. */
  async signUp(email: string, password = 'rahasia12345', fullName = 'Maria Goreti'): Promise<TestResponse> {
    const reg = await this.post('/api/auth/register', { email, password, fullName });
    if (reg.status !== 201) throw new Error(`register: ${reg.status} ${reg.text}`);
    const ver = await this.post('/api/auth/verify', { email, code: await this.lastOtp(email) });
    if (ver.status !== 200) throw new Error(`verify: ${ver.status} ${ver.text}`);
    return this.post('/api/auth/login', { email, password });
  }
}
