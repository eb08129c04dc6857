import { describe, expect, it } from 'vitest';
import { OFFICER_TEXT_KEYS, officerTexts } from './texts.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the officer area’s texts', () => {
  it('has every text in English too, with the same placeholders', () => {
    expect(OFFICER_TEXT_KEYS.length).toBeGreaterThan(10);
    for (const key of OFFICER_TEXT_KEYS) {
      const idText = officerTexts.text('id', key);
      const enText = officerTexts.text('en', key);
      expect(enText, key).not.toBe('');
      expect(placeholders(enText), key).toEqual(placeholders(idText));
    }
  });
});
