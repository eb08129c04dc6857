/**
 * machines/definition.schema.json (the policy editor's completion, hover and lint) names the
 * registry's guards, actions, delays and hooks as enums: they must stay the registry's names, and
 * every shipped and fixture definition must satisfy the schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import schema from './definition.schema.json' with { type: 'json' };
import { registry } from './registry.ts';
import { ROLES } from './types.ts';

const defs = schema.definitions;
const sorted = (names: Iterable<string>) => [...names].sort();

describe('definition.schema.json', () => {
  it('lists exactly the registry names as enums', () => {
    expect(sorted(defs.guardName.enum)).toEqual(sorted(Object.keys(registry.guards)));
    expect(sorted(defs.actionName.enum)).toEqual(sorted(Object.keys(registry.actions)));
    expect(sorted(defs.hookName.enum)).toEqual(sorted(Object.keys(registry.hooks)));
    expect(sorted(defs.delayName.enum)).toEqual(sorted(Object.keys(registry.delays)));
    expect(sorted(Object.keys(defs.state.properties.after.properties))).toEqual(sorted(Object.keys(registry.delays)));
    expect(sorted(defs.role.enum)).toEqual(sorted(ROLES));
  });

  it('accepts every shipped and fixture definition', () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const dirs = [new URL('./definitions/', import.meta.url), new URL('./fixtures/definitions/', import.meta.url)];
    let n = 0;
    for (const dir of dirs) {
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
        const ok = validate(JSON.parse(readFileSync(new URL(file, dir), 'utf8')));
        expect(ok, `${file}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
        n++;
      }
    }
    expect(n).toBeGreaterThanOrEqual(3);
  });

  it('rejects an unknown guard name and an unknown role', () => {
    const validate = new Ajv({ strict: false }).compile(schema);
    const base = JSON.parse(readFileSync(new URL('./definitions/passport-new.json', import.meta.url), 'utf8'));
    const badGuard = structuredClone(base);
    badGuard.machine.states.start.always[0].guard.type = 'isFullMoon';
    expect(validate(badGuard)).toBe(false);
    const badRole = structuredClone(base);
    badRole.machine.states.identity.meta.roles = ['wizard'];
    expect(validate(badRole)).toBe(false);
  });
});
