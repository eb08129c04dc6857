import { describe, expect, it } from 'vitest';
import { statusChoices } from './statuses.ts';

describe('statusChoices', () => {
  const t = (s: string) => ({ id: `${s} (id)`, en: s });
  it('lists the statuses the flows name, once, with their words, in the order met', () => {
    const a = { statuses: { draft: { label: t('Draft') }, inReview: { label: t('In review') }, issued: {} } };
    const b = { statuses: { draft: { label: t('Not sent') }, issued: { label: t('Issued') }, withdrawn: { label: t('Withdrawn') } } };
    expect(statusChoices([a, null, b], null)).toEqual([
      { status: 'draft', label: t('Draft') },
      { status: 'inReview', label: t('In review') },
      { status: 'issued', label: t('Issued') },
      { status: 'withdrawn', label: t('Withdrawn') },
    ]);
  });
  it('keeps a status asked for in the address that no flow names', () => {
    expect(statusChoices([{}], 'old')).toEqual([{ status: 'old', label: null }]);
    expect(statusChoices([{ statuses: { old: { label: t('Old') } } }], 'old')).toEqual([{ status: 'old', label: t('Old') }]);
  });
});
