/**
 * The values the flow's definition shows this viewer (`view.fields`: its `view` paths with their
 * labels), as facts in a `<dl className="facts">`: dates written out, yes/no in words, a list
 * joined, an object field by field.
 */
import { formatAnswer, type AnswerWords } from '../lib/answers.ts';
import { useI18n } from '../lib/i18n.ts';
import { useProgressText } from '../lib/progress-texts.ts';
import type { ViewField } from '../lib/types.ts';
import { Fact } from './Fact.tsx';

export function ViewFields({ fields }: { fields: readonly ViewField[] | undefined }) {
  const { tx, formatDate, formatDateTime } = useI18n();
  const p = useProgressText();
  if (!fields?.length) return null;
  const words: AnswerWords = {
    uploaded: p('answers.uploaded'),
    uploadedNamed: (name) => p('answers.uploadedNamed', { name }),
    yes: p('answers.yes'),
    no: p('answers.no'),
    date: formatDate,
    dateTime: formatDateTime,
  };
  return (
    <>
      {fields.map((f) => (
        <Fact key={f.path} term={tx(f.label)} value={formatAnswer(f.value, undefined, words)} />
      ))}
    </>
  );
}
