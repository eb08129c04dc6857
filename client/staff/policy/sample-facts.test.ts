/** The simulator's stand-ins for server hooks come from the hooks' own registry entries (their packs), following the draft's policy. */
import { describe, expect, it } from 'vitest';
import { testPermitBundle } from '../../../machines/fixtures/bundles.ts';
import { testRegistry } from '../../../machines/fixtures/vocabulary.ts';
import { apply, start } from '../../../machines/engine.ts';
import { createFlowMachine } from '../../../machines/machine-config.ts';
import { composeRegistry, genericVocabulary, type Vocabulary } from '../../../machines/registry.ts';
import { registry as installed } from '../../app/registry.ts';
import { sampleFacts } from './sample-facts.ts';

const noParams = { type: 'object', additionalProperties: false, properties: {} };
const now = '2026-11-25T10:00:00.000Z';

describe('sampleFacts', () => {
  it('is the sample of the hook entry, or nothing when the hook gives none or is unknown', () => {
    expect(sampleFacts(testRegistry, 'reserve', {}, now)).toEqual({ slot: { endsAt: '2025-03-11T00:00:00.000Z' } });
    expect(sampleFacts(testRegistry, 'weigh', {}, now)).toEqual({});
    expect(sampleFacts(testRegistry, 'nothing', {}, now)).toEqual({});
    expect(sampleFacts(testRegistry, 'constructor', {}, now)).toEqual({});
  });

  it('follows the draft policy, and survives a half-written one', () => {
    const pack = {
      guards: {},
      actions: {},
      delays: {},
      hooks: {
        bill: {
          description: 'issues a bill',
          params: noParams,
          sample: (policy: Record<string, unknown>, at: string) => {
            const fees = policy.fees as Record<string, number>;
            return { bill: { amount: fees.filing, issuedAt: at } };
          },
        },
      },
      widgets: {},
      fields: {},
      inputs: {},
    } satisfies Vocabulary;
    const registry = composeRegistry(genericVocabulary, pack);
    expect(sampleFacts(registry, 'bill', { fees: { filing: 250_000 } }, now)).toEqual({ bill: { amount: 250_000, issuedAt: now } });
    expect(sampleFacts(registry, 'bill', {}, now)).toEqual({});
  });

  it('gives an object for every hook of the installed packs', () => {
    for (const hook of Object.keys(installed.hooks)) expect(sampleFacts(installed, hook, {}, now), hook).toBeTypeOf('object');
  });
});

describe("the simulator's path", () => {
  it('runs a draft in the same engine as the server, arming a timer from the draft policy', () => {
    const bundle = testPermitBundle();
    (bundle.definition.policy.delays as Record<string, string>).reviewWindow = 'PT3H';
    const flow = { bundle, machine: createFlowMachine(bundle.definition, testRegistry), registry: testRegistry };
    const actor = { id: 'sim', role: 'applicant' as const };
    const snapshot = start(flow, { applicationId: 'a', ownerId: 'o' }, now, actor).snapshot;
    const r = apply(flow, snapshot, { type: 'SUBMIT', data: { age: 30 }, now, actor });
    if (!r.accepted) throw new Error(`refused: ${r.allowed.join(', ')}`);
    expect(r.step.state).toBe('review');
    expect(r.step.effects.find((e) => e.kind === 'arm')).toMatchObject({ dueAt: '2026-11-25T13:00:00.000Z' });
  });
});
