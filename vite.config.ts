/**
 * Vite config for the web client (client/ → dist/client, which the Express app serves).
 * `npm run dev` proxies /api to the server on :3000, so cookies and CSRF work same-origin.
 * Every build prints the applicant entry's JS size (gzip) and fails over the budget
 * (client/build/bundle-budget.ts).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { bundleBudget } from './client/build/bundle-budget.ts';

const fromRoot = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: fromRoot('./client'),
  plugins: [react(), bundleBudget({ budgetKB: 200 })],
  build: {
    outDir: fromRoot('./dist/client'),
    emptyOutDir: true,
    // NOTE: the large chunks are the staff consoles' lazily loaded libraries (elkjs alone is one
    // ~1.4 MB file; CodeMirror with its JSON-schema support); applicants never download them.
    // What applicants load is held to its budget by bundleBudget above.
    chunkSizeWarningLimit: 2500,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000' },
    },
  },
});
