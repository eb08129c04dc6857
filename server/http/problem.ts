/** Errors → RFC 9457 `application/problem+json`, texts in the request's language. */
import type { ErrorRequestHandler, Request, Response } from 'express';
import { DomainError, PROBLEM_BASE, type FieldError } from '../errors.ts';
import type { Lang } from '#machines/types.ts';
import type { Logger } from '../log.ts';
import { ClientGone } from './deadline.ts';

/** The request's UI language: `?lang=`, then the user's choice (`alur_lang` cookie), then Accept-Language; default Indonesian. */
export function langOf(req: Request): Lang {
  const q = req.query?.lang;
  if (q === 'en' || q === 'id') return q;
  const c = req.cookies?.alur_lang;
  if (c === 'en' || c === 'id') return c;
  const accept = req.headers['accept-language'] ?? '';
  const first = accept.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'id';
}

export function sendProblem(req: Request, res: Response, err: DomainError) {
  const lang = langOf(req);
  const body: Record<string, unknown> = {
    type: PROBLEM_BASE + err.code,
    title: err.title[lang],
    status: err.status,
    ...(err.detail ? { detail: err.detail[lang] } : {}),
    instance: req.originalUrl,
    ...err.extensions,
    // ours: both languages, so a client can follow a language switch without asking again
    i18n: { title: err.title, ...(err.detail ? { detail: err.detail } : {}) },
  };
  if (Array.isArray(body.errors)) {
    body.errors = (body.errors as FieldError[]).map(({ pointer, message, messages, keyword }) => ({
      pointer,
      message: messages?.[lang] ?? message,
      ...(messages ? { messages } : {}),
      ...(keyword ? { keyword } : {}),
    }));
  }
  res.status(err.status).type('application/problem+json').json(body);
}

/** Maps errors from Express's own middleware (body parser, etc.) to domain errors. */
function fromExpressError(err: { status?: number; statusCode?: number; type?: string; message?: string }): DomainError | null {
  const status = err.status ?? err.statusCode;
  if (!status || status < 400 || status >= 500) return null;
  switch (err.type) {
    case 'entity.parse.failed':
      return new DomainError(400, 'malformed-json', { id: 'JSON tidak valid', en: 'Malformed JSON' }, {
        id: 'Isi permintaan bukan JSON yang valid.',
        en: 'The request body is not valid JSON.',
      });
    case 'entity.too.large':
      return new DomainError(413, 'payload-too-large', { id: 'Data terlalu besar', en: 'Payload too large' }, {
        id: 'Isi permintaan melebihi batas ukuran.',
        en: 'The request body exceeds the size limit.',
      });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new DomainError(415, 'unsupported-media-type', { id: 'Jenis konten tidak didukung', en: 'Unsupported media type' }, {
        id: 'Pengodean isi permintaan tidak didukung.',
        en: 'The request body encoding is not supported.',
      });
    default:
      return new DomainError(status, 'bad-request', { id: 'Permintaan tidak valid', en: 'Bad request' }, {
        id: 'Permintaan tidak dapat diproses.',
        en: err.message ?? 'The request could not be processed.',
      });
  }
}

export function problemHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent || err instanceof ClientGone) {
      res.destroy();
      return;
    }
    if (err instanceof DomainError) return sendProblem(req, res, err);
    const mapped = fromExpressError(err);
    if (mapped) return sendProblem(req, res, mapped);
    log.error('unhandled error', { url: req.originalUrl, method: req.method, error: String(err?.stack ?? err) });
    sendProblem(
      req,
      res,
      new DomainError(500, 'internal', { id: 'Kesalahan server', en: 'Server error' }, {
        id: 'Terjadi kesalahan di server. Data Anda tidak berubah; silakan coba lagi.',
        en: 'Something went wrong on the server. Nothing was changed; please try again.',
      }),
    );
  };
}
