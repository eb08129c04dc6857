/**
 * UI language: a typed id/en dictionary, a tiny store for the current language (persisted in
 * localStorage and in the `alur_lang` cookie the server reads for problem texts and emails), and a
 * React context exposing `t(key)` for UI strings and `tx({id, en})` for texts from the server.
 *
 * NOTE: the store lives outside React so non-React code (lib/api.ts) can read the language; the
 * provider subscribes to it, so a switch re-renders without remounting (typed input survives).
 */
import { createContext, createElement, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { I18nText, Lang } from './types.ts';

export type { Lang } from './types.ts';
export const LANGS: readonly Lang[] = ['id', 'en'];
export const LANG_NAMES: Record<Lang, string> = { id: 'Bahasa Indonesia', en: 'English' };
const STORAGE_KEY = 'alur_lang';
const COOKIE = 'alur_lang';

const id = {
  'app.name': 'Alur',
  'app.tagline': 'Permohonan izin pemerintah secara daring',
  'skip.main': 'Langsung ke konten utama',
  'nav.label': 'Navigasi utama',
  'nav.applications': 'Permohonan saya',
  'nav.officer': 'Loket',
  'nav.policy': 'Kebijakan',
  'nav.audit': 'Audit',
  'forbidden.title': 'Halaman ini bukan untuk akun Anda',
  'forbidden.text': 'Halaman ini hanya untuk petugas dengan peran tertentu. Jika Anda memerlukannya, hubungi administrator.',
  'nav.login': 'Masuk',
  'nav.register': 'Daftar',
  'nav.logout': 'Keluar',
  'nav.signedInAs': 'Masuk sebagai {name}',
  'lang.label': 'Bahasa',
  'footer.text': 'Alur: layanan permohonan izin pemerintah secara daring.',

  'common.loading': 'Memuat…',
  'common.retry': 'Coba lagi',
  'common.cancel': 'Batal',
  'common.sending': 'Mengirim…',
  'common.allRequired': 'Semua isian wajib diisi.',

  'error.summaryTitle': 'Ada masalah',
  'error.errorPrefix': 'Kesalahan:',
  'error.networkTitle': 'Koneksi gagal',
  'error.network': 'Tidak dapat terhubung ke server. Periksa koneksi internet Anda lalu coba lagi. Isian Anda tidak hilang.',
  'error.unexpectedTitle': 'Terjadi kesalahan',
  'error.unexpected': 'Terjadi kesalahan yang tidak terduga. Silakan coba lagi.',
  'error.sessionEnded': 'Sesi Anda telah berakhir atau Anda belum masuk.',
  'error.loginAgain': 'Masuk lagi',
  'error.pageFailed': 'Halaman ini gagal dimuat. Periksa koneksi Anda lalu muat ulang.',
  'error.reloadPage': 'Muat ulang halaman',
  'notFound.title': 'Halaman tidak ditemukan',
  'notFound.text': 'Alamat ini tidak ada. Periksa kembali alamatnya atau kembali ke beranda.',
  'notFound.home': 'Ke beranda',

  'home.title': 'Permohonan izin secara daring',
  'home.intro':
    'Alur memandu Anda mengajukan permohonan layanan pemerintah langkah demi langkah: isi formulir, unggah dokumen, pilih jadwal dan bayar bila layanannya memerlukan, lalu pantau statusnya dari ponsel Anda.',
  'home.flowsTitle': 'Layanan yang tersedia',
  'home.noFlows': 'Belum ada layanan yang dibuka.',
  'home.start': 'Mulai permohonan',
  'home.starting': 'Memulai…',
  'home.loginFirst': 'Untuk memulai permohonan, masuk ke akun Anda terlebih dahulu.',
  'home.noAccount': 'Belum punya akun?',
  'home.createAccount': 'Buat akun',
  'home.about': 'Tentang layanan ini',

  'field.email': 'Email',
  'field.password': 'Kata sandi',
  'field.passwordHint': 'Minimal 10 karakter, dengan setidaknya satu huruf dan satu angka.',
  'field.fullName': 'Nama lengkap',
  'field.fullNameHint': 'Sesuai kartu identitas Anda.',
  'field.code': 'Kode verifikasi',
  'field.codeHint': '6 angka dari email yang kami kirim. Kode berlaku 10 menit.',

  'register.title': 'Buat akun',
  'register.intro': 'Setelah mendaftar, kami mengirim kode 6 angka ke email Anda untuk mengaktifkan akun.',
  'register.submit': 'Daftar',
  'register.haveAccount': 'Sudah punya akun?',

  'verify.title': 'Aktifkan akun',
  'verify.intro': 'Masukkan kode 6 angka yang kami kirim ke email Anda.',
  'verify.submit': 'Aktifkan akun',
  'verify.resend': 'Kirim kode baru',
  'verify.resent': 'Jika akun ini menunggu aktivasi, kode baru telah dikirim ke {email}.',
  'verify.needEmail': 'Isi email Anda terlebih dahulu.',

  'login.title': 'Masuk',
  'login.submit': 'Masuk',
  'login.verified': 'Akun Anda sudah aktif. Silakan masuk.',
  'login.noAccount': 'Belum punya akun?',
  'login.activate': 'Aktifkan akun dengan kode dari email',

  'apps.title': 'Permohonan saya',
  'apps.empty': 'Anda belum memiliki permohonan.',
  'apps.startNew': 'Mulai permohonan baru',
  'apps.updated': 'Diperbarui {date}',
  'apps.more': 'Muat lebih banyak',
  'apps.untitled': 'Permohonan',

  'app.title': 'Permohonan',
  'app.status': 'Status',
  'app.updated': 'Terakhir diperbarui',
  'app.stepLabel': 'Langkah',
  'app.history': 'Lihat status dan riwayat permohonan',
  'app.saved': 'Tersimpan. Permohonan Anda sudah diperbarui.',
  'app.reload': 'Muat ulang permohonan',
  'app.actions': 'Tindakan',
  'app.otherActions': 'Tindakan lain',
  'app.confirmYes': 'Ya, {action}',
  'app.confirmNo': 'Tidak',
  'app.final': 'Permohonan ini sudah selesai.',
  'app.nothingToDo': 'Tidak ada yang perlu Anda lakukan saat ini. Kami akan mengabari Anda lewat email.',

  'time.hour': '1 jam',
  'time.hours': '{n} jam',
  'time.minute': '1 menit',
  'time.minutes': '{n} menit',
  'time.underMinute': 'kurang dari 1 menit',

  'doc.choose': 'Pilih berkas atau ambil foto',
  'doc.replace': 'Ganti berkas',
  'doc.forField': '{action}: {field}',
  'doc.hint': '{types}, paling besar {max}.',
  'doc.empty': 'Berkas “{name}” kosong. Pilih berkas lain.',
  'doc.tooLarge': 'Berkas “{name}” berukuran {size}, padahal paling besar {max}. Perkecil foto atau pindai ulang dengan resolusi lebih rendah.',
  'doc.badType': 'Berkas “{name}” bukan {types}. Pilih berkas dalam salah satu format itu.',
  'doc.shrink': 'Perkecil foto lalu unggah',
  'doc.shrinking': 'Memperkecil foto…',
  'doc.shrinkFailed': 'Foto ini tidak dapat diperkecil di perangkat Anda. Ambil foto dengan resolusi lebih rendah atau pilih berkas lain.',
  'doc.uploading': 'Mengunggah {name}…',
  'doc.progress': 'Terunggah {percent}%',
  'doc.cancel': 'Batalkan unggahan',
  'doc.cancelled': 'Unggahan dibatalkan.',
  'doc.done': 'Terunggah: {name} ({size}).',
  'doc.uploaded': 'Terunggah',
  'doc.existing': 'Dokumen sudah diunggah.',
  'doc.existingNamed': 'Sudah diunggah: {name} ({size}).',
  'doc.view': 'Unduh berkas',
  'doc.networkFailed': 'Unggahan terputus. Periksa koneksi Anda lalu coba lagi; berkas yang Anda pilih masih tersimpan.',
  'doc.retry': 'Coba unggah lagi',
  'doc.chooseOther': 'Pilih berkas lain',
  'doc.keptPrevious': 'Dokumen yang diunggah sebelumnya tetap dipakai.',
  'doc.pdf': 'PDF',

  'duration.unitFor': 'Satuan waktu: {field}',
  'duration.minutes': 'menit',
  'duration.hours': 'jam',
  'duration.days': 'hari',
  'duration.weeks': 'minggu',
  'duration.minute': 'menit',
  'duration.hour': 'jam',
  'duration.day': 'hari',
  'duration.week': 'minggu',
  'duration.written': 'Tertulis {iso} ({text}), ditampilkan dalam {unit}. Nilai itu tetap sampai Anda mengubahnya.',
  'duration.whole': 'Tulis bilangan bulat 0 atau lebih dengan angka, misalnya 2.',
  'duration.asText': 'Durasi ini tidak dapat ditulis sebagai satu angka dan satu satuan, jadi ditampilkan apa adanya sebagai durasi ISO 8601.',
  'duration.textHint': 'Durasi ISO 8601, misalnya PT2H (2 jam), P7D (7 hari) atau P1DT12H (1 hari 12 jam). Bulan dan tahun tidak dapat dipakai.',
  'duration.means': 'Artinya: {text}.',
  'duration.notIso': 'Ini bukan durasi yang dapat dipakai. Tulis misalnya PT2H (2 jam) atau P7D (7 hari), tanpa bulan dan tahun.',
  'money.currency': 'dalam rupiah',
  'money.invalid': 'Tulis jumlah rupiah dengan angka, tanpa sen, misalnya 1.500.000.',

  'form.submit': 'Kirim',
  'form.requiredNote': 'Isian bertanda * wajib diisi.',
  'form.required': 'Wajib diisi.',
  'form.pattern': 'Formatnya belum sesuai. Lihat petunjuk pada isian ini.',
  // Buttons of list fields (components/rjsf-templates.tsx): the visible text, then the full name
  // saying which item, with the visible text first (what a voice-control user says must match).
  'form.array.item': 'butir {n}',
  'form.array.itemOf': 'butir {n} dari {title}',
  'form.array.add': 'Tambah',
  'form.array.addItem': 'Tambah butir',
  'form.array.addTo': 'Tambah butir ke {title}',
  'form.array.remove': 'Hapus',
  'form.array.removeItem': 'Hapus {item}',
  'form.array.moveUp': 'Pindah ke atas',
  'form.array.moveUpItem': 'Pindah ke atas: {item}',
  'form.array.moveDown': 'Pindah ke bawah',
  'form.array.moveDownItem': 'Pindah ke bawah: {item}',
  'form.array.copy': 'Salin',
  'form.array.copyItem': 'Salin {item}',

  'history.title': 'Riwayat permohonan',
  'history.back': 'Kembali ke permohonan',
  'history.empty': 'Belum ada riwayat.',

  'event.SUBMIT': 'Kirim',
  'event.BACK': 'Kembali ke langkah sebelumnya',
  'event.CANCEL': 'Batalkan permohonan',

} as const;

export type MessageKey = keyof typeof id;

const en: Record<MessageKey, string> = {
  'app.name': 'Alur',
  'app.tagline': 'Government permit applications online',
  'skip.main': 'Skip to main content',
  'nav.label': 'Main navigation',
  'nav.applications': 'My applications',
  'nav.officer': 'Counter',
  'nav.policy': 'Policy',
  'nav.audit': 'Audit',
  'forbidden.title': 'This page is not for your account',
  'forbidden.text': 'This page is only for staff with a particular role. If you need it, ask an administrator.',
  'nav.login': 'Log in',
  'nav.register': 'Register',
  'nav.logout': 'Log out',
  'nav.signedInAs': 'Logged in as {name}',
  'lang.label': 'Language',
  'footer.text': 'Alur: government permit applications online.',

  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.cancel': 'Cancel',
  'common.sending': 'Sending…',
  'common.allRequired': 'All fields are required.',

  'error.summaryTitle': 'There is a problem',
  'error.errorPrefix': 'Error:',
  'error.networkTitle': 'Connection failed',
  'error.network': 'Could not reach the server. Check your internet connection and try again. Your input is kept.',
  'error.unexpectedTitle': 'Something went wrong',
  'error.unexpected': 'Something unexpected went wrong. Please try again.',
  'error.sessionEnded': 'Your session has ended or you are not logged in.',
  'error.loginAgain': 'Log in again',
  'error.pageFailed': 'This page failed to load. Check your connection and reload.',
  'error.reloadPage': 'Reload the page',
  'notFound.title': 'Page not found',
  'notFound.text': 'This address does not exist. Check it, or go back to the home page.',
  'notFound.home': 'Go to the home page',

  'home.title': 'Apply for permits online',
  'home.intro':
    'Alur guides you through government permit applications step by step: fill in the forms, upload documents, book a time and pay where the service asks for it, and follow the status from your phone.',
  'home.flowsTitle': 'Available services',
  'home.noFlows': 'No services are open yet.',
  'home.start': 'Start application',
  'home.starting': 'Starting…',
  'home.loginFirst': 'To start an application, log in to your account first.',
  'home.noAccount': 'No account yet?',
  'home.createAccount': 'Create an account',
  'home.about': 'About this service',

  'field.email': 'Email',
  'field.password': 'Password',
  'field.passwordHint': 'At least 10 characters, with at least one letter and one digit.',
  'field.fullName': 'Full name',
  'field.fullNameHint': 'As on your identity card.',
  'field.code': 'Verification code',
  'field.codeHint': 'The 6 digits from the email we sent. The code is valid for 10 minutes.',

  'register.title': 'Create an account',
  'register.intro': 'After you register, we email you a 6-digit code to activate your account.',
  'register.submit': 'Register',
  'register.haveAccount': 'Already have an account?',

  'verify.title': 'Activate your account',
  'verify.intro': 'Enter the 6-digit code we sent to your email.',
  'verify.submit': 'Activate account',
  'verify.resend': 'Send a new code',
  'verify.resent': 'If this account is waiting for activation, a new code has been sent to {email}.',
  'verify.needEmail': 'Fill in your email first.',

  'login.title': 'Log in',
  'login.submit': 'Log in',
  'login.verified': 'Your account is active. Please log in.',
  'login.noAccount': 'No account yet?',
  'login.activate': 'Activate your account with the code from the email',

  'apps.title': 'My applications',
  'apps.empty': 'You have no applications yet.',
  'apps.startNew': 'Start a new application',
  'apps.updated': 'Updated {date}',
  'apps.more': 'Load more',
  'apps.untitled': 'Application',

  'app.title': 'Application',
  'app.status': 'Status',
  'app.updated': 'Last updated',
  'app.stepLabel': 'Step',
  'app.history': 'See the status and history of the application',
  'app.saved': 'Saved. Your application has been updated.',
  'app.reload': 'Reload the application',
  'app.actions': 'Actions',
  'app.otherActions': 'Other actions',
  'app.confirmYes': 'Yes, {action}',
  'app.confirmNo': 'No',
  'app.final': 'This application is closed.',
  'app.nothingToDo': 'There is nothing for you to do right now. We will email you.',

  'time.hour': '1 hour',
  'time.hours': '{n} hours',
  'time.minute': '1 minute',
  'time.minutes': '{n} minutes',
  'time.underMinute': 'less than a minute',

  'doc.choose': 'Choose a file or take a photo',
  'doc.replace': 'Replace the file',
  'doc.forField': '{action}: {field}',
  'doc.hint': '{types}, at most {max}.',
  'doc.empty': 'The file “{name}” is empty. Choose another file.',
  'doc.tooLarge': 'The file “{name}” is {size}; the limit is {max}. Make the photo smaller or scan again at a lower resolution.',
  'doc.badType': 'The file “{name}” is not {types}. Choose a file in one of those formats.',
  'doc.shrink': 'Make the photo smaller and upload it',
  'doc.shrinking': 'Making the photo smaller…',
  'doc.shrinkFailed': 'This photo cannot be made smaller on your device. Take a photo at a lower resolution or choose another file.',
  'doc.uploading': 'Uploading {name}…',
  'doc.progress': '{percent}% uploaded',
  'doc.cancel': 'Cancel the upload',
  'doc.cancelled': 'Upload cancelled.',
  'doc.done': 'Uploaded: {name} ({size}).',
  'doc.uploaded': 'Uploaded',
  'doc.existing': 'A document has been uploaded.',
  'doc.existingNamed': 'Uploaded: {name} ({size}).',
  'doc.view': 'Download the file',
  'doc.networkFailed': 'The upload was interrupted. Check your connection and try again; the file you chose is kept.',
  'doc.retry': 'Try the upload again',
  'doc.chooseOther': 'Choose another file',
  'doc.keptPrevious': 'The document uploaded before is still used.',
  'doc.pdf': 'PDF',

  'duration.unitFor': 'Unit of time: {field}',
  'duration.minutes': 'minutes',
  'duration.hours': 'hours',
  'duration.days': 'days',
  'duration.weeks': 'weeks',
  'duration.minute': 'minute',
  'duration.hour': 'hour',
  'duration.day': 'day',
  'duration.week': 'week',
  'duration.written': 'Written as {iso} ({text}), shown in {unit}. It stays so until you change it.',
  'duration.whole': 'Enter a whole number, 0 or more, in digits, e.g. 2.',
  'duration.asText': 'This duration cannot be written as one number and one unit, so it is shown as it is, as an ISO 8601 duration.',
  'duration.textHint': 'An ISO 8601 duration, e.g. PT2H (2 hours), P7D (7 days) or P1DT12H (1 day 12 hours). Months and years cannot be used.',
  'duration.means': 'That is: {text}.',
  'duration.notIso': 'This is not a duration that can be used. Write e.g. PT2H (2 hours) or P7D (7 days), without months or years.',
  'money.currency': 'in rupiah',
  'money.invalid': 'Enter the amount in rupiah in digits, without cents, e.g. 1,500,000.',

  'form.submit': 'Submit',
  'form.requiredNote': 'Fields marked * are required.',
  'form.required': 'Required.',
  'form.pattern': 'This is not in the right format. See the hint for this field.',
  'form.array.item': 'item {n}',
  'form.array.itemOf': 'item {n} of {title}',
  'form.array.add': 'Add',
  'form.array.addItem': 'Add item',
  'form.array.addTo': 'Add item to {title}',
  'form.array.remove': 'Remove',
  'form.array.removeItem': 'Remove {item}',
  'form.array.moveUp': 'Move up',
  'form.array.moveUpItem': 'Move up: {item}',
  'form.array.moveDown': 'Move down',
  'form.array.moveDownItem': 'Move down: {item}',
  'form.array.copy': 'Copy',
  'form.array.copyItem': 'Copy {item}',

  'history.title': 'Application history',
  'history.back': 'Back to the application',
  'history.empty': 'No history yet.',

  'event.SUBMIT': 'Submit',
  'event.BACK': 'Back to the previous step',
  'event.CANCEL': 'Cancel the application',

};

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { id, en };

export type Params = Record<string, string | number>;

/** True if `key` is in the dictionary (for keys built at run time, e.g. `event.${type}`). Pure. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(id, key);
}

/** The UI string `key` in `lang`, `{name}` placeholders filled from `params`. Pure. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  return fillParams(DICTIONARIES[lang][key] ?? id[key], params);
}

/** `text` with each `{name}` replaced by `params[name]` (unknown names left as they are). Pure. */
export function fillParams(text: string, params?: Params): string {
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : m)) : text;
}

