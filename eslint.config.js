import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Generic code never imports a domain pack: packs are installed in the two composition roots. */
const NO_PACKS = {
  group: ['**/domain/passport/**', '#server/domain/passport/*', '#client/domain/passport/*'],
  message: 'generic code never imports a domain pack: install it in server/packs.ts (server) or client/app/packs.ts (web app)',
};
/** machines/ is pure: no I/O, no clock, no server code. */
const PURE = ['node:*', 'fs', 'path', 'express', '@prisma/*', 'better-sqlite3', 'pg', '#server/*', '../server/*'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'generated/', 'data/', 'e2e/artifacts/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['server/**/*.ts', 'client/**/*.ts', 'client/**/*.tsx'],
    ignores: ['server/domain/passport/**', 'client/domain/passport/**', 'server/packs.ts', 'client/app/packs.ts', 'client/app/registry.ts', '**/*.test.ts', '**/*.test.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_PACKS] }] },
  },
  {
    files: ['machines/**/*.ts'],
    ignores: ['machines/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...PURE.map((p) => ({ group: [p], message: 'machines/ is pure: no I/O and no server code' })), NO_PACKS] }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'machines/ gets `now` passed in' }],
    },
  },
);
