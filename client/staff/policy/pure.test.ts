import { describe, expect, it } from 'vitest';
import { describerFrom, generatedUiSchema, policyFormOf, policySchema } from './policy-form.ts';
import { editorSchema } from './schema.ts';
import { hasChanges, unifiedDiff } from './unified-diff.ts';

describe('policySchema', () => {
  it('follows the policy values: integers, durations, nested objects, lists', () => {
    const s = policySchema({ express: false, minLeadDays: 1, fees: { currency: 'IDR', ordinary: { 5: 350000 } }, documents: { required: ['idCard'] }, delays: { paymentWindow: 'PT2H' } }) as {
      properties: Record<string, { type: string; properties?: Record<string, { type: string; pattern?: string }>; items?: unknown }>;
    };
    expect(s.properties.express!.type).toBe('boolean');
    expect(s.properties.minLeadDays!.type).toBe('integer');
    expect(s.properties.fees!.properties!.currency!.type).toBe('string');
    expect(s.properties.delays!.properties!.paymentWindow!.pattern).toBeTruthy();
    expect((s.properties.documents!.properties as Record<string, { type: string }>).required!.type).toBe('array');
  });
  it('describes known keys from the definition schema', () => {
    const describe = describerFrom(editorSchema);
    expect(describe(['delays', 'reviewWindow'])).toMatch(/ISO 8601/);
    expect(describe(['nothing'])).toBeUndefined();
  });
  it('gives every generated duration the duration widget', () => {
    const s = policySchema({ delays: { reviewWindow: 'PT2H', reminder: 'P3D' }, steps: ['PT1H'], fee: 5, note: 'x' });
    expect(generatedUiSchema(s)).toEqual({ delays: { reviewWindow: { 'ui:widget': 'duration' }, reminder: { 'ui:widget': 'duration' } }, steps: { items: { 'ui:widget': 'duration' } } });
  });
});

describe('policyFormOf', () => {
  const policySchemaOfDefinition = {
    schema: {
      type: 'object',
      properties: {
        fees: { type: 'object', title: 'Biaya', properties: { filing: { type: 'integer', minimum: 0, title: 'Biaya pengajuan', description: 'Dibayar saat mengajukan' } } },
        delays: { type: 'object', title: 'Jangka waktu', properties: { reviewWindow: { type: 'string', format: 'duration', title: 'Batas pemeriksaan' } } },
      },
    },
    uiSchema: { fees: { filing: { 'ui:widget': 'money' } }, delays: { reviewWindow: { 'ui:widget': 'duration', 'ui:help': 'Dihitung sejak pengajuan' } } },
    i18n: { en: { '/properties/fees/title': 'Fees', '/properties/fees/properties/filing/title': 'Filing fee', '/properties/fees/properties/filing/description': 'Paid on applying', '/ui/delays/reviewWindow/ui:help': 'Counted from submission' } },
  };
  const definition = { key: 'demo-permit', policy: { fees: { filing: 250000 }, delays: { reviewWindow: 'PT2H' } }, policySchema: policySchemaOfDefinition };

  it("renders the definition's policySchema, in Indonesian by default", () => {
    const form = policyFormOf(definition, 'id')!;
    expect(form.source).toBe('policySchema');
    const fees = (form.schema.properties as Record<string, { title: string; properties: Record<string, { title: string; description: string }> }>).fees!;
    expect(fees.title).toBe('Biaya');
    expect(fees.properties.filing).toMatchObject({ title: 'Biaya pengajuan', description: 'Dibayar saat mengajukan' });
    expect(form.uiSchema).toEqual(policySchemaOfDefinition.uiSchema);
  });

  it('takes English titles and help from i18n.en by JSON pointer, and leaves the definition as it was', () => {
    const before = structuredClone(definition);
    const form = policyFormOf(definition, 'en')!;
    const fees = (form.schema.properties as Record<string, { title: string; properties: Record<string, { title: string; description: string }> }>).fees!;
    expect(fees.title).toBe('Fees');
    expect(fees.properties.filing).toMatchObject({ title: 'Filing fee', description: 'Paid on applying' });
    expect((form.uiSchema.delays as Record<string, Record<string, unknown>>).reviewWindow).toEqual({ 'ui:widget': 'duration', 'ui:help': 'Counted from submission' });
    expect((form.schema.properties as Record<string, { title: string }>).delays!.title).toBe('Jangka waktu');
    expect(definition).toEqual(before);
  });

  it('prefers the policySchema over the generated form, and generates one only without it', () => {
    expect(policyFormOf(definition, 'id')!.source).toBe('policySchema');
    const generated = policyFormOf({ policy: definition.policy }, 'id')!;
    expect(generated.source).toBe('generated');
    expect((generated.schema.properties as Record<string, { title: string }>).fees!.title).toBe('fees');
    expect(generated.uiSchema).toEqual({ delays: { reviewWindow: { 'ui:widget': 'duration' } } });
  });

  it('falls back to the generated form when policySchema is not a form, and gives nothing without policy or policySchema', () => {
    expect(policyFormOf({ policy: { a: 1 }, policySchema: { uiSchema: {} } }, 'id')!.source).toBe('generated');
    expect(policyFormOf({ policy: { a: 1 }, policySchema: 'x' }, 'id')!.source).toBe('generated');
    expect(policyFormOf({}, 'id')).toBeNull();
    expect(policyFormOf({ policySchema: policySchemaOfDefinition }, 'id')!.source).toBe('policySchema');
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
