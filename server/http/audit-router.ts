/**
 * Auditors: replay and hash-chain verification, where applications sit per state (the heatmap)
 * and the event log as CSV. Read-only; auditors and admins (policy staff may read the heatmap of
 * the flows they edit).
 */
import { Router } from 'express';
import { flowStateStats } from '../audit/state-stats.ts';
import { exportEvents } from '../audit/event-export.ts';
import type { AppDeps } from '../deps.ts';
import { ValidationError, type FieldError } from '../errors.ts';
import { verifyAll } from '../runtime/verify.ts';
import { requireRole } from './auth.ts';
import { instantQuery, queryString } from './params.ts';

export function auditRouter(deps: AppDeps): Router {
  const r = Router();
  const auditors = requireRole('auditor', 'admin');

  r.post('/audit/verify', auditors, async (req, res) => {
    const body = (req.body ?? {}) as { applicationId?: unknown; flow?: unknown };
    const errors = [];
    if (body.applicationId !== undefined && typeof body.applicationId !== 'string') errors.push({ pointer: '/applicationId', message: 'must be a string', messages: { id: 'harus teks', en: 'must be a string' } });
    if (body.flow !== undefined && typeof body.flow !== 'string') errors.push({ pointer: '/flow', message: 'must be a string', messages: { id: 'harus teks', en: 'must be a string' } });
    if (errors.length) throw new ValidationError(errors);
    const report = await verifyAll(deps.sql, deps.catalog, { applicationId: body.applicationId as string | undefined, flow: body.flow as string | undefined });
    res.json(report);
  });

  r.get('/audit/flows/:key/states', requireRole('auditor', 'admin', 'policy'), async (req, res) => {
    const key = String(req.params.key);
    const raw = queryString(req, 'version');
    let version: number;
    if (raw === undefined || raw === '') version = await deps.catalog.latestPublished(key);
    else if (/^[1-9]\d{0,8}$/.test(raw)) version = Number(raw);
    else throw new ValidationError([{ pointer: '/version', message: 'must be a version number', messages: { id: 'harus nomor versi', en: 'must be a version number' } }]);
    await deps.catalog.flow(key, version); // 404 for an unknown flow or version
    res.json(await flowStateStats(deps.sql, key, version, deps.clock.now()));
  });

  r.get('/audit/events.csv', auditors, async (req, res) => {
    const errors: FieldError[] = [];
    const flow = queryString(req, 'flow');
    const from = instantQuery(req, 'from', 'lower', errors);
    const to = instantQuery(req, 'to', 'upper', errors);
    if (errors.length) throw new ValidationError(errors);
    const name = `alur-events${flow ? `-${flow.replace(/[^A-Za-z0-9-]/g, '')}` : ''}.csv`;
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.setHeader('Cache-Control', 'no-store');
    await exportEvents(deps.sql, { ...(flow ? { flow } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) }, res);
  });
  return r;
}
