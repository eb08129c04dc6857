import { useEffect } from 'react';

/** Sets the document title to "<page> · Alur" while the page is shown. */
export function useTitle(page: string): void {
  useEffect(() => {
    document.title = page ? `${page} · Alur` : 'Alur';
  }, [page]);
}
