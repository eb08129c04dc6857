import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
    files: ['machines/**/*.ts'],
    ignores: ['machines/**/*.test.ts'],
    rules: {
      // machines/ is pure: no I/O, no clock, no server code.
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'fs', 'path', 'express', '@prisma/*', 'better-sqlite3', 'pg', '#server/*', '../server/*'] },
      ],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'machines/ gets `now` passed in' }],
    },
  },
);
