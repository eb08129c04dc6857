/**
 * The shipped stay-permit extension, a permit written as data only, end to end over HTTP: the
 * sponsor's conditional company section, the worker's dependants (an array), the flow's own
 * document kinds, "check your answers", the parallel review by two staff groups (both orders),
 * a request for information with its reminder and deadline from the policy's delays, the issued
 * and rejected endings, withdrawal, the labelled history, and afterwards the audit replay
 * (`npm run verify`) finds every log and snapshot in agreement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAll } from '../runtime/verify.ts';
import { providers } from '../testing/databases.ts';
import { startTestServer, type TestClient } from '../testing/harness.ts';
import {
  clockAdvance,
  COMPANY_KINDS,
  companySponsor,
  dependants,
  emailsTo,
  historyOf,
  individualSponsor,
  INDIVIDUAL_KINDS,
  ok,
  PNG,
  sendAs,
  SHIPPED_FLOWS,
  start,
  toReview,
  upload,
  uploadAll,
  viewOf,
  waitForEmail,
  worker,
  type Server,
} from '../testing/stay-permit.ts';

/** The fields a 422 points at (a field may carry several messages, e.g. one per `oneOf` branch). */
const pointersOf = (body: { errors?: { pointer: string }[] }) => [...new Set((body.errors ?? []).map((e) => e.pointer))].sort();
/** A PNG of exactly `size` bytes (the header makes it one; the rest is padding). */
const pngOf = (size: number) => Buffer.concat([PNG, Buffer.alloc(size - PNG.length)]);

