/**
 * Uploaded documents: each flow declares the kinds it accepts (`definition.documents`: title,
 * content types, largest size, who uploads them). A file's type is told by its bytes (JPEG, PNG
 * or PDF), never by its name or the type the client declared; its size is held to the kind's
 * `maxBytes` and to the deployment's `config.documentMaxBytes`. The content is stored once per SHA-256
 * in the deployment's document storage (storage.ts: the database on PostgreSQL, files under
 * DATA_DIR beside SQLite); each upload is a `Document` row pointing at it. No path the user sent
 * is ever used: the user's file name is only recorded, cleaned.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Flow } from '#machines/build.ts';
import { ownValue } from '#machines/object-path.ts';
import type { DocumentKindDefinition, I18nText } from '#machines/types.ts';
import { DOCUMENT_MAX_BYTES_LIMIT } from '#machines/validate-declarations.ts';
import type { Config } from '../config.ts';
import type { SqlRunner } from '../db/sql.ts';
import { DomainError, ValidationError, type FieldError } from '../errors.ts';
import { CHUNK_BYTES, type DocumentStorage } from './storage.ts';

export { documentPath } from './storage.ts';

/** The deployment's default cap on any document (each flow's kinds declare their own, smaller or not). */
export const DOCUMENT_MAX_BYTES = DOCUMENT_MAX_BYTES_LIMIT;
/** The largest cap accepted: an upload is held in memory while it is checked. */
export const DOCUMENT_MAX_BYTES_CEILING = DOCUMENT_MAX_BYTES_LIMIT;

export const DOCUMENT_TYPES = [
  { mime: 'image/jpeg', ext: 'jpg', magic: [0xff, 0xd8, 0xff] },
  { mime: 'image/png', ext: 'png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mime: 'application/pdf', ext: 'pdf', magic: [...Buffer.from('%PDF-', 'ascii')] },
] as const;
export type DocumentMime = (typeof DOCUMENT_TYPES)[number]['mime'];

/** The declaration of a document kind in the flow, or undefined when the flow does not accept it. */
export function declaredKind(flow: Flow, kind: unknown): DocumentKindDefinition | undefined {
  const documents = flow.bundle.definition.documents;
  return typeof kind === 'string' && documents ? ownValue(documents, kind) : undefined;
}

/** A document kind in words, from the flow's declaration (the kind itself when it declares none). */
export function kindLabel(flow: Flow, kind: string): I18nText {
  return declaredKind(flow, kind)?.title ?? { id: kind, en: kind };
}

/** The type of a file from its first bytes, or null when it is none of JPEG, PNG, PDF. */
export function detectDocumentType(buffer: Uint8Array): (typeof DOCUMENT_TYPES)[number] | null {
  return DOCUMENT_TYPES.find((t) => buffer.length >= t.magic.length && t.magic.every((b, i) => buffer[i] === b)) ?? null;
}

/** The file extension for a stored MIME type (download names). */
export function extensionOf(mime: string): string {
  return DOCUMENT_TYPES.find((t) => t.mime === mime)?.ext ?? 'bin';
}

function formatSize(bytes: number): I18nText {
  const MiB = 1024 * 1024;
  const [n, unit] = bytes >= MiB ? [bytes / MiB, 'MB'] : [bytes / 1024, 'KB'];
  const en = Number.isInteger(n) ? String(n) : n.toFixed(1);
  return { id: `${en.replace('.', ',')} ${unit}`, en: `${en} ${unit}` };
}

/** 413 for a file over the limit (also what the upload route answers when multer stops reading). */
export function fileTooLarge(maxBytes: number): DomainError {
  const max = formatSize(maxBytes);
  return new DomainError(
    413,
    'file-too-large',
    { id: 'Berkas terlalu besar', en: 'File too large' },
    { id: `Ukuran berkas paling besar ${max.id}. Perkecil atau pindai ulang dengan resolusi lebih rendah.`, en: `A file may be at most ${max.en}. Make it smaller or scan it again at a lower resolution.` },
    { maxBytes },
  );
}

const TYPE_NAMES: Record<string, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'application/pdf': 'PDF' };

