import { describe, expect, it } from 'vitest';
import { formatQueueNumber } from './format.ts';

describe('formatQueueNumber()', () => {
  it('writes three digits, as the ticket prints and the office calls', () => {
    expect([formatQueueNumber(7), formatQueueNumber('12'), formatQueueNumber(1234)]).toEqual(['007', '012', '1234']);
  });
  it('gives nothing for no number', () => {
    expect([formatQueueNumber(undefined), formatQueueNumber(null), formatQueueNumber('A1'), formatQueueNumber(-1)]).toEqual(['', '', '', '']);
  });
});
