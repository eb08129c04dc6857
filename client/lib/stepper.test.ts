import { describe, expect, it } from 'vitest';
import { backMove, backTo, earlierSteps, ROW_MAX_STEPS, stepperModel, type BackView, type StepInfo } from './stepper.ts';

const label = (id: string, en: string) => ({ id, en });
const STEPS: StepInfo[] = [
  { id: 'identity', order: 1, label: label('Data diri', 'Your details') },
  { id: 'documents', order: 2, label: label('Unggah dokumen', 'Upload documents') },
  { id: 'review', order: 3 },
  { id: 'schedule', order: 4 },
  { id: 'payment', order: 5 },
];

describe('stepperModel()', () => {
  it('marks the steps before the current one done and the ones after upcoming', () => {
    const m = stepperModel(STEPS, { id: 'review' });
    expect(m?.total).toBe(5);
    expect(m?.current).toMatchObject({ id: 'review', position: 3, state: 'current' });
    expect(m?.items.map((s) => [s.id, s.position, s.state])).toEqual([
      ['identity', 1, 'done'],
      ['documents', 2, 'done'],
      ['review', 3, 'current'],
      ['schedule', 4, 'upcoming'],
      ['payment', 5, 'upcoming'],
    ]);
  });
  it('orders by `order`, counts positions (not orders) and drops repeated ids', () => {
    const m = stepperModel(
      [
        { id: 'b', order: 20 },
        { id: 'a', order: 10 },
        { id: 'b', order: 20 },
        { id: 'c', order: 35 },
      ],
      { id: 'c' },
    );
    expect(m?.items.map((s) => `${s.position}:${s.id}`)).toEqual(['1:a', '2:b', '3:c']);
    expect(m?.total).toBe(3);
  });
  it('is null when there is nothing to show', () => {
    expect(stepperModel(undefined, { id: 'identity' })).toBeNull();
    expect(stepperModel([], { id: 'identity' })).toBeNull();
    expect(stepperModel(STEPS, undefined)).toBeNull();
    expect(stepperModel(STEPS, { id: 'inReview' })).toBeNull();
  });
  it('lays few steps out as a row of names, more than ROW_MAX_STEPS compactly', () => {
    expect(stepperModel(STEPS, { id: 'review' })?.layout).toBe('row');
    const many = Array.from({ length: 20 }, (_, i) => ({ id: `s${i + 1}`, order: i + 1 }));
    expect(stepperModel(many.slice(0, ROW_MAX_STEPS), { id: 's3' })?.layout).toBe('row');
    expect(stepperModel(many.slice(0, ROW_MAX_STEPS + 1), { id: 's3' })?.layout).toBe('compact');
    expect(stepperModel(many, { id: 's3' })).toMatchObject({ layout: 'compact', total: 20, current: { position: 3 } });
  });
  it('gives the earlier steps', () => {
    expect(earlierSteps(STEPS, { id: 'review' }).map((s) => s.id)).toEqual(['identity', 'documents']);
    expect(earlierSteps(STEPS, { id: 'identity' })).toEqual([]);
    expect(earlierSteps(STEPS, { id: 'elsewhere' })).toEqual([]);
  });
});

const at = (id: string, order: number, canBack = true): BackView & { version: number } => ({
  step: { id, order },
  events: canBack ? [{ type: 'SUBMIT' }, { type: 'BACK' }] : [{ type: 'SUBMIT' }],
  version: 0,
});

describe('backMove()', () => {
  const target = { id: 'identity', order: 1 };
  it('goes back while after the target and BACK is allowed', () => {
    expect(backMove(at('review', 3), target)).toBe('back');
    expect(backMove(at('identity', 1), target)).toBe('arrived');
    expect(backMove(at('review', 3, false), target)).toBe('stuck');
    expect(backMove({ events: [{ type: 'BACK' }] }, target)).toBe('stuck');
    expect(backMove(at('service', 0), target)).toBe('stuck');
  });
});

describe('backTo()', () => {
  /** A flow where BACK goes one step down the list, each answer a new view. */
  const flow = ['service', 'identity', 'documents', 'review'];
  const viewAt = (i: number, version: number) => ({ ...at(flow[i] as string, i + 1, i > 0), version });
  const backOnce = (calls: number[]) => async (v: ReturnType<typeof viewAt>) => {
    calls.push(v.version);
    return viewAt(flow.indexOf(v.step?.id ?? '') - 1, v.version + 1);
  };

  it('sends BACK as many times as needed, each from the view the previous one returned', async () => {
    const calls: number[] = [];
    const r = await backTo(viewAt(3, 7), { id: 'identity', order: 2 }, backOnce(calls));
    expect(r).toMatchObject({ arrived: true, view: { step: { id: 'identity' }, version: 9 } });
    expect(calls).toEqual([7, 8]);
  });
  it('sends nothing when already there', async () => {
    const calls: number[] = [];
    const r = await backTo(viewAt(3, 7), { id: 'review', order: 4 }, backOnce(calls));
    expect(r.arrived).toBe(true);
    expect(calls).toEqual([]);
  });
  it('stops where a BACK failed and returns the error with the last view reached', async () => {
    let n = 0;
    const failing = async (v: ReturnType<typeof viewAt>) => {
      if (++n === 2) throw new Error('offline');
      return viewAt(flow.indexOf(v.step?.id ?? '') - 1, v.version + 1);
    };
    const r = await backTo(viewAt(3, 7), { id: 'service', order: 1 }, failing);
    expect(r.arrived).toBe(false);
    expect(r.view.step?.id).toBe('documents');
    expect(r.error).toBeInstanceOf(Error);
  });
  it('stops when the flow does not go where expected (skipped step, no BACK) and after `limit` moves', async () => {
    const skipping = async () => ({ ...at('service', 1), version: 1 });
    expect(await backTo(viewAt(3, 7), { id: 'identity', order: 2 }, skipping)).toMatchObject({ arrived: false, view: { step: { id: 'service' } } });
    const loop = async (v: ReturnType<typeof viewAt>) => ({ ...v, version: v.version + 1 });
    const r = await backTo(viewAt(3, 0), { id: 'identity', order: 2 }, loop, 5);
    expect(r).toMatchObject({ arrived: false, view: { version: 5 } });
  });
});
