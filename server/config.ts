/** Configuration from the environment, validated once at start; bad values fail fast with the variable's name. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DOCUMENT_MAX_BYTES, DOCUMENT_MAX_BYTES_CEILING } from './documents/documents.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const bool = z
  .enum(['0', '1', 'true', 'false'])
  .transform((v) => v === '1' || v === 'true');
const int = (def: number) => z.coerce.number().int().nonnegative().default(def);

/** Signs the sandbox's payment notices outside production; never accepted in production. */
export const DEV_PAYMENT_WEBHOOK_SECRET = 'alur-dev-payment-webhook-secret-not-for-production';

const schema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: int(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with file: or postgres://')
    .optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Alur <no-reply@alur.local>'),
  SESSION_TTL_HOURS: int(12),
  SESSION_CACHE_SECONDS: int(10),
  SCHEDULER_INTERVAL_MS: int(1000),
  OUTBOX_INTERVAL_MS: int(1000),
  OUTBOX_MAX_BACKOFF_MS: int(60_000),
  LEASE_MS: int(30_000),
  /** How long an API request may take before it is stopped with 503 (CSV exports extend their own). */
  REQUEST_TIMEOUT_MS: int(30_000),
  DOCUMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .max(DOCUMENT_MAX_BYTES_CEILING, `must be at most ${DOCUMENT_MAX_BYTES_CEILING} (uploads are held in memory)`)
    .default(DOCUMENT_MAX_BYTES),
  RATE_LIMIT_AUTH_PER_10MIN: z.coerce.number().int().positive().optional(),
  TRUST_PROXY: bool.optional(),
  SECURE_COOKIES: bool.optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  SEED_DATA_DIR: z.string().optional(),
  DEFINITIONS_DIR: z.string().optional(),
  FORMS_DIR: z.string().optional(),
  CLIENT_DIR: z.string().optional(),
  PAYMENT_WEBHOOK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
}).superRefine((e, ctx) => {
  if (e.NODE_ENV === 'production' && (e.PAYMENT_WEBHOOK_SECRET === undefined || e.PAYMENT_WEBHOOK_SECRET === DEV_PAYMENT_WEBHOOK_SECRET)) {
    ctx.addIssue({ code: 'custom', path: ['PAYMENT_WEBHOOK_SECRET'], message: 'required in production: the secret shared with the payment provider (not the development default)' });
  }
});

export type Config = {
  production: boolean;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  smtpUrl?: string;
  mailFrom: string;
  sessionTtlMs: number;
  sessionCacheMs: number;
  schedulerIntervalMs: number;
  outboxIntervalMs: number;
  outboxMaxBackoffMs: number;
  leaseMs: number;
  requestTimeoutMs: number;
  /** The largest uploaded document, in bytes (policy: 2 MiB). */
  documentMaxBytes: number;
  /** Registrations/logins/OTP checks per client IP per 10 minutes. */
  authRateLimit: number;
  trustProxy: boolean;
  secureCookies: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  seedDataDir: string;
  /** Folders of shipped definitions and of their forms (`DEFINITIONS_DIR`, `FORMS_DIR`: several joined by `:`). */
  definitionsDirs: string[];
  formsDirs: string[];
  /** The built web app served at `/` (`vite build`'s output); absent: the API only. */
  clientDir: string;
  /** HMAC-SHA256 key of the payment webhook (`X-Alur-Signature`). */
  paymentWebhookSecret: string;
};

/** Parses `env` (default: process.env); throws one Error naming every invalid variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable means "not set" (`DATABASE_URL= npm start`).
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    production,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `file:${path.join(dataDir, 'alur.db')}`,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    sessionCacheMs: e.SESSION_CACHE_SECONDS * 1000,
    schedulerIntervalMs: e.SCHEDULER_INTERVAL_MS,
    outboxIntervalMs: e.OUTBOX_INTERVAL_MS,
    outboxMaxBackoffMs: e.OUTBOX_MAX_BACKOFF_MS,
    leaseMs: e.LEASE_MS,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    documentMaxBytes: e.DOCUMENT_MAX_BYTES,
    authRateLimit: e.RATE_LIMIT_AUTH_PER_10MIN ?? (production ? 20 : 2000),
    trustProxy: e.TRUST_PROXY ?? false,
    secureCookies: e.SECURE_COOKIES ?? production,
    logLevel: e.LOG_LEVEL,
    seedDataDir: path.resolve(e.SEED_DATA_DIR ?? path.join(REPO_ROOT, 'server/db/seed-data')),
    definitionsDirs: folders(e.DEFINITIONS_DIR, path.join(REPO_ROOT, 'machines/definitions')),
    formsDirs: folders(e.FORMS_DIR, path.join(REPO_ROOT, 'forms')),
    clientDir: path.resolve(e.CLIENT_DIR ?? path.join(REPO_ROOT, 'dist/client')),
    paymentWebhookSecret: e.PAYMENT_WEBHOOK_SECRET ?? DEV_PAYMENT_WEBHOOK_SECRET,
  };
}

/** A list of folders written with the platform's delimiter (`a:b`), resolved; `fallback` when unset. */
function folders(value: string | undefined, fallback: string): string[] {
  return (value ?? fallback)
    .split(path.delimiter)
    .filter((dir) => dir !== '')
    .map((dir) => path.resolve(dir));
}
