import { describe, expect, it } from 'vitest';
import type { AnswerWords } from '../../lib/answers.ts';
import type { FormView, I18nText } from '../../lib/types.ts';
import { fieldText, headingOf, kindTitle, labelRecorded, mergeForms } from './work.ts';

const tx = (t: I18nText | null | undefined) => t?.en ?? '';
const t = (en: string): I18nText => ({ id: `${en} (id)`, en });

const checkForm: FormView = {
  id: 'site-check',
  schema: {
    type: 'object',
    properties: {
      visitedOn: { type: 'string', format: 'date', title: 'Visited on' },
      outcome: { type: 'string', title: 'Outcome', oneOf: [{ const: 'ok', title: 'All in order' }, { const: 'bad', title: 'Not in order' }] },
      sitePhoto: { type: 'string', format: 'uuid', title: 'Photo of the site' },
    },
  },
  uiSchema: { sitePhoto: { 'ui:widget': 'document', 'ui:options': { kind: 'sitePhoto' } } },
};

const words: AnswerWords & { dateTime: (iso: string) => string } = {
  uploaded: 'uploaded',
  uploadedNamed: (n) => `uploaded: ${n}`,
  yes: 'yes',
  no: 'no',
  date: (ymd) => `date ${ymd}`,
  dateTime: (iso) => `time ${iso}`,
};

describe('the work page helpers', () => {
  it('is called after the first staff field with a value, else after the flow', () => {
    expect(headingOf({ title: t('Zoning permit'), fields: [{ path: 'data.x', label: t('X'), value: '  ' }, { path: 'data.owner', label: t('Owner'), value: 'PT Maju Jaya' }] }, tx)).toBe('PT Maju Jaya');
    expect(headingOf({ title: t('Zoning permit'), fields: [{ path: 'data.n', label: t('N'), value: 42 }] }, tx)).toBe('42');
    expect(headingOf({ title: t('Zoning permit'), fields: [{ path: 'data.list', label: t('L'), value: ['a'] }] }, tx)).toBe('Zoning permit');
    expect(headingOf({ title: t('Zoning permit') }, tx)).toBe('Zoning permit');
    expect(headingOf({}, tx)).toBe('');
  });

  it('remembers the events’ forms, each once, the newest kept', () => {
    const older = { ...checkForm, title: t('old') };
    const forms = mergeForms([older, { id: 'other', schema: {} }], [{ type: 'CHECK' }, { type: 'VISIT', form: checkForm }]);
    expect(forms.map((f) => f.id)).toEqual(['site-check', 'other']);
    expect(forms[0]).toBe(checkForm);
  });

  it('labels what officers recorded from the events’ forms and the declared document kinds', () => {
    const rows = [
      { key: 'visitedOn', label: 'Visited on (key)', value: '2026-12-01' },
      { key: 'outcome', label: 'Outcome (key)', value: 'ok' },
      { key: 'permitScan', label: 'Permit scan (key)', value: 'a-document-id' },
      { key: 'unknown', label: 'Unknown', value: 'x' },
    ];
    const documents = [{ kind: 'permitScan', title: t('Scan of the old permit'), types: ['application/pdf'], maxBytes: 1 }];
    const out = labelRecorded(rows, [checkForm], documents, 'en', tx);
    expect(out.map((r) => r.label)).toEqual(['Visited on', 'Outcome', 'Scan of the old permit', 'Unknown']);
    expect(out[1]?.info?.options).toEqual([
      { value: 'ok', title: 'All in order' },
      { value: 'bad', title: 'Not in order' },
    ]);
    expect(out[2]?.info?.document).toBe(true);
    expect(out[3]).toBe(rows[3]);
    expect(labelRecorded(rows, [], [], 'en', tx).map((r) => r.label)).toEqual(rows.map((r) => r.label));
    // What the definition's staff fields show, whole or in part (data.visitedOn.x), is not listed twice.
    expect(labelRecorded(rows, [], [], 'en', tx, [{ path: 'data.outcome' }, { path: 'data.visitedOn.x' }]).map((r) => r.key)).toEqual(['permitScan', 'unknown']);
    expect(labelRecorded(rows, [], [], 'en', tx, [{ path: 'data.outcomeNote' }]).map((r) => r.key)).toEqual(['visitedOn', 'outcome', 'permitScan', 'unknown']);
  });

  it('names a document kind by its declared title, else by its name', () => {
    const documents = [{ kind: 'permitScan', title: t('Scan of the old permit'), types: [], maxBytes: 1 }];
    expect(kindTitle('permitScan', documents, tx)).toBe('Scan of the old permit');
    expect(kindTitle('other', documents, tx)).toBe('other');
    expect(kindTitle('other', undefined, tx)).toBe('other');
  });

  it('writes a field’s value for people: times, dates, lists, yes and no', () => {
    expect(fieldText('2026-12-03T01:02:03.000Z', words)).toBe('time 2026-12-03T01:02:03.000Z');
    expect(fieldText('2026-12-03', words)).toBe('date 2026-12-03');
    expect(fieldText(['a', 'b'], words)).toBe('a, b');
    expect(fieldText(true, words)).toBe('yes');
    expect(fieldText('2026-13-99T99:99 is not a time', words)).toBe('2026-13-99T99:99 is not a time');
  });
});
