import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops nothing else', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { y: true, x: null }], c: 'é' } })).toBe('{"a":{"c":"é","d":[3,{"x":null,"y":true}]},"b":1}');
  });

  it('gives equal text for equal data built in a different order', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('throws for values JSON cannot represent', () => {
    expect(() => canonicalJson(undefined)).toThrow('undefined has no JSON representation');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
  });
});
