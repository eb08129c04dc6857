import { describe, expect, it } from 'vitest';
import { fieldId, flatFieldErrors, propertyToPath, summaryItems, titleAt, toErrorSchema } from './form-errors.ts';
import { parsePointer, toPointer } from './json-pointer.ts';

describe('parsePointer() / toPointer()', () => {
  it('unescapes ~1 and ~0 (in that order) and round-trips', () => {
    expect(parsePointer('/a~1b/c~0d/~01')).toEqual(['a/b', 'c~d', '~1']);
    expect(toPointer(['a/b', 'c~d', '~1'])).toBe('/a~1b/c~0d/~01');
  });
  it('reads "" as the whole document and rejects non-pointers', () => {
    expect(parsePointer('')).toEqual([]);
    expect(parsePointer('fullName')).toBeNull();
  });
});

describe('toErrorSchema()', () => {
  it('nests messages along the pointer and collects several per field', () => {
    expect(
      toErrorSchema([
        { pointer: '/fullName', message: 'required' },
        { pointer: '/address/city', message: 'too short' },
        { pointer: '/address/city', message: 'bad characters' },
        { pointer: '/children/1/name', message: 'required' },
      ]),
    ).toEqual({
      fullName: { __errors: ['required'] },
      address: { city: { __errors: ['too short', 'bad characters'] } },
      children: { 1: { name: { __errors: ['required'] } } },
    });
  });
  it('puts errors on the whole form, malformed pointers and prototype paths on the root', () => {
    const schema = toErrorSchema([
      { pointer: '', message: 'must be an object' },
      { pointer: 'oops', message: 'malformed' },
      { pointer: '/__proto__/polluted', message: 'evil' },
    ]);
    expect(schema).toEqual({ __errors: ['must be an object', 'malformed', 'evil'] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('keeps a field error and its children apart', () => {
    expect(toErrorSchema([{ pointer: '/a', message: 'x' }, { pointer: '/a/b', message: 'y' }])).toEqual({ a: { __errors: ['x'], b: { __errors: ['y'] } } });
  });
});

describe('field ids and titles', () => {
  const schema = {
    type: 'object',
    properties: {
      fullName: { type: 'string', title: 'Nama lengkap' },
      address: { type: 'object', title: 'Alamat', properties: { city: { type: 'string', title: 'Kota' } } },
      children: { type: 'array', items: { type: 'object', properties: { name: { type: 'string', title: 'Nama anak' } } } },
    },
    if: { properties: { married: { const: true } } },
    then: { properties: { spouseName: { type: 'string', title: 'Nama pasangan' } } },
  };
  it('builds RJSF ids from the prefix and path', () => {
    expect(fieldId('root', ['address', 'city'])).toBe('root_address_city');
    expect(fieldId('root', [])).toBe('root');
  });
  it('reads RJSF client-side error properties as paths', () => {
    expect(propertyToPath('.address.city')).toEqual(['address', 'city']);
    expect(propertyToPath('fullName')).toEqual(['fullName']);
    expect(propertyToPath(undefined)).toEqual([]);
  });
  it('finds titles through properties, items and conditional branches, else uses the key', () => {
    expect(titleAt(schema, ['address', 'city'])).toBe('Kota');
    expect(titleAt(schema, ['children', '0', 'name'])).toBe('Nama anak');
    expect(titleAt(schema, ['spouseName'])).toBe('Nama pasangan');
    expect(titleAt(schema, ['unknown'])).toBe('unknown');
  });
  it('prefers the uiSchema ui:title, which RJSF shows as the label', () => {
    const ui = { address: { city: { 'ui:title': 'Kota/Kabupaten' } }, children: { items: { name: { 'ui:title': 'Nama' } } } };
    expect(titleAt(schema, ['address', 'city'], ui)).toBe('Kota/Kabupaten');
    expect(titleAt(schema, ['children', '3', 'name'], ui)).toBe('Nama');
    expect(titleAt(schema, ['fullName'], ui)).toBe('Nama lengkap');
  });
  it('makes summary entries that link to fields, except for whole-form errors', () => {
    expect(
      summaryItems(
        [
          { path: ['fullName'], message: 'Wajib diisi.' },
          { path: [], message: 'Data tidak valid' },
        ],
        { schema },
        'f',
      ),
    ).toEqual([{ fieldId: 'f_fullName', text: 'Nama lengkap: Wajib diisi.' }, { text: 'Data tidak valid' }]);
  });
});

describe('flatFieldErrors()', () => {
  it('maps known fields to ids and keeps the first message per field', () => {
    const out = flatFieldErrors(
      [
        { pointer: '/email', message: 'Email wajib diisi.' },
        { pointer: '/password', message: 'Terlalu pendek.' },
        { pointer: '/password', message: 'Harus memuat angka.' },
        { pointer: '/other', message: 'Tidak dikenal.' },
      ],
      ['email', 'password'],
      'login',
    );
    expect(out.byField).toEqual({ email: 'Email wajib diisi.', password: 'Terlalu pendek.' });
    expect(out.items).toEqual([
      { fieldId: 'login-email', text: 'Email wajib diisi.' },
      { fieldId: 'login-password', text: 'Terlalu pendek.' },
      { fieldId: 'login-password', text: 'Harus memuat angka.' },
      { text: 'Tidak dikenal.' },
    ]);
  });
});
