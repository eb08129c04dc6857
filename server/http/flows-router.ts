/** Published flows for everyone; versions, drafts, validation and publishing for policy staff. */
import { Router } from 'express';
import type { AppDeps } from '../deps.ts';
import { currentUser, requireRole } from './auth.ts';
import { intParam } from './params.ts';

const VERSION = { id: 'Versi', en: 'Version' };

export function flowsRouter(deps: AppDeps): Router {
  const r = Router();
  const { catalog } = deps;
  const readers = requireRole('policy', 'auditor', 'admin');
  const editors = requireRole('policy');
  const key = (k: string | string[] | undefined) => String(k);

  r.get('/flows', async (_req, res) => {
    res.json(await catalog.listPublished());
  });

  r.get('/flows/:key/versions', readers, async (req, res) => {
    res.json(await catalog.versions(key(req.params.key)));
  });

  r.get('/flows/:key/versions/:version', readers, async (req, res) => {
    res.json(await catalog.version(key(req.params.key), intParam(req, 'version', VERSION)));
  });

  r.post('/flows/:key/drafts', editors, async (req, res) => {
    const from = (req.body as { from?: unknown } | undefined)?.from;
    const fromVersion = typeof from === 'number' && Number.isInteger(from) && from > 0 ? from : undefined;
    const draft = await catalog.createDraft(key(req.params.key), fromVersion, currentUser(req).id);
    res.status(201).location(`/api/flows/${draft.key}/versions/${draft.version}`).json(draft);
  });

  r.put('/flows/:key/versions/:version', editors, async (req, res) => {
    res.json(await catalog.updateDraft(key(req.params.key), intParam(req, 'version', VERSION), req.body));
  });

  r.post('/flows/:key/versions/:version/validate', editors, async (req, res) => {
    res.json(await catalog.validate(key(req.params.key), intParam(req, 'version', VERSION)));
  });

  r.post('/flows/:key/versions/:version/publish', editors, async (req, res) => {
    res.json(await catalog.publish(key(req.params.key), intParam(req, 'version', VERSION), currentUser(req).id));
  });

  return r;
}
