/** The validator's findings, each a button that moves the editor to its place. */
import type { Finding } from '../../../machines/types.ts';
import { texts } from './texts.ts';

export function FindingsList({ findings, onGo }: { findings: Finding[] | null; onGo: (f: Finding) => void }) {
  const t = texts.useText();
  const errors = findings?.filter((f) => f.severity === 'error').length ?? 0;
  const warnings = (findings?.length ?? 0) - errors;
  return (
    <section className="panel policy-findings" aria-labelledby="policy-findings-heading">
      <h2 id="policy-findings-heading">{t('find.title')}</h2>
      <div role="status">
        {findings === null ? (
          <p>{t('find.notRun')}</p>
        ) : (
          <p className={errors ? 'policy-findings__bad' : 'policy-findings__good'}>
            {errors === 0 ? `${t('find.none')} ` : ''}
            {t('find.count', { errors, warnings })}
          </p>
        )}
      </div>
      {findings && findings.length > 0 && (
        <ul className="policy-findings__list" tabIndex={0} aria-labelledby="policy-findings-heading">
          {findings.map((f, i) => (
            <li key={`${i}-${f.path}`} className={`policy-finding policy-finding--${f.severity}`}>
              <span className="policy-finding__severity">{f.severity === 'error' ? t('find.error') : t('find.warning')}:</span> {f.message}{' '}
              <button type="button" className="policy-link" onClick={() => onGo(f)}>
                {t('find.goto', { path: f.path })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
