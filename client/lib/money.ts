/** Money and long codes for people. Pure. */

type Lang = 'id' | 'en';

const LOCALE: Record<Lang, string> = { id: 'id-ID', en: 'en-US' };
const RUPIAH: Record<Lang, Intl.NumberFormat> = {
  id: new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', minimumFractionDigits: 0, maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat('en-US', { style: 'currency', currency: 'IDR', currencyDisplay: 'narrowSymbol', minimumFractionDigits: 0, maximumFractionDigits: 0 }),
};

/**
 * An amount of rupiah in the page's language: `Rp 350.000` in Indonesian, `Rp 350,000` in
 * English (as the emails write it; the space is a no-break space so the amount never wraps).
 * Another currency is written with its code (`USD 12.50`).
 */
export function formatMoney(amount: number, currency = 'IDR', lang: Lang = 'id'): string {
  if (!Number.isFinite(amount)) return String(amount);
  if (currency === 'IDR') return RUPIAH[lang].format(amount);
  try {
    return new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency, currencyDisplay: 'code' }).format(amount);
  } catch {
    return `${currency} ${amount}`;
  }
}

/** A long number in groups for reading aloud or copying by hand (a payment code): `82026 03020 00001`. */
export function groupDigits(code: string, size = 5): string {
  if (!/^\d+$/.test(code) || size < 1) return code;
  const groups: string[] = [];
  for (let i = 0; i < code.length; i += size) groups.push(code.slice(i, i + size));
  return groups.join(' ');
}
