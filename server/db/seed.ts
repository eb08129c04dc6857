/**
 * Seed data: offices (offices.json), public holidays (every holidays-id-*.json) and, outside
 * production, demo accounts. Idempotent: rows are upserted by their natural key and existing
 * rows are left exactly as they are (admins manage offices, quotas, holidays and staff after
 * the first seed, so a restart must not undo their changes). A second run changes nothing. The
 * one exception: an office address that is still the placeholder an earlier seed wrote (or empty)
 * is filled in from office-addresses.ts.
 *
 * The data folder defaults to the copy in this repo (server/db/seed-data/, identical to
 * ../shared/data, which a test checks when it is present); SEED_DATA_DIR (server/config.ts) overrides it.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { hashPassword } from '../accounts/password.ts';
import type { Db } from './client.ts';
import { placeholderAddress, seedAddress } from './office-addresses.ts';

export const REPO_SEED_DATA_DIR = fileURLToPath(new URL('./seed-data/', import.meta.url));


export const DEMO_PASSWORD = 'Alur-demo-2026!';

export type DemoAccount = {
  role: 'applicant' | 'officer' | 'policy' | 'auditor' | 'admin';
  email: string;
  password: string;
  fullName: string;
  officeCode: string | null;
  /** Staff groups (events a flow limits to groups need one of them). */
  groups?: string[];
};

/** Seeded only when not in production. The README's table of demo accounts comes from here. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { role: 'officer', email: 'officer@alur.test', password: DEMO_PASSWORD, fullName: 'Petugas Demo (Atambua)', officeCode: 'ATB' },
  // The two review groups of the stay-permit flow (staff of any office).
  { role: 'officer', email: 'verifier@alur.test', password: DEMO_PASSWORD, fullName: 'Verifikator Demo', officeCode: null, groups: ['verification'] },
  { role: 'officer', email: 'intel@alur.test', password: DEMO_PASSWORD, fullName: 'Analis Intelijen Demo', officeCode: null, groups: ['intelligence'] },
  { role: 'policy', email: 'policy@alur.test', password: DEMO_PASSWORD, fullName: 'Staf Kebijakan Demo', officeCode: null },
  { role: 'auditor', email: 'auditor@alur.test', password: DEMO_PASSWORD, fullName: 'Auditor Demo', officeCode: null },
  { role: 'admin', email: 'admin@alur.test', password: DEMO_PASSWORD, fullName: 'Admin Demo', officeCode: null },
  { role: 'applicant', email: 'applicant@alur.test', password: DEMO_PASSWORD, fullName: 'Pemohon Demo', officeCode: null },
];

const i18n = z.object({ id: z.string().min(1), en: z.string().min(1) });
const officesFile = z.object({
  offices: z.array(
    z.object({
      code: z.string().regex(/^[A-Z]{3}$/),
      name: z.string().min(1),
      city: z.string().min(1),
      province: z.string().min(1),
      address: z.string().min(1).optional(),
      timeZone: z.string().min(1),
      lat: z.number(),
      lon: z.number(),
      dailyQuota: z.number().int().nonnegative(),
      expressQuota: z.number().int().nonnegative(),
      sessions: z.array(z.object({ id: z.string(), start: z.string(), end: z.string(), share: z.number() })).min(1),
      stock: z.record(z.string(), z.number().int().nonnegative()),
    }),
  ),
});
const holidaysFile = z.object({
  year: z.number().int(),
  holidays: z.array(
    z.object({
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      kind: z.enum(['national', 'collective']),
      name: i18n,
    }),
  ),
});

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`seed: ${file} is not valid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export type SeedOptions = {
  production: boolean;
  /** Folder with offices.json and holidays-id-*.json; defaults to defaultSeedDataDir(). */
  dataDir?: string;
  log?: (msg: string) => void;
};
export type SeedCounts = { total: number; created: number };
export type SeedResult = { offices: SeedCounts & { addressesFilled: number }; holidays: SeedCounts; users: SeedCounts };

