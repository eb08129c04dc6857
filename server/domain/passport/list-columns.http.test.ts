/**
 * The officer's list (`GET /api/applications`): the counter's columns (session, queue number,
 * applicant's name, walk-in priority, pickup date) for staff, never for applicants; and the
 * pure helper that reads them from a context.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../../testing/databases.ts';
import { startTestServer, type TestClient } from '../../testing/harness.ts';
import { atbToday, bookAndPay, firstOpenDay, plusDays, walkToSchedule, type Server } from './testing/acceptance.ts';
import { identity, SHIPPED } from './testing/passport.ts';
import { counterFields } from './pack.ts';

type Item = Record<string, unknown> & { id: string };

describe('counterFields', () => {
  it('reads the appointment, queue number, name (answers first, else the walk-in), priority and pickup date; null where unknown', () => {
    expect(
      counterFields({
        data: { fullName: 'Maria' },
        appointment: { session: 'pagi', start: '08:00', end: '12:00', queueNumber: 7 },
        queueNumber: 7,
        pickupDate: '2026-12-03',
      }),
    ).toEqual({ session: 'pagi', sessionStart: '08:00', sessionEnd: '12:00', queueNumber: 7, applicantName: 'Maria', walkInPriority: null, pickupDate: '2026-12-03' });
    expect(counterFields({ data: {}, walkIn: { priority: 'elderly', applicant: { fullName: 'Bapak Yoseph' } } })).toEqual({
      session: null,
      sessionStart: null,
      sessionEnd: null,
      queueNumber: null,
      applicantName: 'Bapak Yoseph',
      walkInPriority: 'elderly',
      pickupDate: null,
    });
    expect(counterFields(undefined).applicantName).toBeNull();
    expect(counterFields({ appointment: 'nonsense', queueNumber: '3', data: [] }).queueNumber).toBeNull();
  });
});

describe.each(providers())('GET /api/applications for the counter (%s)', (provider) => {
  let srv: Server;
  let applicant: TestClient;
  let officer: TestClient;

  beforeAll(async () => {
    srv = await startTestServer({ provider, env: SHIPPED });
    applicant = srv.client();
    await applicant.signUp(`list-${provider}@example.id`);
    officer = srv.client();
    await officer.loginAs('officer');
  });
  afterAll(() => srv?.close());

  it("an officer's list of a day has the session, queue number and name; a walk-in its priority; an applicant sees none of it", async () => {
    const date = await firstOpenDay(applicant, plusDays(await atbToday(applicant), 1));
    const { id } = await walkToSchedule(applicant, { flow: 'passport-new' });
    const paid = await bookAndPay(applicant, id, date);

    const day = await officer.get<{ items: Item[] }>(`/api/applications?date=${date}`);
    expect(day.status).toBe(200);
    const item = day.body.items.find((a) => a.id === id);
    expect(item).toMatchObject({
      status: 'booked',
      appointmentDate: date,
      queueCode: paid.appointment!.queueCode,
      session: 'pagi',
      sessionStart: expect.stringMatching(/^\d{2}:\d{2}$/),
      sessionEnd: expect.stringMatching(/^\d{2}:\d{2}$/),
      queueNumber: paid.appointment!.queueNumber,
      applicantName: identity.fullName,
      walkInPriority: null,
      pickupDate: null,
    });

    const walkIn = await officer.post<Item>('/api/applications', {
      flow: 'passport-new',
      walkIn: { priority: 'disability', applicant: { fullName: 'Ibu Fransiska', nik: '5304014101600002' } },
    });
    expect(walkIn.status).toBe(201);
    const checkedIn = await officer.get<{ items: Item[] }>('/api/applications?status=checkedIn');
    expect(checkedIn.body.items.find((a) => a.id === walkIn.body.id)).toMatchObject({
      applicantName: 'Ibu Fransiska',
      walkInPriority: 'disability',
      appointmentDate: null,
      session: null,
      queueNumber: null,
    });

    // The applicant's own list stays as it was.
    const mine = await applicant.get<{ items: Item[] }>('/api/applications');
    const own = mine.body.items.find((a) => a.id === id)!;
    for (const k of ['session', 'sessionStart', 'sessionEnd', 'queueNumber', 'applicantName', 'walkInPriority', 'pickupDate']) expect(own).not.toHaveProperty(k);
  });
});
