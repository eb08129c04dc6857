import { describe, expect, it } from 'vitest';
import { genericRegistry as registry, type AssignEntry, type RegistryArgs } from './registry.ts';
import type { FlowContext } from './types.ts';

const context: FlowContext = { applicationId: 'app-1', ownerId: 'u-1', data: { name: 'Ana', address: { city: 'Bogor' } }, paid: true };
const policy = { minAge: 17, fees: { express: 350000 } };
const args = (data?: Record<string, unknown>, facts?: Record<string, unknown>): RegistryArgs => ({
  context,
  event: { type: 'GO', now: '2025-03-10T08:00:00.000Z', actor: { id: 'u-1', role: 'applicant' }, ...(data && { data }), ...(facts && { facts }) },
});
const test = (name: string, params: Record<string, unknown>, data?: Record<string, unknown>) =>
  (registry.guards[name] as (typeof registry.guards)[string]).test(args(data), params, policy);
const testOn = (ctx: FlowContext, name: string, params: Record<string, unknown>) =>
  (registry.guards[name] as (typeof registry.guards)[string]).test({ ...args(), context: ctx }, params, policy);
const assigned = (name: string, params: Record<string, unknown>, data?: Record<string, unknown>) =>
  (registry.actions[name] as AssignEntry).assign(args(data), params, policy);
const factsSaved = (ctx: FlowContext, facts?: Record<string, unknown>) =>
  (registry.actions.saveFacts as AssignEntry).assign({ ...args(undefined, facts), context: ctx }, {}, policy);

describe('registry guards', () => {
  it('dataEquals and dataIn read event.data through dotted paths', () => {
    expect(test('dataEquals', { field: 'kind', value: 'new' }, { kind: 'new' })).toBe(true);
    expect(test('dataEquals', { field: 'a.b', value: 1 }, { a: { b: 1 } })).toBe(true);
    expect(test('dataEquals', { field: 'kind', value: 'new' })).toBe(false);
    expect(test('dataIn', { field: 'kind', values: ['new', 'renewal'] }, { kind: 'renewal' })).toBe(true);
    expect(test('dataIn', { field: 'kind', values: ['new'] }, { kind: 'lost' })).toBe(false);
  });

  it('compare checks numbers against a value or a policy key, and is false for non-numbers', () => {
    expect(test('compare', { field: 'age', op: '>=', policy: 'minAge' }, { age: 17 })).toBe(true);
    expect(test('compare', { field: 'age', op: '>=', policy: 'minAge' }, { age: 16 })).toBe(false);
    expect(test('compare', { field: 'amount', op: '==', policy: 'fees.express' }, { amount: 350000 })).toBe(true);
    expect(test('compare', { field: 'n', op: '<', value: 3 }, { n: 2 })).toBe(true);
    expect(test('compare', { field: 'n', op: '!=', value: 3 }, { n: 3 })).toBe(false);
    expect(test('compare', { field: 'n', op: '>', value: 3 }, { n: '4' })).toBe(false);
    expect(test('compare', { field: 'n', op: '<=', policy: 'missing' }, { n: 1 })).toBe(false);
  });

  it('contextEquals reads the context and hasData wants a present, non-empty value', () => {
    expect(test('contextEquals', { path: 'paid', value: true })).toBe(true);
    expect(test('contextEquals', { path: 'data.address.city', value: 'Bogor' })).toBe(true);
    expect(test('hasData', { field: 'x' }, { x: 0 })).toBe(true);
    expect(test('hasData', { field: 'x' }, { x: '' })).toBe(false);
    expect(test('hasData', { field: 'x' }, { x: null })).toBe(false);
  });

  it('contextIn is true when the context value at path is one of values', () => {
    const replacement: FlowContext = { ...context, data: { reason: 'lost' }, walkIn: true };
    expect(testOn(replacement, 'contextIn', { path: 'data.reason', values: ['lost', 'stolen'] })).toBe(true);
    expect(testOn(replacement, 'contextIn', { path: 'data.reason', values: ['damaged'] })).toBe(false);
    expect(testOn(replacement, 'contextIn', { path: 'walkIn', values: [true] })).toBe(true);
    expect(testOn(replacement, 'contextIn', { path: 'data.missing', values: ['lost'] })).toBe(false);
    expect(testOn(replacement, 'contextIn', { path: 'data.missing', values: [null] })).toBe(false);
  });

  it('hasContext wants a value that is not missing, null, empty text, an empty list or an empty object', () => {
    const ctx: FlowContext = { ...context, zero: 0, no: false, text: 'x', list: [1], object: { a: 1 }, empty: '', none: null, noList: [], noObject: {} };
    for (const path of ['zero', 'no', 'text', 'list', 'object', 'data.address.city']) expect(testOn(ctx, 'hasContext', { path })).toBe(true);
    for (const path of ['empty', 'none', 'noList', 'noObject', 'missing', 'data.address.zip']) expect(testOn(ctx, 'hasContext', { path })).toBe(false);
  });
});