/** A server text in `lang`, falling back to Indonesian; '' for none. Pure. */
export function pickText(lang: Lang, text: I18nText | null | undefined): string {
  if (!text) return '';
  return text[lang] || text.id || text.en || '';
}

export function isLang(value: unknown): value is Lang {
  return value === 'id' || value === 'en';
}

// --- the current language -------------------------------------------------------------------

function readCookie(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const pair = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
  return pair?.slice(name.length + 1);
}

/** The saved choice (localStorage, then the cookie), else Indonesian. */
function initialLang(): Lang {
  try {
    const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch {
    // NOTE: storage can throw (privacy modes); the cookie still works.
  }
  const cookie = readCookie(COOKIE);
  return isLang(cookie) ? cookie : 'id';
}

let current: Lang = initialLang();
const listeners = new Set<() => void>();

function applyToDocument(lang: Lang) {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}
applyToDocument(current);

/** The current UI language (for code outside React, e.g. the API client's Accept-Language). */
export function getLang(): Lang {
  return current;
}

/** Switches the UI language and remembers it (localStorage + `alur_lang` cookie for the server). */
export function setLang(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // ignore: the cookie below is enough
  }
  if (typeof document !== 'undefined') {
    const secure = location.protocol === 'https:' ? '; secure' : '';
    document.cookie = `${COOKIE}=${lang}; path=/; max-age=31536000; samesite=lax${secure}`;
  }
  applyToDocument(lang);
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// --- React ------------------------------------------------------------------------------------

export type I18n = {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** A UI string. */
  t: (key: MessageKey, params?: Params) => string;
  /** A text from the server ({id, en}). */
  tx: (text: I18nText | null | undefined) => string;
  /** A date-time (ISO string) for humans, in the user's time zone. */
  formatDateTime: (iso: string) => string;
  /** A calendar date (`YYYY-MM-DD`), as written, without time-zone shifts. */
  formatDate: (ymd: string) => string;
};

/** Builds the i18n helpers for `lang`. Pure. */
export function i18nFor(lang: Lang): I18n {
  const locale = lang === 'id' ? 'id-ID' : 'en-GB';
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' });
  return {
    lang,
    setLang,
    t: (key, params) => translate(lang, key, params),
    tx: (text) => pickText(lang, text),
    formatDateTime: (iso) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
    },
    formatDate: (ymd) => {
      const d = /^\d{4}-\d{2}-\d{2}$/.test(ymd) ? new Date(`${ymd}T00:00:00Z`) : null;
      return d && !Number.isNaN(d.getTime()) ? date.format(d) : ymd;
    },
  };
}

const I18nContext = createContext<I18n>(i18nFor('id'));

/** Provides the current language to the tree; re-renders (never remounts) on a switch. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const lang = useSyncExternalStore(subscribe, getLang, getLang);
  const value = useMemo(() => i18nFor(lang), [lang]);
  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
