/**
 * UI strings of the status page (pages/History.tsx: where the application stands, what to do
 * next, the timeline), Indonesian and English. Kept apart from lib/i18n.ts like
 * lib/progress-texts.ts, and loaded with the status page only (not with the first page), same
 * rules: Indonesian first, `{name}` placeholders, the current language from `useI18n()`.
 */
import { useMemo } from 'react';
import { useI18n, type Lang, type Params } from './i18n.ts';

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
  'next.pay': 'Bayar {amount} dengan kode bayar {code} sebelum {deadline}.',
  'next.payCode': 'Bayar dengan kode bayar {code} sebelum {deadline}.',
  'next.payOverdue': 'Batas waktu pembayaran sudah lewat. Statusnya sedang diperbarui; muat ulang halaman ini sebentar lagi.',
  'next.payLink': 'Lihat cara membayar',
  'next.attend': 'Datang ke kantor imigrasi pada jadwal berikut, bawa dokumen asli yang Anda unggah.',
  'next.attendCheckIn': 'Lapor diri dibuka satu jam sebelum sesi dimulai: tunjukkan kode QR antrean kepada petugas.',
  'next.attendLink': 'Lihat bukti jadwal dan kode QR',
  'next.atOffice': 'Anda sudah lapor diri. Tunggu nomor antrean Anda dipanggil untuk wawancara, pemeriksaan dokumen asli, serta foto dan sidik jari.',
  'next.waitReview': 'Tidak ada yang perlu Anda lakukan sekarang. Petugas sedang memeriksa permohonan Anda; kami akan mengabari Anda lewat email.',
  'next.waitPrinting': 'Tidak ada yang perlu Anda lakukan sekarang. Paspor Anda sedang dicetak; kami akan mengabari Anda lewat email saat paspor siap diambil.',
  'next.pickupFrom': 'Paspor dapat diambil mulai {date}.',
  'next.pickup': 'Ambil paspor Anda di {office} dengan membawa KTP asli.',
  'next.pickupFromOffice': 'Ambil paspor Anda di {office} mulai {date}, dengan membawa KTP asli.',
  'next.theOffice': 'kantor imigrasi tempat foto dan sidik jari Anda diambil',
  'next.visitOffice': 'Datang langsung ke kantor imigrasi pada hari kerja dengan membawa dokumen yang disebutkan di atas.',
  'next.startAgain': 'Permohonan ini sudah ditutup. Jika Anda masih memerlukan paspor, mulai permohonan baru.',
  'next.done': 'Selesai. Tidak ada lagi yang perlu Anda lakukan.',
  'next.act': 'Ada tindakan yang dapat dilakukan pada permohonan ini.',
  'next.also': 'Anda juga dapat: {actions}.',

  'tl.START': 'Permohonan dimulai',
  'tl.step': 'Langkah “{step}” selesai',
  'tl.submitted': 'Formulir dikirim',
  'tl.booked': 'Jadwal dipesan untuk {date}',
  'tl.documentSent': 'Dokumen yang diminta dikirim',
  'tl.back': 'Kembali ke langkah “{step}”',
  'tl.backPlain': 'Kembali ke langkah sebelumnya',
  'tl.CANCEL': 'Permohonan dibatalkan',
  'tl.PAYMENT_CONFIRMED': 'Pembayaran diterima',
  'tl.RESCHEDULE': 'Jadwal diubah',
  'tl.rescheduled': 'Jadwal diubah ke {date}',
  'tl.CHECK_IN': 'Lapor diri di kantor imigrasi',
  'tl.RECORD_BIOMETRICS': 'Wawancara, foto dan sidik jari selesai',
  'tl.APPROVE': 'Permohonan disetujui',
  'tl.REJECT': 'Permohonan ditolak',
  'tl.REQUEST_DOCUMENT': 'Petugas meminta dokumen tambahan',
  'tl.requested': 'Petugas meminta dokumen tambahan: {kind}',
  'tl.PRINTED': 'Paspor selesai dicetak',
  'tl.HAND_OVER': 'Paspor diserahkan',
  'tl.timer.paymentWindow': 'Batas waktu pembayaran lewat',
  'tl.timer.dayBeforeAppointment': 'Pengingat jadwal dikirim',
  'tl.timer.endOfAppointmentDay': 'Tidak lapor diri pada hari jadwal',
  'tl.timer.documentDeadline': 'Batas waktu dokumen yang diminta lewat',
  'tl.timer.uncollectedAfter': 'Paspor tidak diambil dalam batas waktu',
  'tl.timer': 'Batas waktu tercapai',
  'tl.other': 'Status permohonan berubah',
  'tl.queue': 'Nomor antrean: {n}',
  'tl.pickupDate': 'Dapat diambil mulai {date}',
  'tl.reason': 'Alasan: {reason}',
  'tl.note': 'Catatan petugas: {note}',
  'tl.byYou': 'oleh Anda',
  'tl.byApplicant': 'oleh pemohon',
  'tl.byOfficer': 'oleh petugas imigrasi',
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
  'next.pay': 'Pay {amount} with the billing code {code} before {deadline}.',
  'next.payCode': 'Pay with the billing code {code} before {deadline}.',
  'next.payOverdue': 'The payment deadline has passed. The status is being updated; reload this page in a moment.',
  'next.payLink': 'See how to pay',
  'next.attend': 'Come to the immigration office at this appointment, with the originals of the documents you uploaded.',
  'next.attendCheckIn': 'Check-in opens one hour before the session starts: show your queue QR code to the officer.',
  'next.attendLink': 'See the appointment confirmation and QR code',
  'next.atOffice': 'You have checked in. Wait for your queue number to be called for the interview, the check of your originals, and your photo and fingerprints.',
  'next.waitReview': 'Nothing to do right now. An officer is reviewing your application; we will email you.',
  'next.waitPrinting': 'Nothing to do right now. Your passport is being printed; we will email you when it is ready for pick-up.',
  'next.pickupFrom': 'The passport can be collected from {date}.',
  'next.pickup': 'Collect your passport at {office}, bringing your original ID card (KTP).',
  'next.pickupFromOffice': 'Collect your passport at {office} from {date}, bringing your original ID card (KTP).',
  'next.theOffice': 'the immigration office where your photo and fingerprints were taken',
  'next.visitOffice': 'Visit an immigration office in person on a working day, with the documents listed above.',
  'next.startAgain': 'This application is closed. If you still need a passport, start a new application.',
  'next.done': 'All done. There is nothing more for you to do.',
  'next.act': 'There is something that can be done on this application.',
  'next.also': 'You can also: {actions}.',

  'tl.START': 'Application started',
  'tl.step': 'Step “{step}” completed',
  'tl.submitted': 'Form sent',
  'tl.booked': 'Appointment booked for {date}',
  'tl.documentSent': 'Requested document sent',
  'tl.back': 'Went back to the step “{step}”',
  'tl.backPlain': 'Went back to the previous step',
  'tl.CANCEL': 'Application cancelled',
  'tl.PAYMENT_CONFIRMED': 'Payment received',
  'tl.RESCHEDULE': 'Appointment changed',
  'tl.rescheduled': 'Appointment moved to {date}',
  'tl.CHECK_IN': 'Checked in at the immigration office',
  'tl.RECORD_BIOMETRICS': 'Interview, photo and fingerprints done',
  'tl.APPROVE': 'Application approved',
  'tl.REJECT': 'Application rejected',
  'tl.REQUEST_DOCUMENT': 'The officer asked for another document',
  'tl.requested': 'The officer asked for another document: {kind}',
  'tl.PRINTED': 'Passport printed',
  'tl.HAND_OVER': 'Passport handed over',
  'tl.timer.paymentWindow': 'Payment deadline passed',
  'tl.timer.dayBeforeAppointment': 'Appointment reminder sent',
  'tl.timer.endOfAppointmentDay': 'No check-in on the appointment day',
  'tl.timer.documentDeadline': 'Deadline for the requested document passed',
  'tl.timer.uncollectedAfter': 'Passport not collected in time',
  'tl.timer': 'A deadline was reached',
  'tl.other': 'The application moved on',
  'tl.queue': 'Queue number: {n}',
  'tl.pickupDate': 'Ready for pick-up from {date}',
  'tl.reason': 'Reason: {reason}',
  'tl.note': 'Officer’s note: {note}',
  'tl.byYou': 'by you',
  'tl.byApplicant': 'by the applicant',
  'tl.byOfficer': 'by an immigration officer',
  'tl.bySystem': 'automatically, by the system',
  'tl.byStaff': 'by staff',
};

const TEXTS: Record<Lang, Record<NextTextKey, string>> = { id, en };

/** True if `key` is one of these texts (for keys built at run time, e.g. `tl.${type}`). Pure. */
export function isNextTextKey(key: string): key is NextTextKey {
  return Object.hasOwn(id, key);
}

/** The string `key` in `lang` with `{name}` placeholders filled. Pure. */
export function nextText(lang: Lang, key: NextTextKey, params?: Params): string {
  const text = TEXTS[lang][key] ?? id[key];
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : m)) : text;
}

/** `n(key, params)` in the current UI language. */
export function useNextText(): (key: NextTextKey, params?: Params) => string {
  const { lang } = useI18n();
  return useMemo(() => (key: NextTextKey, params?: Params) => nextText(lang, key, params), [lang]);
}
