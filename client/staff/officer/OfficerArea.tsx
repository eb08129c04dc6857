/**
 * The officer area (loaded lazily, its own chunk): the work queue (`/officer`), the work page of
 * an application, and the pages the installed packs add (`staffPages` of area `officer`, each at
 * `/officer/<path>`, each its own lazily loaded chunk). Its pages are routed inside (descendant
 * routes); the navigation lists the queue and the packs' pages.
 */
import { Suspense } from 'react';
import { NavLink, Route, Routes } from 'react-router';
import { Loading } from '../../components/Status.tsx';
import { useI18n } from '../../lib/i18n.ts';
import { usePacks } from '../../lib/packs.tsx';
import { useSession } from '../../lib/session.tsx';
import { NotFound } from '../../pages/NotFound.tsx';
import { useOfficerText } from './texts.ts';
import { WorkPage } from './WorkPage.tsx';
import { WorkQueuePage } from './WorkQueuePage.tsx';
import './officer.css';

/** Paths the area itself routes: a pack's page may not take them. */
const OWN = new Set(['', 'applications']);

export default function OfficerArea() {
  const o = useOfficerText();
  const { tx } = useI18n();
  const packs = usePacks();
  const { user } = useSession();
  const pages = packs
    .flatMap((p) => p.staffPages ?? [])
    .filter((p) => p.area === 'officer' && !OWN.has(p.path.split('/')[0] ?? '') && (!p.for || (user !== null && p.for(user))));
  return (
    <div className="officer">
      <nav className="officer-nav" aria-label={o('nav.label')}>
        <ul>
          <li>
            <NavLink to="/officer" end>
              {o('nav.queue')}
            </NavLink>
          </li>
          {pages.map((p) => (
            <li key={p.path}>
              <NavLink to={`/officer/${p.path}`}>{tx(p.label)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<WorkQueuePage />} />
          <Route path="applications/:id" element={<WorkPage />} />
          {pages.map(({ path, Page }) => (
            <Route key={path} path={path} element={<Page />} />
          ))}
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </div>
  );
}
