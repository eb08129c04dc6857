/**
 * A registry delay or hook that needs context the application lacks: the validator refuses a flow
 * that never sets it, and should one run anyway (a pack's hook that set only part of it), the
 * event answers 409 `flow-needs-context` with the reason, never a 500, and writes nothing. The
 * server runs the test pack (server/testing/test-pack.ts, the engine's test vocabulary) beside the
 * passport pack; the flows are written by policy staff through the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passportPack } from '../domain/passport/pack.ts';
import { installPacks } from '../packs.ts';
import { providers } from '../testing/databases.ts';
import { startTestServer, type TestClient } from '../testing/harness.ts';
import { releasedHolds, testPack } from '../testing/test-pack.ts';

type I18n = { id: string; en: string };
type Finding = { path: string; message: string; severity: 'error' | 'warning' };
type Problem = { status: number; type: string; title: string; detail?: string; path?: string; findings?: Finding[] };
type View = { id: string; state: string; status: string; version: number; final: boolean; data: Record<string, unknown>; events: { type: string }[] };
type Definition = Record<string, unknown> & { machine: { states: Record<string, Record<string, unknown>> } };
type Bundle = { definition: Definition; forms: Record<string, { schema: { properties: Record<string, unknown> } }> };

const text = (id: string, en: string): I18n => ({ id, en });

/** A slot is held on SUBMIT (hook reserve, facts saved) and released when it ends (delay slotEnd); CONFIRM confirms it (hook confirmSlot). */
function holdingMachine(key: string, { setsSlot }: { setsSlot: boolean }) {
  const details = `${key}-details`;
  return {
    id: key.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase()),
    initial: 'draft',
    states: {
      draft: {
        meta: {
          form: details,
          roles: ['applicant'],
          status: 'draft',
          label: text('Isi permohonan', 'Fill in the application'),
          events: {
            SUBMIT: { label: text('Pesan tempat', 'Hold a place'), ...(setsSlot ? { hook: { type: 'reserve' } } : {}) },
            CONFIRM: { label: text('Konfirmasi', 'Confirm'), hook: { type: 'confirmSlot' } },
            CANCEL: { label: text('Batalkan', 'Cancel') },
          },
        },
        on: {
          SUBMIT: { target: 'held', actions: setsSlot ? ['save', 'saveFacts'] : ['save'] },
          CONFIRM: 'confirmed',
          CANCEL: 'cancelled',
        },
      },
      held: {
        meta: { roles: ['applicant'], status: 'held', label: text('Tempat ditahan', 'Place held'), events: { RELEASE: { label: text('Lepaskan', 'Release') } } },
        after: { slotEnd: 'expired' },
        on: { RELEASE: { target: 'cancelled', actions: 'releaseHold' } },
      },
      confirmed: { type: 'final', meta: { status: 'confirmed', label: text('Dikonfirmasi', 'Confirmed') } },
      expired: { type: 'final', meta: { status: 'expired', label: text('Kedaluwarsa', 'Expired') } },
      cancelled: { type: 'final', meta: { status: 'cancelled', label: text('Dibatalkan', 'Cancelled') } },
    },
  };
}

