/**
 * Where an applicant stands in a draw for places, honestly: the session, the office, the places,
 * the entries so far (live from the published draw, `GET /api/offices/:code/draws/:id`), the
 * odds and when the result comes, in office time; after a lost draw, the nearest free places in
 * words. Shown in the status page's next step and on the application page.
 */
import { useEffect, useState } from 'react';
import { Fact } from '../../components/Fact.tsx';
import { api } from '../../lib/api.ts';
import { useI18n } from '../../lib/i18n.ts';
import type { DrawFacts } from './next-step.ts';
import { usePassportText } from './texts.ts';

type Published = { status: string; places: number; entriesCount: number; resultAtLocal: string; officeName: string };

const dayMonth = (date: string, lang: string) => new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
const count = (n: number, lang: string) => new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-US').format(n);

/** The link to the draw's open data (what `npm run verify:draw` reads). */
const drawUrl = (d: DrawFacts) => `/api/offices/${encodeURIComponent(d.officeCode)}/draws/${encodeURIComponent(d.id)}`;

export function DrawStanding({ draw }: { draw: DrawFacts }) {
  const { lang } = useI18n();
  const t = usePassportText();
  const [live, setLive] = useState<Published | null>(null);
  useEffect(() => {
    const ctl = new AbortController();
    const load = () =>
      api<Published>(drawUrl(draw), { signal: ctl.signal })
        .then(setLive)
        .catch(() => undefined);
    void load();
    const every = setInterval(load, 30_000);
    return () => {
      ctl.abort();
      clearInterval(every);
    };
  }, [draw]);
  if (!live) return <p aria-busy="true">{t('draw.loading')}</p>;
  const places = live.places;
  const entries = live.entriesCount;
  const pct = entries > 0 ? Math.min(100, Math.round((places / entries) * 100)) : 100;
  return (
    <div className="draw-standing" data-testid="draw-standing">
      <p>
        <strong>
          {t('draw.standing', {
            date: dayMonth(draw.date, lang),
            session: draw.session,
            office: live.officeName,
            places: count(places, lang),
            entries: count(entries, lang),
            resultAt: live.resultAtLocal,
          })}
        </strong>
      </p>
      {live.status === 'drawn' ? (
        <p>{t('draw.drawn')}</p>
      ) : (
        <p>{entries > places ? t('draw.odds', { places: count(places, lang), entries: count(entries, lang), pct: String(pct) }) : t('draw.allIn')}</p>
      )}
      <dl className="facts">
        <Fact term={t('draw.entry')} value={<span className="code">{draw.entryId}</span>} />
      </dl>
      <p>
        <a href={drawUrl(draw)}>{t('draw.check')}</a>
      </p>
    </div>
  );
}

export function DrawLost({ draw }: { draw: DrawFacts }) {
  const { lang } = useI18n();
  const t = usePassportText();
  return (
    <div className="draw-standing" data-testid="draw-lost">
      <p>
        <strong>{t('draw.lost', { date: dayMonth(draw.date, lang), session: draw.session, office: draw.officeName })}</strong>
      </p>
      {draw.offersText && <p>{lang === 'id' ? draw.offersText.id : draw.offersText.en}</p>}
      <p>
        <a href={drawUrl(draw)}>{t('draw.check')}</a>
      </p>
    </div>
  );
}
