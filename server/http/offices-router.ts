/** Offices (public): code, name, address, time zone, sessions. Availability comes with booking. */
import { Router } from 'express';
import type { AppDeps } from '../deps.ts';

export function officesRouter(deps: AppDeps): Router {
  const r = Router();
  r.get('/offices', async (_req, res) => {
    const offices = await deps.prisma.office.findMany({ orderBy: { code: 'asc' } });
    res.json(
      offices.map((o) => ({
        code: o.code,
        name: o.name,
        city: o.city,
        province: o.province,
        address: o.address,
        timeZone: o.timeZone,
        lat: o.lat,
        lon: o.lon,
        sessions: o.sessions,
      })),
    );
  });
  return r;
}
