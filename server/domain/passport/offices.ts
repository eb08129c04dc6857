/**
 * Immigration offices: the typed record (sessions and stock are JSON columns), how a day's
 * quota is split over the sessions, and which offices are nearest to one another.
 */
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { SqlRunner } from '../../db/sql.ts';
import { NotFoundError } from '../../errors.ts';
import { jsonColumn } from '../../calendar/calendar.ts';

export type PassportType = 'ordinary' | 'electronic';
export const PASSPORT_TYPES: readonly PassportType[] = ['ordinary', 'electronic'];
export type QuotaKind = 'regular' | 'express';

export type OfficeSession = { id: string; start: string; end: string; share: number };

export type Office = {
  code: string;
  name: string;
  city: string;
  province: string;
  address: string;
  timeZone: string;
  lat: number;
  lon: number;
  dailyQuota: number;
  expressQuota: number;
  sessions: OfficeSession[];
  /** Passport books in stock by type (a type missing in the record counts as 0). */
  stock: Record<PassportType, number>;
};

export type SessionCapacity = { id: string; start: string; end: string; capacity: number };

const sessionsSchema = z.array(
  z.object({ id: z.string().min(1), start: z.string(), end: z.string(), share: z.number().nonnegative() }),
);
const stockSchema = z.record(z.string(), z.number());

type OfficeRow = Omit<Office, 'sessions' | 'stock'> & { sessions: unknown; stock: unknown };

function toOffice(r: OfficeRow): Office {
  const sessions = sessionsSchema.safeParse(jsonColumn(r.sessions));
  const stock = stockSchema.safeParse(jsonColumn(r.stock));
  if (!sessions.success || !stock.success) throw new Error(`office ${r.code}: malformed sessions or stock`);
  return {
    code: r.code,
    name: r.name,
    city: r.city,
    province: r.province,
    address: r.address,
    timeZone: r.timeZone,
    lat: Number(r.lat),
    lon: Number(r.lon),
    dailyQuota: Number(r.dailyQuota),
    expressQuota: Number(r.expressQuota),
    sessions: sessions.data,
    stock: { ordinary: stock.data.ordinary ?? 0, electronic: stock.data.electronic ?? 0 },
  };
}

const COLUMNS = '"code", "name", "city", "province", "address", "timeZone", "lat", "lon", "dailyQuota", "expressQuota", "sessions", "stock"';

/** Either database handle: the driver (hot reads) or Prisma. */
export type OfficeSource = SqlRunner | Db;

function isPrisma(db: OfficeSource): db is Db {
  return 'office' in db;
}

export function officeNotFound(code: string): NotFoundError {
  return new NotFoundError({ id: `Kantor ${code}`, en: `Office ${code}` });
}

/** The office `code`, or 404. */
export async function getOffice(db: OfficeSource, code: string): Promise<Office> {
  const row = isPrisma(db)
    ? await db.office.findUnique({ where: { code } })
    : await db.get<OfficeRow>(`SELECT ${COLUMNS} FROM "Office" WHERE "code" = ?`, [code]);
  if (!row) throw officeNotFound(code);
  return toOffice(row as OfficeRow);
}

/** Every office, by code. */
export async function listOffices(db: OfficeSource): Promise<Office[]> {
  const rows = isPrisma(db)
    ? await db.office.findMany({ orderBy: { code: 'asc' } })
    : await db.all<OfficeRow>(`SELECT ${COLUMNS} FROM "Office" ORDER BY "code"`);
  return rows.map((r) => toOffice(r as OfficeRow));
}

/**
 * Splits `total` over `weights` in whole places that add up to exactly `total` (largest
 * remainder: everyone gets the floor of their exact share, the places left over go to the
 * largest fractions, ties to the earlier one). Weights summing to 0 split evenly.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const t = Math.max(0, Math.floor(total));
  const sum = weights.reduce((a, w) => a + Math.max(0, w), 0);
  // rounded to 1e-9 so that float noise (0.1 + 0.2) cannot break a tie or lose a whole place
  const exact = weights.map((w) => Math.round((sum > 0 ? (t * Math.max(0, w)) / sum : t / weights.length) * 1e9) / 1e9);
  const out = exact.map((x) => Math.floor(x));
  let left = t - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k]!.i]! += 1;
  return out;
}

/**
 * Places per session on one day: the daily quota (regular) or the express quota split by the
 * sessions' shares; the sessions add up to exactly the quota.
 */
export function sessionCapacities(office: Pick<Office, 'dailyQuota' | 'expressQuota' | 'sessions'>, kind: QuotaKind): SessionCapacity[] {
  const quota = kind === 'express' ? office.expressQuota : office.dailyQuota;
  const caps = apportion(quota, office.sessions.map((s) => s.share));
  return office.sessions.map((s, i) => ({ id: s.id, start: s.start, end: s.end, capacity: caps[i]! }));
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle (haversine) distance in km. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The other offices by great-circle distance from `fromCode`, nearest first (404 when `fromCode` is not among them). */
export function nearestOffices<T extends { code: string; lat: number; lon: number }>(
  offices: readonly T[],
  fromCode: string,
): (T & { distanceKm: number })[] {
  const from = offices.find((o) => o.code === fromCode);
  if (!from) throw officeNotFound(fromCode);
  return offices
    .filter((o) => o.code !== fromCode)
    .map((o) => ({ ...o, distanceKm: distanceKm(from, o) }))
    .sort((a, b) => a.distanceKm - b.distanceKm || a.code.localeCompare(b.code));
}
