/**
 * The offline pieces: the page-wide banner and the notice under a form whose submission waits
 * for the connection.
 */
import { useEffect, useRef, useState } from 'react';
import { useOnline } from '../lib/online.ts';
import { useProgressText } from '../lib/progress-texts.ts';
import './OfflineBanner.css';

/**
 * "You are offline" while the browser knows it is, and "back online" for a moment after: a polite
 * live region that stays in the page (so its changes are announced), empty when all is well.
 */
export function OfflineBanner() {
  const online = useOnline();
  const p = useProgressText();
  const [back, setBack] = useState(false);
  const wasOnline = useRef(online);

  useEffect(() => {
    const before = wasOnline.current;
    wasOnline.current = online;
    if (online && !before) {
      setBack(true);
      const timer = setTimeout(() => setBack(false), 5000);
      return () => clearTimeout(timer);
    }
    if (!online) setBack(false);
  }, [online]);

  return (
    <div className="offline-status" role="status" aria-live="polite">
      {!online && <p className="offline-banner">{p('offline.banner')}</p>}
      {online && back && <p className="offline-banner offline-banner--back">{p('offline.back')}</p>}
    </div>
  );
}

/**
 * Under a form whose submission failed for want of a connection: it is kept and sent again by
 * itself (same Idempotency-Key) when the connection is back; the user may also try at once.
 */
export function QueuedNotice({ onSendNow, busy }: { onSendNow: () => void; busy: boolean }) {
  const p = useProgressText();
  return (
    <div className="queued-notice">
      <p>{p('offline.queued')}</p>
      <button type="button" className="button button--secondary" aria-busy={busy} disabled={busy} onClick={onSendNow}>
        {p('offline.sendNow')}
      </button>
    </div>
  );
}