/** The types in words: "JPEG, PNG atau PDF" / "JPEG, PNG or PDF". */
function typesText(types: readonly string[]): I18nText {
  const names = types.map((t) => TYPE_NAMES[t] ?? t);
  const join = (or: string) => (names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${or} ${names.at(-1)}`);
  return { id: join('atau'), en: join('or') };
}

/** 415 for content that is not of the kind's types (JPEG, PNG or PDF as declared), whatever its name says. */
export function unsupportedFileType(allowed: readonly string[] = DOCUMENT_TYPES.map((t) => t.mime)): DomainError {
  const names = typesText(allowed);
  return new DomainError(
    415,
    'unsupported-file-type',
    { id: 'Jenis berkas tidak didukung', en: 'Unsupported file type' },
    {
      id: `Unggah berkas ${names.id}. Yang diperiksa adalah isi berkas, bukan namanya.`,
      en: `Upload a ${names.en} file. The file’s content is checked, not its name.`,
    },
    { allowed: [...allowed] },
  );
}

export type DocumentRow = {
  id: string;
  applicationId: string;
  kind: string;
  sha256: string;
  size: number;
  mime: string;
  filename: string;
  uploadedBy: string;
  createdAt: string;
};

export type StoredDocument = { id: string; kind: string; size: number; sha256: string; mime: DocumentMime; createdAt: string };

export type NewDocument = {
  applicationId: string;
  kind: string;
  /** The flow's declaration of the kind: types, largest size. */
  declaration: DocumentKindDefinition;
  buffer: Buffer;
  /** The name the client sent: recorded (cleaned, shortened), never used as a path or a download name. */
  originalName: string;
  uploadedBy: string;
};

export type DocumentDeps = { config: Pick<Config, 'documentMaxBytes'>; sql: SqlRunner; documents: DocumentStorage };

/** The client's file name as a plain label: last path segment, no control characters, at most 200 characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return [...clean].slice(0, 200).join('');
}

/** The largest file of a kind in this deployment: the kind's `maxBytes`, within the deployment's cap. */
export function maxBytesOf(declaration: DocumentKindDefinition, deploymentMax: number): number {
  return Math.min(declaration.maxBytes, deploymentMax);
}

/**
 * Checks and stores one uploaded document: 413 over the kind's size limit, 415 unless the bytes
 * are one of the kind's types, 422 (`/file`) when empty. The content is written first, the row
 * after, so a row never points at missing content (a failed insert leaves at most unreferenced
 * content). Who may upload what is the caller's business (documents-router.ts).
 */
export async function storeDocument(deps: DocumentDeps, doc: NewDocument, now: Date): Promise<StoredDocument> {
  const { buffer, declaration } = doc;
  const maxBytes = maxBytesOf(declaration, deps.config.documentMaxBytes);
  if (buffer.length === 0) {
    throw new ValidationError([{ pointer: '/file', message: 'is empty', messages: { id: 'berkas kosong', en: 'is empty' }, keyword: 'minSize' }]);
  }
  if (buffer.length > maxBytes) throw fileTooLarge(maxBytes);
  const type = detectDocumentType(buffer);
  if (!type || !declaration.types.includes(type.mime)) throw unsupportedFileType(declaration.types);

  // Handed over in pieces of the storage's chunk size (subarrays: no copy).
  const pieces = Array.from({ length: Math.ceil(buffer.length / CHUNK_BYTES) }, (_, i) => buffer.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES));
  const { key: sha256 } = await deps.documents.put(Readable.from(pieces));

  const row: DocumentRow = {
    id: randomUUID(),
    applicationId: doc.applicationId,
    kind: doc.kind,
    sha256,
    size: buffer.length,
    mime: type.mime,
    filename: cleanFilename(doc.originalName),
    uploadedBy: doc.uploadedBy,
    createdAt: now.toISOString(),
  };
  await deps.sql.run(
    'INSERT INTO "Document" ("id", "applicationId", "kind", "sha256", "size", "mime", "filename", "uploadedBy", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [row.id, row.applicationId, row.kind, row.sha256, row.size, row.mime, row.filename, row.uploadedBy, row.createdAt],
  );
  return { id: row.id, kind: row.kind, size: row.size, sha256, mime: type.mime, createdAt: row.createdAt };
}

const DOC_COLUMNS = '"id", "applicationId", "kind", "sha256", "size", "mime", "filename", "uploadedBy", "createdAt"';

/** The application's documents, oldest first. */
export function listDocuments(sql: SqlRunner, applicationId: string): Promise<DocumentRow[]> {
  return sql.all<DocumentRow>(`SELECT ${DOC_COLUMNS} FROM "Document" WHERE "applicationId" = ? ORDER BY "createdAt", "id"`, [applicationId]);
}

export function getDocument(sql: SqlRunner, id: string): Promise<DocumentRow | undefined> {
  return sql.get<DocumentRow>(`SELECT ${DOC_COLUMNS} FROM "Document" WHERE "id" = ?`, [id]);
}

function fieldError(kind: string, keyword: string, messages: I18nText): FieldError {
  return { pointer: `/${kind}`, message: messages.en, messages, keyword };
}

/** The kind of every document of the application, by id. */
async function documentKinds(sql: SqlRunner, applicationId: string): Promise<Map<string, string>> {
  const rows = await sql.all<{ id: string; kind: string }>('SELECT "id", "kind" FROM "Document" WHERE "applicationId" = ?', [applicationId]);
  return new Map(rows.map((d) => [d.id, d.kind]));
}

/** The problem with `value` as the document of `kind` (undefined: it is one of this application's, of that kind). */
function referenceProblem(flow: Flow, kind: string, value: string, docs: Map<string, string>): FieldError | undefined {
  const label = kindLabel(flow, kind);
  const found = docs.get(value);
  if (found === undefined) {
    return fieldError(kind, 'documentNotFound', {
      id: `Dokumen tidak ditemukan pada permohonan ini; unggah ulang ${label.id}.`,
      en: `No such document on this application; upload the ${label.en} again.`,
    });
  }
  if (found === kind) return undefined;
  return fieldError(kind, 'documentKind', {
    id: `Dokumen ini adalah ${kindLabel(flow, found).id}, bukan ${label.id}.`,
    en: `This document is the ${kindLabel(flow, found).en}, not the ${label.en}.`,
  });
}

/**
 * Every field of `data` named after a document kind the flow declares (api.md: a form refers to an
 * uploaded document by a property named after its kind) must hold the id of a document of this
 * application of that kind. One error per failing field, pointer `/<kind>`.
 */
export async function checkDocumentReferences(sql: SqlRunner, flow: Flow, applicationId: string, data: Record<string, unknown>): Promise<FieldError[]> {
  const referenced = Object.entries(data).filter(([key, value]) => typeof value === 'string' && value !== '' && declaredKind(flow, key));
  if (referenced.length === 0) return [];
  const docs = await documentKinds(sql, applicationId);
  return referenced.flatMap(([kind, value]) => referenceProblem(flow, kind, value as string, docs) ?? []);
}

/**
 * For every required kind, `data[kind]` must be the id of a document of this application with
 * that kind (a pack's hook decides which kinds are required). One error per failing kind,
 * pointer `/<kind>`; an empty list means everything is there.
 */
export async function missingDocuments(sql: SqlRunner, flow: Flow, applicationId: string, data: Record<string, unknown>, requiredKinds: readonly string[]): Promise<FieldError[]> {
  const kinds = [...new Set(requiredKinds)];
  if (kinds.length === 0) return [];
  const docs = await documentKinds(sql, applicationId);
  const errors: FieldError[] = [];
  for (const kind of kinds) {
    const label = kindLabel(flow, kind);
    const value = data[kind];
    if (typeof value !== 'string' || value === '') {
      errors.push(fieldError(kind, 'required', { id: `Unggah ${label.id} terlebih dahulu.`, en: `Upload the ${label.en} first.` }));
      continue;
    }
    const problem = referenceProblem(flow, kind, value, docs);
    if (problem) errors.push(problem);
  }
  return errors;
}
