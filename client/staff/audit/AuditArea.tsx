/** The audit area (loaded lazily, its own chunk). Its pages are routed inside (descendant routes). */
import { Route, Routes } from 'react-router';
import { NotFound } from '../../pages/NotFound.tsx';

export default function AuditArea() {
  return (
    <Routes>
      <Route index element={<h1>Audit</h1>} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
