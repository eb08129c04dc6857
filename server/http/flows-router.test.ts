/**
 * New flows by policy staff (`POST /api/flows`), the list of every flow for staff (`?all=1`), flows
 * hidden from the public list (`listed: false`), and the one rule for event names: what the
 * validator accepts is what requests may send, and what requests are refused never publishes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../testing/databases.ts';
import { startTestServer, type TestClient } from '../testing/harness.ts';

type I18n = { id: string; en: string };
type Finding = { path: string; message: string; severity: 'error' | 'warning' };
type Problem = { status: number; type: string; detail?: string; errors?: { pointer: string; message: string }[]; findings?: Finding[] };
type Machine = { id: string; initial: string; states: Record<string, { meta?: { events?: Record<string, unknown> }; on?: Record<string, unknown> }> };
type Bundle = {
  key: string;
  version: number;
  status: string;
  checksum: string;
  createdBy: string | null;
  definition: { key: string; title: I18n; listed?: boolean; machine: Machine } & Record<string, unknown>;
  forms: Record<string, { id: string; schema: unknown }>;
};
type View = {
  id: string;
  flow: string;
  flowVersion: number;
  state: string;
  status: string;
  final: boolean;
  form: { id: string } | null;
  events: { type: string; label?: I18n; confirm?: I18n; form?: { id: string } }[];
  data: Record<string, unknown>;
};
type FlowListItem = { key: string; version: number; title: I18n };
type FlowAllItem = { key: string; title: I18n; listed: boolean; versions: { version: number; status: string }[] };

const title = (id: string, en: string) => ({ id, en });

describe.each(providers())('POST /api/flows and the lists of flows (%s)', (provider) => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  let policy: TestClient;
  let applicant: TestClient;
  let officer: TestClient;
  let policyUserId: string;

  const create = (body: unknown, as: TestClient = policy) => as.post<Bundle & Problem>('/api/flows', body);
  const validate = (key: string, version = 1) => policy.post<Finding[]>(`/api/flows/${key}/versions/${version}/validate`);
  const publish = (key: string, version = 1) => policy.post<Bundle & Problem>(`/api/flows/${key}/versions/${version}/publish`);
  const put = (key: string, version: number, definition: unknown) => policy.put<Bundle & Problem & { findings: Finding[] }>(`/api/flows/${key}/versions/${version}`, { definition });
  const start = (flow: string) => applicant.post<View & Problem>('/api/applications', { flow });
  const send = (as: TestClient, id: string, type: string, data?: unknown) => as.post<View & Problem>(`/api/applications/${id}/events`, { type, ...(data === undefined ? {} : { data }) });
  const errorsOf = (findings: Finding[]) => findings.filter((f) => f.severity === 'error');

  beforeAll(async () => {
    srv = await startTestServer({ provider, workers: false });
    policy = srv.client();
    policyUserId = (await policy.loginAs('policy')).id;
    applicant = srv.client();
    await applicant.signUp(`new-flows-${provider}@example.id`);
    officer = srv.client();
    await officer.loginAs('officer');
  });
  afterAll(() => srv?.close());

  it('creates a blank draft that validates, publishes, and runs: an applicant fills its form and sends, an officer approves', async () => {
    const r = await create({ key: 'work-permit', title: title('Izin kerja', 'Work permit') });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.headers.get('location')).toBe('/api/flows/work-permit/versions/1');
    expect(r.body).toMatchObject({ key: 'work-permit', version: 1, status: 'draft', createdBy: policyUserId });
    expect(r.body.definition).toMatchObject({ key: 'work-permit', title: { id: 'Izin kerja', en: 'Work permit' } });
    expect(Object.keys(r.body.forms).length).toBeGreaterThan(0);
    // stored as version 1 of the new key
    const stored = await policy.get<Bundle>('/api/flows/work-permit/versions/1');
    expect(stored.status).toBe(200);
    expect(stored.body.definition).toEqual(r.body.definition);

    const findings = await validate('work-permit');
    expect(findings.status).toBe(200);
    expect(errorsOf(findings.body)).toEqual([]);
    const published = await publish('work-permit');
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body).toMatchObject({ key: 'work-permit', version: 1, status: 'published' });

    const listed = await srv.client().get<FlowListItem[]>('/api/flows');
    expect(listed.body.find((f) => f.key === 'work-permit')).toMatchObject({ version: 1, title: { en: 'Work permit' } });

    const app = await start('work-permit');
    expect(app.status, JSON.stringify(app.body)).toBe(201);
    expect(app.body).toMatchObject({ flow: 'work-permit', flowVersion: 1, final: false });
    expect(app.body.form).not.toBeNull();
    const types = app.body.events.map((e) => e.type);
    expect(types).toContain('SUBMIT');
    // the blank flow asks before cancelling
    const cancel = app.body.events.find((e) => e.type !== 'SUBMIT');
    expect(cancel?.confirm?.en).toBeTruthy();

    // its form is enforced: nothing in it → 422 with a pointer, then the filled form goes through
    const empty = await send(applicant, app.body.id, 'SUBMIT', {});
    expect(empty.status).toBe(422);
    expect(empty.body.errors!.map((e) => e.pointer)).toEqual(['/fullName']);
    const sent = await send(applicant, app.body.id, 'SUBMIT', { fullName: 'Yosefina Bano' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.data).toMatchObject({ fullName: 'Yosefina Bano' });
    expect(sent.body.events).toEqual([]);

    const seen = await officer.get<View>(`/api/applications/${app.body.id}`);
    expect(seen.status).toBe(200);
    const approve = seen.body.events.find((e) => !e.form);
    expect(approve, JSON.stringify(seen.body.events)).toBeDefined();
    const done = await send(officer, app.body.id, approve!.type);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.final).toBe(true);
    expect(done.body.status).toBe('approved');
  });

  it('copies another flow\'s version under the new key and title (from)', async () => {
    const r = await create({ key: 'test-permit-copy', title: title('Salinan izin uji', 'Test permit copy'), from: { flow: 'test-permit', version: 1 } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ key: 'test-permit-copy', version: 1, status: 'draft' });
    const source = (await policy.get<Bundle>('/api/flows/test-permit/versions/1')).body;
    expect(r.body.definition.key).toBe('test-permit-copy');
    expect(r.body.definition.title).toEqual({ id: 'Salinan izin uji', en: 'Test permit copy' });
    const { key: _k, title: _t, ...rest } = r.body.definition;
    const { key: _sk, title: _st, ...sourceRest } = source.definition;
    expect(rest).toEqual(sourceRest);
    expect(r.body.forms).toEqual(source.forms);
    // the source is untouched
    expect(source.definition.key).toBe('test-permit');
    expect((await policy.get<{ version: number }[]>('/api/flows/test-permit/versions')).body).toHaveLength(1);
    // the copy is valid as it is
    expect(errorsOf((await validate('test-permit-copy')).body)).toEqual([]);
  });

  it('answers 409 flow-exists for a key that is taken, also by drafts only', async () => {
    const taken = await create({ key: 'test-permit', title: title('Lagi', 'Again') });
    expect(taken.status).toBe(409);
    expect(taken.body.type).toMatch(/\/flow-exists$/);

    expect((await create({ key: 'only-drafts', title: title('Draf saja', 'Drafts only') })).status).toBe(201);
    const again = await create({ key: 'only-drafts', title: title('Draf saja', 'Drafts only') });
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/\/flow-exists$/);
    expect(again.body.detail).toContain('only-drafts');
    // nothing was written by the refused request
    expect((await policy.get<{ version: number }[]>('/api/flows/only-drafts/versions')).body).toHaveLength(1);
  });

  it('answers 422 with a pointer for a bad key, title or from', async () => {
    const good = title('Izin', 'Permit');
    const pointers = async (body: unknown) => {
      const r = await create(body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.contentType).toContain('application/problem+json');
      return r.body.errors!.map((e) => e.pointer).sort();
    };
    for (const key of ['Bad_Key', 'ab', `a${'b'.repeat(48)}`, 42, '', '1permit', 'permit!', undefined]) {
      expect(await pointers({ key, title: good }), String(key)).toEqual(['/key']);
    }
    // 48 characters is the longest key
    expect((await create({ key: `a${'b'.repeat(47)}`, title: good })).status).toBe(201);

    expect(await pointers({ key: 'no-title' })).toEqual(['/title']);
    expect(await pointers({ key: 'no-title', title: 'Izin' })).toEqual(['/title']);
    expect(await pointers({ key: 'no-title', title: { id: 'Izin' } })).toEqual(['/title/en']);
    expect(await pointers({ key: 'no-title', title: { id: '', en: 'Permit' } })).toEqual(['/title/id']);
    expect(await pointers({ key: 'no-title', title: { id: '   ', en: '' } })).toEqual(['/title/en', '/title/id']);
    expect(await pointers({ key: 'Bad', title: {} })).toEqual(['/key', '/title/en', '/title/id']);

    expect(await pointers({ key: 'bad-from', title: good, from: { flow: 'Test_Permit', version: 1 } })).toEqual(['/from/flow']);
    expect(await pointers({ key: 'bad-from', title: good, from: { flow: 'test-permit', version: 0 } })).toEqual(['/from/version']);
    expect(await pointers({ key: 'bad-from', title: good, from: { flow: 'test-permit', version: '1' } })).toEqual(['/from/version']);
    expect(await pointers({ key: 'bad-from', title: good, from: 'test-permit' })).toEqual(['/from/flow', '/from/version']);
    // a from that names no stored version is a bad from too (the route exists: not a 404)
    expect(await pointers({ key: 'bad-from', title: good, from: { flow: 'no-such-flow', version: 1 } })).toEqual(['/from/flow']);
    expect(await pointers({ key: 'bad-from', title: good, from: { flow: 'test-permit', version: 99 } })).toEqual(['/from/version']);
    // none of these wrote anything
    const all = (await policy.get<FlowAllItem[]>('/api/flows?all=1')).body.map((f) => f.key);
    expect(all).not.toContain('no-title');
    expect(all).not.toContain('bad-from');
  });

  it('keeps creating flows to policy staff: 403 for an applicant or an officer, 401 without a session', async () => {
    const body = { key: 'not-allowed', title: title('Tidak boleh', 'Not allowed') };
    expect((await create(body, applicant)).status).toBe(403);
    expect((await create(body, officer)).status).toBe(403);
    const anonymous = await create(body, srv.client());
    expect(anonymous.status).toBe(401);
    expect((await policy.get<Problem>('/api/flows/not-allowed/versions')).status).toBe(404);
  });

  it('lists every flow for staff with ?all=1: a draft-only flow with its versions, and whether it is listed', async () => {
    expect((await create({ key: 'draft-only', title: title('Hanya draf', 'Draft only') })).status).toBe(201);
    const all = await policy.get<FlowAllItem[]>('/api/flows?all=1');
    expect(all.status).toBe(200);
    const item = all.body.find((f) => f.key === 'draft-only');
    expect(item).toMatchObject({ key: 'draft-only', title: { id: 'Hanya draf', en: 'Draft only' }, listed: true });
    expect(item!.versions.map((v) => [v.version, v.status])).toEqual([[1, 'draft']]);
    expect(all.body.find((f) => f.key === 'test-permit')).toMatchObject({ listed: true });
    expect(all.body.find((f) => f.key === 'test-permit')!.versions.map((v) => v.status)).toContain('published');
    // sorted by key
    const keys = all.body.map((f) => f.key);
    expect(keys).toEqual([...keys].sort());
    // the public list has no drafts
    const published = await srv.client().get<FlowListItem[]>('/api/flows');
    expect(published.body.map((f) => f.key)).not.toContain('draft-only');
    // auditors and admins read it too; applicants and anonymous callers do not
    const auditor = srv.client();
    await auditor.loginAs('auditor');
    expect((await auditor.get('/api/flows?all=1')).status).toBe(200);
    expect((await applicant.get<Problem>('/api/flows?all=1')).status).toBe(403);
    expect((await officer.get<Problem>('/api/flows?all=1')).status).toBe(403);
    expect((await srv.client().get<Problem>('/api/flows?all=1')).status).toBe(401);
  });

  it('leaves a published flow with "listed": false out of the public list; applicants still start it by key', async () => {
    const created = await create({ key: 'hidden-permit', title: title('Izin tersembunyi', 'Hidden permit') });
    expect(created.status).toBe(201);
    const saved = await put('hidden-permit', 1, { ...created.body.definition, listed: false });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(errorsOf(saved.body.findings)).toEqual([]);
    expect((await publish('hidden-permit')).status).toBe(200);

    const pub = await srv.client().get<FlowListItem[]>('/api/flows');
    expect(pub.status).toBe(200);
    expect(pub.body.map((f) => f.key)).not.toContain('hidden-permit');
    expect(pub.body.map((f) => f.key)).toContain('test-permit');
    const all = await policy.get<FlowAllItem[]>('/api/flows?all=1');
    expect(all.body.find((f) => f.key === 'hidden-permit')).toMatchObject({ listed: false, versions: [{ version: 1, status: 'published' }] });

    const app = await start('hidden-permit');
    expect(app.status, JSON.stringify(app.body)).toBe(201);
    expect(app.body.flow).toBe('hidden-permit');
    expect((await send(applicant, app.body.id, 'SUBMIT', { fullName: 'Agustinus Nahak' })).status).toBe(200);

    // a later version listed again shows up
    const v2 = await policy.post<Bundle>('/api/flows/hidden-permit/drafts', {});
    expect(v2.status).toBe(201);
    expect((await put('hidden-permit', 2, { ...v2.body.definition, listed: true })).status).toBe(200);
    expect((await publish('hidden-permit', 2)).status).toBe(200);
    expect((await srv.client().get<FlowListItem[]>('/api/flows')).body.find((f) => f.key === 'hidden-permit')).toMatchObject({ version: 2 });
  });

  it('keeps a definition as written: the order of states, events and form fields survives storage (jsonb would sort keys)', async () => {
    expect((await create({ key: `ordered-${provider}`, title: title('Urutan', 'Order') })).status).toBe(201);
    const draft = (await policy.get<Bundle>(`/api/flows/ordered-${provider}/versions/1`)).body;
    const states = draft.definition.machine.states;
    // longer keys first and out of alphabetical order: jsonb would store them shortest first
    const reordered = { submitted: states.submitted, draft: states.draft, cancelled: states.cancelled, rejected: states.rejected, approved: states.approved };
    const form = draft.forms[`ordered-${provider}-details`] as { schema: { properties: Record<string, unknown>; required?: string[] } };
    form.schema.properties = { surname: { type: 'string', title: 'Nama keluarga' }, fullName: form.schema.properties.fullName, age: { type: 'integer', title: 'Umur' } };
    const written = { definition: { ...draft.definition, machine: { ...draft.definition.machine, states: reordered } }, forms: draft.forms };
    expect((await policy.put(`/api/flows/ordered-${provider}/versions/1`, written)).status).toBe(200);
    const stored = (await policy.get<Bundle>(`/api/flows/ordered-${provider}/versions/1`)).body;
    expect(Object.keys(stored.definition.machine.states)).toEqual(['submitted', 'draft', 'cancelled', 'rejected', 'approved']);
    expect(Object.keys((stored.forms[`ordered-${provider}-details`] as { schema: { properties: object } }).schema.properties)).toEqual(['surname', 'fullName', 'age']);
  });

  describe('one rule for event names', () => {
    /** A blank flow whose officer step sends `type` instead of its first event. */
    async function draftWithEvent(key: string, type: string) {
      const created = await create({ key, title: title('Nama peristiwa', 'Event names') });
      expect(created.status).toBe(201);
      const definition = structuredClone(created.body.definition);
      const states = definition.machine.states;
      const officerState = Object.entries(states).find(([, s]) => JSON.stringify(s.meta ?? {}).includes('"officer"'));
      expect(officerState, 'the blank flow has an officer step').toBeDefined();
      const [name, state] = officerState!;
      // the event without a form (approve); not the first key: PostgreSQL's jsonb keeps no key order
      const [first] = Object.entries(state.meta!.events!).filter(([, e]) => !(e as { form?: string }).form).map(([t]) => t);
      const meta = state.meta!.events![first!];
      const on = state.on![first!];
      delete state.meta!.events![first!];
      delete state.on![first!];
      state.meta!.events![type] = meta;
      state.on![type] = on;
      const saved = await put(key, 1, definition);
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      return { state: name, findings: saved.body.findings };
    }

    it.each([
      ['next', 'lowercase-event'],
      ['REVIEW approve', 'spaced-event'],
    ])('refuses the event name %j in the validator and at publishing', async (type, key) => {
      const { findings } = await draftWithEvent(key, type);
      const about = errorsOf(findings).filter((f) => f.message.includes(type));
      expect(about.length, JSON.stringify(findings)).toBeGreaterThan(0);
      expect(errorsOf((await validate(key)).body).filter((f) => f.message.includes(type)).length).toBeGreaterThan(0);
      const refused = await publish(key);
      expect(refused.status).toBe(422);
      expect(refused.body.type).toMatch(/\/definition-invalid$/);
      expect(refused.body.findings!.some((f) => f.severity === 'error' && f.message.includes(type))).toBe(true);
      expect((await policy.get<{ status: string }[]>(`/api/flows/${key}/versions`)).body.map((v) => v.status)).toEqual(['draft']);
      // and requests are refused the same name
      const app = await start('test-permit');
      const r = await send(applicant, app.body.id, type);
      expect(r.status).toBe(422);
      expect(r.body.errors!.map((e) => e.pointer)).toEqual(['/type']);
    });

    it('accepts REVIEW.APPROVE in the validator, at publishing and in POST /api/applications/:id/events', async () => {
      const { state, findings } = await draftWithEvent('dotted-event', 'REVIEW.APPROVE');
      expect(errorsOf(findings)).toEqual([]);
      expect(errorsOf((await validate('dotted-event')).body)).toEqual([]);
      expect((await publish('dotted-event')).status).toBe(200);

      const app = await start('dotted-event');
      expect(app.status).toBe(201);
      expect((await send(applicant, app.body.id, 'SUBMIT', { fullName: 'Kristina Luruk' })).status).toBe(200);
      const seen = await officer.get<View>(`/api/applications/${app.body.id}`);
      expect(seen.body.state).toBe(state);
      expect(seen.body.events.map((e) => e.type)).toContain('REVIEW.APPROVE');
      const r = await send(officer, app.body.id, 'REVIEW.APPROVE');
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.final).toBe(true);
      const history = await applicant.get<{ type: string; label: I18n | null }[]>(`/api/applications/${app.body.id}/history`);
      expect(history.body.map((e) => e.type)).toEqual(['START', 'SUBMIT', 'REVIEW.APPROVE']);
      expect(history.body[2]!.label).not.toBeNull();
    });
  });
});
