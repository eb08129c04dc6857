/** Parsing of ids, headers and query values shared by the routers; bad input → typed 4xx. */
import type { Request } from 'express';
import { BadRequestError, NotFoundError, type FieldError } from '../errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `:id` parameter when it is a UUID; anything else cannot name an application (404). */
export function idParam(req: Request, what = { id: 'Permohonan', en: 'Application' }): string {
  const id = req.params.id;
  if (typeof id !== 'string' || !UUID.test(id)) throw new NotFoundError(what);
  return id.toLowerCase();
}

/** `If-Match: 3` (also `"3"` or `W/"3"`) → 3; absent → undefined; anything else → 400. */
export function ifMatch(req: Request): number | undefined {
  const raw = req.get('if-match');
  if (raw === undefined) return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(raw);
  if (!m) {
    throw new BadRequestError(
      { id: 'If-Match harus berisi nomor versi permohonan, mis. 3.', en: 'If-Match must hold the application version number, e.g. 3.' },
      'bad-if-match',
    );
  }
  return Number(m[1]);
}

/** `Idempotency-Key`: 1–200 visible ASCII characters; absent → undefined. */
export function idempotencyKey(req: Request): string | undefined {
  const raw = req.get('idempotency-key');
  if (raw === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(raw)) {
    throw new BadRequestError(
      { id: 'Idempotency-Key harus 1–200 karakter ASCII tanpa spasi.', en: 'Idempotency-Key must be 1–200 visible ASCII characters.' },
      'bad-idempotency-key',
    );
  }
  return raw;
}

/** A positive integer path parameter (e.g. a version), else 404. */
export function intParam(req: Request, name: string, what: { id: string; en: string }): number {
  const raw = req.params[name];
  if (typeof raw !== 'string' || !/^[1-9]\d{0,8}$/.test(raw)) throw new NotFoundError(what);
  return Number(raw);
}

/** A single string query value (first of repeats), trimmed; empty → undefined. */
export function queryString(req: Request, name: string): string | undefined {
  const v = req.query[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s.trim() ? s.trim() : undefined;
}

/**
 * A time bound from the query: `YYYY-MM-DD` (a UTC day; as an upper bound it includes that day)
 * or an ISO date-time → an ISO instant comparable with stored timestamps; empty → undefined.
 * A malformed value adds a field error for `/name` and gives undefined.
 */
export function instantQuery(req: Request, name: string, bound: 'lower' | 'upper', errors: FieldError[]): string | undefined {
  const raw = queryString(req, name);
  if (raw === undefined) return undefined;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(raw);
  const t = Date.parse(day ? `${raw}T00:00:00Z` : raw);
  if (Number.isNaN(t) || (!day && !/^\d{4}-\d{2}-\d{2}T/.test(raw))) {
    errors.push({
      pointer: `/${name}`,
      message: 'must be a date (YYYY-MM-DD) or an ISO date-time',
      messages: { id: 'harus tanggal (YYYY-MM-DD) atau tanggal-waktu ISO', en: 'must be a date (YYYY-MM-DD) or an ISO date-time' },
    });
    return undefined;
  }
  return new Date(day && bound === 'upper' ? t + 86_400_000 : t).toISOString();
}
