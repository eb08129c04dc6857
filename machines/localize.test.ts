import { describe, expect, it } from 'vitest';
import { testPermitBundle } from './fixtures/bundles.ts';
import { localize } from './localize.ts';
import type { FormDefinition } from './types.ts';

const details = () => testPermitBundle().forms['test-details'] as FormDefinition;

describe('localize', () => {
  it('applies schema pointers and /ui/ pointers of the language and drops i18n', () => {
    const english = localize(details(), 'en');
    expect(english.schema).toMatchObject({ properties: { fullName: { title: 'Full name' }, age: { title: 'Age' } } });
    expect(english.uiSchema).toMatchObject({ officeCode: { 'ui:help': 'Three capital letters, e.g. JKT' }, fullName: { 'ui:autofocus': true } });
    expect(english.i18n).toBeUndefined();
  });

  it('keeps the default language when the language has no texts', () => {
    const indonesian = localize(details(), 'id');
    expect(indonesian.schema).toMatchObject({ properties: { fullName: { title: 'Nama lengkap' } } });
  });

  it('does not modify the form it is given', () => {
    const form = details();
    const before = structuredClone(form);
    localize(form, 'en');
    expect(form).toEqual(before);
  });

  it('creates missing uiSchema objects, skips schema pointers that do not resolve, and unescapes ~1 and ~0', () => {
    const form: FormDefinition = {
      id: 'f',
      schema: { type: 'object', properties: { 'a/b': { type: 'string' } } },
      i18n: { en: { '/ui/name/ui:placeholder': 'Your name', '/properties/missing/title': 'Lost', '/properties/a~1b/title': 'Slash' } },
    };
    const english = localize(form, 'en');
    expect(english.uiSchema).toEqual({ name: { 'ui:placeholder': 'Your name' } });
    expect(english.schema).toEqual({ type: 'object', properties: { 'a/b': { type: 'string', title: 'Slash' } } });
  });

  it('changes only texts: never a rule of the schema, a non-string value or a prototype', () => {
    const schema = { type: 'object', required: ['age'], properties: { age: { type: 'integer', maximum: 150, title: { nested: true } } } };
    const form: FormDefinition = {
      id: 'f',
      schema,
      i18n: {
        en: {
          '/required/0': 'name',
          '/properties/age/maximum': '10',
          '/properties/age/title': 'Age',
          '/ui/age/widget': 'text',
          '/__proto__/title': 'polluted',
        },
      },
    };
    const english = localize(form, 'en');
    expect(english.schema).toEqual(schema);
    expect(english.uiSchema).toEqual({});
    expect(({} as Record<string, unknown>).title).toBeUndefined();
  });
});

describe('localize through arrays', () => {
  it('translates option titles inside oneOf by index', () => {
    const form = {
      id: 'sex',
      schema: { type: 'object', properties: { sex: { type: 'string', oneOf: [{ const: 'f', title: 'Perempuan' }, { const: 'm', title: 'Laki-laki' }] } } },
      i18n: { en: { '/properties/sex/oneOf/0/title': 'Female', '/properties/sex/oneOf/1/title': 'Male' } },
    };
    const en = localize(form, 'en');
    expect((en.schema as { properties: { sex: { oneOf: { title: string }[] } } }).properties.sex.oneOf.map((o) => o.title)).toEqual(['Female', 'Male']);
    expect((form.schema.properties.sex.oneOf[0] as { title: string }).title).toBe('Perempuan');
  });
});
