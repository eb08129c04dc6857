/**
 * Where the content of uploaded documents lives: one interface, chosen in the composition root
 * (compose.ts) by the database:
 *
 * - `DatabaseDocumentStorage` (PostgreSQL deployments): rows in the database every process
 *   reads, the bytes in chunks of 256 KiB (`DocumentChunk`) written in one transaction with the
 *   row that names them (`DocumentContent`), so a crash leaves nothing half-stored. Reads fetch
 *   one chunk at a time: a download never holds a whole file in memory.
 * - `DiskDocumentStorage` (SQLite deployments, one process): files under
 *   `<DATA_DIR>/documents/<sha256[0..2]>/<sha256>`, written to a temporary file and renamed.
 *
 * Content is addressed by its SHA-256 (the key); storing equal bytes twice keeps one copy. An
 * S3-compatible object store can implement the same four methods later (key = object name,
 * `get` with a range = a ranged GET) without changing the callers.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { SqlDriver, SqlRunner } from '../db/sql.ts';

/** Bytes `start` to `end` of a content, both inclusive (as in HTTP's Range). */
export type ByteRange = { start: number; end: number };

export interface DocumentStorage {
  readonly kind: 'disk' | 'database';
  /** Reads `content` once, in pieces, and stores it; resolves to its key (the SHA-256, hex) and size. */
  put(content: AsyncIterable<Uint8Array>): Promise<{ key: string; size: number }>;
  /** The size in bytes of the content under `key`, or undefined when there is none. */
  size(key: string): Promise<number | undefined>;
  /** The content under `key` (only `range`, when given) as a stream, or undefined when there is none. */
  get(key: string, range?: ByteRange): Promise<Readable | undefined>;
  /** Removes the content under `key` (nothing when there is none). The caller makes sure no document still refers to it. */
  delete(key: string): Promise<void>;
}

/** The size of the chunks the database storage writes (and a good piece size for streams). */
export const CHUNK_BYTES = 256 * 1024;

const SHA256_HEX = /^[0-9a-f]{64}$/;
const isKey = (key: string) => SHA256_HEX.test(key);

/** Where the content with this SHA-256 lives on disk. Only ever built from a hex digest. */
export function documentPath(dataDir: string, sha256: string): string {
  if (!isKey(sha256)) throw new Error(`not a sha256 hex digest: ${JSON.stringify(sha256)}`);
  return path.join(dataDir, 'documents', sha256.slice(0, 2), sha256);
}

/** Content under `<dataDir>/documents`; see the file comment. */
export class DiskDocumentStorage implements DocumentStorage {
  readonly kind = 'disk' as const;
  constructor(private readonly dataDir: string) {}

