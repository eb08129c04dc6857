/**
 * Offices (public): the list, one office with its session capacities, and availability of its
 * sessions over a range of days (server/domain/availability.ts).
 */
import { Router, type Request } from 'express';
import type { AppDeps } from '../../deps.ts';
import { NotFoundError, ValidationError, type FieldError } from '../../errors.ts';
import { availability } from './availability.ts';
import { placesOpenNotice, placesOpenOf, type PlacesOpen } from './draws.ts';
import { getOffice, officeNotFound, PASSPORT_TYPES, sessionCapacities, type PassportType, type QuotaKind } from './offices.ts';
import { queryString } from '../../http/params.ts';

/** The `:code` parameter: three capital letters, else no office has it (404). */
function officeCode(req: Request): string {
  const code = req.params.code;
  if (typeof code !== 'string' || !/^[A-Z]{3}$/.test(code)) throw officeNotFound(String(code ?? ''));
  return code;
}

/**
 * `express`, `minLeadDays`, `bookingHorizonDays` and `placesOpen` from the flow's latest published
 * policy (defaults as the booking hook's: false, 0 (express 1), 60, first-come).
 */
async function flowBookingPolicy(deps: AppDeps, flowKey: string): Promise<{ kind: QuotaKind; minLeadDays: number; horizonDays: number; placesOpen: PlacesOpen } | null> {
  let version: number;
  try {
    version = await deps.catalog.latestPublished(flowKey);
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
  const policy = (await deps.catalog.flow(flowKey, version)).bundle.definition.policy ?? {};
  const whole = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : fallback);
  const express = policy.express === true;
  return {
    kind: express ? 'express' : 'regular',
    minLeadDays: whole(policy.minLeadDays, express ? 1 : 0),
    horizonDays: whole(policy.bookingHorizonDays, 60),
    placesOpen: placesOpenOf(policy),
  };
}

type OfficeFields = { code: string; name: string; city: string; province: string; address: string; timeZone: string; lat: number; lon: number };

/** What every office answer shows: who and where it is. */
const officeSummary = (o: OfficeFields) => ({
  code: o.code,
  name: o.name,
  city: o.city,
  province: o.province,
  address: o.address,
  timeZone: o.timeZone,
  lat: o.lat,
  lon: o.lon,
});

export function officesRouter(deps: AppDeps): Router {
  const r = Router();
  r.get('/offices', async (_req, res) => {
    const offices = await deps.prisma.office.findMany({ orderBy: { code: 'asc' } });
    res.json(offices.map((o) => ({ ...officeSummary(o), sessions: o.sessions })));
  });

  /** One office: the list's fields, quotas, stock, and per session the regular and express places. */
  r.get('/offices/:code', async (req, res) => {
    const o = await getOffice(deps.sql, officeCode(req));
    const regular = sessionCapacities(o, 'regular');
    const express = sessionCapacities(o, 'express');
    res.json({
      ...officeSummary(o),
      dailyQuota: o.dailyQuota,
      expressQuota: o.expressQuota,
      stock: o.stock,
      sessions: o.sessions.map((s, i) => ({ ...s, capacity: regular[i]!.capacity, expressCapacity: express[i]!.capacity })),
    });
  });

  /** `?from=&to=` (YYYY-MM-DD, ≤ 31 days, from ≥ today at the office), optional `flow` and `passportType`. */
  r.get('/offices/:code/availability', async (req, res) => {
    const code = officeCode(req);
    const errors: FieldError[] = [];
    const flowKey = queryString(req, 'flow');
    const passportType = queryString(req, 'passportType');
    if (passportType !== undefined && !PASSPORT_TYPES.includes(passportType as PassportType)) {
      errors.push({
        pointer: '/passportType',
        message: `must be one of: ${PASSPORT_TYPES.join(', ')}`,
        messages: { id: `harus salah satu dari: ${PASSPORT_TYPES.join(', ')}`, en: `must be one of: ${PASSPORT_TYPES.join(', ')}` },
      });
    }
    const policy = flowKey === undefined ? { kind: 'regular' as const, minLeadDays: 0 } : await flowBookingPolicy(deps, flowKey);
    if (!policy) {
      errors.push({ pointer: '/flow', message: `no published flow "${flowKey}"`, messages: { id: `tidak ada alur terbit "${flowKey}"`, en: `no published flow "${flowKey}"` } });
    }
    const query = {
      from: queryString(req, 'from') ?? '',
      to: queryString(req, 'to') ?? '',
      kind: policy?.kind ?? 'regular',
      passportType: errors.some((e) => e.pointer === '/passportType') ? undefined : (passportType as PassportType | undefined),
      minLeadDays: policy?.minLeadDays ?? 0,
      horizonDays: policy && 'horizonDays' in policy ? policy.horizonDays : undefined,
    };
    let result;
    try {
      result = await availability(deps, code, query, deps.clock.now());
    } catch (err) {
      // One 422 with every bad parameter: the range's (from the domain) and the others.
      if (err instanceof ValidationError && errors.length) throw new ValidationError([...(err.extensions.errors as FieldError[]), ...errors]);
      throw err;
    }
    if (errors.length) throw new ValidationError(errors);
    if (policy && 'placesOpen' in policy) {
      const message = await placesOpenNotice(deps.sql, policy.placesOpen, policy.horizonDays, result.office.timeZone, deps.clock.now());
      if (message) result.placesOpen = { mode: 'draw', message };
    }
    res.json(result);
  });
  return r;
}
