import { describe, expect, it } from 'vitest';
import declaration from '../../forms/passport-declaration.json' with { type: 'json' };
import documents from '../../forms/passport-documents.json' with { type: 'json' };
import identity from '../../forms/passport-identity.json' with { type: 'json' };
import schedule from '../../forms/passport-schedule.json' with { type: 'json' };
import service from '../../forms/passport-express-service.json' with { type: 'json' };
import sponsor from '../../forms/stay-permit-sponsor.json' with { type: 'json' };
import worker from '../../forms/stay-permit-worker.json' with { type: 'json' };
import { answerRows, formatAnswer, formFields, groupAnswers, humanizeKey, type AnswerWords } from './answers.ts';
import { parseSeenStore, withSeen } from './seen-forms.ts';
import type { FormView } from './types.ts';

const form = (f: unknown) => f as FormView;
const DOC = '3f2b8c1e-9a4d-4e2b-8f3a-1c2d3e4f5a6b';
const DATA = {
  kind: 'new',
  fullName: 'Siti Aminah',
  nik: '3171234567890123',
  birthDate: '1990-05-17',
  sex: 'f',
  validityYears: 10,
  phone: '',
  ktp: DOC,
  kk: DOC,
  birthProof: DOC,
  declaration: true,
  officeCode: 'ATB',
  mystery_field: 'x',
  oldPassport: DOC,
};
const EARLIER = [
  { id: 'service', order: 1, label: { id: 'Jenis permohonan', en: 'Type of application' } },
  { id: 'identity', order: 2 },
  { id: 'documents', order: 3 },
];
const WORDS: AnswerWords = { uploaded: 'Uploaded', uploadedNamed: (n) => `Uploaded: ${n}`, yes: 'Yes', no: 'No', date: (d) => `date(${d})` };

describe('humanizeKey()', () => {
  it('makes keys readable', () => {
    expect(humanizeKey('birthPlace')).toBe('Birth place');
    expect(humanizeKey('parentKtp')).toBe('Parent ktp');
    expect(humanizeKey('passport_type')).toBe('Passport type');
    expect(humanizeKey('NIKNumber')).toBe('Nik number');
    expect(humanizeKey('nik')).toBe('Nik');
    expect(humanizeKey('__')).toBe('__');
  });
});

describe('formFields()', () => {
  it('lists a form\'s fields in its order with titles, choices and document fields, in the language asked', () => {
    const id = formFields(form(identity), 'id');
    expect([...id.keys()].slice(0, 3)).toEqual(['fullName', 'nik', 'birthDate']);
    expect(id.get('sex')).toMatchObject({ title: 'Jenis kelamin', document: false, options: [{ value: 'm', title: 'Laki-laki' }, { value: 'f', title: 'Perempuan' }] });
    expect(formFields(form(identity), 'en').get('sex')?.options[1]?.title).toBe('Female');
    const docs = formFields(form(documents), 'en');
    expect(docs.get('ktp')).toMatchObject({ title: 'ID card (KTP)', document: true });
    expect(docs.get('parentKtp')?.document).toBe(true);
  });
  it('finds fields defined only in conditional branches', () => {
    const f = formFields({ id: 'x', schema: { type: 'object', properties: { a: { type: 'string' } }, allOf: [{ if: {}, then: { properties: { b: { title: 'Bee', format: 'uuid' } } } }] } }, 'id');
    expect(f.get('b')).toEqual({ title: 'Bee', document: true, options: [] });
  });
});

