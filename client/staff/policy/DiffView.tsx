/** The draft against the latest published version: a unified diff of the pretty-printed bundles, marked with + and - (not only colours). */
import { useMemo } from 'react';
import type { FlowBundle } from '../../../machines/types.ts';
import { pretty, type VersionDetail } from './model.ts';
import { texts } from './texts.ts';
import { hasChanges, unifiedDiff } from './unified-diff.ts';

const bundleText = (b: FlowBundle) => pretty({ definition: b.definition, forms: b.forms });

export function DiffView({ published, current, currentVersion }: { published: VersionDetail | null; current: FlowBundle | null; currentVersion: number }) {
  const t = texts.useText();
  const lines = useMemo(() => (published && current ? unifiedDiff(bundleText(published), bundleText(current)) : []), [published, current]);
  if (!published) return <p>{t('diff.noPublished')}</p>;
  if (!current) return <p>{t('def.chartBroken')}</p>;
  return (
    <section aria-labelledby="policy-diff-heading">
      <h2 id="policy-diff-heading">{t('diff.title', { version: published.version })}</h2>
      {published.version === currentVersion || !hasChanges(lines) ? (
        <p>{t('diff.none', { version: published.version })}</p>
      ) : (
        <>
          <p className="policy-muted">{t('diff.legend')}</p>
          <ol className="policy-diff" tabIndex={0} aria-label={t('diff.title', { version: published.version })}>
            {lines.map((line, i) =>
              line.mark === '…' ? (
                <li key={i} className="policy-diff__skip">
                  {t('diff.skipped', { n: line.skipped })}
                </li>
              ) : (
                <li key={i} className={line.mark === '+' ? 'policy-diff__add' : line.mark === '-' ? 'policy-diff__del' : 'policy-diff__same'}>
                  <span className="policy-diff__no" aria-hidden="true">
                    {line.oldNo ?? ''}
                  </span>
                  <span className="policy-diff__no" aria-hidden="true">
                    {line.newNo ?? ''}
                  </span>
                  <span className="policy-diff__mark" aria-hidden="true">
                    {line.mark}
                  </span>
                  {line.mark !== ' ' && <span className="visually-hidden">{line.mark === '+' ? t('diff.added') : t('diff.removed')}: </span>}
                  <code className="policy-diff__text">{line.text}</code>
                </li>
              ),
            )}
          </ol>
        </>
      )}
    </section>
  );
}
