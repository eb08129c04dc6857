/**
 * The first draft of a new flow (`POST /api/flows` without `from`): the smallest definition that
 * validates and runs, for policy staff to grow in the editor. An applicant fills in one form and
 * submits (or cancels, after confirming); an officer approves or rejects with a reason. Texts in
 * Indonesian and English. Pure.
 */
import type { FlowBundle, I18nText } from '#machines/types.ts';

/** A flow key as a machine id: `work-permit` → `workPermit`. */
const camel = (key: string) => key.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

const text = (id: string, en: string): I18nText => ({ id, en });

export function blankBundle(key: string, title: I18nText): FlowBundle {
  const details = `${key}-details`;
  const reject = `${key}-reject`;
  return {
    definition: {
      key,
      title,
      description: text('Jelaskan di sini untuk apa layanan ini dan apa yang perlu disiapkan.', 'Say here what this service is for and what to prepare.'),
      policy: {},
      policySchema: { schema: { type: 'object', properties: {}, additionalProperties: false } },
      staff: { scope: 'any' },
      statuses: {
        draft: { label: text('Draf', 'Draft'), next: text('Lengkapi dan kirim permohonan Anda.', 'Complete and send your application.') },
        inReview: { label: text('Sedang diperiksa', 'Under review'), next: text('Petugas memeriksa permohonan Anda.', 'An officer is reviewing your application.') },
        approved: { label: text('Disetujui', 'Approved') },
        rejected: { label: text('Ditolak', 'Rejected') },
        cancelled: { label: text('Dibatalkan', 'Cancelled') },
      },
      machine: {
        id: camel(key),
        initial: 'draft',
        states: {
          draft: {
            meta: {
              form: details,
              roles: ['applicant'],
              status: 'draft',
              label: text('Isi permohonan', 'Fill in the application'),
              step: { id: 'details', order: 1, label: text('Data pemohon', 'Your details') },
              events: {
                SUBMIT: { label: text('Kirim', 'Send') },
                CANCEL: {
                  label: text('Batalkan permohonan', 'Cancel the application'),
                  confirm: text('Batalkan permohonan ini? Ini tidak dapat diurungkan.', 'Cancel this application? This cannot be undone.'),
                },
              },
            },
            on: { SUBMIT: { target: 'submitted', actions: 'save' }, CANCEL: 'cancelled' },
          },
          submitted: {
            meta: {
              roles: ['officer'],
              status: 'inReview',
              label: text('Sedang diperiksa', 'Under review'),
              events: {
                APPROVE: { label: text('Setujui', 'Approve') },
                REJECT: {
                  form: reject,
                  label: text('Tolak', 'Reject'),
                  confirm: text('Tolak permohonan ini? Pemohon akan diberi tahu alasannya.', 'Reject this application? The applicant is told the reason.'),
                },
              },
            },
            on: { APPROVE: 'approved', REJECT: { target: 'rejected', actions: { type: 'save', params: { into: 'rejection' } } } },
          },
          approved: { type: 'final', meta: { status: 'approved', label: text('Disetujui', 'Approved') } },
          rejected: { type: 'final', meta: { status: 'rejected', label: text('Ditolak', 'Rejected') } },
          cancelled: { type: 'final', meta: { status: 'cancelled', label: text('Dibatalkan', 'Cancelled') } },
        },
      },
    },
    forms: {
      [details]: {
        id: details,
        title: text('Data pemohon', 'Your details'),
        schema: {
          type: 'object',
          required: ['fullName'],
          properties: { fullName: { type: 'string', title: 'Nama lengkap', minLength: 2, maxLength: 200 } },
        },
        uiSchema: { fullName: { 'ui:autocomplete': 'name' } },
        i18n: { en: { '/properties/fullName/title': 'Full name' } },
      },
      [reject]: {
        id: reject,
        title: text('Tolak permohonan', 'Reject the application'),
        schema: {
          type: 'object',
          required: ['reason'],
          properties: { reason: { type: 'string', title: 'Alasan', minLength: 5, maxLength: 1000 } },
        },
        uiSchema: { reason: { 'ui:widget': 'textarea' } },
        i18n: { en: { '/properties/reason/title': 'Reason' } },
      },
    },
  };
}
