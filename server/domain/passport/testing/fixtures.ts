/** What tests and benchmarks send through the passport-new flow (no vitest here: bench/ imports it too). */

/** The answers of passport-new's identity step. */
export const IDENTITY = {
  fullName: 'Maria Goreti Bria',
  nik: '5304014101900001',
  birthDate: '1990-01-01',
  birthPlace: 'Atambua',
  sex: 'f',
  phone: '+6281234567890',
  address: 'Jl. Sudirman 12, Atambua, Belu, NTT',
  passportType: 'ordinary',
  validityYears: 5,
};

/** The smallest valid PNG (1×1): a document's content. */
export const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6a52b0000000049454e44ae426082', 'hex');
