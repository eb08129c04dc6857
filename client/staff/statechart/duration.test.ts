import { describe, expect, it } from 'vitest';
import { formatDuration } from './duration.ts';

describe('formatDuration', () => {
  it('writes the two largest units', () => {
    expect(formatDuration(2 * 3600 + 5 * 60 + 7, 'id')).toBe('2 j 5 m');
    expect(formatDuration(2 * 3600 + 5 * 60 + 7, 'en')).toBe('2 h 5 min');
    expect(formatDuration(3 * 86_400 + 4 * 3600, 'id')).toBe('3 hr 4 j');
    expect(formatDuration(40, 'en')).toBe('40 s');
    expect(formatDuration(0, 'en')).toBe('0 s');
    expect(formatDuration(86_400 + 30, 'en')).toBe('1 d');
  });
  it('shows a dash for nothing', () => {
    expect(formatDuration(null, 'id')).toBe('—');
    expect(formatDuration(Number.NaN, 'en')).toBe('—');
  });
});
