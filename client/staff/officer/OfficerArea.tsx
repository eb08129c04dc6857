/**
 * The officer area (loaded lazily, its own chunk): today's appointments at the officer's office
 * with check-in by queue code or QR, the work page of an application, the printing and hand-over
 * queues, and walk-ins. Its pages are routed inside (descendant routes).
 */
import { NavLink, Route, Routes } from 'react-router';
import { NotFound } from '../../pages/NotFound.tsx';
import { QueuesPage } from './QueuesPage.tsx';
import { TodayPage } from './TodayPage.tsx';
import { useOfficerText } from './texts.ts';
import { WalkInPage } from './WalkInPage.tsx';
import { WorkPage } from './WorkPage.tsx';
import './officer.css';

export default function OfficerArea() {
  const o = useOfficerText();
  return (
    <div className="officer">
      <nav className="officer-nav" aria-label={o('nav.label')}>
        <ul>
          <li>
            <NavLink to="/officer" end>
              {o('nav.today')}
            </NavLink>
          </li>
          <li>
            <NavLink to="/officer/queues">{o('nav.queues')}</NavLink>
          </li>
          <li>
            <NavLink to="/officer/walk-in">{o('nav.walkIn')}</NavLink>
          </li>
        </ul>
      </nav>
      <Routes>
        <Route index element={<TodayPage />} />
        <Route path="applications/:id" element={<WorkPage />} />
        <Route path="queues" element={<QueuesPage />} />
        <Route path="walk-in" element={<WalkInPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}
