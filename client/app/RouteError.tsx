/** Shown instead of a page that threw while rendering or whose code failed to download. */
import { useRouteError } from 'react-router';
import { useI18n } from '../lib/i18n.ts';
import { useTitle } from '../lib/use-title.ts';

export function RouteError() {
  const { t } = useI18n();
  const error = useRouteError();
  useTitle(t('error.unexpectedTitle'));
  if (import.meta.env.DEV) console.error(error);
  return (
    <div className="error-summary" role="alert">
      <h1>{t('error.unexpectedTitle')}</h1>
      <p>{t('error.pageFailed')}</p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t('error.reloadPage')}
      </button>
    </div>
  );
}