describe('groupAnswers()', () => {
  const seen = [
    { stepId: 'service', form: form(service) },
    { stepId: 'identity', form: form(identity) },
    { stepId: 'documents', form: form(documents) },
    { stepId: 'review', form: form(declaration) },
    { stepId: 'schedule', form: form(schedule) },
  ];

  it('groups answers under the earlier steps in form order, leaving out the current form, later steps and empty answers', () => {
    const { groups, other } = groupAnswers({ earlier: EARLIER, data: DATA, seen, exclude: ['declaration'], lang: 'en', documentKinds: ['ktp', 'kk', 'birthProof', 'oldPassport'] });
    expect(groups.map((g) => [g.step.id, g.rows.map((r) => r.key)])).toEqual([
      ['service', ['kind']],
      ['identity', ['fullName', 'nik', 'birthDate', 'sex', 'validityYears']],
      ['documents', ['ktp', 'kk', 'birthProof']],
    ]);
    expect(groups[1]?.rows[0]).toMatchObject({ label: 'Full name', value: 'Siti Aminah' });
    // officeCode belongs to the (later) schedule form; the rest is unknown to every seen form.
    expect(other.map((r) => [r.key, r.label, r.info?.document ?? false])).toEqual([
      ['mystery_field', 'Mystery field', false],
      ['oldPassport', 'Old passport', true],
    ]);
  });
  it('without any seen form, keeps a group per earlier step and lists every answer under "other"', () => {
    const { groups, other } = groupAnswers({ earlier: EARLIER, data: { fullName: 'Budi', declaration: true }, seen: [], exclude: ['declaration'], lang: 'id' });
    expect(groups.map((g) => g.rows.length)).toEqual([0, 0, 0]);
    expect(other).toEqual([{ key: 'fullName', label: 'Full name', value: 'Budi' }]);
  });
  it('puts a field seen in two steps\' forms under the earlier one only', () => {
    const a = { id: 'a', schema: { properties: { x: { title: 'X in A' } } } };
    const b = { id: 'b', schema: { properties: { x: { title: 'X in B' }, y: {} } } };
    const { groups } = groupAnswers({
      earlier: [{ id: 's1', order: 1 }, { id: 's2', order: 2 }],
      data: { x: 1, y: 2 },
      seen: [{ stepId: 's2', form: b }, { stepId: 's1', form: a }],
      lang: 'id',
    });
    expect(groups.map((g) => g.rows.map((r) => `${r.key}=${r.label}`))).toEqual([['x=X in A'], ['y=Y']]);
  });
});

describe('answers with lists and conditional fields (the stay permit’s forms)', () => {
  const seen = [
    { stepId: 'sponsor', form: form(sponsor) },
    { stepId: 'worker', form: form(worker) },
  ];
  const earlier = [
    { id: 'sponsor', order: 1 },
    { id: 'worker', order: 2 },
  ];
  const dependants = [
    { name: 'Hanako Sato', relationship: 'spouse', birthDate: '1988-02-03', passportNumber: 'TR1234567' },
    { name: 'Ken Sato', relationship: 'child', birthDate: '2015-06-07', passportNumber: 'TR7654321' },
  ];

  it('labels fields declared only in if/then/else with their titles, in the form’s order', () => {
    const fields = formFields(form(sponsor), 'id');
    expect([...fields.keys()].slice(0, 4)).toEqual(['sponsorType', 'companyName', 'nib', 'companyAddress']);
    expect(fields.get('companyName')?.title).toBe('Nama perusahaan');
    expect(fields.get('sponsorNik')?.title).toBe('NIK penjamin');
    const { groups } = groupAnswers({
      earlier,
      data: { sponsorType: 'company', companyName: 'PT Maju', nib: '1234567890123', sponsorName: 'Budi' },
      seen,
      lang: 'id',
    });
    expect(groups[0]?.rows.map((r) => [r.label, formatAnswer(r.value, r.info, WORDS)])).toEqual([
      ['Jenis penjamin', 'Perusahaan'],
      ['Nama perusahaan', 'PT Maju'],
      ['NIB (Nomor Induk Berusaha)', '1234567890123'],
      ['Nama penjamin atau penanggung jawab', 'Budi'],
    ]);
  });

  it('tells a list of objects item by item, each field with its title (choices and dates in words)', () => {
    const { groups } = groupAnswers({ earlier, data: { workerName: 'Taro Sato', dependants }, seen, lang: 'id' });
    expect(groups[1]?.rows.map((r) => [r.key, r.label, formatAnswer(r.value, r.info, WORDS)])).toEqual([
      ['workerName', 'Nama lengkap', 'Taro Sato'],
      ['dependants.0.name', 'Anggota keluarga 1: Nama lengkap', 'Hanako Sato'],
      ['dependants.0.relationship', 'Anggota keluarga 1: Hubungan', 'Suami atau istri'],
      ['dependants.0.birthDate', 'Anggota keluarga 1: Tanggal lahir', 'date(1988-02-03)'],
      ['dependants.0.passportNumber', 'Anggota keluarga 1: Nomor paspor', 'TR1234567'],
      ['dependants.1.name', 'Anggota keluarga 2: Nama lengkap', 'Ken Sato'],
      ['dependants.1.relationship', 'Anggota keluarga 2: Hubungan', 'Anak'],
      ['dependants.1.birthDate', 'Anggota keluarga 2: Tanggal lahir', 'date(2015-06-07)'],
      ['dependants.1.passportNumber', 'Anggota keluarga 2: Nomor paspor', 'TR7654321'],
    ]);
    // In English too, from the form's translations.
    const en = groupAnswers({ earlier, data: { dependants: dependants.slice(0, 1) }, seen, lang: 'en' });
    expect(en.groups[1]?.rows[1]?.label).toMatch(/ 1: /);
    expect(en.groups[1]?.rows.map((r) => r.label)).not.toContain('Anggota keluarga 1: Hubungan');
  });

  it('names an item by the list’s title when its items have none, and an object’s fields by theirs', () => {
    const info = formFields({ id: 'x', schema: { properties: { kids: { type: 'array', title: 'Kids', items: { type: 'object', properties: { n: { title: 'Name' } } } } } } }, 'en').get('kids');
    expect(answerRows('kids', 'Kids', [{ n: 'A', extra: 'x' }, {}], info).map((r) => `${r.label}=${String(r.value)}`)).toEqual(['Kids 1: Name=A', 'Kids 1: Extra=x']);
    const address = formFields({ id: 'y', schema: { properties: { address: { type: 'object', title: 'Address', properties: { city: { title: 'City' } } } } } }, 'en').get('address');
    expect(answerRows('address', 'Address', { city: 'Bogor', zip: '' }, address).map((r) => `${r.label}=${String(r.value)}`)).toEqual(['Address: City=Bogor']);
  });
});

