/** Auditors: replay and hash-chain verification (more audit views come with the auditor console). */
import { Router } from 'express';
import type { AppDeps } from '../deps.ts';
import { ValidationError } from '../errors.ts';
import { verifyAll } from '../runtime/verify.ts';
import { requireRole } from './auth.ts';

export function auditRouter(deps: AppDeps): Router {
  const r = Router();
  r.post('/audit/verify', requireRole('auditor', 'admin'), async (req, res) => {
    const body = (req.body ?? {}) as { applicationId?: unknown; flow?: unknown };
    const errors = [];
    if (body.applicationId !== undefined && typeof body.applicationId !== 'string') errors.push({ pointer: '/applicationId', message: 'must be a string', messages: { id: 'harus teks', en: 'must be a string' } });
    if (body.flow !== undefined && typeof body.flow !== 'string') errors.push({ pointer: '/flow', message: 'must be a string', messages: { id: 'harus teks', en: 'must be a string' } });
    if (errors.length) throw new ValidationError(errors);
    const report = await verifyAll(deps.sql, deps.catalog, { applicationId: body.applicationId as string | undefined, flow: body.flow as string | undefined });
    res.json(report);
  });
  return r;
}
