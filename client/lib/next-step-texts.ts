/**
 * UI strings of the status page (pages/History.tsx: where the application stands, what to do
 * next, the timeline), Indonesian and English. Kept apart from lib/i18n.ts like
 * lib/progress-texts.ts, and loaded with the status page only (not with the first page), same
 * rules: Indonesian first, `{name}` placeholders, the current language from `useI18n()`. What a
 * flow says about itself (what happens next, its events' and states' names) comes from its
 * definition, not from here.
 */
import { defineTexts } from './dictionary.ts';

const id = {
  'page.title': 'Status permohonan',
  'page.now': 'Status saat ini',
  'page.next': 'Yang perlu Anda lakukan',
  'page.timeline': 'Riwayat permohonan',
  'page.open': 'Buka permohonan',

  'next.form': 'Lanjutkan permohonan Anda pada langkah “{step}”.',
  'next.fill': 'Isi “{title}” pada halaman permohonan.',
  'next.formPlain': 'Lanjutkan permohonan Anda: isi formulir yang diminta.',
  'next.formLink': 'Lanjutkan permohonan',
  'next.can': 'Yang dapat Anda lakukan sekarang: {actions}.',
  'next.also': 'Anda juga dapat: {actions}.',

  'tl.START': 'Permohonan dimulai',
  'tl.step': 'Langkah “{step}” selesai',
  'tl.submitted': 'Formulir dikirim',
  'tl.sent': '“{form}” dikirim',
  'tl.back': 'Kembali ke langkah “{step}”',
  'tl.backPlain': 'Kembali ke langkah sebelumnya',
  'tl.CANCEL': 'Permohonan dibatalkan',
  'tl.APPROVE': 'Permohonan disetujui',
  'tl.REJECT': 'Permohonan ditolak',
  'tl.timer': 'Waktu yang ditetapkan tercapai',
  'tl.other': 'Status permohonan berubah',
  'tl.movedTo': 'Pindah ke: {state}',
  'tl.reason': 'Alasan: {reason}',
  'tl.note': 'Catatan petugas: {note}',
  'tl.byYou': 'oleh Anda',
  'tl.byApplicant': 'oleh pemohon',
  'tl.byOfficer': 'oleh petugas',
  'tl.bySystem': 'otomatis oleh sistem',
  'tl.byStaff': 'oleh staf',
} as const;

export type NextTextKey = keyof typeof id;

const en: Record<NextTextKey, string> = {
  'page.title': 'Application status',
  'page.now': 'Where it stands',
  'page.next': 'What to do next',
  'page.timeline': 'Application history',
  'page.open': 'Open the application',

  'next.form': 'Continue your application at the step “{step}”.',
  'next.fill': 'Fill in “{title}” on the application page.',
  'next.formPlain': 'Continue your application: fill in the form it asks for.',
  'next.formLink': 'Continue the application',
  'next.can': 'What you can do now: {actions}.',
  'next.also': 'You can also: {actions}.',

  'tl.START': 'Application started',
  'tl.step': 'Step “{step}” completed',
  'tl.submitted': 'Form sent',
  'tl.sent': '“{form}” sent',
  'tl.back': 'Went back to the step “{step}”',
  'tl.backPlain': 'Went back to the previous step',
  'tl.CANCEL': 'Application cancelled',
  'tl.APPROVE': 'Application approved',
  'tl.REJECT': 'Application rejected',
  'tl.timer': 'A set time was reached',
  'tl.other': 'The application moved on',
  'tl.movedTo': 'Moved to: {state}',
  'tl.reason': 'Reason: {reason}',
  'tl.note': 'Officer’s note: {note}',
  'tl.byYou': 'by you',
  'tl.byApplicant': 'by the applicant',
  'tl.byOfficer': 'by an officer',
  'tl.bySystem': 'automatically, by the system',
  'tl.byStaff': 'by staff',
};

const texts = defineTexts<NextTextKey>(id, en);

/** True if `key` is one of these texts (for keys built at run time, e.g. `tl.${type}`). Pure. */
export const isNextTextKey = texts.has;

/** The string `key` in `lang` with `{name}` placeholders filled. Pure. */
export const nextText = texts.text;

/** `n(key, params)` in the current UI language. */
export const useNextText = texts.useText;
