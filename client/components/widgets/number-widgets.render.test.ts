/** The duration and money widgets inside a real RJSF form (server-rendered): labels, descriptions, values. */
import Form from '@rjsf/core';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { widgets } from './index.ts';

type Data = Record<string, unknown>;
const validator = customizeValidator<Data, RJSFSchema>();
const schema: RJSFSchema = {
  type: 'object',
  properties: {
    window: { type: 'string', format: 'duration', title: 'Batas bayar', description: 'Sejak tagihan terbit' },
    mixed: { type: 'string', title: 'Campuran' },
    odd: { type: 'string', title: 'Detik' },
    fee: { type: 'integer', minimum: 0, title: 'Biaya' },
  },
};
const uiSchema: UiSchema<Data, RJSFSchema> = {
  window: { 'ui:widget': 'duration' },
  mixed: { 'ui:widget': 'duration' },
  odd: { 'ui:widget': 'duration' },
  fee: { 'ui:widget': 'money' },
};


describe('in a form', () => {
  const html = renderToStaticMarkup(
    createElement(Form<Data, RJSFSchema>, { schema, uiSchema, widgets, validator, formData: { window: 'PT2H', mixed: 'P1DT12H', odd: 'PT90S', fee: 1_500_000 }, idPrefix: 'p' }),
  );
  const tag = (id: string) => new RegExp(`<(input|select)[^>]*id="${id}"[^>]*>`).exec(html)?.[0] ?? '';

  it('labels the number with the field title and describes it with its description', () => {
    expect(html).toMatch(/<label[^>]*for="p_window"[^>]*>Batas bayar/);
    const input = tag('p_window');
    expect(input).toMatch(/value="2"/);
    expect(input).toMatch(/inputMode="numeric"|inputmode="numeric"/);
    expect(input).toMatch(/aria-describedby="[^"]*p_window__description/);
    expect(html).toMatch(/id="p_window__description"/);
  });

  it('names the unit select and selects the unit of the value', () => {
    expect(html).toMatch(/<label[^>]*for="p_window__unit"[^>]*>Satuan waktu: Batas bayar<\/label>/);
    expect(html).toMatch(/<option value="hours" selected="">jam<\/option>/);
  });

  it('shows a mixed duration in hours and says how it is written', () => {
    expect(tag('p_mixed')).toMatch(/value="36"/);
    expect(html).toMatch(/id="p_mixed__written"[^>]*>Tertulis P1DT12H \(1 hari 12 jam\)/);
    expect(tag('p_mixed')).toMatch(/aria-describedby="[^"]*p_mixed__written/);
  });

  it('keeps a duration no number and unit can hold as text', () => {
    expect(tag('p_odd')).toMatch(/value="PT90S"/);
    expect(html).toMatch(/id="p_odd__duration"[^>]*>[^<]*Artinya: 90 detik/);
  });

  it('shows money after Rp with Indonesian grouping, the currency said in words', () => {
    expect(html).toMatch(/<label[^>]*for="p_fee"[^>]*>Biaya/);
    expect(tag('p_fee')).toMatch(/value="1.500.000"/);
    expect(tag('p_fee')).toMatch(/aria-describedby="[^"]*p_fee__currency/);
    expect(html).toMatch(/<span class="money__prefix" aria-hidden="true">Rp<\/span>/);
    expect(html).toMatch(/id="p_fee__currency"[^>]*>dalam rupiah/);
  });
});
