/**
 * The definition format as a JSON Schema (the policy editor's completion, hover and lint): its
 * name enums are exactly the registry's, and the fixture definitions satisfy it. (The shipped
 * definitions, which name a pack's hooks, are checked with the server's registry in
 * server/flows/shipped.test.ts.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { definitionSchema } from './definition-schema.ts';
import { composeRegistry, effectAction, genericRegistry, genericVocabulary, type Vocabulary } from './registry.ts';
import { ROLES } from './types.ts';

const sorted = (names: Iterable<string>) => [...names].sort();

const extra = {
  guards: {},
  actions: { ring: effectAction<Record<string, never>>({ description: 'rings a bell' }) },
  delays: { nextFullMoon: { description: 'at the next full moon', ms: () => 1 } },
  hooks: { weigh: { description: 'weighs the parcel', provides: ['weight'] } },
  widgets: {},
  fields: {},
  inputs: {},
} satisfies Vocabulary;

describe('definitionSchema', () => {
  it('lists exactly the registry names as enums', () => {
    for (const registry of [genericRegistry, composeRegistry(genericVocabulary, extra)]) {
      const defs = definitionSchema(registry).definitions as Record<string, { enum?: string[]; properties?: Record<string, { properties?: object }> }>;
      expect(sorted(defs.guardName?.enum ?? [])).toEqual(sorted(Object.keys(registry.guards)));
      expect(sorted(defs.actionName?.enum ?? [])).toEqual(sorted(Object.keys(registry.actions)));
      expect(sorted(defs.hookName?.enum ?? [])).toEqual(sorted(Object.keys(registry.hooks)));
      expect(sorted(defs.delayName?.enum ?? [])).toEqual(sorted(Object.keys(registry.delays)));
      expect(sorted(Object.keys(defs.state?.properties?.after?.properties ?? {}))).toEqual(sorted(Object.keys(registry.delays)));
      expect(sorted(defs.role?.enum ?? [])).toEqual(sorted(ROLES));
    }
  });

  it('accepts every fixture definition', () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(definitionSchema(genericRegistry));
    const dir = new URL('./fixtures/definitions/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    for (const file of files) {
      const ok = validate(JSON.parse(readFileSync(new URL(file, dir), 'utf8')));
      expect(ok, `${file}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  it("rejects a name the registry lacks, an unknown role, and a pack's hook without the pack", () => {
    const base = JSON.parse(readFileSync(new URL('./fixtures/definitions/test-permit.json', import.meta.url), 'utf8'));
    const generic = new Ajv({ strict: false }).compile(definitionSchema(genericRegistry));
    const withPack = new Ajv({ strict: false }).compile(definitionSchema(composeRegistry(genericVocabulary, extra)));
    const badGuard = structuredClone(base);
    badGuard.machine.states.draft.on.SUBMIT[0].guard.type = 'isFullMoon';
    expect(generic(badGuard)).toBe(false);
    const badRole = structuredClone(base);
    badRole.machine.states.draft.meta.roles = ['wizard'];
    expect(generic(badRole)).toBe(false);
    const hooked = structuredClone(base);
    hooked.machine.states.draft.meta.events.SUBMIT.hook = { type: 'weigh' };
    expect(generic(hooked)).toBe(false);
    expect(withPack(hooked)).toBe(true);
  });
});
