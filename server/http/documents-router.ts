/**
 * Documents (api.md "Documents"): upload to an application, list an application's documents,
 * download one. Whoever may not see the application gets 404, as for the application itself.
 * An upload is of a kind the application's flow version declares (`definition.documents`), by
 * who the kind says (its owner, or staff who may act on it), of its types and size. The checks
 * that need no body (session, visibility, a role that may upload some kind) run before the upload
 * is read; multer keeps at most the flow's largest declared size + 1 byte in memory.
 */
import { pipeline } from 'node:stream/promises';
import { Router, type RequestHandler } from 'express';
import multer from 'multer';
import type { Flow } from '#machines/build.ts';
import type { Role } from '#machines/types.ts';
import type { AppDeps } from '../deps.ts';
import { declaredKind, extensionOf, fileTooLarge, getDocument, listDocuments, maxBytesOf, storeDocument } from '../documents/documents.ts';
import { BadRequestError, ForbiddenError, NotFoundError, ValidationError, type DomainError, type FieldError } from '../errors.ts';
import type { ApplicationRow } from '../runtime/event-store.ts';
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

/** Who of the user's roles on an application may upload a kind uploaded by `uploaders`. */
const UPLOADER_ROLE: Record<'applicant' | 'officer', Role> = { applicant: 'applicant', officer: 'officer' };
const mayUploadKind = (uploaders: readonly ('applicant' | 'officer')[], roles: readonly Role[]) => uploaders.some((u) => roles.includes(UPLOADER_ROLE[u]));

type Reached = { row: ApplicationRow; flow: Flow; roles: Role[] };

export function documentsRouter(deps: AppDeps): Router {
  const r = Router();
  const { sql, config, runtime, documents } = deps;

  /** Before the body is read: a session, an application the caller sees, and a role on it that may upload some kind its flow declares. */
  const mayUpload: RequestHandler = async (req, res, next) => {
    const user = currentUser(req);
    const reached = await runtime.reach(idParam(req), user);
    const kinds = Object.values(reached.flow.bundle.definition.documents ?? {});
    if (!kinds.some((k) => mayUploadKind(k.uploadedBy, reached.roles))) {
      throw new ForbiddenError({
        id: 'Anda tidak dapat mengunggah dokumen untuk permohonan ini.',
        en: 'You cannot upload documents to this application.',
      });
    }
    res.locals.reached = reached;
    next();
  };

  /** The multipart body, held in memory up to the largest size the flow declares (one byte more tells it is over). */
  const parseUpload: RequestHandler = (req, res, next) => {
    const { flow } = res.locals.reached as Reached;
    const maxBytes = Math.max(1, ...Object.values(flow.bundle.definition.documents ?? {}).map((d) => maxBytesOf(d, config.documentMaxBytes)));
    multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: maxBytes + 1, files: 1, fields: 4, fieldSize: 256, fieldNameSize: 64, parts: 6, headerPairs: 20 },
    }).single('file')(req, res, (err?: unknown) => next(err === undefined || err === null ? undefined : uploadError(err, maxBytes)));
  };

  r.post('/applications/:id/documents', mayUpload, parseUpload, async (req, res) => {
    const user = currentUser(req);
    const { row: app, flow, roles } = res.locals.reached as Reached;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const kind = body.kind;
    const file = req.file;
    const declaration = declaredKind(flow, kind);
    const errors: FieldError[] = [];
    if (!declaration) {
      const kinds = Object.keys(flow.bundle.definition.documents ?? {}).join(', ');
      errors.push({ pointer: '/kind', message: `must be one of ${kinds}`, messages: { id: `harus salah satu dari ${kinds}`, en: `must be one of ${kinds}` }, keyword: 'enum' });
    }
    if (!file) errors.push({ pointer: '/file', message: 'is required', messages: { id: 'wajib diisi', en: 'is required' }, keyword: 'required' });
    if (!declaration || !file || typeof kind !== 'string') throw new ValidationError(errors);
    if (!mayUploadKind(declaration.uploadedBy, roles)) {
      throw new ForbiddenError(
        declaration.uploadedBy.includes('officer')
          ? { id: 'Dokumen jenis ini diunggah oleh petugas yang menangani permohonan.', en: 'Documents of this kind are uploaded by the staff handling the application.' }
          : { id: 'Dokumen jenis ini diunggah oleh pemilik permohonan.', en: 'Documents of this kind are uploaded by the application’s owner.' },
        'wrong-uploader',
      );
    }
    const doc = await storeDocument(
      deps,
      { applicationId: app.id, kind, declaration, buffer: file.buffer, originalName: file.originalname, uploadedBy: user.id },
      deps.clock.now(),
    );
    res
      .status(201)
      .location(`/api/documents/${doc.id}`)
      .json({ id: doc.id, kind: doc.kind, size: doc.size, sha256: doc.sha256, mime: doc.mime });
  });

  r.get('/applications/:id/documents', async (req, res) => {
    const { row: app } = await runtime.reach(idParam(req), currentUser(req));
    const rows = await listDocuments(sql, app.id);
    res.json(rows.map(({ id, kind, size, sha256, mime, filename, createdAt }) => ({ id, kind, size, sha256, mime, filename, createdAt })));
  });

  r.get('/documents/:id', async (req, res) => {
    const user = currentUser(req);
    const doc = await getDocument(sql, idParam(req, DOCUMENT));
    // The owner, the staff the flow admits, auditors and admins (runtime.canSee).
    if (!doc || !(await runtime.canSee(doc.applicationId, user))) throw new NotFoundError(DOCUMENT);
    const size = await documents.size(doc.sha256);
    if (size === undefined) {
      deps.log.error('document content missing', { documentId: doc.id, sha256: doc.sha256, storage: documents.kind });
      throw new NotFoundError(DOCUMENT);
    }
    // One range (`bytes=a-b`, `bytes=a-`, `bytes=-n`) is answered with 206; several, or a malformed header, with the whole file.
    const ranges = req.range(size, { combine: true });
    if (ranges === -1) {
      res.status(416).set('Content-Range', `bytes */${size}`).end();
      return;
    }
    const range = Array.isArray(ranges) && ranges.type === 'bytes' && ranges.length === 1 ? ranges[0] : undefined;
    const content = await documents.get(doc.sha256, range);
    if (!content) throw new NotFoundError(DOCUMENT); // deleted between the two reads
    res.set({
      'Content-Type': doc.mime,
      'X-Content-Type-Options': 'nosniff',
      // Built from our own values only: never the name the user uploaded.
      'Content-Disposition': `attachment; filename="${doc.kind}-${doc.id.slice(0, 8)}.${extensionOf(doc.mime)}"`,
      'Cache-Control': 'private, no-store',
      'Accept-Ranges': 'bytes',
      'Content-Length': String(range ? range.end - range.start + 1 : size),
    });
    if (range) res.status(206).set('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
    try {
      await pipeline(content, res);
    } catch (err) {
      if (!res.headersSent) {
        // The storage failed before the first byte: a problem (500), without the file's headers.
        for (const h of ['Content-Disposition', 'Content-Length', 'Content-Range']) res.removeHeader(h);
        throw err;
      }
      // The client went away mid-download, or the storage failed after the headers went out: the response is cut short.
      if ((err as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') deps.log.error('document download failed', { documentId: doc.id, error: String(err) });
      res.destroy();
    }
  });

  return r;
}
