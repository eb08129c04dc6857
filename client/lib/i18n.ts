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
    'Alur memandu Anda mengajukan permohonan layanan pemerintah, dimulai dengan paspor, langkah demi langkah: isi formulir, unggah dokumen, pilih jadwal, bayar, lalu pantau statusnya dari ponsel Anda.',
  'home.flowsTitle': 'Layanan yang tersedia',
  'home.noFlows': 'Belum ada layanan yang dibuka.',
  'home.start': 'Mulai permohonan',
  'home.starting': 'Memulai…',
  'home.loginFirst': 'Untuk memulai permohonan, masuk ke akun Anda terlebih dahulu.',
  'home.noAccount': 'Belum punya akun?',
  'home.createAccount': 'Buat akun',
  'home.fees': 'Biaya',
  'home.feesCaption': 'Biaya {service}',
  'home.passportCol': 'Paspor',
  'home.feeCol': 'Biaya',
  'home.passport.ordinary': 'Paspor biasa, {years} tahun',
  'home.passport.electronic': 'Paspor elektronik, {years} tahun',
  'home.surcharge': 'Sudah termasuk biaya layanan percepatan {amount}.',
  'home.bring': 'Yang perlu disiapkan',
  'home.bringHint': 'Unggah pindaian atau foto yang jelas; bawa dokumen aslinya ke kantor imigrasi.',
  'home.minor': 'Pemohon di bawah {age} tahun juga: {kinds}.',
  'home.timing': 'Jadwal dan pembayaran',
  'home.payWithin': 'Bayar dalam {duration} setelah memesan jadwal; jika tidak, jadwal dilepas.',
  'home.leadDay': 'Pesan jadwal paling lambat satu hari sebelumnya.',
  'home.leadDays': 'Pesan jadwal paling lambat {n} hari sebelumnya.',
  'home.sameDay': 'Paspor selesai di hari yang sama dengan perekaman biometrik.',
  'home.readyIn': 'Paspor siap diambil {n} hari kerja setelah perekaman biometrik.',
  'home.about': 'Tentang layanan ini',
  'home.day': '1 hari',
  'home.days': '{n} hari',

  'field.email': 'Email',
  'field.password': 'Kata sandi',
  'field.passwordHint': 'Minimal 10 karakter, dengan setidaknya satu huruf dan satu angka.',
  'field.fullName': 'Nama lengkap',
  'field.fullNameHint': 'Sesuai KTP.',
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
  'app.confirmCancel': 'Yakin ingin membatalkan permohonan ini? Pembatalan tidak dapat diurungkan.',
  'app.confirmYes': 'Ya, batalkan',
  'app.confirmNo': 'Tidak',
  'app.final': 'Permohonan ini sudah selesai.',
  'app.nothingToDo': 'Tidak ada yang perlu Anda lakukan saat ini. Kami akan mengabari Anda lewat email.',
  'app.payment': 'Pembayaran',
  'app.billingCode': 'Kode bayar',
  'app.amount': 'Jumlah',
  'app.payBefore': 'Bayar sebelum',
  'app.appointment': 'Jadwal kedatangan',
  'app.office': 'Kantor',
  'app.date': 'Tanggal',
  'app.time': 'Jam',
  'app.queue': 'Nomor antrean',
  'app.pickupDate': 'Tanggal pengambilan',

  'time.hour': '1 jam',
  'time.hours': '{n} jam',
  'time.minute': '1 menit',
  'time.minutes': '{n} menit',
  'time.underMinute': 'kurang dari 1 menit',

  'kind.ktp': 'KTP',
  'kind.kk': 'Kartu Keluarga (KK)',
  'kind.birthProof': 'Akta kelahiran, buku nikah, atau ijazah',
  'kind.oldPassport': 'Paspor lama',
  'kind.parentKtp': 'KTP orang tua',

  'doc.choose': 'Pilih berkas atau ambil foto',
  'doc.replace': 'Ganti berkas',
  'doc.forField': '{action}: {field}',
  'doc.hint': 'JPEG, PNG atau PDF, paling besar {max}.',
  'doc.empty': 'Berkas “{name}” kosong. Pilih berkas lain.',
  'doc.tooLarge': 'Berkas “{name}” berukuran {size}, padahal paling besar {max}. Perkecil foto atau pindai ulang dengan resolusi lebih rendah.',
  'doc.badType': 'Berkas “{name}” bukan JPEG, PNG atau PDF. Pilih foto atau pindaian dalam salah satu format itu.',
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

  'sched.chooseOffice': 'Pilih kantor',
  'sched.officeWhere': '{address}. Zona waktu {zone}.',
  'sched.prev': '2 minggu sebelumnya',
  'sched.next': '2 minggu berikutnya',
  'sched.range': '{from} sampai {to}',
  'sched.loading': 'Memuat ketersediaan…',
  'sched.officeFirst': 'Pilih kantor terlebih dahulu untuk melihat tanggal yang tersedia.',
  'sched.dateFirst': 'Pilih tanggal terlebih dahulu untuk melihat sesinya.',
  'sched.places': '{n} tempat',
  'sched.placesLeft': '{n} tempat tersisa',
  'sched.place': '1 tempat',
  'sched.placeLeft': '1 tempat tersisa',
  'sched.full': 'Penuh',
  'sched.closed': 'Tutup',
  'sched.holiday': 'Libur',
  'sched.holidayNamed': 'Libur: {name}',
  'sched.noStock': 'Blangko paspor habis',
  'sched.noStockElectronic': 'Blangko e-paspor habis',
  'sched.noStockLong': 'blangko paspor habis di kantor ini',
  'sched.noStockElectronicLong': 'blangko e-paspor habis di kantor ini',
  'sched.notYetOpen': 'Belum dibuka',
  'sched.notYetOpenLong': 'belum dibuka untuk pemesanan (jadwal dibuka bertahap, beberapa minggu ke depan)',
  'sched.tooSoon': 'Terlalu cepat',
  'sched.tooSoonExpress': 'Terlalu cepat untuk percepatan',
  'sched.tooSoonLong': 'terlalu cepat untuk dipesan',
  'sched.tooSoonExpressLong': 'terlalu cepat untuk layanan percepatan, yang harus dipesan paling lambat sehari sebelumnya',
  'sched.today': 'hari ini',
  'sched.noneInRange': 'Tidak ada tempat kosong di {office} dari {from} sampai {to}.',
  'sched.nearest': 'Kantor terdekat yang masih memiliki tempat:',
  'sched.nearestButton': '{city}: mulai {date} ({km} km)',
  'sched.switched': 'Kantor diganti ke {name}.',
  'sched.daySessions': '{date}: pilih sesi di bawah.',
  'sched.sessionText': '{name}, {start}–{end} {zone}',
  'sched.chosen': 'Pilihan Anda: {office}, {date}, {session}.',
  'session.pagi': 'Pagi',
  'session.siang': 'Siang',
  'session.sore': 'Sore',

  'pay.total': 'Jumlah yang harus dibayar',
  'pay.lines': 'Rincian biaya',
  'pay.copy': 'Salin kode bayar',
  'pay.copied': 'Kode bayar disalin.',
  'pay.copyFailed': 'Tidak dapat menyalin otomatis. Kode sudah ditandai; salin secara manual.',
  'pay.how': 'Bayar dengan kode ini lewat teller bank, ATM, mobile banking atau kantor pos. Status berubah sendiri setelah pembayaran diterima.',
  'pay.deadline': 'Bayar sebelum {time}.',
  'pay.remaining': 'Sisa waktu',
  'pay.remainingSpoken': 'Sisa waktu untuk membayar: {time}.',
  'pay.atExpiry': 'Jika belum dibayar saat waktu habis, permohonan kedaluwarsa, tempat yang ditahan dilepas, dan Anda perlu memulai permohonan baru.',
  'pay.expired': 'Batas waktu pembayaran sudah lewat. Status sedang diperbarui…',
  'pay.check': 'Saya sudah membayar: periksa status',
  'pay.sandbox': 'Bayar di sandbox',
  'pay.sandboxNote': 'Lingkungan uji coba: tidak ada uang sungguhan yang berpindah.',
  'pay.held': 'Tempat yang ditahan untuk Anda',

  'conf.title': 'Bukti jadwal kedatangan',
  'conf.qrAlt': 'Kode QR antrean {code}',
  'conf.qrHelp': 'Tunjukkan kode QR ini kepada petugas saat Anda tiba.',
  'conf.session': 'Sesi',
  'conf.address': 'Alamat',
  'conf.checkIn': 'Lapor diri dibuka satu jam sebelum sesi dimulai. Jika tidak lapor diri sampai akhir hari itu, permohonan ditutup dan biaya tidak dikembalikan.',
  'conf.bring': 'Yang perlu dibawa',
  'conf.bringQr': 'Bukti ini (kode QR), di ponsel atau dicetak',
  'conf.bringOriginal': '{kind} asli',
  'conf.print': 'Cetak bukti',

  'form.submit': 'Kirim',
  'form.requiredNote': 'Isian bertanda * wajib diisi.',
  'form.required': 'Wajib diisi.',
  'form.pattern': 'Formatnya belum sesuai. Lihat petunjuk pada isian ini.',

  'history.title': 'Riwayat permohonan',
  'history.back': 'Kembali ke permohonan',
  'history.empty': 'Belum ada riwayat.',

  'event.SUBMIT': 'Kirim',
  'event.BACK': 'Kembali ke langkah sebelumnya',
  'event.CANCEL': 'Batalkan permohonan',

  'status.draft': 'Draf',
  'status.awaitingPayment': 'Menunggu pembayaran',
  'status.booked': 'Terjadwal',
  'status.checkedIn': 'Sudah hadir di kantor',
  'status.inReview': 'Sedang diperiksa',
  'status.printing': 'Sedang dicetak',
  'status.readyForPickup': 'Siap diambil',
  'status.collected': 'Sudah diambil',
  'status.cancelled': 'Dibatalkan',
  'status.expired': 'Kedaluwarsa',
  'status.noShow': 'Tidak hadir',
  'status.rejected': 'Ditolak',
  'status.walkInRequired': 'Harus datang langsung',
  'status.uncollected': 'Tidak diambil',
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
    'Alur guides you through government permit applications, starting with passports, step by step: fill in the forms, upload documents, book a time, pay, and follow the status from your phone.',
  'home.flowsTitle': 'Available services',
  'home.noFlows': 'No services are open yet.',
  'home.start': 'Start application',
  'home.starting': 'Starting…',
  'home.loginFirst': 'To start an application, log in to your account first.',
  'home.noAccount': 'No account yet?',
  'home.createAccount': 'Create an account',
  'home.fees': 'Fees',
  'home.feesCaption': 'Fees for {service}',
  'home.passportCol': 'Passport',
  'home.feeCol': 'Fee',
  'home.passport.ordinary': 'Ordinary passport, {years} years',
  'home.passport.electronic': 'Electronic passport, {years} years',
  'home.surcharge': 'Includes the express service surcharge of {amount}.',
  'home.bring': 'What to prepare',
  'home.bringHint': 'Upload clear scans or photos; bring the originals to the immigration office.',
  'home.minor': 'Applicants under {age} also: {kinds}.',
  'home.timing': 'Booking and payment',
  'home.payWithin': 'Pay within {duration} of booking, or the place is released.',
  'home.leadDay': 'Book at least one day ahead.',
  'home.leadDays': 'Book at least {n} days ahead.',
  'home.sameDay': 'The passport is ready the same day as your biometrics.',
  'home.readyIn': 'The passport is ready {n} working days after your biometrics.',
  'home.about': 'About this service',
  'home.day': '1 day',
  'home.days': '{n} days',

  'field.email': 'Email',
  'field.password': 'Password',
  'field.passwordHint': 'At least 10 characters, with at least one letter and one digit.',
  'field.fullName': 'Full name',
  'field.fullNameHint': 'As on your identity card (KTP).',
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
  'app.confirmCancel': 'Do you really want to cancel this application? This cannot be undone.',
  'app.confirmYes': 'Yes, cancel it',
  'app.confirmNo': 'No',
  'app.final': 'This application is closed.',
  'app.nothingToDo': 'There is nothing for you to do right now. We will email you.',
  'app.payment': 'Payment',
  'app.billingCode': 'Billing code',
  'app.amount': 'Amount',
  'app.payBefore': 'Pay before',
  'app.appointment': 'Appointment',
  'app.office': 'Office',
  'app.date': 'Date',
  'app.time': 'Time',
  'app.queue': 'Queue number',
  'app.pickupDate': 'Pick-up date',

  'time.hour': '1 hour',
  'time.hours': '{n} hours',
  'time.minute': '1 minute',
  'time.minutes': '{n} minutes',
  'time.underMinute': 'less than a minute',

  'kind.ktp': 'ID card (KTP)',
  'kind.kk': 'family card (KK)',
  'kind.birthProof': 'birth certificate, marriage book or diploma',
  'kind.oldPassport': 'old passport',
  'kind.parentKtp': 'parent’s ID card (KTP)',

  'doc.choose': 'Choose a file or take a photo',
  'doc.replace': 'Replace the file',
  'doc.forField': '{action}: {field}',
  'doc.hint': 'JPEG, PNG or PDF, at most {max}.',
  'doc.empty': 'The file “{name}” is empty. Choose another file.',
  'doc.tooLarge': 'The file “{name}” is {size}; the limit is {max}. Make the photo smaller or scan again at a lower resolution.',
  'doc.badType': 'The file “{name}” is not a JPEG, PNG or PDF. Choose a photo or scan in one of those formats.',
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

  'sched.chooseOffice': 'Choose an office',
  'sched.officeWhere': '{address}. Time zone {zone}.',
  'sched.prev': 'Previous 2 weeks',
  'sched.next': 'Next 2 weeks',
  'sched.range': '{from} to {to}',
  'sched.loading': 'Loading availability…',
  'sched.officeFirst': 'Choose an office first to see the dates with places.',
  'sched.dateFirst': 'Choose a date first to see its sessions.',
  'sched.places': '{n} places',
  'sched.placesLeft': '{n} places left',
  'sched.place': '1 place',
  'sched.placeLeft': '1 place left',
  'sched.full': 'Full',
  'sched.closed': 'Closed',
  'sched.holiday': 'Holiday',
  'sched.holidayNamed': 'Holiday: {name}',
  'sched.noStock': 'No passport books',
  'sched.noStockElectronic': 'No e-passport books',
  'sched.noStockLong': 'no passport books at this office',
  'sched.noStockElectronicLong': 'no e-passport books at this office',
  'sched.notYetOpen': 'Not open yet',
  'sched.notYetOpenLong': 'not open for booking yet (dates open a few weeks ahead)',
  'sched.tooSoon': 'Too soon',
  'sched.tooSoonExpress': 'Too soon for express',
  'sched.tooSoonLong': 'too soon to book',
  'sched.tooSoonExpressLong': 'too soon for the express service, which must be booked at least one day ahead',
  'sched.today': 'today',
  'sched.noneInRange': '{office} has no free places from {from} to {to}.',
  'sched.nearest': 'Nearest offices with free places:',
  'sched.nearestButton': '{city}: from {date} ({km} km)',
  'sched.switched': 'Office changed to {name}.',
  'sched.daySessions': '{date}: choose a session below.',
  'sched.sessionText': '{name}, {start}–{end} {zone}',
  'sched.chosen': 'Your choice: {office}, {date}, {session}.',
  'session.pagi': 'Morning',
  'session.siang': 'Afternoon',
  'session.sore': 'Late afternoon',

  'pay.total': 'Amount to pay',
  'pay.lines': 'Fee details',
  'pay.copy': 'Copy the billing code',
  'pay.copied': 'Billing code copied.',
  'pay.copyFailed': 'Could not copy automatically. The code is selected; copy it by hand.',
  'pay.how': 'Pay with this code at a bank teller, ATM, mobile banking or a post office. The status changes by itself once the payment arrives.',
  'pay.deadline': 'Pay before {time}.',
  'pay.remaining': 'Time left',
  'pay.remainingSpoken': 'Time left to pay: {time}.',
  'pay.atExpiry': 'If it is not paid in time, the application expires, the held place is released and you will need to start a new application.',
  'pay.expired': 'The payment deadline has passed. Updating the status…',
  'pay.check': 'I have paid: check the status',
  'pay.sandbox': 'Pay in the sandbox',
  'pay.sandboxNote': 'Test environment: no real money moves.',
  'pay.held': 'The place held for you',

  'conf.title': 'Appointment confirmation',
  'conf.qrAlt': 'Queue QR code {code}',
  'conf.qrHelp': 'Show this QR code to the officer when you arrive.',
  'conf.session': 'Session',
  'conf.address': 'Address',
  'conf.checkIn': 'Check-in opens one hour before the session starts. If you have not checked in by the end of that day, the application is closed and the fee is not refunded.',
  'conf.bring': 'What to bring',
  'conf.bringQr': 'This confirmation (the QR code), on your phone or printed',
  'conf.bringOriginal': 'Original {kind}',
  'conf.print': 'Print the confirmation',

  'form.submit': 'Submit',
  'form.requiredNote': 'Fields marked * are required.',
  'form.required': 'Required.',
  'form.pattern': 'This is not in the right format. See the hint for this field.',

  'history.title': 'Application history',
  'history.back': 'Back to the application',
  'history.empty': 'No history yet.',

  'event.SUBMIT': 'Submit',
  'event.BACK': 'Back to the previous step',
  'event.CANCEL': 'Cancel the application',

  'status.draft': 'Draft',
  'status.awaitingPayment': 'Awaiting payment',
  'status.booked': 'Booked',
  'status.checkedIn': 'Checked in at the office',
  'status.inReview': 'In review',
  'status.printing': 'Being printed',
  'status.readyForPickup': 'Ready for pick-up',
  'status.collected': 'Collected',
  'status.cancelled': 'Cancelled',
  'status.expired': 'Expired',
  'status.noShow': 'No-show',
  'status.rejected': 'Rejected',
  'status.walkInRequired': 'Visit the office in person',
  'status.uncollected': 'Not collected',
};

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { id, en };

export type Params = Record<string, string | number>;

/** True if `key` is in the dictionary (for keys built at run time, e.g. `status.${status}`). Pure. */
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
