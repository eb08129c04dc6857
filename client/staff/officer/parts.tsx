/** Pieces the staff work pages share (a pack's pages too): the work page's address, a status badge and a polite live region. */
import { useI18n } from '../../lib/i18n.ts';
import type { I18nText } from '../../lib/types.ts';

export const workPath = (id: string) => `/officer/applications/${encodeURIComponent(id)}`;

/** The status in words: the definition's label for it, else its code. */
export function useStatusWords(): (status: string, label: I18nText | null | undefined) => string {
  const { tx } = useI18n();
  return (status, label) => (label ? tx(label) : '') || status;
}

/** A status in words, styled by its code. */
export function StatusBadge({ status, label }: { status: string; label: I18nText | null | undefined }) {
  const words = useStatusWords();
  return <span className={`badge badge--${status}`}>{words(status, label)}</span>;
}

/** A polite status message; `n` changes so the same text is announced again. */
export function LiveRegion({ text, n }: { text: string; n: number }) {
  return (
    <p className="officer-live" role="status" aria-live="polite">
      {text}
      {n % 2 ? '\u200b' : ''}
    </p>
  );
}