describe.each(providers())('a registry delay or hook without its context (%s)', (provider) => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  let policy: TestClient;
  let applicant: TestClient;

  /** A new flow by policy staff: the blank draft with `machine` and a form field `slotless`; resolves to the saved draft's findings. */
  async function draft(key: string, machine: unknown): Promise<Finding[]> {
    const created = await policy.post<Bundle>('/api/flows', { key, title: text('Tahan tempat', 'Hold a place') });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { definition, forms } = created.body;
    const form = forms[`${key}-details`]!;
    form.schema.properties.slotless = { type: 'boolean', title: 'Tanpa akhir' };
    const { statuses: _s, ...rest } = definition;
    const saved = await policy.put<{ findings: Finding[] }>(`/api/flows/${key}/versions/1`, { definition: { ...rest, machine }, forms });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    return saved.body.findings;
  }
  const send = (id: string, type: string, data?: unknown) => applicant.post<View & Problem>(`/api/applications/${id}/events`, data === undefined ? { type } : { type, data });
  const rows = async (id: string) => ({
    events: Number((await srv.deps.sql.get<{ n: unknown }>('SELECT COUNT(*) AS "n" FROM "Event" WHERE "applicationId" = ?', [id]))?.n),
    timers: await srv.deps.sql.all<{ timerId: string; dueAt: string }>('SELECT "timerId", "dueAt" FROM "Timer" WHERE "applicationId" = ?', [id]),
    outbox: Number((await srv.deps.sql.get<{ n: unknown }>('SELECT COUNT(*) AS "n" FROM "Outbox" WHERE "applicationId" = ?', [id]))?.n),
  });

  beforeAll(async () => {
    srv = await startTestServer({ provider, workers: false, packs: installPacks(passportPack, testPack) });
    policy = srv.client();
    await policy.loginAs('policy');
    applicant = srv.client();
    await applicant.signUp(`slots-${provider}@example.id`);
  });
  afterAll(() => srv?.close());

  it('refuses, in the validator and at publishing, a flow that names slotEnd or confirmSlot but never sets slot', async () => {
    const findings = await draft('slot-never-set', holdingMachine('slot-never-set', { setsSlot: false }));
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: expect.stringContaining('held.after'), message: expect.stringMatching(/^delay 'slotEnd' reads context\.slot\.endsAt, which this flow never sets/) }),
        expect.objectContaining({ path: expect.stringContaining('CONFIRM.hook'), message: expect.stringMatching(/^hook 'confirmSlot' reads context\.slot\.endsAt, which this flow never sets/) }),
      ]),
    );
    expect(errors).toHaveLength(2);
    const refused = await policy.post<Problem>('/api/flows/slot-never-set/versions/1/publish');
    expect(refused.status).toBe(422);
    expect(refused.body.findings!.filter((f) => f.severity === 'error').map((f) => f.message.split(' reads')[0])).toEqual(expect.arrayContaining(["delay 'slotEnd'", "hook 'confirmSlot'"]));
  });

  describe('a flow that sets slot through the hook', () => {
    beforeAll(async () => {
      const findings = await draft('slot-hold', holdingMachine('slot-hold', { setsSlot: true }));
      expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect((await policy.post('/api/flows/slot-hold/versions/1/publish')).status).toBe(200);
    });
    const start = async () => {
      const r = await applicant.post<View>('/api/applications', { flow: 'slot-hold' });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body;
    };

    it('holds a place that ends when the slot ends (the pack runs: hook, facts, delay, effect)', async () => {
      const app = await start();
      const held = await send(app.id, 'SUBMIT', { fullName: 'Yohanes Bere' });
      expect(held.status, JSON.stringify(held.body)).toBe(200);
      expect(held.body.state).toBe('held');
      const { timers } = await rows(app.id);
      expect(timers).toHaveLength(1);
      const history = (await applicant.get<{ type: string; facts?: { slot?: { endsAt?: string } } }[]>(`/api/applications/${app.id}/history`)).body;
      expect(timers[0]!.dueAt).toBe(history[1]!.facts!.slot!.endsAt);
      expect((await send(app.id, 'RELEASE')).body.state).toBe('cancelled');
      expect(releasedHolds).toContain(app.id);
    });

    it('answers 409 flow-needs-context, never 500, when the delay meets a slot without an end, and writes nothing', async () => {
      const app = await start();
      const before = await rows(app.id);
      const r = await send(app.id, 'SUBMIT', { fullName: 'Yohanes Bere', slotless: true });
      expect(r.status, JSON.stringify(r.body)).toBe(409);
      expect(r.contentType).toContain('application/problem+json');
      expect(r.body.type).toMatch(/\/flow-needs-context$/);
      expect(r.body.path).toBe('slot.endsAt');
      expect(r.body.detail).toContain("delay 'slotEnd'");
      const after = await applicant.get<View>(`/api/applications/${app.id}`);
      expect(after.body).toMatchObject({ state: 'draft', version: app.version, data: {} });
      expect(await rows(app.id)).toEqual(before);
      expect((await applicant.get<unknown[]>(`/api/applications/${app.id}/history`)).body).toHaveLength(1);
      // in English too
      const en = await applicant.post<Problem>(`/api/applications/${app.id}/events`, { type: 'SUBMIT', data: { fullName: 'Yohanes Bere', slotless: true } }, { 'accept-language': 'en' });
      expect(en.status).toBe(409);
      expect(en.body.title).toBe('The flow definition is incomplete');
      // the same application still works with a slot that ends
      expect((await send(app.id, 'SUBMIT', { fullName: 'Yohanes Bere' })).body.state).toBe('held');
    });

    it('answers 409 flow-needs-context when a hook needs the slot the application does not hold, and writes nothing', async () => {
      const app = await start();
      const before = await rows(app.id);
      const r = await send(app.id, 'CONFIRM');
      expect(r.status, JSON.stringify(r.body)).toBe(409);
      expect(r.body.type).toMatch(/\/flow-needs-context$/);
      expect(r.body.path).toBe('slot.endsAt');
      expect(r.body.detail).toContain("hook 'confirmSlot'");
      expect((await applicant.get<View>(`/api/applications/${app.id}`)).body).toMatchObject({ state: 'draft', version: app.version });
      expect(await rows(app.id)).toEqual(before);
    });
  });
});
