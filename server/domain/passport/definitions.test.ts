/**
 * The shipped passport definitions in the extended format: each validates with the passport pack's
 * vocabulary without a single finding (no error, no warning: every policy number in their texts
 * is a placeholder), and their texts follow the policy when it changes.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { definitionSchema } from '#machines/definition-schema.ts';
import { composeRegistry, genericVocabulary } from '#machines/registry.ts';
import { renderTexts } from '#machines/template.ts';
import type { FlowBundle, StateMeta } from '#machines/types.ts';
import { validateBundle } from '#machines/validate.ts';
import { readBundle } from '#server/flows/files.ts';
import { passportVocabulary } from './vocabulary.ts';

/** The repository's root (not from server/config.ts: reading the definitions needs no server configuration). */
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const registry = composeRegistry(genericVocabulary, passportVocabulary);
const KEYS = ['passport-new', 'passport-replacement', 'passport-express'] as const;

const shipped = (key: string): FlowBundle => readBundle(path.join(REPO_ROOT, 'machines/definitions', `${key}.json`), path.join(REPO_ROOT, 'forms'));

type Node = { meta?: StateMeta; states?: Record<string, Node> };
const stateMeta = (bundle: FlowBundle, state: string): StateMeta => {
  const states = (bundle.definition.machine as Node).states ?? {};
  const meta = states[state]?.meta;
  if (!meta) throw new Error(`${bundle.definition.key} has no state ${state} with a meta`);
  return meta;
};

describe.each(KEYS)('%s', (key) => {
  const bundle = shipped(key);

  it('validates with the passport vocabulary without any finding', () => {
    expect(validateBundle(bundle, registry)).toEqual([]);
  });

  it("satisfies the editor's definition schema for the passport registry", () => {
    const valid = new Ajv({ strict: false, allErrors: true }).compile(definitionSchema(registry));
    expect(valid(bundle.definition), JSON.stringify(valid.errors?.slice(0, 3))).toBe(true);
  });

  it('says the payment window from the policy, in both languages', () => {
    const description = stateMeta(bundle, 'awaitingPayment').description;
    if (!description) throw new Error('awaitingPayment has no description');
    const { policy } = bundle.definition;
    const now = renderTexts(description, { policy });
    expect(now.id).toContain('2 jam');
    expect(now.en).toContain('2 hours');
    const later = renderTexts(description, { policy: { ...policy, delays: { ...policy.delays, paymentWindow: 'PT3H' } } });
    expect(later.id).toContain('3 jam');
    expect(later.en).toContain('3 hours');
    expect(later.id).not.toContain('2 jam');
    expect(later.en).not.toContain('2 hours');
  });

  it('declares the document kinds its forms upload, the photo for officers only', () => {
    const { documents = {} } = bundle.definition;
    expect(Object.keys(documents).sort()).toEqual(['birthProof', 'kk', 'ktp', 'oldPassport', 'parentKtp', 'photo']);
    expect(documents.photo).toMatchObject({ types: ['image/jpeg', 'image/png'], uploadedBy: ['officer'] });
    for (const kind of ['ktp', 'kk', 'birthProof', 'oldPassport', 'parentKtp']) {
      expect(documents[kind]).toMatchObject({ types: ['image/jpeg', 'image/png', 'application/pdf'], maxBytes: 2097152, uploadedBy: ['applicant'] });
    }
  });

  it('asks before every cancellation and rejection', () => {
    const asked: string[] = [];
    const visit = (node: Node, name: string) => {
      for (const [type, event] of Object.entries(node.meta?.events ?? {})) {
        if (type !== 'CANCEL' && type !== 'REJECT') continue;
        expect(event.confirm, `${name} ${type}`).toEqual({ id: expect.stringMatching(/\?/), en: expect.stringMatching(/\?/) });
        asked.push(`${name}.${type}`);
      }
      for (const [child, state] of Object.entries(node.states ?? {})) visit(state, child);
    };
    visit(bundle.definition.machine as Node, 'machine');
    expect(asked).toContain('awaitingPayment.CANCEL');
    expect(asked).toContain('inReview.REJECT');
  });

  it('marks the declaration step as the one that checks the answers', () => {
    expect(stateMeta(bundle, 'review').review).toBe(true);
  });
});