describe('formatAnswer()', () => {
  const fields = formFields(form(identity), 'id');
  const docs = formFields(form(documents), 'id');
  it('shows documents as uploaded, never their id', () => {
    expect(formatAnswer(DOC, docs.get('ktp'), WORDS)).toBe('Uploaded');
    expect(formatAnswer({ id: DOC, name: 'ktp.jpg' }, docs.get('ktp'), WORDS)).toBe('Uploaded: ktp.jpg');
    expect(formatAnswer({ ktp: DOC }, { document: false, options: [], fields: new Map([['ktp', { title: 'KTP', document: true, options: [] }]]) }, WORDS)).toBe('KTP: Uploaded');
  });
  it('shows choices by their text, dates written out, booleans in words, lists joined', () => {
    expect(formatAnswer('f', fields.get('sex'), WORDS)).toBe('Perempuan');
    expect(formatAnswer(10, fields.get('validityYears'), WORDS)).toBe('10 tahun');
    expect(formatAnswer('1990-05-17', fields.get('birthDate'), WORDS)).toBe('date(1990-05-17)');
    expect(formatAnswer(true, undefined, WORDS)).toBe('Yes');
    expect(formatAnswer(['a', 2], undefined, WORDS)).toBe('a, 2');
    expect(formatAnswer('unknown-choice', fields.get('sex'), WORDS)).toBe('unknown-choice');
    expect(formatAnswer({ city: 'Bogor', zip: '' }, undefined, WORDS)).toBe('City: Bogor');
    expect(formatAnswer('2026-12-03T10:00:00.000Z', undefined, { ...WORDS, dateTime: (iso) => `at(${iso})` })).toBe('at(2026-12-03T10:00:00.000Z)');
    expect(formatAnswer('2026-12-03T10:00:00.000Z', undefined, WORDS)).toBe('2026-12-03T10:00:00.000Z');
  });
});

describe('seen forms store', () => {
  it('replaces a form seen again at the same step and reads back only well-formed entries', () => {
    let store = withSeen({}, 'passport-new@1', 'identity', form(identity));
    store = withSeen(store, 'passport-new@1', 'documents', form(documents));
    store = withSeen(store, 'passport-new@1', 'identity', form(identity));
    expect(store['passport-new@1']?.map((f) => f.stepId)).toEqual(['documents', 'identity']);
    expect(parseSeenStore(JSON.stringify(store))).toEqual(store);
    expect(parseSeenStore(JSON.stringify({ 'x@1': [{ stepId: 's' }, { stepId: 's', form: { id: 'f', schema: {} } }], 'y@1': 'no' }))).toEqual({
      'x@1': [{ stepId: 's', form: { id: 'f', schema: {} } }],
    });
    expect(parseSeenStore('{')).toEqual({});
  });
});
