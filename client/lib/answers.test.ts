import { describe, expect, it } from 'vitest';
import declaration from '../../forms/passport-declaration.json' with { type: 'json' };
import documents from '../../forms/passport-documents.json' with { type: 'json' };
import identity from '../../forms/passport-identity.json' with { type: 'json' };
import schedule from '../../forms/passport-schedule.json' with { type: 'json' };
import service from '../../forms/passport-express-service.json' with { type: 'json' };
import { formatAnswer, formFields, groupAnswers, humanizeKey, type AnswerWords } from './answers.ts';
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
    const { groups, other } = groupAnswers({ earlier: EARLIER, data: DATA, seen, exclude: ['declaration'], lang: 'en' });
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

describe('formatAnswer()', () => {
  const fields = formFields(form(identity), 'id');
  const docs = formFields(form(documents), 'id');
  it('shows documents as uploaded, never their id', () => {
    expect(formatAnswer(DOC, docs.get('ktp'), WORDS)).toBe('Uploaded');
    expect(formatAnswer({ id: DOC, name: 'ktp.jpg' }, docs.get('ktp'), WORDS)).toBe('Uploaded: ktp.jpg');
    expect(formatAnswer({ ktp: DOC }, undefined, WORDS)).toBe('Ktp: Uploaded');
  });
  it('shows choices by their text, dates written out, booleans in words, lists joined', () => {
    expect(formatAnswer('f', fields.get('sex'), WORDS)).toBe('Perempuan');
    expect(formatAnswer(10, fields.get('validityYears'), WORDS)).toBe('10 tahun');
    expect(formatAnswer('1990-05-17', fields.get('birthDate'), WORDS)).toBe('date(1990-05-17)');
    expect(formatAnswer(true, undefined, WORDS)).toBe('Yes');
    expect(formatAnswer(['a', 2], undefined, WORDS)).toBe('a, 2');
    expect(formatAnswer('unknown-choice', fields.get('sex'), WORDS)).toBe('unknown-choice');
    expect(formatAnswer({ city: 'Bogor', zip: '' }, undefined, WORDS)).toBe('City: Bogor');
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
