/** Applications: start, list, view, send events, history (api.md "Flows and applications"). */
import { Router } from 'express';
import type { AppDeps } from '../deps.ts';
import { ForbiddenError, ValidationError, type FieldError } from '../errors.ts';
import type { StartOption } from '../pack.ts';
import { listApplications } from './application-list.ts';
import { currentUser, hasRole } from './auth.ts';
import { idempotencyKey, idParam, ifMatch } from './params.ts';

export function applicationsRouter(deps: AppDeps): Router {
  const r = Router();
  const { runtime } = deps;
  /** Body keys beside `flow` the installed packs understand (an application an officer opens at a counter). */
  const startOptions = new Map<string, StartOption>();
  for (const pack of deps.packs.packs) for (const [key, option] of Object.entries(pack.startOptions ?? {})) startOptions.set(key, option);

  r.post('/applications', async (req, res) => {
    const user = currentUser(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const extra = Object.keys(body).filter((k) => k !== 'flow');
    const unknown = extra.filter((k) => !startOptions.has(k));
    if (unknown.length > 0 || extra.length > 1) {
      const errors: FieldError[] = (unknown.length ? unknown : extra.slice(1)).map((k) => ({
        pointer: `/${k}`,
        message: 'is not a field of this request',
        messages: { id: 'bukan isian permintaan ini', en: 'is not a field of this request' },
      }));
      throw new ValidationError(errors);
    }
    const option = extra[0] === undefined ? undefined : startOptions.get(extra[0]);
    if (!option && !hasRole(user, 'applicant')) {
      throw new ForbiddenError({ id: 'Permohonan daring dibuat oleh pemohon dengan akunnya sendiri.', en: 'Online applications are made by applicants with their own account.' });
    }
    const start = option && extra[0] !== undefined ? option(user, body[extra[0]]) : undefined;
    const out = await runtime.create(user, body.flow, { idempotencyKey: idempotencyKey(req), ...(start ?? {}) });
    res.status(out.status).location(`/api/applications/${out.body.id}`).json(out.body);
  });

  r.get('/applications', async (req, res) => {
    res.json(await listApplications(deps, req, currentUser(req)));
  });

  r.get('/applications/:id', async (req, res) => {
    res.json(await runtime.view(idParam(req), currentUser(req)));
  });

  r.post('/applications/:id/events', async (req, res) => {
    const user = currentUser(req);
    const id = idParam(req);
    const body = req.body as { type?: unknown; data?: unknown } | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new ValidationError([{ pointer: '', message: 'must be an object {type, data}', messages: { id: 'harus objek {type, data}', en: 'must be an object {type, data}' } }]);
    }
    const out = await runtime.apply(id, user, { type: body.type, data: body.data }, { ifMatch: ifMatch(req), idempotencyKey: idempotencyKey(req) });
    res.status(out.status).set('ETag', `"${out.body.version}"`).json(out.body);
  });

  r.get('/applications/:id/steps', async (req, res) => {
    res.json(await runtime.steps(idParam(req), currentUser(req)));
  });

  r.get('/applications/:id/forms', async (req, res) => {
    res.json(await runtime.forms(idParam(req), currentUser(req)));
  });

  r.get('/applications/:id/history', async (req, res) => {
    res.json(await runtime.history(idParam(req), currentUser(req)));
  });

  return r;
}
