import { describe, expect, it } from 'vitest';
import schema from '../../../machines/definition.schema.json' with { type: 'json' };
import { describerFrom, policySchema } from './policy-form.ts';
import { hasChanges, unifiedDiff } from './unified-diff.ts';

describe('policySchema', () => {
  it('follows the policy values: integers, durations, nested objects, lists', () => {
    const s = policySchema({ express: false, minLeadDays: 1, fees: { currency: 'IDR', ordinary: { 5: 350000 } }, documents: { required: ['ktp'] }, delays: { paymentWindow: 'PT2H' } }) as {
      properties: Record<string, { type: string; properties?: Record<string, { type: string; pattern?: string }>; items?: unknown }>;
    };
    expect(s.properties.express!.type).toBe('boolean');
    expect(s.properties.minLeadDays!.type).toBe('integer');
    expect(s.properties.fees!.properties!.currency!.type).toBe('string');
    expect(s.properties.delays!.properties!.paymentWindow!.pattern).toBeTruthy();
    expect((s.properties.documents!.properties as Record<string, { type: string }>).required!.type).toBe('array');
  });
  it('describes known keys from the definition schema', () => {
    const describe = describerFrom(schema as Record<string, unknown>);
    expect(describe(['delays', 'paymentWindow'])).toMatch(/bill/);
    expect(describe(['documents', 'minor'])).toMatch(/adultAge/);
    expect(describe(['fees', 'ordinary', '5'])).toMatch(/amount/);
    expect(describe(['nothing'])).toBeUndefined();
  });
});

describe('unifiedDiff', () => {
  it('marks removed and added lines and folds far unchanged ones', () => {
    const a = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const b = a.replace('line 10', 'line ten');
    const d = unifiedDiff(a, b, 2);
    expect(d.filter((l) => l.mark === '-').map((l) => 'text' in l && l.text)).toEqual(['line 10']);
    expect(d.filter((l) => l.mark === '+').map((l) => 'text' in l && l.text)).toEqual(['line ten']);
    expect(d[0]).toEqual({ mark: '…', skipped: 8 });
    expect(hasChanges(d)).toBe(true);
    expect(hasChanges(unifiedDiff(a, a))).toBe(false);
  });
});

describe('withoutAutofocus', () => {
  it('drops ui:autofocus at any depth and keeps the rest', async () => {
    const { withoutAutofocus } = await import('./model.ts');
    const form = { id: 'f', schema: {}, uiSchema: { 'ui:autofocus': true, a: { 'ui:autofocus': true, 'ui:widget': 'textarea' } } };
    expect(withoutAutofocus(form).uiSchema).toEqual({ a: { 'ui:widget': 'textarea' } });
    expect(form.uiSchema['ui:autofocus']).toBe(true);
  });
});
