/** Durations for people: `2 j 5 m` / `2 h 5 min`, the two largest units. Pure. */
export type DurationLang = 'id' | 'en';

const UNITS: Record<DurationLang, [number, string][]> = {
  id: [
    [86_400, 'hr'],
    [3_600, 'j'],
    [60, 'm'],
    [1, 'd'],
  ],
  en: [
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'min'],
    [1, 's'],
  ],
};

/** `seconds` as at most two units (`3 hr 4 j`, `2 h 5 min`, `40 s`); `—` for null/NaN. Pure. */
export function formatDuration(seconds: number | null | undefined, lang: DurationLang): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—';
  let rest = Math.round(seconds);
  const parts: string[] = [];
  for (const [size, unit] of UNITS[lang]) {
    if (parts.length === 2) break;
    const n = Math.floor(rest / size);
    if (n > 0 || (parts.length > 0 && size > 1)) {
      if (n > 0) parts.push(`${n} ${unit}`);
      rest -= n * size;
      if (parts.length > 0 && n === 0) break;
    }
  }
  return parts.length ? parts.join(' ') : `0 ${UNITS[lang][3]![1]}`;
}
