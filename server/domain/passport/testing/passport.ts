/** Helpers for HTTP tests of the shipped passport flows. */
import path from 'node:path';
import { expect } from 'vitest';
import { REPO_ROOT } from '../../../config.ts';
import type { TestClient } from '../../../testing/harness.ts';

export type View = {
  id: string;
  state: string;
  status: string;
  version: number;
  flowVersion: number;
  events: { type: string }[];
  payment?: { billingCode: string; amount: number; currency: string; expiresAt: string };
  appointment?: { officeCode: string; date: string; session: string; start: string; queueNumber?: number; queueCode?: string; timeZone: string; qr?: string };
  pickupDate?: string;
};
export type Problem = { status: number; type: string; detail?: string; errors?: { pointer: string; message: string }[] };
export type Availability = { days: { date: string; open: boolean; reason?: string; sessions: { id: string; start: string; capacity: number; free: number; reason?: string }[] }[] };

export const SHIPPED = {
  DEFINITIONS_DIR: path.join(REPO_ROOT, 'machines/definitions'),
  FORMS_DIR: path.join(REPO_ROOT, 'forms'),
};

import { IDENTITY, PNG } from './fixtures.ts';

export { PNG };
export const identity = IDENTITY;

export async function upload(c: TestClient, applicationId: string, kind: string, bytes = PNG, name = `${kind}.png`): Promise<{ status: number; body: { id: string } & Problem }> {
  const form = new FormData();
  form.set('kind', kind);
  form.set('file', new Blob([bytes], { type: 'image/png' }), name);
  return c.request('POST', `/api/applications/${applicationId}/documents`, undefined, { raw: form });
}

/** Walks an applicant from a new passport-new application to the schedule step (identity, documents, declaration). */
export async function toSchedule(c: TestClient) {
  const app = (await c.post<View>('/api/applications', { flow: 'passport-new' })).body;
  const send = (type: string, data?: unknown) => c.post<View & Problem>(`/api/applications/${app.id}/events`, { type, data });
  expect((await send('SUBMIT', identity)).status).toBe(200);
  const docs: Record<string, string> = {};
  for (const kind of ['ktp', 'kk', 'birthProof']) {
    const up = await upload(c, app.id, kind);
    expect(up.status).toBe(201);
    docs[kind] = up.body.id;
  }
  const d = await send('SUBMIT', docs);
  expect(d.status, JSON.stringify(d.body)).toBe(200);
  const decl = await send('SUBMIT', { declaration: true });
  expect(decl.status, JSON.stringify(decl.body)).toBe(200);
  expect(decl.body.state).toBe('schedule');
  return { app, send };
}

/** The first open date with a free place at `office` from `from` (YYYY-MM-DD). */
export async function firstFreeDate(c: TestClient, office: string, from: string, flow = 'passport-new'): Promise<{ date: string; session: string }> {
  const to = new Date(Date.parse(from) + 20 * 86_400_000).toISOString().slice(0, 10);
  const a = await c.get<Availability>(`/api/offices/${office}/availability?from=${from}&to=${to}&flow=${flow}`);
  expect(a.status, JSON.stringify(a.body)).toBe(200);
  for (const day of a.body.days) for (const s of day.sessions) if (day.open && s.free > 0) return { date: day.date, session: s.id };
  throw new Error('no free place');
}

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

