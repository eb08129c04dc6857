/**
 * Compression. Applicants are often on slow mobile connections, so text travels compressed; but
 * the event path must not pay for it where it gains nothing (bench:events, issue 10):
 *
 * - `wholeBodyGzip`: API answers sent whole (`res.json`, `res.send`). Below `threshold` (1 kB) as
 *   they are; above it, gzip in one call when the client accepts gzip: no stream, no thread-pool
 *   round trip, nothing wrapped when the client accepts no gzip. gzip only: for answers of this
 *   size brotli at the quality that costs what gzip costs is larger than gzip (quality 4, the
 *   `compression` default, +1 % on a 5 kB view), and one that beats it costs 2-3× the CPU. Bodies
 *   above 128 kB are gzipped on the thread pool (zlib's async gzip), so a long answer never holds
 *   the event loop.
 * - `streamCompression`: everything else (the web app's files, streamed answers such as the CSV
 *   export): the `compression` middleware, threshold 1 kB, brotli at quality 5, which is smaller
 *   than gzip for our JS (quality 4, the library's default, is larger than gzip -6).
 */
import { constants, gzip, gzipSync } from 'node:zlib';
import compression from 'compression';
import type { RequestHandler, Response } from 'express';

const SYNC_LIMIT = 128 * 1024;
const TEXT = /^(?:application\/(?:[\w.+-]*\+)?json|text\/)/i;

export function wholeBodyGzip(threshold = 1024): RequestHandler {
  return (req, res, next) => {
    const accept = req.headers['accept-encoding'];
    if (req.method === 'HEAD' || typeof accept !== 'string' || !accept.includes('gzip') || req.acceptsEncodings('gzip') !== 'gzip') return next();
    const end = res.end;
    res.end = function (this: Response, chunk?: unknown, encoding?: unknown, cb?: unknown) {
      // Only a whole body handed to end() with nothing sent yet (a streamed answer has sent its headers with its first write).
      if (this.headersSent || chunk === undefined || chunk === null || typeof chunk === 'function' || this.statusCode === 204 || this.statusCode === 304) {
        return (end as (...a: unknown[]) => Response).call(this, chunk, encoding, cb);
      }
      const body = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : Buffer.isBuffer(chunk) ? chunk : undefined;
      const type = this.getHeader('Content-Type');
      const cacheControl = this.getHeader('Cache-Control');
      if (
        !body ||
        body.length < threshold ||
        this.getHeader('Content-Encoding') !== undefined ||
        typeof type !== 'string' ||
        !TEXT.test(type) ||
        (typeof cacheControl === 'string' && /no-transform/i.test(cacheControl))
      ) {
        return (end as (...a: unknown[]) => Response).call(this, chunk, encoding, cb);
      }
      this.vary('Accept-Encoding');
      this.setHeader('Content-Encoding', 'gzip');
      if (body.length <= SYNC_LIMIT) {
        const zipped = gzipSync(body);
        this.setHeader('Content-Length', zipped.length);
        return (end as (...a: unknown[]) => Response).call(this, zipped, typeof encoding === 'function' ? encoding : cb);
      }
      gzip(body, (error, zipped) => {
        if (error) {
          this.destroy(error);
          return;
        }
        this.setHeader('Content-Length', zipped.length);
        (end as (...a: unknown[]) => Response).call(this, zipped, typeof encoding === 'function' ? encoding : cb);
      });
      return this;
    } as Response['end'];
    next();
  };
}

/** The `compression` middleware as the web app's files and streamed answers use it (see the file comment). */
export function streamCompression(threshold = 1024): RequestHandler {
  return compression({ threshold, brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } } });
}
