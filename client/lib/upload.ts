/**
 * Document uploads and the application's document list (api.md "Documents").
 *
 * The upload goes through XMLHttpRequest rather than fetch: only XHR reports upload progress,
 * which on a slow phone connection is the difference between "is it doing anything?" and a bar
 * that moves. Same rules as lib/api.ts: same-origin cookies, `X-CSRF-Token` (fetched again once
 * if the server says it no longer matches), `Accept-Language`, and every failure an `ApiProblem`
 * (status 0 for the network). Aborting rejects with an AbortError DOMException.
 */
import { api, ApiProblem, forgetCsrfToken, getCsrfToken, networkProblem } from './api.ts';
import { getLang, translate } from './i18n.ts';

export type UploadedDocument = { id: string; kind: string; size: number; sha256: string; mime: string };
export type DocumentInfo = UploadedDocument & { filename?: string | null; createdAt?: string };

export type UploadOptions = {
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
};

const abortError = () => new DOMException('The upload was aborted.', 'AbortError');

/** `POST /api/applications/:id/documents` (multipart `kind` + `file`) → the stored document. */
export async function uploadDocument(applicationId: string, kind: string, file: Blob, filename: string, options: UploadOptions = {}): Promise<UploadedDocument> {
  const path = `/api/applications/${encodeURIComponent(applicationId)}/documents`;
  try {
    return await send(path, kind, file, filename, await getCsrfToken(), options);
  } catch (err) {
    // NOTE: as in api(): the CSRF cookie can vanish (cleared cookies, another tab); retry once.
    if (!(err instanceof ApiProblem && err.status === 403 && err.code === 'csrf')) throw err;
    forgetCsrfToken();
    return send(path, kind, file, filename, await getCsrfToken(), options);
  }
}

function send(path: string, kind: string, file: Blob, filename: string, csrf: string, { onProgress, signal }: UploadOptions): Promise<UploadedDocument> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);

    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Accept-Language', getLang());
    xhr.setRequestHeader('X-CSRF-Token', csrf);
    // NOTE: progress listeners must be attached before send(), or some browsers never fire them.
    if (onProgress) {
      xhr.upload.addEventListener('progress', (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size));
    }
    xhr.addEventListener('load', () => {
      done();
      const isJson = /\bjson\b/i.test(xhr.getResponseHeader('content-type') ?? '');
      let body: unknown = null;
      try {
        body = isJson ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body === 'object') return resolve(body as UploadedDocument);
      if (xhr.status >= 200 && xhr.status < 300) return reject(networkProblem()); // cut off on the way
      const lang = getLang();
      const problem = body && typeof body === 'object' ? (body as Record<string, unknown>) : { detail: translate(lang, 'error.unexpected') };
      reject(new ApiProblem(xhr.status, problem, translate(lang, 'error.unexpectedTitle')));
    });
    xhr.addEventListener('error', () => {
      done();
      reject(networkProblem());
    });
    xhr.addEventListener('timeout', () => {
      done();
      reject(networkProblem());
    });
    xhr.addEventListener('abort', () => {
      done();
      reject(abortError());
    });

    const form = new FormData();
    form.append('kind', kind); // NOTE: before the file, so the server knows the kind when the file arrives
    form.append('file', file, filename);
    xhr.send(form);
  });
}

const lists = new Map<string, Promise<DocumentInfo[]>>();

/**
 * `GET /api/applications/:id/documents`, fetched once per application and page load and shared
 * by every document field (to name documents uploaded on an earlier visit). A failure is not
 * kept, so the next field tries again.
 */
export function applicationDocuments(applicationId: string): Promise<DocumentInfo[]> {
  let list = lists.get(applicationId);
  if (!list) {
    list = api<DocumentInfo[]>(`/api/applications/${encodeURIComponent(applicationId)}/documents`).catch((err: unknown) => {
      lists.delete(applicationId);
      throw err;
    });
    lists.set(applicationId, list);
  }
  return list;
}

/** Adds a fresh upload to the cached list (if there is one), so it is known without a request. */
export function rememberDocument(applicationId: string, doc: DocumentInfo): void {
  const list = lists.get(applicationId);
  if (list) lists.set(applicationId, list.then((docs) => [...docs.filter((d) => d.id !== doc.id), doc]));
}

/** Where a stored document can be opened (the server sends it as a download). */
export const documentUrl = (id: string) => `/api/documents/${encodeURIComponent(id)}`;
