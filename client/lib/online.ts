/** The browser's idea of being online (`navigator.onLine` and its `online`/`offline` events). */
import { useEffect, useRef, useSyncExternalStore } from 'react';

function subscribe(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

const isOnline = () => navigator.onLine;

/** True unless the browser knows it is offline (it may still be online with a bad connection). */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribe, isOnline, () => true);
}

/**
 * While `active`, calls `resend` when the browser comes back online and, as long as it believes
 * it is online (a connection that drops requests does not fire `online`), every `everyMs`.
 */
export function useResendWhenOnline(active: boolean, resend: () => void, everyMs = 20_000): void {
  const latest = useRef(resend);
  useEffect(() => {
    latest.current = resend;
  });
  useEffect(() => {
    if (!active) return;
    const run = () => {
      if (navigator.onLine) latest.current();
    };
    window.addEventListener('online', run);
    const timer = window.setInterval(run, everyMs);
    return () => {
      window.removeEventListener('online', run);
      window.clearInterval(timer);
    };
  }, [active, everyMs]);
}
