/** The words answers are written with (uploads, yes/no, dates), in the page's language: one hook for every page that lists answers. */
import { useMemo } from 'react';
import type { AnswerWords } from './answers.ts';
import { useI18n } from './i18n.ts';
import { useProgressText } from './progress-texts.ts';

export function useAnswerWords(): AnswerWords & { dateTime: (iso: string) => string } {
  const { formatDate, formatDateTime } = useI18n();
  const p = useProgressText();
  return useMemo(
    () => ({
      uploaded: p('answers.uploaded'),
      uploadedNamed: (name: string) => p('answers.uploadedNamed', { name }),
      yes: p('answers.yes'),
      no: p('answers.no'),
      date: formatDate,
      dateTime: formatDateTime,
    }),
    [p, formatDate, formatDateTime],
  );
}