  /**
   * Streams into a temporary file (hashing on the way), flushes it, then renames it to its
   * content's path (atomic on one file system), so a reader never sees half a file. Two uploads
   * of the same content at once both rename a complete copy; the last one wins, with equal bytes.
   */
  async put(content: AsyncIterable<Uint8Array>): Promise<{ key: string; size: number }> {
    const root = path.join(this.dataDir, 'documents');
    await mkdir(root, { recursive: true, mode: 0o700 });
    const tmp = path.join(root, `.${randomUUID()}.tmp`);
    try {
      const hash = createHash('sha256');
      let size = 0;
      const fh = await open(tmp, 'wx', 0o600);
      try {
        for await (const piece of content) {
          hash.update(piece);
          size += piece.length;
          await fh.write(piece);
        }
        await fh.sync();
      } finally {
        await fh.close();
      }
      const key = hash.digest('hex');
      const file = documentPath(this.dataDir, key);
      const existing = await stat(file).catch(() => null);
      if (existing?.isFile() && existing.size === size) {
        await rm(tmp, { force: true });
        return { key, size };
      }
      const dir = path.dirname(file);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await rename(tmp, file);
      // Make the rename itself durable where directories can be opened (not on Windows).
      const dh = await open(dir, 'r').catch(() => null);
      if (dh) await dh.sync().catch(() => {}).finally(() => dh.close());
      return { key, size };
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async size(key: string): Promise<number | undefined> {
    if (!isKey(key)) return undefined;
    const s = await stat(documentPath(this.dataDir, key)).catch(() => null);
    return s?.isFile() ? s.size : undefined;
  }

  async get(key: string, range?: ByteRange): Promise<Readable | undefined> {
    if (!isKey(key)) return undefined;
    const file = documentPath(this.dataDir, key);
    // Opened before it is returned, so a missing file is "none", not a stream that fails later.
    const fh = await open(file, 'r').catch(() => null);
    if (!fh) return undefined;
    return createReadStream('', { fd: fh, highWaterMark: CHUNK_BYTES, ...(range ? { start: range.start, end: range.end } : {}) });
  }

  async delete(key: string): Promise<void> {
    if (isKey(key)) await rm(documentPath(this.dataDir, key), { force: true });
  }
}

/** Thrown inside put()'s transaction to roll back a copy of content that is already stored. */
class AlreadyStored extends Error {}

type ContentRow = { blobId: string; size: number; chunkSize: number };

/**
 * Content in the database (tables `DocumentContent` and `DocumentChunk`); see the file comment.
 * Works on both providers (bytea on PostgreSQL, BLOB on SQLite); compose.ts uses it for
 * PostgreSQL. `fallback` is read when a key is not in the database (content stored on disk
 * before a deployment moved to PostgreSQL).
 */
export class DatabaseDocumentStorage implements DocumentStorage {
  readonly kind = 'database' as const;
  constructor(
    private readonly sql: SqlDriver,
    private readonly options: { chunkBytes?: number; fallback?: DocumentStorage } = {},
  ) {}

  /**
   * One transaction: the chunks under a fresh blob id as they arrive, then the content row by
   * SHA-256. When that row exists already (equal bytes stored before, or by a concurrent upload
   * that committed first), the transaction rolls back and the stored copy is the answer.
   */
  async put(content: AsyncIterable<Uint8Array>): Promise<{ key: string; size: number }> {
    const chunkBytes = this.options.chunkBytes ?? CHUNK_BYTES;
    const blobId = randomUUID();
    const hash = createHash('sha256');
    let size = 0;
    let key = '';
    try {
      await this.sql.transaction(async (tx) => {
        let seq = 0;
        let pending = Buffer.alloc(chunkBytes);
        let filled = 0;
        const flush = async () => {
          await tx.run('INSERT INTO "DocumentChunk" ("blobId", "seq", "data") VALUES (?, ?, ?)', [blobId, seq++, pending.subarray(0, filled)]);
          pending = Buffer.alloc(chunkBytes); // the driver may still hold the previous one
          filled = 0;
        };
        for await (const piece of content) {
          hash.update(piece);
          size += piece.length;
          let at = 0;
          while (at < piece.length) {
            const n = Math.min(chunkBytes - filled, piece.length - at);
            pending.set(piece.subarray(at, at + n), filled);
            filled += n;
            at += n;
            if (filled === chunkBytes) await flush();
          }
        }
        if (filled > 0) await flush();
        key = hash.digest('hex');
        const inserted = await tx.run(
          'INSERT INTO "DocumentContent" ("key", "blobId", "size", "chunkSize", "createdAt") VALUES (?, ?, ?, ?, ?) ON CONFLICT ("key") DO NOTHING',
          [key, blobId, size, chunkBytes, new Date().toISOString()],
        );
        if (inserted !== 1) throw new AlreadyStored();
      });
    } catch (err) {
      if (!(err instanceof AlreadyStored)) throw err;
    }
    return { key, size };
  }

  private row(key: string): Promise<ContentRow | undefined> {
    return this.sql.get<ContentRow>('SELECT "blobId", "size", "chunkSize" FROM "DocumentContent" WHERE "key" = ?', [key]);
  }

  async size(key: string): Promise<number | undefined> {
    if (!isKey(key)) return undefined;
    const row = await this.row(key);
    if (row) return Number(row.size);
    return this.options.fallback?.size(key);
  }

  async get(key: string, range?: ByteRange): Promise<Readable | undefined> {
    if (!isKey(key)) return undefined;
    const row = await this.row(key);
    if (!row) return this.options.fallback?.get(key, range);
    const size = Number(row.size);
    const chunkSize = Number(row.chunkSize);
    const start = range?.start ?? 0;
    const end = Math.min(range?.end ?? size - 1, size - 1);
    const sql: SqlRunner = this.sql;
    async function* chunks() {
      if (end < start) return;
      for (let seq = Math.floor(start / chunkSize); seq <= Math.floor(end / chunkSize); seq++) {
        const chunk = await sql.get<{ data: Uint8Array }>('SELECT "data" FROM "DocumentChunk" WHERE "blobId" = ? AND "seq" = ?', [row!.blobId, seq]);
        if (!chunk) throw new Error(`document content ${key}: chunk ${seq} is missing`);
        const base = seq * chunkSize;
        const data = Buffer.from(chunk.data.buffer, chunk.data.byteOffset, chunk.data.byteLength);
        yield data.subarray(Math.max(0, start - base), Math.min(data.length, end - base + 1));
      }
    }
    return Readable.from(chunks(), { objectMode: false, highWaterMark: 1 });
  }

  async delete(key: string): Promise<void> {
    if (!isKey(key)) return;
    await this.sql.transaction(async (tx) => {
      const row = await tx.get<ContentRow>('SELECT "blobId", "size", "chunkSize" FROM "DocumentContent" WHERE "key" = ?', [key]);
      if (!row) return;
      await tx.run('DELETE FROM "DocumentContent" WHERE "key" = ?', [key]);
      await tx.run('DELETE FROM "DocumentChunk" WHERE "blobId" = ?', [row.blobId]);
    });
    await this.options.fallback?.delete(key);
  }
}

/** The storage for a deployment: in the database on PostgreSQL (every process reads it), on disk beside SQLite. */
export function documentStorage(sql: SqlDriver, dataDir: string): DocumentStorage {
  const disk = new DiskDocumentStorage(dataDir);
  return sql.kind === 'postgres' ? new DatabaseDocumentStorage(sql, { fallback: disk }) : disk;
}
