import { describe, expect, it } from 'vitest';
import { i18nFor } from '../../lib/i18n.ts';
import type { ApplicationView, HistoryEntry } from '../../lib/types.ts';
import { passportTimelineDetails } from './timeline.ts';

const entry = (type: string, more: Partial<HistoryEntry> = {}): HistoryEntry => ({ seq: 1, type, at: '2026-11-26T01:00:00.000Z', from: null, to: 'x', data: {}, ...more });
const view = {
  documents: [{ kind: 'kk', title: { id: 'Kartu Keluarga (KK)', en: 'Family card (KK)' }, types: ['application/pdf'], maxBytes: 1, uploadedBy: ['applicant'] }],
} as unknown as ApplicationView;

describe('passportTimelineDetails()', () => {
  const details = (e: HistoryEntry, lang: 'id' | 'en' = 'en') => passportTimelineDetails(e, i18nFor(lang).tx, (ymd) => `<${ymd}>`, view);

  it('tells the date booked or moved to, the queue number, the pick-up date and the document asked for', () => {
    expect(details(entry('SUBMIT', { data: { officeCode: 'ATB', date: '2026-11-30', session: 'pagi' } }))).toEqual(['Appointment booked for <2026-11-30>']);
    expect(details(entry('RESCHEDULE', { data: { officeCode: 'ATB', date: '2026-12-01' }, facts: { queueNumber: 7 } }))).toEqual(['Appointment moved to <2026-12-01>', 'Queue number: 007']);
    expect(details(entry('PAYMENT_CONFIRMED', { facts: { queueNumber: 4, queueCode: 'secret' } }))).toEqual(['Queue number: 004']);
    expect(details(entry('APPROVE', { facts: { pickupDate: '2026-12-04' } }), 'id')).toEqual(['Dapat diambil mulai <2026-12-04>']);
    expect(details(entry('REQUEST_DOCUMENT', { data: { kind: 'kk', note: 'Blurred.' } }))).toEqual(['Document asked for: Family card (KK)']);
    expect(details(entry('REQUEST_DOCUMENT', { data: { kind: 'unknownKind' } }))).toEqual(['Document asked for: unknownKind']);
  });

  it('says nothing of other entries, and never the queue code', () => {
    expect(details(entry('SUBMIT', { data: { fullName: 'Budi' } }))).toEqual([]);
    expect(details(entry('CHECK_IN', { data: { queueCode: 'secret' } }))).toEqual([]);
  });
});
