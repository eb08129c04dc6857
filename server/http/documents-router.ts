/**
 * Documents (api.md "Documents"): upload to an application, list an application's documents,
 * download one. Whoever may not see the application gets 404, as for the application itself.
 * The checks that need no body (session, visibility, a role on the application) run before the
 * upload is read; multer keeps at most `config.documentMaxBytes + 1` bytes in memory.
 */
import { Router, type RequestHandler } from 'express';
import multer from 'multer';
import type { AppDeps } from '../deps.ts';
import {
  DOCUMENT_KINDS,
  documentPath,
  extensionOf,
  fileTooLarge,
  getDocument,
  isDocumentKind,
  listDocuments,
  OFFICER_DOCUMENT_KINDS,
  storeDocument,
} from '../domain/documents.ts';
import { BadRequestError, ForbiddenError, NotFoundError, ValidationError, type DomainError, type FieldError } from '../errors.ts';
import { canSee, rolesOn } from '../runtime/access.ts';
import { loadApplication, type ApplicationRow } from '../runtime/event-store.ts';
import { currentUser } from './auth.ts';
import { idParam } from './params.ts';

const DOCUMENT = { id: 'Dokumen', en: 'Document' };

/** multer's and busboy's errors as problems: never a 500 for a bad or oversized upload. */
function uploadError(err: unknown, maxBytes: number): DomainError {
  if (err instanceof multer.MulterError) {
    switch (err.code) {
      case 'LIMIT_FILE_SIZE':
        return fileTooLarge(maxBytes);
      case 'LIMIT_FILE_COUNT':
        return new BadRequestError({ id: 'Kirim satu berkas per permintaan.', en: 'Send one file per request.' }, 'too-many-files');
      case 'LIMIT_UNEXPECTED_FILE':
        return new BadRequestError({ id: 'Berkas harus dikirim di kolom "file".', en: 'Send the file in the "file" field.' }, 'unexpected-file-field');
      default:
        return new BadRequestError({ id: 'Kirim hanya kolom "kind" dan "file".', en: 'Send only the fields "kind" and "file".' }, 'bad-multipart');
    }
  }
  return new BadRequestError({ id: 'Isi permintaan bukan multipart/form-data yang valid.', en: 'The request body is not valid multipart/form-data.' }, 'malformed-multipart');
}

export function documentsRouter(deps: AppDeps): Router {
  const r = Router();
  const { sql, config } = deps;
  const maxBytes = config.documentMaxBytes;

  const upload = multer({
    storage: multer.memoryStorage(),
    // One byte over the limit is enough to know; storeDocument applies the limit itself.
    limits: { fileSize: maxBytes + 1, files: 1, fields: 4, fieldSize: 256, fieldNameSize: 64, parts: 6, headerPairs: 20 },
  }).single('file');
  const parseUpload: RequestHandler = (req, res, next) => {
    upload(req, res, (err?: unknown) => next(err === undefined || err === null ? undefined : uploadError(err, maxBytes)));
  };

  /** The application when the caller may see it, else 404 (also for ids that are no UUID). */
  async function visibleApplication(id: string, user: ReturnType<typeof currentUser>): Promise<ApplicationRow> {
    const app = await loadApplication(sql, id);
    if (!app || !canSee(user, app)) throw new NotFoundError({ id: 'Permohonan', en: 'Application' });
    return app;
  }

  /** Before the body is read: a session, an application the caller sees, and a role on it that may upload something. */
  const mayUpload: RequestHandler = async (req, res, next) => {
    const user = currentUser(req);
    const app = await visibleApplication(idParam(req), user);
    const roles = rolesOn(user, app);
    if (!roles.includes('applicant') && !roles.includes('officer')) {
      throw new ForbiddenError({
        id: 'Hanya pemohon atau petugas kantornya yang dapat mengunggah dokumen.',
        en: 'Only the applicant or an officer of its office may upload documents.',
      });
    }
    res.locals.application = app;
    next();
  };

  r.post('/applications/:id/documents', mayUpload, parseUpload, async (req, res) => {
    const user = currentUser(req);
    const app = res.locals.application as ApplicationRow;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const kind = body.kind;
    const file = req.file;
    const errors: FieldError[] = [];
    if (!isDocumentKind(kind)) {
      const kinds = DOCUMENT_KINDS.join(', ');
      errors.push({ pointer: '/kind', message: `must be one of ${kinds}`, messages: { id: `harus salah satu dari ${kinds}`, en: `must be one of ${kinds}` }, keyword: 'enum' });
    }
    if (!file) errors.push({ pointer: '/file', message: 'is required', messages: { id: 'wajib diisi', en: 'is required' }, keyword: 'required' });
    if (!isDocumentKind(kind) || !file) throw new ValidationError(errors);
    const roles = rolesOn(user, app);
    const officerKind = OFFICER_DOCUMENT_KINDS.includes(kind);
    if (officerKind ? !roles.includes('officer') : !roles.includes('applicant')) {
      throw new ForbiddenError(
        officerKind
          ? { id: 'Dokumen jenis ini diunggah oleh petugas kantor permohonan.', en: 'Documents of this kind are uploaded by an officer of the application’s office.' }
          : { id: 'Dokumen jenis ini diunggah oleh pemilik permohonan.', en: 'Documents of this kind are uploaded by the application’s owner.' },
      );
    }
    const doc = await storeDocument(
      deps,
      { applicationId: app.id, kind, buffer: file.buffer, originalName: file.originalname, uploadedBy: user.id },
      deps.clock.now(),
    );
    res
      .status(201)
      .location(`/api/documents/${doc.id}`)
      .json({ id: doc.id, kind: doc.kind, size: doc.size, sha256: doc.sha256, mime: doc.mime });
  });

  r.get('/applications/:id/documents', async (req, res) => {
    const app = await visibleApplication(idParam(req), currentUser(req));
    const rows = await listDocuments(sql, app.id);
    res.json(rows.map(({ id, kind, size, sha256, mime, filename, createdAt }) => ({ id, kind, size, sha256, mime, filename, createdAt })));
  });

  r.get('/documents/:id', async (req, res) => {
    const user = currentUser(req);
    const doc = await getDocument(sql, idParam(req, DOCUMENT));
    // canSee: the owner, officers of the application's office, auditors and admins.
    const app = doc && (await loadApplication(sql, doc.applicationId));
    if (!doc || !app || !canSee(user, app)) throw new NotFoundError(DOCUMENT);
    const file = documentPath(config.dataDir, doc.sha256);
    res.set({
      'Content-Type': doc.mime,
      'X-Content-Type-Options': 'nosniff',
      // Built from our own values only: never the name the user uploaded.
      'Content-Disposition': `attachment; filename="${doc.kind}-${doc.id.slice(0, 8)}.${extensionOf(doc.mime)}"`,
      'Cache-Control': 'private, no-store',
    });
    await new Promise<void>((resolve, reject) => {
      res.sendFile(file, { dotfiles: 'allow', etag: false, lastModified: false, cacheControl: false, acceptRanges: true }, (err?: Error) => {
        if (!err) return resolve();
        if (res.headersSent) return resolve(); // the client went away mid-download
        deps.log.error('document content missing', { documentId: doc.id, sha256: doc.sha256, error: String(err) });
        res.removeHeader('Content-Disposition');
        reject(new NotFoundError(DOCUMENT));
      });
    });
  });

  return r;
}
