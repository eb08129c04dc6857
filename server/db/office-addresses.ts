/**
 * Public addresses of the seeded immigration offices, for the appointment, the confirmation and
 * the emails. Kept here rather than in seed-data/offices.json, which must stay identical to the
 * shared copy (../shared/data). A street is given only where a public source names it; otherwise
 * the area, city and province, never an invented street. Admins correct them in the database:
 * seeding never overwrites an address someone has set (seed.ts).
 *
 * Sources: JKS — VIVA, 20 May 2016 (the office at Jl. Warung Buncit Raya 207,
 * Mampang Prapatan); MDN — the office's site as quoted in a 2019 guide (Jl. Gatot Subroto Km 6,2
 * No. 268 A); KPG — Flobamora-spot, 27 Jan 2020 (the office on Jl. Bumi III, Oesapa Selatan);
 * AMQ — ANTARA Ambon, 2 June 2024 (the office in Kudamati). ATB, DPS, JAP: city and province only.
 */

/** By office code; `name` must match the seeded office's, so another office with the same code never gets it. */
export const OFFICE_ADDRESSES: Readonly<Record<string, { name: string; address: string }>> = {
  ATB: { name: 'Kantor Imigrasi Kelas II TPI Atambua', address: 'Atambua, Kabupaten Belu, Nusa Tenggara Timur' },
  KPG: { name: 'Kantor Imigrasi Kelas I TPI Kupang', address: 'Jl. Bumi III, Oesapa Selatan, Kota Kupang, Nusa Tenggara Timur' },
  DPS: { name: 'Kantor Imigrasi Kelas I Khusus TPI Denpasar', address: 'Denpasar, Bali' },
  JKS: { name: 'Kantor Imigrasi Kelas I Non TPI Jakarta Selatan', address: 'Jl. Warung Buncit Raya No. 207, Mampang Prapatan, Jakarta Selatan, DKI Jakarta' },
  MDN: { name: 'Kantor Imigrasi Kelas I Khusus TPI Medan', address: 'Jl. Gatot Subroto Km 6,2 No. 268 A, Medan, Sumatera Utara' },
  JAP: { name: 'Kantor Imigrasi Kelas I TPI Jayapura', address: 'Kota Jayapura, Papua' },
  AMQ: { name: 'Kantor Imigrasi Kelas I TPI Ambon', address: 'Kudamati, Kota Ambon, Maluku' },
};

type OfficeNames = { code: string; name: string; city: string; province: string };

/** What the first seeds wrote when no address was known: `<name>, <city>, <province>`. */
export const placeholderAddress = (o: OfficeNames): string => `${o.name}, ${o.city}, ${o.province}`;

/** The address to seed: the seed file's own, else the known public one, else the placeholder. */
export function seedAddress(o: OfficeNames & { address?: string }): string {
  if (o.address) return o.address;
  const known = OFFICE_ADDRESSES[o.code];
  return known && known.name === o.name ? known.address : placeholderAddress(o);
}
