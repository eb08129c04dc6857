/**
 * createApp(deps): the Express application without listening (tests call it directly).
 * /api: JSON only, session from the cookie, CSRF on every state-changing request, routers,
 * problem+json for every error. Everything else: the built web app with an SPA fallback.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { AppDeps } from './deps.ts';
import { DomainError, NotFoundError } from './errors.ts';
import { accountsRouter } from './http/accounts-router.ts';
import { adminRouter } from './http/admin-router.ts';
import { applicationsRouter } from './http/applications-router.ts';
import { auditRouter } from './http/audit-router.ts';
import { sessionMiddleware } from './http/auth.ts';
import { clockRouter } from './http/clock-router.ts';
import { streamCompression, wholeBodyGzip } from './http/compress.ts';
import { requireCsrf } from './http/csrf.ts';
import { requestDeadline } from './http/deadline.ts';
import { devMailRouter } from './http/dev-router.ts';
import { documentsRouter } from './http/documents-router.ts';
import { flowsRouter } from './http/flows-router.ts';
import { problemHandler } from './http/problem.ts';
import { staffRouter } from './http/staff-router.ts';

/** State-changing requests with a body must say it is JSON (or multipart for uploads): else 415. */
const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody || req.is(['application/json', 'application/*+json', 'multipart/form-data'])) return next();
  next(
    new DomainError(415, 'unsupported-media-type', { id: 'Jenis konten tidak didukung', en: 'Unsupported media type' }, {
      id: 'Kirim data sebagai application/json.',
      en: 'Send the data as application/json.',
    }),
  );
};

/** API answers that are streamed (the CSV export): compressed as a stream (http/compress.ts). */
const STREAMED_API = /\.csv$/;

/**
 * Security headers of JSON responses, set in one step (helmet's eleven middlewares cost ~5 % of
 * the event path; most of its headers only matter for HTML). Pages and assets get helmet.
 */
const API_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Cache-Control': 'no-store',
};
function apiHeaders(production: boolean): RequestHandler {
  const headers = production ? { ...API_HEADERS, 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : API_HEADERS;
  return (_req, res, next) => {
    res.set(headers);
    next();
  };
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('trust proxy', deps.config.trustProxy);
  // Applicants are often on slow mobile connections: text responses of 1 kB and more travel
  // compressed (the web app's JS shrinks about 3x). API answers sent whole get a cheaper path of
  // their own (wholeBodyGzip, below); see http/compress.ts.
  const compressStreams = streamCompression();
  app.use((req, res, next) => (req.path.startsWith('/api/') && !STREAMED_API.test(req.path) ? next() : compressStreams(req, res, next)));
  app.use(cookieParser());

  const packs = deps.packs.packs;
  // Paths under /api that are signed instead of CSRF-protected (the packs' raw routes, such as a payment webhook).
  const csrfExempt = new Set(packs.flatMap((p) => p.rawRoutes?.paths ?? []));
  const api = express.Router();
  api.use(requestDeadline(deps.config.requestTimeoutMs));
  api.use(requireJsonBody);
  for (const pack of packs) if (pack.rawRoutes) api.use(pack.rawRoutes.router(deps)); // before express.json: a signature covers the raw body
  api.use(express.json({ limit: '256kb', type: ['application/json', 'application/*+json'] }));
  api.use(sessionMiddleware(deps.sessions));
  api.use(requireCsrf((p) => csrfExempt.has(p)));
  api.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  api.use(accountsRouter(deps));
  api.use(flowsRouter(deps));
  api.use(applicationsRouter(deps));
  api.use(documentsRouter(deps));
  api.use(auditRouter(deps));
  api.use(adminRouter(deps));
  api.use(staffRouter(deps));
  for (const pack of packs) if (pack.routes) api.use(pack.routes(deps));
  if (!deps.config.production) {
    api.use('/dev', devMailRouter(deps));
    api.use('/dev', clockRouter(deps));
    for (const pack of packs) if (pack.devRoutes) api.use('/dev', pack.devRoutes(deps));
  }
  api.use(() => {
    throw new NotFoundError({ id: 'Alamat API', en: 'API route' });
  });
  app.use('/api', wholeBodyGzip(), apiHeaders(deps.config.production), api);

  app.use(
    helmet({
      crossOriginEmbedderPolicy: false,
      // Plain http is fine on a laptop or a LAN address outside production; upgrading would break it.
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: deps.config.production ? [] : null } },
      strictTransportSecurity: deps.config.production,
    }),
  );
  if (!deps.config.production) for (const pack of packs) if (pack.devPages) app.use(pack.devPages(deps));

  const client = deps.config.clientDir;
  if (existsSync(path.join(client, 'index.html'))) {
    app.use(express.static(client, { index: false, maxAge: '1h', setHeaders: (res, file) => {
      if (file.includes(`${path.sep}assets${path.sep}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    } }));
    app.get('/{*splat}', (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(path.join(client, 'index.html'));
    });
  }
  app.use(() => {
    throw new NotFoundError({ id: 'Halaman', en: 'Page' });
  });
  app.use(problemHandler(deps.log));
  return app;
}
