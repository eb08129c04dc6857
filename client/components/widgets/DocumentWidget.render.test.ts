/** The document widget inside a real RJSF form (server-rendered): what it accepts comes from the flow's document kinds. */
import Form from '@rjsf/core';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { DocumentKind } from '../../lib/types.ts';
import type { FormContext } from './context.ts';
import { widgets } from './index.ts';

type Data = Record<string, unknown>;
const validator = customizeValidator<Data, RJSFSchema>();
const schema: RJSFSchema = {
  type: 'object',
  properties: {
    sponsorLetter: { type: 'string', format: 'uuid', title: 'Surat penjaminan' },
    receipt: { type: 'string', format: 'uuid' },
    other: { type: 'string', format: 'uuid', title: 'Lainnya' },
  },
};
const uiSchema: UiSchema<Data, RJSFSchema> = {
  sponsorLetter: { 'ui:widget': 'document', 'ui:options': { kind: 'sponsorLetter' } },
  receipt: { 'ui:widget': 'document', 'ui:options': { kind: 'feeReceipt' }, 'ui:title': '' },
  other: { 'ui:widget': 'document', 'ui:options': { kind: 'undeclared' } },
};
const documents: DocumentKind[] = [
  { kind: 'sponsorLetter', title: { id: 'Surat sponsor', en: 'Sponsor letter' }, types: ['application/pdf'], maxBytes: 5 * 1024 * 1024, uploadedBy: ['applicant'] },
  { kind: 'feeReceipt', title: { id: 'Bukti bayar', en: 'Fee receipt' }, types: ['image/jpeg', 'image/png'], maxBytes: 1024 * 1024, uploadedBy: ['applicant'] },
];
const formContext: FormContext = { applicationId: 'a1', flow: 'stay-permit-extension', data: {}, documents };

describe('the document widget', () => {
  const html = renderToStaticMarkup(createElement(Form<Data, RJSFSchema>, { schema, uiSchema, widgets, validator, formContext, formData: {}, idPrefix: 'd' }));
  const button = (id: string) => new RegExp(`<button id="d_${id}"[^>]*>`).exec(html)?.[0] ?? '';

  it('says and offers the types and size its kind declares', () => {
    expect(html).toContain('PDF, paling besar 5 MB.');
    expect(html).toContain('accept="application/pdf"');
    expect(html).toContain('JPEG atau PNG, paling besar 1 MB.');
    expect(html).toContain('accept="image/jpeg,image/png"');
  });
  it('names its button after the field, else after the kind', () => {
    expect(button('sponsorLetter')).toContain('aria-label="Pilih berkas atau ambil foto: Surat penjaminan"');
    expect(button('receipt')).toContain('aria-label="Pilih berkas atau ambil foto: Bukti bayar"');
  });
  it('falls back to JPEG, PNG or PDF up to 2 MB for a kind the flow does not declare', () => {
    expect(html).toContain('JPEG, PNG, atau PDF, paling besar 2 MB.');
    expect(html).toContain('accept="image/jpeg,image/png,application/pdf"');
  });
});
