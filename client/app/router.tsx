/**
 * Routes. The application page and its status page (`applications/:id/history`: status, what to
 * do next, the history in words) are code-split (React.lazy): RJSF, Ajv and XState load only when
 * an application is opened, not with the home or login pages (the build checks the first page's
 * size: client/build/bundle-budget.ts).
 */
import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireLogin } from '../components/RequireLogin.tsx';
import { RequireRole } from '../components/RequireRole.tsx';
import { Home } from '../pages/Home.tsx';
import { Login } from '../pages/Login.tsx';
import { MyApplications } from '../pages/MyApplications.tsx';
import { NotFound } from '../pages/NotFound.tsx';
import { Register } from '../pages/Register.tsx';
import { Verify } from '../pages/Verify.tsx';
import { Layout } from './Layout.tsx';
import { RouteError } from './RouteError.tsx';

const ApplicationPage = lazy(() => import('../pages/Application.tsx'));
// Staff areas: each its own chunk, never loaded by an applicant.
const OfficerArea = lazy(() => import('../staff/officer/OfficerArea.tsx'));
const PolicyArea = lazy(() => import('../staff/policy/PolicyArea.tsx'));
const AuditArea = lazy(() => import('../staff/audit/AuditArea.tsx'));
const HistoryPage = lazy(() => import('../pages/History.tsx'));

/** Who may open each staff area (the server enforces the same per route). */
export const OFFICER = ['officer'] as const;
export const POLICY = ['policy'] as const;
export const AUDIT = ['auditor', 'admin'] as const;

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <Home /> },
          { path: 'register', element: <Register /> },
          { path: 'verify', element: <Verify /> },
          { path: 'login', element: <Login /> },
          {
            path: 'applications',
            element: (
              <RequireLogin>
                <MyApplications />
              </RequireLogin>
            ),
          },
          {
            path: 'applications/:id',
            element: (
              <RequireLogin>
                <ApplicationPage />
              </RequireLogin>
            ),
          },
          {
            path: 'applications/:id/history',
            element: (
              <RequireLogin>
                <HistoryPage />
              </RequireLogin>
            ),
          },
          {
            path: 'officer/*',
            element: (
              <RequireRole roles={OFFICER}>
                <OfficerArea />
              </RequireRole>
            ),
          },
          {
            path: 'policy/*',
            element: (
              <RequireRole roles={POLICY}>
                <PolicyArea />
              </RequireRole>
            ),
          },
          {
            path: 'audit/*',
            element: (
              <RequireRole roles={AUDIT}>
                <AuditArea />
              </RequireRole>
            ),
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
