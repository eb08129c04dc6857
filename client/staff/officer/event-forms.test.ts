import { describe, expect, it } from 'vitest';
import { parseEventForms } from './event-forms.ts';

describe('parseEventForms', () => {
  it('reads the stored forms per flow version, dropping what is not a form', () => {
    const form = { id: 'site-check', schema: { type: 'object' } };
    expect(parseEventForms(JSON.stringify({ 'a-flow@2': [form, { id: 3 }, null], 'b-flow@1': 'nope' }))).toEqual({ 'a-flow@2': [form] });
    expect(parseEventForms(null)).toEqual({});
    expect(parseEventForms('{not json')).toEqual({});
    expect(parseEventForms('[1]')).toEqual({});
  });
});