describe('registry actions', () => {
  it('save merges event data into context.data, or under a key', () => {
    expect(assigned('save', {}, { age: 30 })).toEqual({ data: { name: 'Ana', address: { city: 'Bogor' }, age: 30 } });
    expect(assigned('save', { into: 'address' }, { zip: '16111' })).toEqual({
      data: { name: 'Ana', address: { city: 'Bogor', zip: '16111' } },
    });
  });

  it('setContext writes a dotted path without touching the original context', () => {
    const next = assigned('setContext', { path: 'review.flag', value: 'red' });
    expect(next).toMatchObject({ review: { flag: 'red' }, applicationId: 'app-1' });
    expect(context).not.toHaveProperty('review');
  });

  it('stamp stores the event time under data', () => {
    expect(assigned('stamp', { field: 'submittedAt' })).toMatchObject({ data: { name: 'Ana', submittedAt: '2025-03-10T08:00:00.000Z' } });
  });

  it('saveFacts merges the event facts into the top of the context, objects one level deep', () => {
    const booked = factsSaved(context, {
      appointment: { officeCode: 'JKT', date: '2025-03-12', timeZone: 'Asia/Jakarta' },
      payment: { billingCode: '820250310000001', amount: 350000 },
    });
    expect(booked).toEqual({
      appointment: { officeCode: 'JKT', date: '2025-03-12', timeZone: 'Asia/Jakarta' },
      payment: { billingCode: '820250310000001', amount: 350000 },
    });
    const paid = factsSaved({ ...context, ...booked }, { appointment: { queueNumber: 7, queueCode: 'Q7' }, queueNumber: 7, paidAt: 'T' });
    expect(paid).toEqual({
      appointment: { officeCode: 'JKT', date: '2025-03-12', timeZone: 'Asia/Jakarta', queueNumber: 7, queueCode: 'Q7' },
      queueNumber: 7,
      paidAt: 'T',
    });
  });

  it('saveFacts replaces values that are not both objects and leaves the context alone without facts', () => {
    const ctx: FlowContext = { ...context, tags: ['a'], appointment: { date: '2025-03-12' }, pickupDate: '2025-03-20' };
    expect(factsSaved(ctx, { tags: ['b'], appointment: null, pickupDate: { date: '2025-03-21' } })).toEqual({
      tags: ['b'],
      appointment: null,
      pickupDate: { date: '2025-03-21' },
    });
    expect(factsSaved(ctx)).toEqual({});
  });

  it('saveFacts never writes applicationId, ownerId, data or a prototype key', () => {
    const facts = JSON.parse('{"applicationId":"x","ownerId":"y","data":{"name":"Eve"},"__proto__":{"polluted":true},"checkedInAt":"T"}') as Record<string, unknown>;
    const update = factsSaved(context, facts);
    expect(update).toEqual({ checkedInAt: 'T' });
    expect(Object.keys(update)).toEqual(['checkedInAt']);
  });

  it('saveFacts copies the facts, so changing them later does not change the context', () => {
    const facts = { appointment: { date: '2025-03-12' } };
    const update = factsSaved(context, facts);
    facts.appointment.date = 'changed';
    expect(update).toEqual({ appointment: { date: '2025-03-12' } });
  });

  it('marks notify as an effect and refuses to let setContext overwrite what the runtime owns', () => {
    expect(registry.actions.notify?.kind).toBe('effect');
    const check = registry.actions.setContext?.check;
    expect(check?.({ path: 'ownerId', value: 'x' }, { policy: {}, messages: {} })).toEqual([
      { path: ['path'], message: "setContext may not overwrite 'ownerId': the runtime sets it" },
    ]);
    expect(check?.({ path: 'data', value: {} }, { policy: {}, messages: {} })?.[0]?.message).toContain("may not replace 'data'");
  });
});

describe('saveAt', () => {
  const saveAt = registry.actions.saveAt as AssignEntry;
  it('keeps what an event sends outside data, merged at a path, and the applicant-facing data untouched', () => {
    const update = saveAt.assign(args({ reason: 'on a watch list' }), { path: 'review.objection' }, policy);
    expect(update).toMatchObject({ review: { objection: { reason: 'on a watch list' } }, data: context.data });
    const again = saveAt.assign({ ...args({ note: 'x' }), context: { ...context, review: { objection: { reason: 'r' } } } }, { path: 'review.objection' }, policy);
    expect(again).toMatchObject({ review: { objection: { reason: 'r', note: 'x' } } });
  });

  it('refuses to write what the runtime owns or the applicant sees', () => {
    expect(saveAt.check?.({ path: 'ownerId' }, { policy: {}, messages: {} })?.[0]?.message).toContain("may not write 'ownerId'");
    expect(saveAt.check?.({ path: 'data.note' }, { policy: {}, messages: {} })?.[0]?.message).toContain('save { into }');
    expect(saveAt.check?.({ path: 'review.note' }, { policy: {}, messages: {} })).toEqual([]);
  });
});
