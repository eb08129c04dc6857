/**
 * The appointment the application view carries, and the emails about it: the office's name, its
 * street address and time zone, kept through payment; amounts in the emails written in groups.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../../testing/databases.ts';
import { startTestServer, type TestClient } from '../../testing/harness.ts';
import { emailsAbout, waitFor } from './testing/acceptance.ts';
import { firstFreeDate, isoDay, SHIPPED, toSchedule, type View } from './testing/passport.ts';

const JKS = {
  officeCode: 'JKS',
  officeName: 'Kantor Imigrasi Kelas I Non TPI Jakarta Selatan',
  address: 'Jl. Warung Buncit Raya No. 207, Mampang Prapatan, Jakarta Selatan, DKI Jakarta',
  timeZone: 'Asia/Jakarta',
};

describe.each(providers())('the appointment in the view and the emails (%s)', (provider) => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  let applicant: TestClient;
  const email = `addr-${provider}@example.id`;

  beforeAll(async () => {
    srv = await startTestServer({ provider, env: SHIPPED });
    applicant = srv.client();
    await applicant.signUp(email);
  });
  afterAll(() => srv?.close());

  it('names the office with its address and time zone, before and after payment', async () => {
    const { app, send } = await toSchedule(applicant);
    const now = new Date((await applicant.get<{ now: string }>('/api/dev/clock')).body.now);
    const slot = await firstFreeDate(applicant, 'JKS', isoDay(new Date(now.getTime() + 2 * 86_400_000)));
    const booked = await send('SUBMIT', { officeCode: 'JKS', ...slot });
    expect(booked.status, JSON.stringify(booked.body)).toBe(200);
    expect(booked.body.appointment).toMatchObject({ ...JKS, date: slot.date, session: slot.session, start: expect.stringMatching(/^\d\d:\d\d$/), end: expect.stringMatching(/^\d\d:\d\d$/) });

    const held = await waitFor(() => emailsAbout(applicant, email, app.id, /kode billing/), (m) => m.length > 0);
    expect(held[0]!.text).toContain(JKS.address);
    expect(held[0]!.text).toContain('Bayar Rp 350.000 dengan kode billing');

    expect((await applicant.post(`/api/dev/payments/${booked.body.payment!.billingCode}/pay`, {})).status).toBe(200);
    const afterPay = (await applicant.get<View>(`/api/applications/${app.id}`)).body;
    expect(afterPay.appointment).toMatchObject({ ...JKS, date: slot.date, queueNumber: 1, queueCode: expect.stringMatching(/^JKS-/) });
    const paid = await waitFor(() => emailsAbout(applicant, email, app.id, /nomor antrean/), (m) => m.length > 0);
    expect(paid[0]!.text).toContain(`${JKS.officeName}\n${JKS.address}\n`);
  });

  it("lists the flow's steps with their forms, for checking answers on another device; others get 404", async () => {
    const { app } = await toSchedule(applicant);
    type Step = { id: string; order: number; forms: { id: string; schema: { properties?: Record<string, unknown> } }[] };
    const r = await applicant.get<Step[]>(`/api/applications/${app.id}/steps`);
    expect(r.status).toBe(200);
    expect(r.body.map((s) => s.id)).toEqual(['identity', 'documents', 'review', 'schedule', 'payment']);
    expect(r.body.map((s) => s.forms.map((f) => f.id))).toEqual([['passport-identity'], ['passport-documents'], ['passport-declaration'], ['passport-schedule'], []]);
    expect(Object.keys(r.body[0]!.forms[0]!.schema.properties ?? {})).toContain('fullName');
    expect((await applicant.get<{ title: unknown }>(`/api/applications/${app.id}`)).body.title).toEqual({ id: 'Paspor baru', en: 'New passport' });
    const stranger = srv.client();
    await stranger.signUp(`stranger-${provider}@example.id`);
    expect((await stranger.get(`/api/applications/${app.id}/steps`)).status).toBe(404);
  });
});
