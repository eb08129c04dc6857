import { describe, expect, it } from 'vitest';
import { heatOf, visitsOf } from './figures.ts';

describe('visitsOf', () => {
  it('counts entries into states, as the heatmap counts stays', () => {
    const history = [
      { from: null, to: 'identity' },
      { from: 'identity', to: 'documents' },
      { from: 'documents', to: 'identity' },
      { from: 'identity', to: 'documents' },
      { from: 'documents', to: 'booked' },
      { from: 'booked', to: 'booked' },
    ];
    expect(visitsOf(history)).toEqual({ identity: 2, documents: 2, booked: 1 });
  });
  it('counts a parent once while moving inside it', () => {
    expect(visitsOf([{ from: null, to: 'review.a' }, { from: 'review.a', to: 'review.b' }, { from: 'review.b', to: 'done' }])).toEqual({ review: 1, 'review.a': 1, 'review.b': 1, done: 1 });
  });
});

describe('heatOf', () => {
  it('keys the figures by state', () => {
    expect(
      heatOf({ flow: 'f', version: 1, at: '', applications: 3, states: [{ state: 'a', count: 2, medianAgeSeconds: 10, visits: 4, medianStaySeconds: null }] }),
    ).toEqual({ a: { count: 2, medianAgeSeconds: 10, medianStaySeconds: null } });
  });
});
