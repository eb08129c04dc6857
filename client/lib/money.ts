/** Money and payment codes for people. Pure. */

const RUPIAH = new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', minimumFractionDigits: 0, maximumFractionDigits: 0 });

/**
 * An amount of rupiah as Indonesians write it in either UI language: `Rp 350.000` (Intl id-ID;
 * the space is a no-break space so the amount never wraps). Another currency is written with
 * its code (`USD 12.50`).
 */
export function formatMoney(amount: number, currency = 'IDR'): string {
  if (!Number.isFinite(amount)) return String(amount);
  if (currency === 'IDR') return RUPIAH.format(amount);
  try {
    return new Intl.NumberFormat('id-ID', { style: 'currency', currency, currencyDisplay: 'code' }).format(amount);
  } catch {
    return `${currency} ${amount}`;
  }
}

/** A long number in groups for reading aloud or copying by hand: `82026 03020 00001`. */
export function groupDigits(code: string, size = 5): string {
  if (!/^\d+$/.test(code) || size < 1) return code;
  const groups: string[] = [];
  for (let i = 0; i < code.length; i += size) groups.push(code.slice(i, i + size));
  return groups.join(' ');
}
