/** Entry point: providers (language, session, the installed domain packs) around the router. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { clientPacks } from './app/packs.ts';
import { router } from './app/router.tsx';
import { I18nProvider } from './lib/i18n.ts';
import { PacksProvider } from './lib/packs.tsx';
import { SessionProvider } from './lib/session.tsx';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing in index.html');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <PacksProvider packs={clientPacks}>
          <RouterProvider router={router} />
        </PacksProvider>
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
