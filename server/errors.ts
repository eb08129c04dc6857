/**
 * Typed domain errors. Handlers and services throw them; one middleware (http/problem.ts) turns
 * them into RFC 9457 `application/problem+json` with a stable `type`, texts in Indonesian and
 * English, and extensions (field errors, allowed events, …).
 */
import type { I18nText } from '#machines/types.ts';

export const PROBLEM_BASE = 'https://alur.dev/problems/';

export type FieldError = { pointer: string; message: string; messages?: I18nText; keyword?: string };

export class DomainError extends Error {
  constructor(
    readonly status: number,
    /** Stable suffix of the problem `type` URI, kebab-case. */
    readonly code: string,
    readonly title: I18nText,
    readonly detail?: I18nText,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail?.en ?? title.en);
    this.name = new.target.name;
  }
}

export class BadRequestError extends DomainError {
  constructor(detail: I18nText, code = 'bad-request', extensions: Record<string, unknown> = {}) {
    super(400, code, { id: 'Permintaan tidak valid', en: 'Bad request' }, detail, extensions);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(detail: I18nText = { id: 'Silakan masuk terlebih dahulu.', en: 'Please log in first.' }, code = 'unauthenticated') {
    super(401, code, { id: 'Belum masuk', en: 'Not logged in' }, detail);
  }
}

export class ForbiddenError extends DomainError {
  constructor(detail: I18nText, code = 'forbidden', extensions: Record<string, unknown> = {}) {
    super(403, code, { id: 'Tidak diizinkan', en: 'Forbidden' }, detail, extensions);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: I18nText = { id: 'Data', en: 'Resource' }) {
    super(404, 'not-found', { id: 'Tidak ditemukan', en: 'Not found' }, {
      id: `${what.id} tidak ditemukan.`,
      en: `${what.en} not found.`,
    });
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, detail: I18nText, extensions: Record<string, unknown> = {}, title?: I18nText) {
    super(409, code, title ?? { id: 'Konflik', en: 'Conflict' }, detail, extensions);
  }
}

/** 422 with one entry per invalid field: JSON pointers into the submitted data. */
export class ValidationError extends DomainError {
  constructor(errors: FieldError[], detail?: I18nText, code = 'invalid-data') {
    super(
      422,
      code,
      { id: 'Data tidak valid', en: 'Invalid data' },
      detail ?? {
        id: `Periksa kembali ${errors.length} isian yang bermasalah.`,
        en: `Please correct ${errors.length} field${errors.length === 1 ? '' : 's'}.`,
      },
      { errors },
    );
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(detail: I18nText = { id: 'Terlalu banyak permintaan. Coba lagi nanti.', en: 'Too many requests. Try again later.' }) {
    super(429, 'too-many-requests', { id: 'Terlalu banyak permintaan', en: 'Too many requests' }, detail);
  }
}

/** 503: the server cannot answer this now (figures still being built, a request over its time limit); try again later. */
export class UnavailableError extends DomainError {
  constructor(code: string, detail: I18nText, extensions: Record<string, unknown> = {}) {
    super(503, code, { id: 'Belum dapat dilayani', en: 'Not available now' }, detail, extensions);
  }
}
