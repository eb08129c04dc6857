/**
 * The colour scale of counts on the diagram: five steps of orange, each with the text colour
 * that keeps WCAG AA contrast (≥ 4.5:1) on it. Pure.
 */
export const HEAT_STEPS = [
  { background: '#fff1e0', color: '#1b1b1b' },
  { background: '#fdd0a2', color: '#1b1b1b' },
  { background: '#fdae6b', color: '#1b1b1b' },
  { background: '#e6550d', color: '#000000' },
  { background: '#8c2d04', color: '#ffffff' },
] as const;

/** The step (0–4) of `value` on a scale up to `max`; 0 for nothing. Pure. */
export function heatStep(value: number, max: number): number {
  if (!(value > 0) || !(max > 0)) return 0;
  return Math.min(4, Math.max(1, Math.ceil((value / max) * 4)));
}

function channel(hex: string, i: number): number {
  const c = Number.parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance contrast of two `#rrggbb` colours. Pure. */
export function contrast(a: string, b: string): number {
  const lum = (h: string) => 0.2126 * channel(h, 0) + 0.7152 * channel(h, 1) + 0.0722 * channel(h, 2);
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}
