/**
 * Non-production helpers under `/api/dev` (never mounted when `config.production`).
 * This file holds the email part: `GET /outbox?to=` lists the emails in the outbox, so the OTP
 * can be read without an SMTP server.
 */
import express from 'express';
import type { Router } from 'express';
import type { AppDeps } from '../deps.ts';
import { BadRequestError } from '../errors.ts';

export type OutboxMessageView = {
  id: string;
  to: string | null;
  subject: string | null;
  text: string | null;
  html?: string;
  status: string;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string;
  lastError: string | null;
  applicationId: string | null;
};

type Row = {
  id: string;
  recipient: string | null;
  subject: string | null;
  body: string | null;
  payload: string | null;
  status: string;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string;
  lastError: string | null;
  applicationId: string | null;
};

const COLUMNS = '"id", "recipient", "subject", "body", "payload", "status", "attempts", "createdAt", "sentAt", "nextAttemptAt", "lastError", "applicationId"';

function view(r: Row): OutboxMessageView {
  let html: string | undefined;
  try {
    const p = r.payload ? (JSON.parse(r.payload) as { html?: unknown }) : {};
    if (typeof p.html === 'string') html = p.html;
  } catch {
    // not JSON: nothing to add
  }
  return {
    id: r.id,
    to: r.recipient,
    subject: r.subject,
    text: r.body,
    ...(html !== undefined ? { html } : {}),
    status: r.status,
    attempts: Number(r.attempts),
    createdAt: r.createdAt,
    sentAt: r.sentAt,
    nextAttemptAt: r.nextAttemptAt,
    lastError: r.lastError,
    applicationId: r.applicationId,
  };
}

/**
 * Adds `GET /outbox?to=&limit=` to `router`: `{messages: [...]}`, newest first, emails only,
 * filtered by recipient (case-insensitive) when `to` is given; `limit` 1–500, default 100.
 */
export function devOutboxRoutes(router: Router, deps: Pick<AppDeps, 'sql'>): Router {
  router.get('/outbox', async (req, res) => {
    const to = typeof req.query.to === 'string' ? req.query.to.trim().toLowerCase() : '';
    const rawLimit = typeof req.query.limit === 'string' ? req.query.limit : '';
    const limit = rawLimit === '' ? 100 : Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
      throw new BadRequestError({ id: '`limit` harus bilangan bulat 1–500.', en: '`limit` must be an integer from 1 to 500.' });
    }
    const rows = to
      ? await deps.sql.all<Row>(
          `SELECT ${COLUMNS} FROM "Outbox" WHERE "kind" = 'email' AND LOWER("recipient") = ? ORDER BY "createdAt" DESC LIMIT ?`,
          [to, limit],
        )
      : await deps.sql.all<Row>(`SELECT ${COLUMNS} FROM "Outbox" WHERE "kind" = 'email' ORDER BY "createdAt" DESC LIMIT ?`, [limit]);
    res.json({ messages: rows.map(view) });
  });
  return router;
}

/** A router with the email helpers, to mount under `/api/dev` outside production. */
export function devMailRouter(deps: Pick<AppDeps, 'sql'>): Router {
  return devOutboxRoutes(express.Router(), deps);
}
