/** The simulator's path through the same pure code as the server: a draft with a 3-hour payment window arms a 3-hour timer. */
import { describe, expect, it } from 'vitest';
import passportNew from '../../../machines/definitions/passport-new.json' with { type: 'json' };
import { createFlowMachine } from '../../../machines/machine-config.ts';
import { apply, start } from '../../../machines/engine.ts';
import type { FlowBundle, FlowDefinition } from '../../../machines/types.ts';
import { sampleFacts } from './sample-facts.ts';

describe('sampleFacts', () => {
  it('follows the policy: fee, payment window, pickup days', () => {
    const policy = { fees: { currency: 'IDR', ordinary: { 5: 350000 } }, delays: { paymentWindow: 'PT3H' }, pickupWorkingDays: 4 };
    const now = '2026-11-25T10:00:00.000Z';
    const book = sampleFacts('book', policy, now) as { payment: { amount: number; expiresAt: string } };
    expect(book.payment).toMatchObject({ amount: 350000, expiresAt: '2026-11-25T13:00:00.000Z' });
    expect(sampleFacts('pickupDate', policy, now)).toEqual({ pickupDate: '2026-11-29' });
    expect(sampleFacts('unknownHook', policy, now)).toEqual({});
  });

  it('drives a draft to awaitingPayment in the engine, arming the payment window from the draft policy', () => {
    const definition = structuredClone(passportNew) as unknown as FlowDefinition;
    (definition.policy.delays as Record<string, string>).paymentWindow = 'PT3H';
    const bundle: FlowBundle = { definition, forms: {} };
    const flow = { bundle, machine: createFlowMachine(definition) };
    const now = '2026-11-25T10:00:00.000Z';
    const actor = { id: 'sim', role: 'applicant' as const };
    let snapshot = start(flow, { applicationId: 'a', ownerId: 'o' }, now, actor).snapshot;
    for (const facts of [undefined, undefined, undefined]) {
      const r = apply(flow, snapshot, { type: 'SUBMIT', data: {}, ...(facts ? { facts } : {}), now, actor });
      if (!r.accepted) throw new Error(`refused: ${r.allowed.join(', ')}`);
      snapshot = r.step.snapshot;
    }
    const booked = apply(flow, snapshot, { type: 'SUBMIT', data: {}, facts: sampleFacts('book', definition.policy, now), now, actor });
    if (!booked.accepted) throw new Error('booking refused');
    expect(booked.step.state).toBe('awaitingPayment');
    const arm = booked.step.effects.find((e) => e.kind === 'arm');
    expect(arm).toMatchObject({ dueAt: '2026-11-25T13:00:00.000Z' });
  });
});
