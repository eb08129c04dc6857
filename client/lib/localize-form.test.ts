import { describe, expect, it } from 'vitest';
import { localizeSchema, localizedSchema, pickSchemaFields } from './localize-form.ts';

const schema = {
  type: 'object',
  title: 'Data pemohon',
  required: ['fullName'],
  properties: {
    fullName: { type: 'string', title: 'Nama lengkap' },
    sex: {
      type: 'string',
      title: 'Jenis kelamin',
      oneOf: [
        { const: 'F', title: 'Perempuan' },
        { const: 'M', title: 'Laki-laki' },
      ],
    },
  },
};

describe('localizeSchema()', () => {
  it('puts texts at their pointers without touching the original', () => {
    const en = localizeSchema(schema, {
      '/title': 'Applicant',
      '/properties/fullName/title': 'Full name',
      '/properties/fullName/description': 'As on your KTP',
      '/properties/sex/oneOf/0/title': 'Female',
    });
    expect(en.title).toBe('Applicant');
    expect(en.properties.fullName).toEqual({ type: 'string', title: 'Full name', description: 'As on your KTP' });
    expect(en.properties.sex.oneOf[0]).toEqual({ const: 'F', title: 'Female' });
    expect(en.properties.sex.oneOf[1]?.title).toBe('Laki-laki');
    expect(schema.properties.fullName.title).toBe('Nama lengkap');
  });
  it('ignores pointers to missing parents, structure, prototypes and non-pointers', () => {
    const out = localizeSchema(schema, {
      '/properties/nope/title': 'x',
      '/properties/fullName': 'would replace the field',
      '/required/0': 'would rename the field',
      '/__proto__/polluted': 'x',
      'properties/fullName/title': 'not a pointer',
      '': 'the whole schema',
    });
    expect(out).toEqual({ ...schema, required: ['fullName'] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('returns the schema itself when there is nothing to apply', () => {
    expect(localizeSchema(schema, undefined)).toBe(schema);
    expect(localizeSchema(schema, {})).toBe(schema);
  });
  it('localizes a form for the requested language only', () => {
    const form = { id: 'applicant', schema, i18n: { en: { '/properties/fullName/title': 'Full name' } } };
    expect((localizedSchema(form, 'en').properties as typeof schema.properties).fullName.title).toBe('Full name');
    expect(localizedSchema(form, 'id')).toBe(schema);
  });
});

describe('pickSchemaFields()', () => {
  it('keeps only the form’s own top-level fields with values', () => {
    expect(pickSchemaFields(schema, { fullName: 'Siti', sex: null, officeCode: 'ATB' })).toEqual({ fullName: 'Siti' });
    expect(pickSchemaFields(schema, undefined)).toEqual({});
  });
});
