import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../../testing/databases.ts';
import { startTestServer, type TestClient } from '../../testing/harness.ts';
import { SHIPPED } from './testing/passport.ts';
import { feeFor } from './payments.ts';

type Version = { key: string; version: number; status: string; checksum: string; publishedAt: string | null; publishedBy: string | null };
type Bundle = Version & { definition: { key: string; policy: { minAge: number; delays: Record<string, string> }; machine: Record<string, unknown> }; forms: Record<string, unknown> };
type Problem = { status: number; type: string; findings?: { path: string; message: string; severity: string }[] };

describe.each(providers())('flow versions over HTTP (%s)', (provider) => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  let policy: TestClient;
  let applicant: TestClient;

  beforeAll(async () => {
    srv = await startTestServer({ provider });
    policy = srv.client();
    await policy.loginAs('policy');
    applicant = srv.client();
    await applicant.loginAs('applicant');
  });
  afterAll(() => srv?.close());

  it('lists the shipped version 1 as published with a checksum', async () => {
    const r = await policy.get<Version[]>('/api/flows/test-permit/versions');
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(1);
    expect(r.body[0]).toMatchObject({ version: 1, status: 'published' });
    expect(r.body[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);
    const one = await policy.get<Bundle>('/api/flows/test-permit/versions/1');
    expect(one.body.definition.key).toBe('test-permit');
    expect(Object.keys(one.body.forms).sort()).toEqual(['test-details', 'test-reject']);
  });

  it('drafts, validates and publishes a new version; running applications stay on theirs', async () => {
    const older = (await applicant.post<{ id: string; flowVersion: number }>('/api/applications', { flow: 'test-permit' })).body;
    expect(older.flowVersion).toBe(1);

    const draft = await policy.post<Bundle>('/api/flows/test-permit/drafts', {});
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ version: 2, status: 'draft' });

    // a broken draft is stored (so work is not lost), reported, and cannot be published
    const broken = structuredClone(draft.body.definition);
    (broken.machine as { states: Record<string, { on?: Record<string, unknown> }> }).states.review!.on!.APPROVE = { target: 'nowhere' };
    const saved = await policy.put<Bundle & { findings: Problem['findings'] }>('/api/flows/test-permit/versions/2', { definition: broken });
    expect(saved.status).toBe(200);
    expect(saved.body.findings!.some((f) => f.severity === 'error' && f.path.includes('APPROVE'))).toBe(true);
    const refused = await policy.post<Problem>('/api/flows/test-permit/versions/2/publish');
    expect(refused.status).toBe(422);
    expect(refused.body.findings!.length).toBeGreaterThan(0);

    // fixed: a policy number changes, the validator passes, publish
    const fixed = structuredClone(draft.body.definition);
    fixed.policy.minAge = 21;
    expect((await policy.put('/api/flows/test-permit/versions/2', { definition: fixed })).status).toBe(200);
    const findings = await policy.post<{ severity: string }[]>('/api/flows/test-permit/versions/2/validate');
    expect(findings.body.filter((f) => f.severity === 'error')).toEqual([]);
    const published = await policy.post<Version>('/api/flows/test-permit/versions/2/publish');
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ version: 2, status: 'published' });
    expect(published.body.publishedBy).toBeTruthy();

    const versions = (await policy.get<Version[]>('/api/flows/test-permit/versions')).body;
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'retired'],
      [2, 'published'],
    ]);
    expect((await srv.client().get<{ key: string; version: number }[]>('/api/flows')).body.find((f) => f.key === 'test-permit')!.version).toBe(2);

    // published versions are immutable
    expect((await policy.put<Problem>('/api/flows/test-permit/versions/2', { definition: fixed })).status).toBe(409);

    // new applications use version 2 (minAge 21); the older one stays on version 1 (minAge 17)
    const newer = (await applicant.post<{ id: string; flowVersion: number }>('/api/applications', { flow: 'test-permit' })).body;
    expect(newer.flowVersion).toBe(2);
    const data = { fullName: 'Yohanes Bere', age: 19, email: 'y@example.id', officeCode: 'ATB' };
    const a = await applicant.post<{ state: string; flowVersion: number }>(`/api/applications/${older.id}/events`, { type: 'SUBMIT', data });
    const b = await applicant.post<{ state: string; flowVersion: number }>(`/api/applications/${newer.id}/events`, { type: 'SUBMIT', data });
    expect([a.body.flowVersion, a.body.state]).toEqual([1, 'review']);
    expect([b.body.flowVersion, b.body.state]).toEqual([2, 'tooYoung']);
  });

  it('keeps definitions to policy staff', async () => {
    expect((await applicant.get<Problem>('/api/flows/test-permit/versions')).status).toBe(403);
    expect((await applicant.post<Problem>('/api/flows/test-permit/drafts', {})).status).toBe(403);
    expect((await srv.client().get<Problem>('/api/flows/test-permit/versions')).status).toBe(401);
    expect((await policy.get<Problem>('/api/flows/no-such-flow/versions')).status).toBe(404);
    expect((await policy.get<Problem>('/api/flows/test-permit/versions/99')).status).toBe(404);
    expect((await policy.get<Problem>('/api/flows/test-permit/versions/abc')).status).toBe(404);
  });
});

