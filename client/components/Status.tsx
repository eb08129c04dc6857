/** Small shared pieces: a loading message and a page-level problem with a way forward. */
import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import type { ApiProblem } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.ts';
import { useSession } from '../lib/session.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

/** A failed page load: 401 → log in again (then come back); otherwise the problem and a retry. */
export function PageProblem({ problem, onRetry }: { problem: ApiProblem; onRetry?: () => void }) {
  const { t } = useI18n();
  const location = useLocation();
  const { expired } = useSession();
  useEffect(() => {
    if (problem.status === 401) expired();
  }, [problem, expired]);
  if (problem.status === 401) {
    const next = encodeURIComponent(location.pathname + location.search);
    return (
      <ErrorSummary title={problem.title} detail={t('error.sessionEnded')}>
        <p>
          <Link to={`/login?next=${next}`}>{t('error.loginAgain')}</Link>
        </p>
      </ErrorSummary>
    );
  }
  return (
    <ErrorSummary title={problem.title} detail={problem.detail}>
      {onRetry && (problem.isNetwork || problem.status >= 500 || problem.status === 429) && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </ErrorSummary>
  );
}