export async function seed(db: Db, opts: SeedOptions): Promise<SeedResult> {
  const dir = opts.dataDir ?? REPO_SEED_DATA_DIR;
  const log = opts.log ?? (() => {});

  const { offices } = readJson(path.join(dir, 'offices.json'), officesFile);
  const holidayFiles = readdirSync(dir)
    .filter((f) => /^holidays-id-.*\.json$/.test(f))
    .sort();
  const holidays = holidayFiles.flatMap((f) => {
    const file = readJson(path.join(dir, f), holidaysFile);
    return file.holidays.map((h) => {
      const year = Number(h.date.slice(0, 4));
      if (year !== file.year) throw new Error(`seed: ${f}: ${h.date} is not in ${file.year}`);
      return { ...h, year };
    });
  });

  // Only missing rows are written. upsert (not create) so that two processes seeding at once do
  // not fail on the key; `update: {}` keeps whatever is there.
  const officeRows = await db.office.findMany({ select: { code: true, address: true } });
  const existingOffices = new Set(officeRows.map((o) => o.code));
  const newOffices = offices.filter((o) => !existingOffices.has(o.code));
  for (const o of newOffices) {
    const data = {
      code: o.code,
      name: o.name,
      city: o.city,
      province: o.province,
      address: seedAddress(o),
      timeZone: o.timeZone,
      lat: o.lat,
      lon: o.lon,
      dailyQuota: o.dailyQuota,
      expressQuota: o.expressQuota,
      sessions: o.sessions,
      stock: o.stock,
    };
    await db.office.upsert({ where: { code: o.code }, create: data, update: {} });
  }

  // Offices seeded before their address was known got a placeholder (`<name>, <city>, <province>`):
  // that placeholder, or an empty address, is filled in; an address anyone has set stays as it is.
  let addressesFilled = 0;
  for (const o of offices) {
    const address = seedAddress(o);
    const unset = [placeholderAddress(o), ''];
    const row = officeRows.find((r) => r.code === o.code);
    if (!row || address === unset[0] || !unset.includes(row.address)) continue;
    // NOTE: conditional, so an admin's edit between the read and this write is not overwritten.
    const r = await db.office.updateMany({ where: { code: o.code, address: { in: unset } }, data: { address } });
    addressesFilled += r.count;
  }

  const existingHolidays = new Set((await db.holiday.findMany({ select: { date: true } })).map((h) => h.date));
  const newHolidays = holidays.filter((h) => !existingHolidays.has(h.date));
  for (const h of newHolidays) {
    await db.holiday.upsert({ where: { date: h.date }, create: h, update: {} });
  }

  const accounts = opts.production ? [] : DEMO_ACCOUNTS;
  const existingUsers = new Set(
    (await db.user.findMany({ where: { email: { in: accounts.map((a) => a.email) } }, select: { email: true } })).map((u) => u.email),
  );
  const newAccounts = accounts.filter((a) => !existingUsers.has(a.email));
  const verifiedAt = new Date();
  for (const a of newAccounts) {
    const create = {
      id: randomUUID(),
      email: a.email,
      passwordHash: await hashPassword(a.password),
      fullName: a.fullName,
      roles: [a.role],
      officeCode: a.officeCode,
      groups: a.groups ?? [],
      verifiedAt,
    };
    await db.user.upsert({ where: { email: a.email }, create, update: {} });
  }

  const result: SeedResult = {
    offices: { total: offices.length, created: newOffices.length, addressesFilled },
    holidays: { total: holidays.length, created: newHolidays.length },
    users: { total: accounts.length, created: newAccounts.length },
  };
  log(
    `seed (${dir}): offices ${result.offices.created} new of ${result.offices.total}` +
      (addressesFilled ? ` (${addressesFilled} addresses filled in), ` : ', ') +
      `holidays ${result.holidays.created} new of ${result.holidays.total} (${holidayFiles.join(', ')}), ` +
      (opts.production ? 'no demo accounts (production)' : `demo accounts ${result.users.created} new of ${result.users.total}`),
  );
  return result;
}
