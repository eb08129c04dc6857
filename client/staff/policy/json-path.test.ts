import { describe, expect, it } from 'vitest';
import { locate, parsePath } from './json-path.ts';

describe('parsePath', () => {
  it('splits dotted, indexed and quoted segments', () => {
    expect(parsePath('$')).toEqual([]);
    expect(parsePath('$.definition.machine.states.a.always[0].target')).toEqual(['definition', 'machine', 'states', 'a', 'always', 0, 'target']);
    expect(parsePath('$.forms["permit-schedule"].schema')).toEqual(['forms', 'permit-schedule', 'schema']);
    expect(parsePath('$.a["x\\"y"]')).toEqual(['a', 'x"y']);
  });
  it('refuses what is not a path', () => {
    expect(parsePath('definition.key')).toBeNull();
    expect(parsePath('$..a')).toBeNull();
    expect(parsePath('$[x]')).toBeNull();
  });
});

describe('locate', () => {
  const text = JSON.stringify({ key: 'k', machine: { states: { a: { on: { GO: 'b' }, always: [{ target: 'zz' }] }, 'b-c': {} } } }, null, 2);
  const at = (from: number, to: number) => text.slice(from, to);

  it('finds a value and its key by a bundle path with $.definition stripped', () => {
    const l = locate(text, '$.definition.machine.states.a.on.GO', ['definition'])!;
    expect(l.exact).toBe(true);
    expect(at(l.from, l.to)).toBe('"b"');
    expect(at(l.keyFrom!, l.keyFrom! + 4)).toBe('"GO"');
  });
  it('finds array items and quoted keys', () => {
    expect(at(...range(locate(text, '$.machine.states.a.always[0].target')))).toBe('"zz"');
    expect(at(...range(locate(text, '$.machine.states["b-c"]')))).toBe('{}');
  });
  it('falls back to the deepest part present', () => {
    const l = locate(text, '$.machine.states.a.on.MISSING.target')!;
    expect(l.exact).toBe(false);
    expect(l.depth).toBe(4);
    expect(at(l.from, l.to)).toBe('{\n          "GO": "b"\n        }');
  });
  it('gives nothing for another part of the bundle or text that is not JSON', () => {
    expect(locate(text, '$.forms["x"]', ['definition'])).toBeNull();
    expect(locate('{"a": ', '$.a')).toBeNull();
    expect(locate(text, 'nonsense')).toBeNull();
  });
});

function range(l: ReturnType<typeof locate>): [number, number] {
  if (!l) throw new Error('not located');
  return [l.from, l.to];
}
