/**
 * The one way the client talks to the server: `api(path, options)`.
 * - same-origin cookies, JSON in and out, `Accept-Language` of the current UI language;
 * - state-changing requests carry `X-CSRF-Token` (fetched once from `GET /api/auth/csrf`, cached,
 *   fetched again once if the server says it no longer matches);
 * - every non-2xx answer (and a network failure, status 0) becomes an `ApiProblem`.
 */
import { getLang, translate } from './i18n.ts';

/** A field's error; `messages` (when the server sent them) hold it in both languages. */
export type FieldProblem = { pointer: string; message: string; keyword?: string; messages?: Texts };

type Texts = { id?: string; en?: string };

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type RequestOptions = {
  method?: Method;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

/** An RFC 9457 problem (or a network failure, `status` 0) raised by `api()`. */
export class ApiProblem extends Error {
  readonly status: number;
  /** The problem `type` URI (`about:blank` when the server sent none). */
  readonly type: string;
  /** The problem's title and detail as first sent, and in both languages when the server sent them. */
  private readonly sent: { title: string; detail?: string; texts: { title?: Texts; detail?: Texts } };
  private readonly fieldErrors: FieldProblem[];
  /** The whole problem body, for extensions (`allowed`, `triesLeft`, …). */
  readonly body: Record<string, unknown>;

  constructor(status: number, body: Record<string, unknown>, fallbackTitle: string) {
    const title = typeof body.title === 'string' && body.title ? body.title : fallbackTitle;
    super(typeof body.detail === 'string' && body.detail ? body.detail : title);
    this.name = 'ApiProblem';
    this.status = status;
    this.type = typeof body.type === 'string' ? body.type : 'about:blank';
    const i18n = isTexts(body.i18n) ? (body.i18n as { title?: unknown; detail?: unknown }) : {};
    this.sent = {
      title,
      ...(typeof body.detail === 'string' && body.detail ? { detail: body.detail } : {}),
      texts: { ...(isTexts(i18n.title) ? { title: i18n.title } : {}), ...(isTexts(i18n.detail) ? { detail: i18n.detail } : {}) },
    };
    this.fieldErrors = Array.isArray(body.errors) ? body.errors.filter(isFieldProblem) : [];
    this.body = body;
  }

  // NOTE: read in the current UI language, so a problem already on screen follows a language switch.
  get title(): string {
    return this.sent.texts.title?.[getLang()] || this.sent.title;
  }

  get detail(): string | undefined {
    return this.sent.texts.detail?.[getLang()] || this.sent.detail;
  }

  /** Per-field errors of a 422: JSON pointers into the submitted data; messages in the UI language. */
  get errors(): FieldProblem[] {
    const lang = getLang();
    if (this.errorsIn?.lang !== lang) {
      this.errorsIn = { lang, list: this.fieldErrors.map((e) => ({ ...e, message: e.messages?.[lang] || e.message })) };
    }
    return this.errorsIn.list;
  }

  private errorsIn: { lang: string; list: FieldProblem[] } | null = null;

  /** The stable last segment of `type` (`csrf`, `version-conflict`, `invalid-data`, …). */
  get code(): string {
    return this.type.slice(this.type.lastIndexOf('/') + 1);
  }

  /** True for a failure to reach the server at all. */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

function isTexts(v: unknown): v is Texts {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isFieldProblem(e: unknown): e is FieldProblem {
  return typeof e === 'object' && e !== null && typeof (e as FieldProblem).pointer === 'string' && typeof (e as FieldProblem).message === 'string';
}

/** The problem for a failure to reach the server at all (status 0). */
export function networkProblem(): ApiProblem {
  const lang = getLang();
  return new ApiProblem(0, { type: 'about:blank#network', detail: translate(lang, 'error.network') }, translate(lang, 'error.networkTitle'));
}

let csrfToken: Promise<string> | null = null;

/** The CSRF token, fetched once per page load (and again after a `csrf` problem). */
export function getCsrfToken(): Promise<string> {
  csrfToken ??= send<{ token: string }>('/api/auth/csrf', {}).then(
    (r) => r.token,
    (err: unknown) => {
      csrfToken = null;
      throw err;
    },
  );
  return csrfToken;
}

/** Forgets the cached CSRF token (after the server said it no longer matches). */
export function forgetCsrfToken(): void {
  csrfToken = null;
}

/**
 * Calls the API and returns the parsed JSON body (`undefined` for 204).
 * Throws `ApiProblem` for any non-2xx answer or a network failure; rethrows an AbortError.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  if (method === 'GET') return send<T>(path, options);
  try {
    return await send<T>(path, options, await getCsrfToken());
  } catch (err) {
    // NOTE: the CSRF cookie can vanish (cleared cookies, another tab); fetch a new token once.
    if (!(err instanceof ApiProblem && err.status === 403 && err.code === 'csrf')) throw err;
    forgetCsrfToken();
    return send<T>(path, options, await getCsrfToken());
  }
}

async function send<T>(path: string, options: RequestOptions, csrf?: string): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': getLang(),
    ...options.headers,
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (csrf) headers['X-CSRF-Token'] = csrf;

  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw networkProblem();
  }

  if (res.status === 204) return undefined as T;
  const isJson = /\bjson\b/i.test(res.headers.get('content-type') ?? '');
  let payload: unknown = null;
  try {
    payload = isJson ? await res.json() : await res.text();
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    if (res.ok) throw networkProblem(); // the body was cut off
  }
  if (!res.ok || !isJson) {
    const lang = getLang();
    // NOTE: a proxy or gateway may answer with HTML; say something useful instead.
    const body = isJson && typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : { detail: translate(lang, 'error.unexpected') };
    throw new ApiProblem(res.status, body, translate(lang, 'error.unexpectedTitle'));
  }
  return payload as T;
}
