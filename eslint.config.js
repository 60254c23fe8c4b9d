// Lint, including the process boundaries of ARCHITECTURE.md: the renderer imports no Electron, no Node
// built-in and no main-process module (type-only imports of the IPC contract excepted); core services
// and the Google emulator import no Electron. A wrong import fails `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    // The Vite config runs in Node at build time; it is not renderer code.
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer has no Electron: use window.glance (the preload API).' },
            ...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs in a sandbox without Node.' })),
          ],
          patterns: [
            {
              group: [
                '**/electron/core/**',
                '**/electron/main/**',
                '**/electron/preload/**',
                '**/electron/google-emulator/**',
              ],
              message: 'The renderer must not import main-process code.',
            },
            {
              // attachment-names, do-not-disturb, conversations and settings-patch are pure (no zod, no Node): the
              // renderer and the main process share one answer.
              group: [
                // Files directly in shared/; its i18n/ folder (catalogues, the translator) is for both processes.
                '**/electron/shared/*.js',
                '!**/electron/shared/attachment-names.js',
                '!**/electron/shared/do-not-disturb.js',
                '!**/electron/shared/conversations.js',
                '!**/electron/shared/settings-patch.js',
              ],
              allowTypeImports: true,
              message: 'The renderer may import the IPC contract’s types only (import type …).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/google-emulator/**/*.ts', 'electron/shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Core services run in plain Node: take an injected port instead of importing Electron.',
            },
          ],
          patterns: [
            {
              group: ['**/electron/main/**', '**/main/**'],
              message: 'Core services must not import the Electron glue.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The IPC contract runs anywhere: no Electron.' },
            ...nodeBuiltins.map((name) => ({ name, message: 'The IPC contract runs anywhere: no Node built-ins.' })),
          ],
          patterns: [
            {
              group: ['**/core/**', '**/main/**', '**/google-emulator/**'],
              message: 'The IPC contract depends on nothing but zod.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
);
