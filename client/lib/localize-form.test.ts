import { describe, expect, it } from 'vitest';
import { localizedForm, pickSchemaFields } from './localize-form.ts';
import type { FormView } from './types.ts';

const schema = {
  type: 'object',
  title: 'Data pemohon',
  required: ['fullName'],
  properties: {
    fullName: { type: 'string', title: 'Nama lengkap' },
    nik: { type: 'string', title: 'NIK', pattern: '^\\d{16}$' },
  },
};
const form: FormView = {
  id: 'applicant',
  schema,
  uiSchema: { nik: { 'ui:help': '16 angka pada KTP' } },
  i18n: {
    en: {
      '/title': 'Applicant',
      '/properties/fullName/title': 'Full name',
      '/properties/fullName/description': 'As on your KTP',
      '/ui/nik/ui:help': 'The 16 digits on your KTP',
      '/ui/fullName/ui:placeholder': 'e.g. Siti Aminah',
      '/properties/nik/pattern': '.*',
      '/required/0': 'nik',
      '/__proto__/title': 'polluted',
    },
  },
};

describe('localizedForm()', () => {
  it('applies schema and /ui/ pointers of the language, texts only', () => {
    const en = localizedForm(form, 'en');
    expect(en.schema).toEqual({
      ...schema,
      title: 'Applicant',
      properties: {
        fullName: { type: 'string', title: 'Full name', description: 'As on your KTP' },
        nik: { type: 'string', title: 'NIK', pattern: '^\\d{16}$' },
      },
    });
    expect(en.uiSchema).toEqual({ nik: { 'ui:help': 'The 16 digits on your KTP' }, fullName: { 'ui:placeholder': 'e.g. Siti Aminah' } });
    expect(({} as Record<string, unknown>).title).toBeUndefined();
  });
  it('keeps the Indonesian texts for Indonesian and never changes the form it is given', () => {
    const before = structuredClone(form);
    expect(localizedForm(form, 'id')).toEqual({ schema, uiSchema: form.uiSchema });
    expect(form).toEqual(before);
  });
});

describe('pickSchemaFields()', () => {
  it('keeps only the form’s own top-level fields with values', () => {
    expect(pickSchemaFields(schema, { fullName: 'Siti', nik: null, officeCode: 'ATB' })).toEqual({ fullName: 'Siti' });
    expect(pickSchemaFields(schema, undefined)).toEqual({});
  });
  it('counts fields that only conditional or combined branches declare', () => {
    const conditional = {
      properties: { hasOldPassport: { type: 'boolean' } },
      if: { properties: { hasOldPassport: { const: true } } },
      then: { properties: { oldPassportNumber: { type: 'string' } } },
      allOf: [{ properties: { note: { type: 'string' } } }],
    };
    expect(pickSchemaFields(conditional, { hasOldPassport: true, oldPassportNumber: 'X1', note: 'n', other: 1 })).toEqual({
      hasOldPassport: true,
      oldPassportNumber: 'X1',
      note: 'n',
    });
  });
});
