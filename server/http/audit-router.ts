/**
 * Auditors: replay and hash-chain verification (one application at once; a flow or the whole log
 * as a background job with progress), where applications sit per state (the heatmap, from the
 * tallies kept per event) and the event log as CSV. Read-only; auditors and admins (policy staff
 * may read the heatmap of the flows they edit).
 */
import { Router } from 'express';
import { flowStateStats } from '../audit/state-stats.ts';
import { exportEvents } from '../audit/event-export.ts';
import type { AppDeps } from '../deps.ts';
import { NotFoundError, ValidationError, type FieldError } from '../errors.ts';
import { verifyAll } from '../runtime/verify.ts';
import { currentUser, requireRole } from './auth.ts';
import { extendDeadline, signalOf } from './deadline.ts';
import { instantQuery, queryString } from './params.ts';

/** The longest a CSV export may stream. */
const EXPORT_LIMIT_MS = 2 * 3_600_000;

export function auditRouter(deps: AppDeps): Router {
  const r = Router();
  const auditors = requireRole('auditor', 'admin');

  const jobs = deps.verifyJobs;
  // How long POST /audit/verify waits for a job before answering 202 with its id.
  const WAIT_MS = 5000;

  r.post('/audit/verify', auditors, async (req, res) => {
    const body = (req.body ?? {}) as { applicationId?: unknown; flow?: unknown };
    const errors = [];
    if (body.applicationId !== undefined && typeof body.applicationId !== 'string') errors.push({ pointer: '/applicationId', message: 'must be a string', messages: { id: 'harus teks', en: 'must be a string' } });
    if (body.flow !== undefined && typeof body.flow !== 'string') errors.push({ pointer: '/flow', message: 'must be a string', messages: { id: 'harus teks', en: 'must be a string' } });
    if (errors.length) throw new ValidationError(errors);
    const filter = { ...(typeof body.applicationId === 'string' ? { applicationId: body.applicationId } : {}), ...(typeof body.flow === 'string' ? { flow: body.flow } : {}) };
    if (filter.applicationId) {
      res.json(await verifyAll(deps.sql, deps.catalog, filter, { signal: signalOf(req) }));
      return;
    }
    // A flow or the whole log: a background job; the answer comes now if it is done within a few seconds.
    const id = await jobs.start(filter, currentUser(req).id);
    await jobs.wait(id, WAIT_MS);
    const job = await jobs.get(id);
    if (job?.status === 'running') res.status(202).location(`/api/audit/verify/${id}`);
    res.json(job);
  });

  r.get('/audit/verify/:id', auditors, async (req, res) => {
    const job = await jobs.get(String(req.params.id));
    if (!job) throw new NotFoundError({ id: 'Pemeriksaan', en: 'Verification' });
    res.json(job);
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
    // A stream of the whole log may take a while; it still stops when the client leaves.
    extendDeadline(req, EXPORT_LIMIT_MS);
    await exportEvents(deps.sql, { ...(flow ? { flow } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) }, res, signalOf(req));
    if (!res.writableEnded) res.destroy(); // stopped before the end: the client must not take a cut file for a whole one
  });
  return r;
}
