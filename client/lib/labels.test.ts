import { describe, expect, it } from 'vitest';
import { i18nFor } from './i18n.ts';
import { confirmYes, eventLabel, statusLabel } from './labels.ts';

const id = i18nFor('id');
const en = i18nFor('en');

describe('statusLabel()', () => {
  it('is the flow’s label for the status in the reader’s language, else the status itself', () => {
    const label = { id: 'Sedang diperiksa', en: 'Under review' };
    expect([statusLabel(id, 'inReview', label), statusLabel(en, 'inReview', label)]).toEqual(['Sedang diperiksa', 'Under review']);
    expect([statusLabel(en, 'inReview', null), statusLabel(en, 'inReview')]).toEqual(['inReview', 'inReview']);
  });
});

describe('eventLabel() and confirmYes()', () => {
  it('names an event by the flow’s label, else a generic event’s words, else its type', () => {
    expect(eventLabel(en, 'WITHDRAW', { id: 'Tarik permohonan', en: 'Withdraw the application' })).toBe('Withdraw the application');
    expect(eventLabel(en, 'BACK')).toBe('Back to the previous step');
    expect(eventLabel(en, 'SOMETHING')).toBe('SOMETHING');
  });
  it('confirms with the action named, in a sentence', () => {
    const cancel = { id: 'Batalkan permohonan', en: 'Cancel the application' };
    expect(confirmYes(id, 'CANCEL', cancel)).toBe('Ya, batalkan permohonan');
    expect(confirmYes(en, 'CANCEL', cancel)).toBe('Yes, cancel the application');
    expect(confirmYes(en, 'SEND', { id: 'KITAS diperpanjang', en: 'KITAS extended' })).toBe('Yes, KITAS extended');
  });
});
