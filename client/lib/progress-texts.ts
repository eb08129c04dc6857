/**
 * UI strings of the progress pieces (stepper, "check your answers", saved drafts, offline
 * sending), Indonesian and English. Kept apart from lib/i18n.ts so these components can be
 * developed without touching the shared dictionary; same rules: Indonesian first, `{name}`
 * placeholders, the current language from `useI18n()` (a switch re-renders, nothing remounts).
 */
import { defineTexts } from './dictionary.ts';

const id = {
  'stepper.title': 'Langkah permohonan',
  'stepper.compact': 'Langkah {n} dari {total}',
  'stepper.where': 'Langkah {n} dari {total}: {name}',
  'stepper.done': 'selesai',
  'stepper.upcoming': 'belum dimulai',

  'answers.title': 'Periksa jawaban Anda',
  'answers.intro': 'Pastikan semua jawaban sudah benar. Untuk mengubah, pilih "Ubah": Anda kembali ke langkah itu, dan jawaban yang lain tetap tersimpan.',
  'answers.change': 'Ubah',
  'answers.changing': 'Membuka…',
  'answers.uploaded': 'Sudah diunggah',
  'answers.uploadedNamed': 'Sudah diunggah: {name}',
  'answers.yes': 'Ya',
  'answers.no': 'Tidak',
  'answers.other': 'Jawaban lain',
  'answers.seeOther': 'Jawaban langkah ini tercantum di bagian "Jawaban lain".',
  'answers.noneInStep': 'Tidak ada jawaban pada langkah ini.',

  'draft.restored': 'Isian yang belum Anda kirim telah dipulihkan dari perangkat ini.',

  'offline.banner': 'Anda sedang offline. Isian Anda tetap tersimpan di perangkat ini.',
  'offline.back': 'Koneksi internet kembali.',
  'offline.queued': 'Anda sedang offline — kami akan mengirimnya begitu koneksi kembali. Isian Anda tidak hilang.',
  'offline.sendNow': 'Coba kirim sekarang',
} as const;

export type ProgressKey = keyof typeof id;

const en: Record<ProgressKey, string> = {
  'stepper.title': 'Application steps',
  'stepper.compact': 'Step {n} of {total}',
  'stepper.where': 'Step {n} of {total}: {name}',
  'stepper.done': 'completed',
  'stepper.upcoming': 'not started',

  'answers.title': 'Check your answers',
  'answers.intro': 'Make sure all your answers are right. To change one, choose "Change": you go back to that step, and your other answers are kept.',
  'answers.change': 'Change',
  'answers.changing': 'Opening…',
  'answers.uploaded': 'Uploaded',
  'answers.uploadedNamed': 'Uploaded: {name}',
  'answers.yes': 'Yes',
  'answers.no': 'No',
  'answers.other': 'Other answers',
  'answers.seeOther': 'The answers of this step are listed under "Other answers".',
  'answers.noneInStep': 'No answers in this step.',

  'draft.restored': 'What you typed earlier and had not sent yet has been restored from this device.',

  'offline.banner': 'You are offline. What you type is kept on this device.',
  'offline.back': 'You are back online.',
  'offline.queued': 'You are offline — we will send it when you are back. Your answers are kept.',
  'offline.sendNow': 'Try sending now',
};

const texts = defineTexts<ProgressKey>(id, en);

/** The string `key` in `lang` with `{name}` placeholders filled. Pure. */
export const progressText = texts.text;

/** `p(key, params)` in the current UI language. */
export const useProgressText = texts.useText;
