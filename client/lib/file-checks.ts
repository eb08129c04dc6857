/**
 * Checks of a chosen document before it is uploaded, mirroring the server's: the content types
 * and the largest size the flow declares for the document kind (`view.documents`; by default
 * JPEG, PNG or PDF, at most 2 MB), the type recognised by content, not name. Catching them here
 * saves a phone on a slow connection from sending megabytes only to be told no. All pure.
 */
import type { DocumentKind, Lang } from './types.ts';

/** The limit when a kind declares none (the server's default, server/documents/documents.ts): 2 MiB. */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

export type DocumentMime = 'image/jpeg' | 'image/png' | 'application/pdf';

/** The types the server can tell by content, accepted when a kind declares none. */
export const DOCUMENT_TYPES: readonly DocumentMime[] = ['image/jpeg', 'image/png', 'application/pdf'];

/** What the file input offers for `types` (no `capture`: the phone offers camera, gallery and files). */
export const acceptOf = (types: readonly string[]): string => types.join(',');

/** What a document field accepts: its kind's declaration in the flow, else the defaults. */
export function documentRules(kind: DocumentKind | undefined): { maxBytes: number; types: readonly string[] } {
  const maxBytes = kind && Number.isFinite(kind.maxBytes) && kind.maxBytes > 0 ? kind.maxBytes : MAX_DOCUMENT_BYTES;
  const types = kind && Array.isArray(kind.types) && kind.types.length > 0 ? kind.types : DOCUMENT_TYPES;
  return { maxBytes, types };
}

const TYPE_NAMES: Record<string, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'application/pdf': 'PDF' };

/** Content types for people: `JPEG, PNG, atau PDF` / `JPEG, PNG or PDF`. */
export function typesText(types: readonly string[], lang: Lang): string {
  const names = types.map((t) => TYPE_NAMES[t] ?? (t.split('/').pop() ?? t).toUpperCase());
  return new Intl.ListFormat(lang === 'id' ? 'id-ID' : 'en-GB', { type: 'disjunction' }).format(names);
}

/** The first bytes of each accepted type (as the server checks them). */
const SIGNATURES: readonly { mime: DocumentMime; magic: readonly number[] }[] = [
  { mime: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { mime: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mime: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
];

/** How many leading bytes `sniffMime` needs. */
export const SNIFF_BYTES = 8;

/** The document type from a file's first bytes, or null when it is none of JPEG, PNG, PDF. */
export function sniffMime(head: Uint8Array): DocumentMime | null {
  return SIGNATURES.find((s) => head.length >= s.magic.length && s.magic.every((b, i) => head[i] === b))?.mime ?? null;
}

export type FileFacts = { name: string; size: number; type: string };

export type FileCheck = { ok: true; mime: DocumentMime } | { ok: false; code: 'empty' | 'tooLarge' | 'badType' };

/**
 * Whether `file` may be uploaded: not empty, not over `maxBytes`, and one of `types` by its
 * content (`head`, its first SNIFF_BYTES bytes). The size comes first: a too-large file is refused
 * without reading it. Without `head` (not read yet) the declared type decides.
 */
export function checkFile(file: FileFacts, head?: Uint8Array, maxBytes = MAX_DOCUMENT_BYTES, types: readonly string[] = DOCUMENT_TYPES): FileCheck {
  if (file.size <= 0) return { ok: false, code: 'empty' };
  if (file.size > maxBytes) return { ok: false, code: 'tooLarge' };
  const mime = head ? sniffMime(head) : declaredMime(file);
  return mime && types.includes(mime) ? { ok: true, mime } : { ok: false, code: 'badType' };
}

/** The type a file claims by its MIME type or, when the browser gives none, its extension. */
export function declaredMime(file: Pick<FileFacts, 'name' | 'type'>): DocumentMime | null {
  const type = file.type.toLowerCase();
  if (type === 'image/jpeg' || type === 'image/jpg' || type === 'image/pjpeg') return 'image/jpeg';
  if (type === 'image/png') return 'image/png';
  if (type === 'application/pdf') return 'application/pdf';
  if (type !== '') return null;
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  return ext === 'jpg' || ext === 'jpeg' ? 'image/jpeg' : ext === 'png' ? 'image/png' : ext === 'pdf' ? 'application/pdf' : null;
}

/** True for the image types (a thumbnail can be shown; a too-large one can be made smaller). */
export const isImageMime = (mime: string | null | undefined): boolean => mime === 'image/jpeg' || mime === 'image/png';

/** A size for people: `850 KB`, `1,5 MB` (Indonesian decimal comma) / `1.5 MB`. */
export function formatBytes(bytes: number, lang: Lang): string {
  const MiB = 1024 * 1024;
  const [n, unit] = bytes >= MiB ? [bytes / MiB, 'MB'] : bytes >= 1024 ? [bytes / 1024, 'KB'] : [bytes, 'B'];
  const digits = unit === 'MB' && n < 10 ? 1 : 0;
  const text = new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: digits }).format(
    // NOTE: round down so 2,097,153 bytes never reads "2 MB" next to "at most 2 MB".
    Math.floor(n * 10 ** digits) / 10 ** digits,
  );
  return `${text} ${unit}`;
}

/** Upload progress in whole percent, 0–100 (0 when the total is unknown). */
export function percentOf(loaded: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.max(0, Math.min(100, Math.floor((loaded / total) * 100)));
}

/**
 * The progress worth announcing to a screen reader: the last quarter reached (0, 25, 50, 75, 100),
 * so the live region speaks four times, not a hundred.
 */
export const announcedPercent = (percent: number): number => Math.floor(percent / 25) * 25;
