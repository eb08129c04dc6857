/** The passport pack's small formats. Pure. */

/**
 * A queue number as the office calls it and the ticket prints it: three digits (`7` → `007`);
 * '' for no number.
 */
export function formatQueueNumber(n: unknown): string {
  if (typeof n === 'number' && Number.isInteger(n) && n >= 0) return String(n).padStart(3, '0');
  if (typeof n === 'string' && /^\d+$/.test(n)) return n.padStart(3, '0');
  return '';
}