describe.each(providers())('the stay-permit extension over HTTP (%s)', (provider) => {
  let srv: Server;
  let applicant: TestClient;
  let verifier: TestClient;
  let intel: TestClient;
  let auditor: TestClient;
  const email = `sponsor-${provider}@example.id`;

  beforeAll(async () => {
    srv = await startTestServer({ provider, env: SHIPPED_FLOWS });
    applicant = srv.client();
    await applicant.signUp(email, undefined, 'Budi Santoso');
    verifier = srv.client();
    await verifier.loginAs('verifier@alur.test');
    intel = srv.client();
    await intel.loginAs('intel@alur.test');
    auditor = srv.client();
    await auditor.loginAs('auditor');
  });
  afterAll(() => srv?.close());

  it('is listed with its fee and times from its policy', async () => {
    const flows = await srv.client().get<{ key: string; title: { en: string }; description?: { id: string; en: string }; highlights?: unknown }[]>('/api/flows');
    const flow = flows.body.find((f) => f.key === 'stay-permit-extension');
    expect(flow?.title.en).toBe('Limited stay permit (KITAS) extension');
    expect(flow?.description?.id).toContain('Rp 1.500.000');
    expect(flow?.description?.en).toContain('Rp 1,500,000');
    expect(JSON.stringify(flow?.highlights)).not.toContain('{{');
  });

  it('asks a company sponsor for the company section (422 with pointers without it) and nobody else for it', async () => {
    const app = await start(applicant);
    expect(app).toMatchObject({ state: 'application.sponsor', status: 'draft', review: false, step: { id: 'sponsor', order: 1 } });
    expect(app.form?.id).toBe('stay-permit-sponsor');
    expect(app.steps.map((s) => s.id)).toEqual(['sponsor', 'worker', 'documents', 'checkAnswers']);
    const send = sendAs(applicant, app.id);

    const { companyName: _c, nib: _n, companyAddress: _a, ...withoutCompany } = companySponsor;
    const missing = await send('SUBMIT', withoutCompany);
    expect(missing.status).toBe(422);
    expect(pointersOf(missing.body)).toEqual(['/companyAddress', '/companyName', '/nib']);
    // a bad NIB is only that: the company's other fields stay fields of the form
    const badNib = await send('SUBMIT', { ...companySponsor, nib: '12345' });
    expect(badNib.status).toBe(422);
    expect(pointersOf(badNib.body)).toEqual(['/nib']);
    expect(badNib.body.errors!.map((e) => e.message).join(' ')).not.toContain('bukan isian');
    // the individual's fields are not fields of a company's form
    const mixed = await send('SUBMIT', { ...companySponsor, sponsorNik: individualSponsor.sponsorNik });
    expect(mixed.status).toBe(422);
    expect(mixed.body.errors).toEqual([expect.objectContaining({ pointer: '/sponsorNik', message: 'bukan isian formulir ini' })]);
    const unknown = await send('SUBMIT', { ...companySponsor, favouriteColour: 'blue' });
    expect(unknown.status).toBe(422);
    expect(pointersOf(unknown.body)).toEqual(['/favouriteColour']);
    expect((await viewOf(applicant, app.id)).version).toBe(app.version);

    const next = await ok(applicant, app.id, 'SUBMIT', companySponsor);
    expect(next).toMatchObject({ state: 'application.worker', step: { id: 'worker' } });
    expect(next.data).toMatchObject(companySponsor);

    // back to the sponsor step: an individual needs their NIK and address, not a company
    await ok(applicant, app.id, 'BACK');
    const individualMissing = await send('SUBMIT', { ...companySponsor, sponsorType: 'individual' });
    expect(individualMissing.status).toBe(422);
    expect(pointersOf(individualMissing.body)).toEqual(['/sponsorAddress', '/sponsorNik']);
    // with those given, the company's fields left in are not fields of an individual's form
    const leftOver = await send('SUBMIT', { ...companySponsor, ...individualSponsor });
    expect(leftOver.status).toBe(422);
    expect(pointersOf(leftOver.body)).toEqual(['/companyAddress', '/companyName', '/nib']);
    expect(leftOver.body.errors!.every((e) => e.message === 'bukan isian formulir ini')).toBe(true);
    const individual = await ok(applicant, app.id, 'SUBMIT', individualSponsor);
    expect(individual.data).toMatchObject({ ...individualSponsor, companyName: null, nib: null, companyAddress: null });
  });

  it('takes a list of dependants, with a pointer into the list for a bad item', async () => {
    const app = await start(applicant);
    await ok(applicant, app.id, 'SUBMIT', companySponsor);
    const send = sendAs(applicant, app.id);
    const bad = async (list: unknown) => {
      const r = await send('SUBMIT', { ...worker, dependants: list });
      expect(r.status, JSON.stringify(list)).toBe(422);
      return pointersOf(r.body);
    };
    expect(await bad([dependants[0], { ...dependants[1], passportNumber: 'tz 76' }])).toEqual(['/dependants/1/passportNumber']);
    expect(await bad([{ ...dependants[0], relationship: 'cousin' }, dependants[1]])).toEqual(['/dependants/0/relationship']);
    const { birthDate: _b, ...noBirthDate } = dependants[1]!;
    expect(await bad([dependants[0], noBirthDate])).toEqual(['/dependants/1/birthDate']);
    expect(await bad([{ ...dependants[0], nickname: 'Yu' }])).toEqual(['/dependants/0/nickname']);
    expect(await bad(Array.from({ length: 11 }, () => dependants[0]))).toEqual(['/dependants']);
    expect(await bad('Yuki, Ren')).toEqual(['/dependants']);
    const missing = await send('SUBMIT', { ...worker, permitExpiry: '31-12-2026', workerName: '' });
    expect(pointersOf(missing.body)).toEqual(['/permitExpiry', '/workerName']);

    const next = await ok(applicant, app.id, 'SUBMIT', worker);
    expect(next.data.dependants).toEqual(dependants);
    // a company sponsor's documents include the company's registration
    expect(next).toMatchObject({ state: 'application.documentsCompany', step: { id: 'documents' } });
    expect(next.form?.id).toBe('stay-permit-documents-company');
    // without dependants is fine too
    await ok(applicant, app.id, 'BACK');
    const { dependants: _d, ...alone } = worker;
    expect((await ok(applicant, app.id, 'SUBMIT', alone)).state).toBe('application.documentsCompany');
  });

  it('accepts uploads of its own document kinds only, each within its size, and checks the ids the documents step sends', async () => {
    const app = await start(applicant);
    await ok(applicant, app.id, 'SUBMIT', companySponsor);
    const atDocuments = await ok(applicant, app.id, 'SUBMIT', worker);
    expect(atDocuments.documents.map((d) => d.kind).sort()).toEqual(
      ['additionalDocument', 'companyRegistration', 'currentPermit', 'feeReceipt', 'sponsorLetter', 'workerPassport'],
    );
    expect(atDocuments.documents.find((d) => d.kind === 'sponsorLetter')).toMatchObject({
      title: { en: 'Application and sponsor letter' },
      types: ['application/pdf', 'image/jpeg', 'image/png'],
      maxBytes: 2097152,
      uploadedBy: ['applicant'],
    });

    // a passport kind is not one of this flow's
    const passportKind = await upload(applicant, app.id, 'ktp');
    expect(passportKind.status).toBe(422);
    expect(pointersOf(passportKind.body)).toEqual(['/kind']);
    // each kind has its own limit: 2 MiB for the letter, 5 MiB for an additional document
    const tooLarge = await upload(applicant, app.id, 'sponsorLetter', pngOf(2097152 + 1));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.type).toMatch(/\/file-too-large$/);
    expect((await upload(applicant, app.id, 'sponsorLetter', pngOf(2097152))).status).toBe(201);
    expect((await upload(applicant, app.id, 'additionalDocument', pngOf(2097152 + 1))).status).toBe(201);
    // the content decides the type, not the name
    const text = await upload(applicant, app.id, 'feeReceipt', Buffer.from('not an image at all'), 'receipt.png');
    expect(text.status).toBe(415);
    // staff do not upload the sponsor's documents
    const byVerifier = await upload(verifier, app.id, 'sponsorLetter');
    expect(byVerifier.status).toBe(403);

    const docs = await uploadAll(applicant, app.id, COMPANY_KINDS);
    const send = sendAs(applicant, app.id);
    const { companyRegistration: _r, ...withoutRegistration } = docs;
    expect(pointersOf((await send('SUBMIT', withoutRegistration)).body)).toEqual(['/companyRegistration']);
    // an id of another kind, or another application's document, is refused
    const swapped = await send('SUBMIT', { ...docs, sponsorLetter: docs.workerPassport });
    expect(swapped.status).toBe(422);
    expect(pointersOf(swapped.body)).toEqual(['/sponsorLetter']);
    const other = await start(applicant);
    const [foreign] = Object.values(await uploadAll(applicant, other.id, ['feeReceipt']));
    expect(pointersOf((await send('SUBMIT', { ...docs, feeReceipt: foreign })).body)).toEqual(['/feeReceipt']);

    const check = await ok(applicant, app.id, 'SUBMIT', docs);
    expect(check).toMatchObject({ state: 'application.checkAnswers', review: true, step: { id: 'checkAnswers', order: 4 } });
    expect(check.form?.id).toBe('stay-permit-declaration');
    expect(check.next?.en).toContain('14 days');
    expect(check.next?.id).toContain('14 hari');
    expect(check.next?.en).not.toContain('{{');
    const listed = await applicant.get<{ kind: string }[]>(`/api/applications/${app.id}/documents`);
    expect(listed.body.map((d) => d.kind)).toEqual(expect.arrayContaining(COMPANY_KINDS));
    // back leads to the company's documents step again
    expect((await ok(applicant, app.id, 'BACK')).state).toBe('application.documentsCompany');
    await ok(applicant, app.id, 'SUBMIT', docs);

    expect(pointersOf((await send('SUBMIT', { declaration: false })).body)).toEqual(['/declaration']);
    const sent = await ok(applicant, app.id, 'SUBMIT', { declaration: true });
    expect(sent).toMatchObject({ status: 'inReview', statusLabel: { en: 'Under review' }, review: false, final: false });
    expect(sent.events.map((e) => e.type)).toEqual(['WITHDRAW']);
    expect(sent.next?.en).toContain('14 days');
    expect(typeof sent.data.submittedAt).toBe('string');
    const received = await waitForEmail(applicant, email, (m) => m.subject.includes('diterima'));
    expect(received.text).toContain('Hiroshi Tanaka');
    expect(received.text).toContain('14 hari');
    expect(received.text).toContain(app.id);
  });

  it('walks an individual sponsor through the documents step without the company registration', async () => {
    const app = await start(applicant);
    await ok(applicant, app.id, 'SUBMIT', individualSponsor);
    const docsStep = await ok(applicant, app.id, 'SUBMIT', worker);
    expect(docsStep.state).toBe('application.documents');
    const docs = await uploadAll(applicant, app.id, INDIVIDUAL_KINDS);
    expect(pointersOf((await sendAs(applicant, app.id)('SUBMIT', { ...docs, companyRegistration: docs.feeReceipt })).body)).toEqual(['/companyRegistration']);
    await ok(applicant, app.id, 'SUBMIT', docs);
    expect((await ok(applicant, app.id, 'SUBMIT', { declaration: true })).status).toBe('inReview');
  });

  it.each([
    ['verification first', ['VERIFY', 'CLEAR']],
    ['intelligence first', ['CLEAR', 'VERIFY']],
  ])('issues the extension once both groups approve (%s)', async (_name, order) => {
    const app = await toReview(applicant);
    const by = (type: string) => (type === 'VERIFY' ? verifier : intel);
    const halfway = await ok(by(order[0]!), app.id, order[0]!);
    expect(halfway).toMatchObject({ status: 'inReview', final: false });
    // the group that acted has nothing left to do; the other still has
    expect(halfway.events).toEqual([]);
    expect((await viewOf(by(order[1]!), app.id)).events.map((e) => e.type)).toContain(order[1]);
    const done = await ok(by(order[1]!), app.id, order[1]!);
    expect(done).toMatchObject({ state: 'issued', status: 'issued', final: true, statusLabel: { en: 'Issued' } });
    const mine = await viewOf(applicant, app.id);
    expect(mine.label?.en).toBe('Extension approved');
    expect(mine.events).toEqual([]);
    const staff = await viewOf(auditor, app.id);
    expect(staff.fields.map((f) => f.path)).toEqual(expect.arrayContaining(['data.verifiedAt', 'data.clearedAt', 'data.companyName', 'data.nib']));
    await waitForEmail(applicant, email, (m) => m.subject.includes('disetujui') && m.text.includes(app.id));
  });

  it('asks the sponsor for information: they answer (with an extra document), the verifier verifies', async () => {
    const app = await toReview(applicant);
    expect(pointersOf((await sendAs(verifier, app.id)('REQUEST_INFO', {})).body)).toEqual(['/note']);
    const note = 'Surat penjaminan belum bermeterai.';
    const asked = await ok(verifier, app.id, 'REQUEST_INFO', { note });
    expect(asked.state).toBe('inReview(intelligence.pending,verification.infoRequested)');
    expect(asked.events).toEqual([]);
    const mine = await viewOf(applicant, app.id);
    expect(mine).toMatchObject({ status: 'infoRequested', statusLabel: { en: 'Information requested' }, label: { en: 'More information requested' } });
    expect(mine.form?.id).toBe('stay-permit-info-response');
    expect(mine.events.map((e) => e.type).sort()).toEqual(['SUBMIT', 'WITHDRAW']);
    expect(mine.fields).toEqual(expect.arrayContaining([{ path: 'data.infoRequest.note', label: expect.objectContaining({ en: 'Information the officer asked for' }), value: note }]));
    expect(mine.description?.en).toContain('7 days');
    const request = await waitForEmail(applicant, email, (m) => m.text.includes(note));
    expect(request.text).toContain('7 hari');
    // the intelligence check goes on meanwhile
    expect((await viewOf(intel, app.id)).events.map((e) => e.type).sort()).toEqual(['CLEAR', 'OBJECT']);
    expect((await sendAs(verifier, app.id)('VERIFY')).status).toBe(409);

    const extra = await upload(applicant, app.id, 'additionalDocument');
    expect(extra.status).toBe(201);
    expect(pointersOf((await sendAs(applicant, app.id)('SUBMIT', { infoAnswer: 'ok' })).body)).toEqual(['/infoAnswer']);
    const answered = await ok(applicant, app.id, 'SUBMIT', { infoAnswer: 'Surat bermeterai terlampir.', additionalDocument: extra.body.id });
    expect(answered.status).toBe('inReview');
    const seen = await viewOf(verifier, app.id);
    expect(seen.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'data.infoResponse.infoAnswer', value: 'Surat bermeterai terlampir.' })]));
    await ok(verifier, app.id, 'VERIFY');
    expect((await ok(intel, app.id, 'CLEAR')).state).toBe('issued');
  });

  it('reminds the sponsor after policy.delays.infoReminder and rejects after infoDeadline', async () => {
    const app = await toReview(applicant);
    await ok(verifier, app.id, 'REQUEST_INFO', { note: 'Kontrak kerja terbaru belum dilampirkan.' });
    const reminders = async () => (await emailsTo(applicant, email)).filter((m) => m.subject.startsWith('Pengingat') && m.text.includes(app.id));

    await clockAdvance(srv, applicant, 'PT71H');
    expect(await reminders()).toEqual([]);
    await clockAdvance(srv, applicant, 'PT1H');
    const [reminder] = await reminders();
    expect(reminder, 'a reminder after 3 days').toBeDefined();
    expect(reminder!.subject).toContain('Hiroshi Tanaka');
    expect(reminder!.text).toContain('Kontrak kerja terbaru belum dilampirkan.');
    expect(reminder!.text).toContain('3 hari');
    expect(reminder!.text).not.toContain('{{');
    expect((await viewOf(applicant, app.id)).status).toBe('infoRequested');

    await clockAdvance(srv, applicant, 'P3DT23H');
    expect((await viewOf(applicant, app.id)).status).toBe('infoRequested');
    await clockAdvance(srv, applicant, 'PT1H');
    const rejected = await viewOf(applicant, app.id);
    expect(rejected).toMatchObject({ state: 'rejected', status: 'rejected', final: true });
    expect(rejected.events).toEqual([]);
    expect(rejected.data.decision).toEqual({ by: 'infoDeadline' });
    expect(await reminders()).toHaveLength(1);
    await waitForEmail(applicant, email, (m) => m.subject.includes('keterangan tidak dijawab') && m.text.includes(app.id));
    // nothing fires twice, and the answer comes too late
    expect((await sendAs(applicant, app.id)('SUBMIT', { infoAnswer: 'Terlambat, maaf.' })).status).toBe(409);
  });

  it('ends in rejected when verification refuses, telling the sponsor why', async () => {
    const app = await toReview(applicant);
    const refuse = sendAs(verifier, app.id);
    const view = await viewOf(verifier, app.id);
    expect(view.events.find((e) => e.type === 'REFUSE')).toMatchObject({ confirm: { en: expect.stringContaining('cannot be undone') }, form: { id: 'stay-permit-reason' } });
    expect(pointersOf((await refuse('REFUSE', {})).body)).toEqual(['/reason']);
    expect(pointersOf((await refuse('REFUSE', { reason: 'Kurang.' })).body)).toEqual(['/reason']);
    const reason = 'Surat penjaminan tidak ditandatangani pengurus perusahaan.';
    const done = await ok(verifier, app.id, 'REFUSE', { reason });
    expect(done).toMatchObject({ state: 'rejected', final: true, statusLabel: { en: 'Rejected' } });
    const mine = await viewOf(applicant, app.id);
    expect(mine.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'data.decision.reason', value: reason })]));
    expect(mine.data.decision).toEqual({ reason, by: 'verification' });
    // the other group has nothing left to do
    expect((await viewOf(intel, app.id)).events).toEqual([]);
    expect((await sendAs(intel, app.id)('CLEAR')).status).toBe(409);
    const mail = await waitForEmail(applicant, email, (m) => m.text.includes(reason));
    expect(mail.text).toContain(app.id);
  });

  it("ends in rejected when intelligence objects: staff see the objection's reason, the sponsor's view nowhere", async () => {
    const app = await toReview(applicant);
    const reason = 'Nama tercantum dalam daftar penangkalan nomor 17/2026.';
    expect((await viewOf(intel, app.id)).events.find((e) => e.type === 'OBJECT')?.confirm?.en).toContain('cannot be undone');
    const done = await ok(intel, app.id, 'OBJECT', { reason });
    expect(done).toMatchObject({ state: 'rejected', final: true });
    for (const staff of [intel, verifier, auditor]) {
      const seen = await viewOf(staff, app.id);
      expect(seen.fields).toEqual(expect.arrayContaining([{ path: 'review.objection.reason', label: expect.any(Object), value: reason }]));
    }
    const mine = await viewOf(applicant, app.id);
    expect(JSON.stringify(mine)).not.toContain(reason);
    expect(JSON.stringify(mine)).not.toContain('daftar penangkalan');
    expect(mine.data.decision).toEqual({ by: 'intelligence' });
    // nor its history, nor its list item, nor the email it gets
    expect(JSON.stringify(await historyOf(applicant, app.id))).not.toContain('daftar penangkalan');
    expect(JSON.stringify((await applicant.get('/api/applications')).body)).not.toContain('daftar penangkalan');
    const mail = await waitForEmail(applicant, email, (m) => m.text.includes(app.id) && m.text.includes('pemeriksaan keamanan'));
    expect(mail.text).not.toContain('daftar penangkalan');
    // staff read it in the history
    expect(JSON.stringify(await historyOf(auditor, app.id))).toContain(reason);
  });

  it('asks before withdrawing; the sponsor may withdraw before sending and during the review, staff may not', async () => {
    const draft = await start(applicant);
    const before = draft.events.find((e) => e.type === 'WITHDRAW');
    expect(before?.confirm?.en).toMatch(/^Cancel this application\?/);
    expect(before?.label?.en).toBe('Cancel the application');
    expect((await ok(applicant, draft.id, 'WITHDRAW')).status).toBe('withdrawn');

    const app = await toReview(applicant);
    const during = (await viewOf(applicant, app.id)).events.find((e) => e.type === 'WITHDRAW');
    expect(during?.label?.en).toBe('Withdraw the application');
    expect(during?.confirm?.en).toContain('the fee paid is not refunded');
    const byStaff = await sendAs(verifier, app.id)('WITHDRAW');
    expect(byStaff.status).toBe(403);
    expect(byStaff.body.type).toMatch(/\/wrong-role$/);
    await ok(verifier, app.id, 'VERIFY');
    const withdrawn = await ok(applicant, app.id, 'WITHDRAW');
    expect(withdrawn).toMatchObject({ state: 'withdrawn', status: 'withdrawn', final: true, statusLabel: { en: 'Withdrawn' } });
    await waitForEmail(applicant, email, (m) => m.subject.includes('dibatalkan') && m.text.includes(app.id));
  });

  it("labels the history with the definition's words, by the step each event was sent from", async () => {
    const app = await toReview(applicant);
    await ok(verifier, app.id, 'REQUEST_INFO', { note: 'Mohon lampirkan kontrak kerja.' });
    await ok(applicant, app.id, 'SUBMIT', { infoAnswer: 'Kontrak kerja terlampir.' });
    await ok(intel, app.id, 'CLEAR');
    await ok(verifier, app.id, 'VERIFY');
    const history = await historyOf(applicant, app.id);
    expect(history.map((e) => [e.type, e.label?.en ?? null])).toEqual([
      ['START', null],
      ['SUBMIT', 'Continue'],
      ['SUBMIT', 'Continue'],
      ['SUBMIT', 'Continue'],
      ['SUBMIT', 'I declare, send the application'],
      ['REQUEST_INFO', 'Request information'],
      ['SUBMIT', 'Send the answer'],
      ['CLEAR', 'No objection'],
      ['VERIFY', 'Documents complete and correct'],
    ]);
    expect(history.map((e) => e.toLabel?.en ?? null)).toEqual([
      "Sponsor's details",
      "Foreign national's details",
      'Upload documents',
      'Check and send',
      'Under review',
      'Under review',
      'Under review',
      'Under review',
      'Extension approved',
    ]);
    expect(history[4]).toMatchObject({ fromLabel: { en: 'Check and send' }, actorRole: 'applicant' });
    expect(history[5]).toMatchObject({ actorRole: 'officer' });
  });

  it('replays every application of the run to its stored snapshot (npm run verify)', async () => {
    const report = await verifyAll(srv.deps.sql, srv.deps.catalog);
    expect(report.mismatches).toEqual([]);
    expect(report.checked).toBeGreaterThanOrEqual(12);
    expect(report.events).toBeGreaterThan(report.checked * 3);
    const flow = await verifyAll(srv.deps.sql, srv.deps.catalog, { flow: 'stay-permit-extension' });
    expect(flow).toMatchObject({ checked: report.checked, mismatches: [] });
  });
});
