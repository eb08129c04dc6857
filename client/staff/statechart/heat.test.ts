import { describe, expect, it } from 'vitest';
import { contrast, HEAT_STEPS, heatStep } from './heat.ts';

describe('heat scale', () => {
  it('keeps AA contrast on every step', () => {
    for (const step of HEAT_STEPS) expect(contrast(step.background, step.color)).toBeGreaterThanOrEqual(4.5);
  });
  it('maps counts to steps', () => {
    expect(heatStep(0, 10)).toBe(0);
    expect(heatStep(1, 10)).toBe(1);
    expect(heatStep(10, 10)).toBe(4);
    expect(heatStep(6, 10)).toBe(3);
    expect(heatStep(3, 0)).toBe(0);
  });
});
