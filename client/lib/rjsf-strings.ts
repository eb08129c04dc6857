/**
 * The strings RJSF's own templates and widgets show (buttons of array fields, yes/no, the date
 * picker's labels, its error messages about unsupported schemas…), in Indonesian. English is
 * RJSF's own text. The `Record` over the whole enum makes the compiler name any string a newer
 * RJSF adds, so none is left in English on an Indonesian page.
 */
import { replaceStringParameters, TranslatableString } from '@rjsf/utils';
import type { Lang } from './i18n.ts';

export const RJSF_ID: Record<TranslatableString, string> = {
  [TranslatableString.ArrayItemTitle]: 'Butir',
  [TranslatableString.MissingItems]: 'Definisi butir tidak ada',
  [TranslatableString.EmptyArray]: 'Belum ada isian. Gunakan tombol di bawah untuk menambah.',
  [TranslatableString.YesLabel]: 'Ya',
  [TranslatableString.NoLabel]: 'Tidak',
  [TranslatableString.CloseLabel]: 'Tutup',
  [TranslatableString.ErrorsLabel]: 'Kesalahan',
  [TranslatableString.NewStringDefault]: 'Nilai baru',
  [TranslatableString.AddButton]: 'Tambah',
  [TranslatableString.AddItemButton]: 'Tambah butir',
  [TranslatableString.CopyButton]: 'Salin',
  [TranslatableString.ExpandButton]: 'Buka siklus',
  [TranslatableString.MoveDownButton]: 'Pindah ke bawah',
  [TranslatableString.MoveUpButton]: 'Pindah ke atas',
  [TranslatableString.RemoveButton]: 'Hapus',
  [TranslatableString.NowLabel]: 'Sekarang',
  [TranslatableString.ClearLabel]: 'Kosongkan',
  [TranslatableString.AriaDateLabel]: 'Pilih tanggal',
  [TranslatableString.PreviewLabel]: 'Pratinjau',
  [TranslatableString.DecrementAriaLabel]: 'Kurangi 1',
  [TranslatableString.IncrementAriaLabel]: 'Tambah 1',
  [TranslatableString.OptionalObjectAdd]: 'Tambahkan data untuk isian opsional',
  [TranslatableString.OptionalObjectRemove]: 'Hapus data isian opsional',
  [TranslatableString.OptionalObjectEmptyMsg]: 'Tidak ada data untuk isian opsional',
  [TranslatableString.Type]: 'Jenis',
  [TranslatableString.Value]: 'Nilai',
  [TranslatableString.ClearButton]: 'kosongkan isian',
  [TranslatableString.UnknownFieldType]: 'Jenis isian tidak dikenal: %1',
  [TranslatableString.OptionPrefix]: 'Pilihan %1',
  [TranslatableString.TitleOptionPrefix]: '%1 pilihan %2',
  [TranslatableString.KeyLabel]: 'Kunci %1',
  [TranslatableString.DeprecatedLabel]: '%1 (tidak dipakai lagi)',
  [TranslatableString.CycleDetected]: 'Rujukan melingkar ($ref) pada isian "%1". Anda dapat membukanya sampai titik putus berikutnya',
  [TranslatableString.InvalidObjectField]: 'Konfigurasi isian objek "%1" tidak sah: _%2_.',
  [TranslatableString.UnsupportedField]: 'Skema isian tidak didukung.',
  [TranslatableString.UnsupportedFieldWithId]: 'Skema isian `%1` tidak didukung.',
  [TranslatableString.UnsupportedFieldWithReason]: 'Skema isian tidak didukung: _%1_.',
  [TranslatableString.UnsupportedFieldWithIdAndReason]: 'Skema isian `%1` tidak didukung: _%2_.',
  [TranslatableString.FilesInfo]: '**%1** (%2, %3 bita)',
};

/** RJSF's `translateString` for `lang`: the Indonesian text, or RJSF's English one. */
export const translatorFor =
  (lang: Lang) =>
  (s: TranslatableString, params?: string[]): string =>
    replaceStringParameters(lang === 'id' ? RJSF_ID[s] : s, params);