describe('published flows for applicants (shipped passport definitions)', () => {
  type FlowItem = {
    key: string;
    version: number;
    title: { id: string; en: string };
    description?: { id: string; en: string };
    express?: boolean;
    fees?: { currency: string; passports: { passportType: string; validityYears: number; amount: number }[]; expressSurcharge?: number };
    documents?: { title?: { id: string; en: string }; required: string[]; minor: string[] }[];
    adultAge?: number;
    paymentWindow?: string;
    minLeadDays?: number;
    bookingHorizonDays?: number;
    pickupWorkingDays?: number;
    uncollectedAfter?: string;
  };
  let srv: Awaited<ReturnType<typeof startTestServer>>;

  beforeAll(async () => {
    srv = await startTestServer({ provider: 'sqlite', env: SHIPPED, workers: false });
  });
  afterAll(() => srv?.close());

  it('answers everyone with each flow and what an applicant needs to choose it, from its published policy', async () => {
    const r = await srv.client().get<FlowItem[]>('/api/flows');
    expect(r.status).toBe(200);
    expect(r.body.map((f) => f.key)).toEqual(['passport-express', 'passport-new', 'passport-replacement', 'stay-permit-extension']);
    const byKey = Object.fromEntries(r.body.map((f) => [f.key, f]));

    const regular = byKey['passport-new']!;
    expect(regular).toMatchObject({ version: 1, express: false, adultAge: 17, paymentWindow: 'PT2H', minLeadDays: 0, bookingHorizonDays: 60, pickupWorkingDays: 4, uncollectedAfter: 'P30D' });
    expect(regular.title.en).toBe('New passport');
    expect(regular.fees).toEqual({
      currency: 'IDR',
      passports: [
        { passportType: 'ordinary', validityYears: 5, amount: 350000 },
        { passportType: 'ordinary', validityYears: 10, amount: 650000 },
        { passportType: 'electronic', validityYears: 5, amount: 650000 },
        { passportType: 'electronic', validityYears: 10, amount: 950000 },
      ],
    });
    expect(regular.documents).toEqual([{ title: expect.objectContaining({ en: expect.any(String) }), required: ['ktp', 'kk', 'birthProof'], minor: ['parentKtp'] }]);

    expect(byKey['passport-replacement']!.documents!.map((d) => d.required)).toEqual([['ktp', 'oldPassport']]);

    const express = byKey['passport-express']!;
    expect(express).toMatchObject({ express: true, minLeadDays: 1, pickupWorkingDays: 0 });
    expect(express.fees!.expressSurcharge).toBe(1000000);
    expect(express.fees!.passports.find((p) => p.passportType === 'ordinary' && p.validityYears === 5)!.amount).toBe(1350000);
    expect(express.documents!.map((d) => d.required)).toEqual([
      ['ktp', 'kk', 'birthProof'],
      ['ktp', 'oldPassport'],
    ]);

    // only public figures: the whole policy never leaves the server
    for (const f of r.body) {
      expect(f).not.toHaveProperty('policy');
      expect(f).not.toHaveProperty('messages');
      expect(f).not.toHaveProperty('machine');
      expect(JSON.stringify(f)).not.toContain('documentDeadline');
    }
  });

  it('the amounts are what booking bills', async () => {
    const policy = srv.client();
    await policy.loginAs('policy');
    const def = (await policy.get<{ definition: { policy: Record<string, unknown> } }>('/api/flows/passport-express/versions/1')).body.definition;
    const item = (await srv.client().get<FlowItem[]>('/api/flows')).body.find((f) => f.key === 'passport-express')!;
    for (const p of item.fees!.passports) {
      expect(p.amount).toBe(feeFor(def.policy, { passportType: p.passportType as 'ordinary', validityYears: p.validityYears as 5 }, true).amount);
    }
  });
});
