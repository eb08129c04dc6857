/**
 * The staff work area's texts (Indonesian, the default, and English): the work queue and the work
 * page of an application, for any flow. They load with the area's chunk; a pack's pages keep
 * their own.
 */
import { defineTexts } from '../../lib/dictionary.ts';

const id = {
  'nav.label': 'Menu petugas',
  'nav.queue': 'Antrean kerja',

  'queue.title': 'Antrean kerja',
  'queue.intro': 'Permohonan yang menunggu tindakan Anda sekarang, yang paling baru menunggu di atas.',
  'queue.filter': 'Saring antrean',
  'queue.flow': 'Layanan',
  'queue.allFlows': 'Semua layanan',
  'queue.show': 'Tampilkan',
  'queue.refresh': 'Perbarui',
  'queue.caption': 'Permohonan yang menunggu Anda',
  'queue.count': '{n} permohonan ditampilkan.',
  'queue.countMore': '{n} permohonan ditampilkan; masih ada lagi.',
  'queue.empty': 'Tidak ada permohonan yang menunggu tindakan Anda.',
  'queue.more': 'Muat lebih banyak',
  'queue.loadingMore': 'Memuat…',
  'col.application': 'Permohonan',
  'col.stage': 'Tahap dan status',
  'col.waiting': 'Menunggu sejak',

  'work.titleFallback': 'Permohonan',
  'work.status': 'Status',
  'work.state': 'Tahap',
  'work.flow': 'Layanan',
  'work.version': 'versi {n}',
  'work.summary': 'Ringkasan',
  'work.applicant': 'Data permohonan',
  'work.noAnswers': 'Belum ada data yang diisi.',
  'work.recorded': 'Dicatat petugas',
  'work.documents': 'Dokumen',
  'work.noDocuments': 'Belum ada dokumen.',
  'work.documentsFailed': 'Daftar dokumen tidak dapat dimuat.',
  'work.document': '{kind} ({size})',
  'work.actions': 'Tindakan petugas',
  'work.none': 'Tidak ada tindakan Anda pada tahap ini.',
  'work.final': 'Permohonan ini sudah selesai.',
  'work.saved': 'Tersimpan: {status}.',
  'work.confirmTitle': 'Konfirmasi',
  'work.confirmYes': 'Ya, lanjutkan',
  'work.confirmNo': 'Tidak',
  'work.reload': 'Muat ulang permohonan',
  'work.history': 'Riwayat permohonan',
  'work.back': 'Kembali ke antrean kerja',
} as const;

type Key = keyof typeof id;

const en: Record<Key, string> = {
  'nav.label': 'Officer menu',
  'nav.queue': 'Work queue',

  'queue.title': 'Work queue',
  'queue.intro': 'Applications waiting for you to act now, the most recent wait on top.',
  'queue.filter': 'Filter the queue',
  'queue.flow': 'Service',
  'queue.allFlows': 'All services',
  'queue.show': 'Show',
  'queue.refresh': 'Refresh',
  'queue.caption': 'Applications waiting for you',
  'queue.count': '{n} applications shown.',
  'queue.countMore': '{n} applications shown; there are more.',
  'queue.empty': 'No application is waiting for you.',
  'queue.more': 'Load more',
  'queue.loadingMore': 'Loading…',
  'col.application': 'Application',
  'col.stage': 'Stage and status',
  'col.waiting': 'Waiting since',

  'work.titleFallback': 'Application',
  'work.status': 'Status',
  'work.state': 'Stage',
  'work.flow': 'Service',
  'work.version': 'version {n}',
  'work.summary': 'Summary',
  'work.applicant': 'Application details',
  'work.noAnswers': 'Nothing filled in yet.',
  'work.recorded': 'Recorded by officers',
  'work.documents': 'Documents',
  'work.noDocuments': 'No documents yet.',
  'work.documentsFailed': 'The documents could not be loaded.',
  'work.document': '{kind} ({size})',
  'work.actions': 'Officer actions',
  'work.none': 'Nothing for you to do at this stage.',
  'work.final': 'This application is complete.',
  'work.saved': 'Saved: {status}.',
  'work.confirmTitle': 'Confirm',
  'work.confirmYes': 'Yes, go ahead',
  'work.confirmNo': 'No',
  'work.reload': 'Reload the application',
  'work.history': 'Application history',
  'work.back': 'Back to the work queue',
};

export const officerTexts = defineTexts<Key>(id, en);
export const useOfficerText = officerTexts.useText;
/** Every key (for tests). */
export const OFFICER_TEXT_KEYS = Object.keys(id) as Key[];
export type OfficerTextKey = Key;
