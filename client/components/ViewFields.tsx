/**
 * The values the flow's definition shows this viewer (`view.fields`: its `view` paths with their
 * labels), as facts in a `<dl className="facts">`: dates written out, yes/no in words, a list
 * joined, an object field by field.
 */
import { useAnswerWords } from '../lib/answer-words.ts';
import { formatAnswer } from '../lib/answers.ts';
import { useI18n } from '../lib/i18n.ts';
import type { ViewField } from '../lib/types.ts';
import { Fact } from './Fact.tsx';

export function ViewFields({ fields }: { fields: readonly ViewField[] | undefined }) {
  const { tx } = useI18n();
  const words = useAnswerWords();
  if (!fields?.length) return null;
  return (
    <>
      {fields.map((f) => (
        <Fact key={f.path} term={tx(f.label)} value={formatAnswer(f.value, undefined, words)} />
      ))}
    </>
  );
}
