import { describe, expect, it } from 'vitest';
import { schemaMatches } from './schema-match.ts';

describe('schemaMatches()', () => {
  const hasOldPassport = { properties: { hasOldPassport: { const: true } }, required: ['hasOldPassport'] };

  it('decides if/then/else conditions the way forms write them', () => {
    expect(schemaMatches(hasOldPassport, { hasOldPassport: true })).toBe(true);
    expect(schemaMatches(hasOldPassport, { hasOldPassport: false })).toBe(false);
    expect(schemaMatches(hasOldPassport, {})).toBe(false);
  });
  it('checks enum, type, limits, pattern, items and combinators', () => {
    expect(schemaMatches({ enum: ['a', 'b'] }, 'b')).toBe(true);
    expect(schemaMatches({ type: 'integer', minimum: 1 }, 0)).toBe(false);
    expect(schemaMatches({ type: ['string', 'null'] }, null)).toBe(true);
    expect(schemaMatches({ type: 'string', pattern: '^\\d{16}$' }, '1234')).toBe(false);
    expect(schemaMatches({ type: 'array', items: { type: 'string' }, minItems: 1 }, ['x'])).toBe(true);
    expect(schemaMatches({ oneOf: [{ const: 1 }, { type: 'number' }] }, 1)).toBe(false);
    expect(schemaMatches({ anyOf: [{ const: 1 }, { const: 2 }] }, 2)).toBe(true);
    expect(schemaMatches({ not: { const: 'x' } }, 'x')).toBe(false);
    expect(schemaMatches({ if: { const: 1 }, then: { type: 'integer' }, else: false }, 2)).toBe(false);
  });
  it('follows local $refs into the root schema and ignores other keywords', () => {
    const root = { $defs: { nik: { type: 'string', minLength: 16 } } };
    expect(schemaMatches({ $ref: '#/$defs/nik' }, 'short', root)).toBe(false);
    expect(schemaMatches({ $ref: '#/$defs/nik', format: 'email' }, '1234567890123456', root)).toBe(true);
  });
});
