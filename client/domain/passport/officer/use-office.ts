/** The officer's office (name, time zone) and its today by the server's clock. */
import { useEffect, useState } from 'react';
import { api } from '../../../lib/api.ts';
import { devInfo, serverNow } from '../../../lib/server-clock.ts';
import { useSession } from '../../../lib/session.tsx';
import { dayIn, type OfficeInfo } from './counter.ts';

const offices = new Map<string, Promise<OfficeInfo>>();

export function officeInfo(code: string): Promise<OfficeInfo> {
  let p = offices.get(code);
  if (!p) {
    p = api<OfficeInfo>(`/api/offices/${encodeURIComponent(code)}`).then(
      (o) => ({ code: o.code, name: o.name, timeZone: o.timeZone }),
      // NOTE: the office record is only for its name and time zone; without it, the code and WITA (Atambua) will do.
      () => {
        offices.delete(code);
        return { code, name: code, timeZone: 'Asia/Makassar' };
      },
    );
    offices.set(code, p);
  }
  return p;
}

export type OfficeToday = { code: string | null; office: OfficeInfo | null; today: string | null };

/** The office of the logged-in officer and its today (`YYYY-MM-DD`, office time zone, server clock). */
export function useOfficeToday(): OfficeToday {
  const { user } = useSession();
  const code = user?.officeCode ?? null;
  const [state, setState] = useState<OfficeToday>({ code, office: null, today: null });
  useEffect(() => {
    let live = true;
    if (!code) {
      setState({ code: null, office: null, today: dayIn(Intl.DateTimeFormat().resolvedOptions().timeZone, Date.now()) });
      return;
    }
    // The manual clock may have moved since the page loaded: ask again.
    void Promise.all([officeInfo(code), devInfo(true)]).then(([office]) => {
      if (live) setState({ code, office, today: dayIn(office.timeZone, serverNow()) });
    });
    return () => {
      live = false;
    };
  }, [code]);
  return state;
}
