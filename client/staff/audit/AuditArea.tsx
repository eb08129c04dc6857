/**
 * The audit area (loaded lazily, its own chunk; auditors and admins). Read-only:
 * - `/audit`: search applications (flow, version, status, office, start dates; filters in the URL);
 * - `/audit/applications/:id`: its statechart with the current state and the path taken, the
 *   timeline, documents and "verify";
 * - `/audit/flows[/:key]`: per flow version the heatmap of where applications sit, the same
 *   figures as a table, "verify this flow" and the event log as CSV.
 */
import './audit.css';
import { NavLink, Route, Routes } from 'react-router';
import { NotFound } from '../../pages/NotFound.tsx';
import { ApplicationAudit } from './ApplicationAudit.tsx';
import { FlowHeatmap } from './FlowHeatmap.tsx';
import { SearchPage } from './SearchPage.tsx';
import { auditTexts } from './texts.ts';

function AuditNav() {
  const a = auditTexts.useText();
  return (
    <nav className="audit-nav" aria-label={a('nav.label')}>
      <ul>
        <li>
          <NavLink to="/audit" end>
            {a('nav.search')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/audit/flows">{a('nav.flows')}</NavLink>
        </li>
      </ul>
    </nav>
  );
}

export default function AuditArea() {
  return (
    <div className="audit">
      <AuditNav />
      <Routes>
        <Route index element={<SearchPage />} />
        <Route path="applications/:id" element={<ApplicationAudit />} />
        <Route path="flows" element={<FlowHeatmap />} />
        <Route path="flows/:key" element={<FlowHeatmap />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}
