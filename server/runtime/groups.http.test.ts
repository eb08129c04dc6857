/**
 * Staff groups and the work queue, with the shipped stay-permit flow (two review groups in
 * parallel): who sees an application of a flow that names groups, who may send which group's
 * events, `GET /api/applications?awaiting=me`, and the admin API that gives staff their groups.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../testing/databases.ts';
import { startTestServer, type TestClient } from '../testing/harness.ts';
import { ok, sendAs, SHIPPED_FLOWS, start, toReview, viewOf, type Problem, type Server } from '../testing/stay-permit.ts';

type I18n = { id: string; en: string };
type QueueItem = { id: string; flow: string; state: string; status: string; label: I18n | null; statusLabel: I18n | null; waitingSince: string; title: I18n };
type Queue = { items: QueueItem[]; nextCursor: string | null };
type Account = { id: string; email: string; fullName: string; roles: string[]; officeCode: string | null; groups: string[] };
type Change = { id: string; userId: string; changedBy: string; at: string; before: Omit<Account, 'id' | 'email' | 'fullName'>; after: Omit<Account, 'id' | 'email' | 'fullName'> };

describe.each(providers())('staff groups and the work queue (%s)', (provider) => {
  let srv: Server;
  let applicant: TestClient;
  let verifier: TestClient;
  let intel: TestClient;
  let officer: TestClient;
  let admin: TestClient;
  let adminId: string;

  const queue = async (c: TestClient) => {
    const r = await c.get<Queue>('/api/applications?awaiting=me');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.items;
  };
  const ids = (items: QueueItem[]) => items.map((i) => i.id);
  const advance = async (duration: string) => expect((await admin.post('/api/dev/clock', { advance: duration })).status).toBe(200);

  beforeAll(async () => {
    srv = await startTestServer({ provider, env: SHIPPED_FLOWS, workers: false });
    applicant = srv.client();
    await applicant.signUp(`sponsor-groups-${provider}@example.id`);
    verifier = srv.client();
    await verifier.loginAs('verifier@alur.test');
    intel = srv.client();
    await intel.loginAs('intel@alur.test');
    officer = srv.client();
    await officer.loginAs('officer');
    admin = srv.client();
    adminId = (await admin.loginAs('admin')).id;
  });
  afterAll(() => srv?.close());

  it('shows an application of a flow that names groups only to staff in one of them', async () => {
    const app = await toReview(applicant);
    // the passport officer of Atambua is in no group: for them it does not exist
    const hidden = await officer.get<Problem>(`/api/applications/${app.id}`);
    expect(hidden.status).toBe(404);
    expect((await sendAs(officer, app.id)('VERIFY')).status).toBe(404);
    expect((await officer.get<Problem>(`/api/applications/${app.id}/history`)).status).toBe(404);
    expect((await officer.get<Problem>(`/api/applications/${app.id}/documents`)).status).toBe(404);
    expect(ids((await officer.get<Queue>('/api/applications')).body.items)).not.toContain(app.id);
    expect(ids(await queue(officer))).not.toContain(app.id);
    // each group's reviewer sees it, with only their group's events
    const v = await viewOf(verifier, app.id);
    expect(v.events.map((e) => e.type).sort()).toEqual(['REFUSE', 'REQUEST_INFO', 'VERIFY']);
    expect(v.events.every((e) => e.groups?.includes('verification'))).toBe(true);
    const i = await viewOf(intel, app.id);
    expect(i.events.map((e) => e.type).sort()).toEqual(['CLEAR', 'OBJECT']);
    // each sees their own group's step; the applicant, who may only withdraw, the review as a whole
    expect(v.label?.en).toBe('Awaiting document verification');
    expect(i.label?.en).toBe('Awaiting the intelligence check');
    expect((await viewOf(applicant, app.id)).label?.en).toBe('Under review');
    // auditors read it too
    const auditor = srv.client();
    await auditor.loginAs('auditor');
    expect((await auditor.get(`/api/applications/${app.id}`)).status).toBe(200);
  });

  it("answers 403 wrong-group to a reviewer who sends the other group's event, and changes nothing", async () => {
    const app = await toReview(applicant);
    const before = await viewOf(verifier, app.id);
    const clear = await sendAs(verifier, app.id)('CLEAR');
    expect(clear.status).toBe(403);
    expect(clear.body.type).toMatch(/\/wrong-group$/);
    expect(clear.body.requiredGroups).toEqual(['intelligence']);
    const object = await sendAs(verifier, app.id)('OBJECT', { reason: 'Tidak berwenang menolak dari sini.' });
    expect(object.status).toBe(403);
    const verify = await sendAs(intel, app.id)('VERIFY');
    expect(verify.status).toBe(403);
    expect(verify.body.type).toMatch(/\/wrong-group$/);
    expect(verify.body.requiredGroups).toEqual(['verification']);
    expect((await sendAs(intel, app.id)('REQUEST_INFO', { note: 'Bukan tugas intelijen.' })).status).toBe(403);
    expect((await viewOf(verifier, app.id)).version).toBe(before.version);

    expect((await sendAs(verifier, app.id)('VERIFY')).status).toBe(200);
    const cleared = await sendAs(intel, app.id)('CLEAR');
    expect(cleared.status).toBe(200);
    expect(cleared.body.state).toBe('issued');
  });

  it('lists in ?awaiting=me what each reviewer may act on now, with its label and waiting time, newest first; drops it once they acted', async () => {
    const first = await toReview(applicant);
    await advance('PT1H');
    const second = await toReview(applicant);

    for (const [c, label] of [
      [verifier, 'Awaiting document verification'],
      [intel, 'Awaiting the intelligence check'],
    ] as const) {
      const items = (await queue(c)).filter((x) => [first.id, second.id].includes(x.id));
      expect(ids(items)).toEqual([second.id, first.id]);
      for (const item of items) {
        expect(item).toMatchObject({ flow: 'stay-permit-extension', status: 'inReview', statusLabel: { en: 'Under review' } });
        expect(item.label?.en, `${label} for ${JSON.stringify(item)}`).toBe(label);
        expect(Number.isNaN(Date.parse(item.waitingSince))).toBe(false);
      }
      expect(Date.parse(items[0]!.waitingSince)).toBeGreaterThan(Date.parse(items[1]!.waitingSince));
    }

    // the verifier acts on the newer one: it leaves their queue, stays in the intelligence queue
    await ok(verifier, second.id, 'VERIFY');
    expect(ids(await queue(verifier))).not.toContain(second.id);
    expect(ids(await queue(verifier))).toContain(first.id);
    expect(ids(await queue(intel)).filter((x) => [first.id, second.id].includes(x))).toEqual([second.id, first.id]);
    await ok(intel, second.id, 'CLEAR');
    expect(ids(await queue(intel))).not.toContain(second.id);
    // finished: nobody waits on it
    expect(ids(await queue(applicant))).not.toContain(second.id);
  });

  it('lists an application for its applicant while it waits for them (after REQUEST_INFO), and for the verifier again once answered', async () => {
    const app = await toReview(applicant);
    await advance('PT1M');
    await ok(verifier, app.id, 'REQUEST_INFO', { note: 'Surat penjaminan belum bermeterai.' });
    expect(ids(await queue(verifier))).not.toContain(app.id);
    const mine = (await queue(applicant)).find((x) => x.id === app.id);
    expect(mine, 'the applicant is asked for an answer').toBeDefined();
    expect(mine!.statusLabel?.en).toBe('Information requested');
    expect(mine!.label?.en).toBe('More information requested');
    expect((await viewOf(applicant, app.id)).label?.en).toBe('More information requested');
    expect((await queue(intel)).find((x) => x.id === app.id)?.label?.en).toBe('Awaiting the intelligence check');
    // the intelligence check goes on meanwhile
    expect(ids(await queue(intel))).toContain(app.id);
    // another applicant's queue never shows it
    const other = srv.client();
    await other.signUp(`other-sponsor-${provider}@example.id`);
    expect(ids(await queue(other))).not.toContain(app.id);

    await advance('PT1M');
    await ok(applicant, app.id, 'SUBMIT', { infoAnswer: 'Surat bermeterai terlampir kembali.' });
    const back = (await queue(verifier)).find((x) => x.id === app.id);
    expect(back).toBeDefined();
    // it waits for the verifier since the answer, not since it was first sent
    expect(Date.parse(back!.waitingSince)).toBeGreaterThan(Date.parse((await viewOf(verifier, app.id)).data.submittedAt as string));
  });

  it('refuses awaiting other than "me"', async () => {
    const r = await verifier.get<Problem>('/api/applications?awaiting=all');
    expect(r.status).toBe(422);
    expect(r.body.errors!.map((e) => e.pointer)).toEqual(['/awaiting']);
  });

  describe('the admin API for staff accounts', () => {
    it('finds an account by email, gives it a group, and the officer then sees and acts (their open session follows)', async () => {
      const app = await toReview(applicant);
      expect((await officer.get(`/api/applications/${app.id}`)).status).toBe(404);

      const found = await admin.get<Account[]>('/api/admin/users?email=Officer@Alur.test');
      expect(found.status).toBe(200);
      expect(found.body).toHaveLength(1);
      const account = found.body[0]!;
      expect(account).toMatchObject({ email: 'officer@alur.test', roles: ['officer'], officeCode: 'ATB', groups: [] });
      expect((await admin.get<Account[]>('/api/admin/users?email=nobody@alur.test')).body).toEqual([]);

      const patched = await admin.patch<Account & Problem>(`/api/admin/users/${account.id}`, { groups: ['verification'] });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      expect(patched.body).toMatchObject({ id: account.id, roles: ['officer'], officeCode: 'ATB', groups: ['verification'] });

      // the same browser session, without logging in again
      const seen = await viewOf(officer, app.id);
      expect(seen.events.map((e) => e.type).sort()).toEqual(['REFUSE', 'REQUEST_INFO', 'VERIFY']);
      expect(ids(await queue(officer))).toContain(app.id);
      expect((await sendAs(officer, app.id)('CLEAR')).status).toBe(403);
      const verified = await sendAs(officer, app.id)('VERIFY');
      expect(verified.status, JSON.stringify(verified.body)).toBe(200);

      const changes = await admin.get<Change[]>(`/api/admin/users/${account.id}/changes`);
      expect(changes.status).toBe(200);
      expect(changes.body).toHaveLength(1);
      expect(changes.body[0]).toMatchObject({
        userId: account.id,
        changedBy: adminId,
        before: { roles: ['officer'], officeCode: 'ATB', groups: [] },
        after: { roles: ['officer'], officeCode: 'ATB', groups: ['verification'] },
      });
      const at = Date.parse(changes.body[0]!.at);
      const now = Date.parse((await admin.get<{ now: string }>('/api/dev/clock')).body.now);
      expect(at).toBeLessThanOrEqual(now);
      expect(now - at).toBeLessThan(60_000);
      // auditors read the changes too
      const auditor = srv.client();
      await auditor.loginAs('auditor');
      expect((await auditor.get<Change[]>(`/api/admin/users/${account.id}/changes`)).body).toHaveLength(1);

      // taking the group away again hides the flow's applications from them
      expect((await admin.patch(`/api/admin/users/${account.id}`, { groups: [] })).status).toBe(200);
      expect((await officer.get(`/api/applications/${app.id}`)).status).toBe(404);
      const newest = (await admin.get<Change[]>(`/api/admin/users/${account.id}/changes`)).body;
      expect(newest.map((c) => c.after.groups)).toEqual([[], ['verification']]);
    });

    it('answers 422 with a pointer for a bad group or field, 404 for an unknown account, and writes nothing', async () => {
      const [account] = (await admin.get<Account[]>('/api/admin/users?email=intel@alur.test')).body;
      const bad = async (body: unknown) => {
        const r = await admin.patch<Problem>(`/api/admin/users/${account!.id}`, body);
        expect(r.status, JSON.stringify(body)).toBe(422);
        return r.body.errors!.map((e) => e.pointer).sort();
      };
      expect(await bad({ groups: ['Intelligence'] })).toEqual(['/groups/0']);
      expect(await bad({ groups: ['intelligence', 'bad group'] })).toEqual(['/groups/1']);
      expect(await bad({ groups: 'intelligence' })).toEqual(['/groups']);
      expect(await bad({ groups: [7] })).toEqual(['/groups/0']);
      expect(await bad({ team: 'x' })).toEqual(['/team']);
      expect(await bad({ role: 'wizard' })).toEqual(['/role']);
      const unchanged = (await admin.get<Account[]>('/api/admin/users?email=intel@alur.test')).body[0];
      expect(unchanged!.groups).toEqual(['intelligence']);
      expect((await admin.get<Change[]>(`/api/admin/users/${account!.id}/changes`)).body).toEqual([]);

      const unknown = await admin.patch<Problem>('/api/admin/users/00000000-0000-4000-8000-000000000099', { groups: ['verification'] });
      expect(unknown.status).toBe(404);
    });

    it('keeps the accounts API to admins (changes: admins and auditors)', async () => {
      const [account] = (await admin.get<Account[]>('/api/admin/users?email=verifier@alur.test')).body;
      for (const who of ['officer', 'policy', 'auditor', 'applicant'] as const) {
        const c = srv.client();
        if (who === 'applicant') await c.signUp(`not-admin-${provider}@example.id`);
        else await c.loginAs(who);
        expect((await c.get('/api/admin/users?email=verifier@alur.test')).status, who).toBe(403);
        expect((await c.patch(`/api/admin/users/${account!.id}`, { groups: [] })).status, who).toBe(403);
        if (who !== 'auditor') expect((await c.get(`/api/admin/users/${account!.id}/changes`)).status, who).toBe(403);
      }
      expect((await srv.client().get('/api/admin/users')).status).toBe(401);
      expect((await admin.get<Account[]>('/api/admin/users?email=verifier@alur.test')).body[0]!.groups).toEqual(['verification']);
    });
  });

  it('lets the applicant start the flow; the owner is never asked for a group', async () => {
    const app = await start(applicant);
    expect(app.events.map((e) => e.type).sort()).toEqual(['SUBMIT', 'WITHDRAW']);
    expect(app.events.every((e) => e.groups === undefined)).toBe(true);
  });
});
