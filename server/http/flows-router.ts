/** Published flows for everyone; new flows, versions, drafts, validation and publishing for policy staff. */
import { Router } from 'express';
import { flowKeyProblem } from '#machines/names.ts';
import type { I18nText } from '#machines/types.ts';
import type { AppDeps } from '../deps.ts';
import { ValidationError, type FieldError } from '../errors.ts';
import { assertRole, currentUser, requireRole } from './auth.ts';
import { intParam, queryString } from './params.ts';

const VERSION = { id: 'Versi', en: 'Version' };
/** Staff who read every flow's definitions. */
const READERS = ['policy', 'auditor', 'admin'] as const;

const fieldError = (pointer: string, en: string, id: string): FieldError => ({ pointer, message: en, messages: { id, en } });

/** `{id, en}` of 1–200 characters each, or the field errors at `pointer`. */
function parseTitle(value: unknown, pointer: string, errors: FieldError[]): I18nText | undefined {
  const title = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  if (!title) {
    errors.push(fieldError(pointer, 'must be an object {id, en}', 'harus objek {id, en}'));
    return undefined;
  }
  for (const lang of ['id', 'en'] as const) {
    const v = title[lang];
    if (typeof v !== 'string' || v.trim() === '' || v.length > 200) {
      errors.push(fieldError(`${pointer}/${lang}`, 'must be a text of 1–200 characters', 'harus teks 1–200 karakter'));
    }
  }
  return errors.length ? undefined : { id: (title.id as string).trim(), en: (title.en as string).trim() };
}

/** `POST /api/flows` body: `{key, title: {id, en}, from?: {flow, version}}`, or 422 with a pointer per problem. */
function parseNewFlow(body: unknown): { key: string; title: I18nText; from?: { flow: string; version: number } } {
  const b = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const errors: FieldError[] = [];
  const keyProblem = flowKeyProblem(b.key);
  if (keyProblem) {
    errors.push(
      fieldError(
        '/key',
        'must be 3 to 48 lowercase letters, digits and hyphens, starting with a letter (e.g. "work-permit")',
        'harus 3 sampai 48 huruf kecil, angka dan tanda hubung, diawali huruf (mis. "izin-kerja")',
      ),
    );
  }
  const title = parseTitle(b.title, '/title', errors);
  let from: { flow: string; version: number } | undefined;
  if (b.from !== undefined) {
    const f = b.from && typeof b.from === 'object' && !Array.isArray(b.from) ? (b.from as Record<string, unknown>) : {};
    if (flowKeyProblem(f.flow)) errors.push(fieldError('/from/flow', 'must be the key of an existing flow', 'harus kunci alur yang ada'));
    if (typeof f.version !== 'number' || !Number.isSafeInteger(f.version) || f.version < 1) {
      errors.push(fieldError('/from/version', 'must be a version number (1, 2, …)', 'harus nomor versi (1, 2, …)'));
    }
    if (errors.length === 0) from = { flow: f.flow as string, version: f.version as number };
  }
  if (errors.length || !title) throw new ValidationError(errors);
  return { key: b.key as string, title, ...(from ? { from } : {}) };
}

export function flowsRouter(deps: AppDeps): Router {
  const r = Router();
  const { catalog } = deps;
  const readers = requireRole(...READERS);
  const editors = requireRole('policy');
  const key = (k: string | string[] | undefined) => String(k);

  /** Published flows for everyone; `?all=1` (staff who read definitions): every flow with its versions. */
  r.get('/flows', async (req, res) => {
    if (queryString(req, 'all') === '1') {
      assertRole(currentUser(req), ...READERS);
      res.json(await catalog.listAll());
      return;
    }
    res.json(await catalog.listPublished());
  });

  r.post('/flows', editors, async (req, res) => {
    const { key: flowKey, title, from } = parseNewFlow(req.body);
    const created = await catalog.createFlow(flowKey, title, from, currentUser(req).id);
    res.status(201).location(`/api/flows/${created.key}/versions/${created.version}`).json(created);
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
