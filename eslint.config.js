// Lint, including the layers: shared/ imports no Node, DOM or Electron; the store, the IPC registry
// and the CLI never import `electron`; the renderer reaches the main process only through the bridge.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const NODE_MODULES = ['fs', 'path', 'os', 'child_process', 'crypto', 'util', 'url', 'worker_threads', 'stream', 'events', 'buffer', 'process', 'module', 'http', 'https', 'net'];
const nodeImports = [...NODE_MODULES, ...NODE_MODULES.map((m) => `${m}/*`)];
const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'HTMLElement', 'fetch', 'XMLHttpRequest', 'Buffer', 'process', 'require', '__dirname'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'test-output/**', '.native/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name=/^(skip|only)$/][callee.object.name=/^(it|test|describe)$/]", message: 'No skipped or focused tests.' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*'], message: 'shared/ runs everywhere: no Node modules.' },
          { group: nodeImports, message: 'shared/ runs everywhere: no Node modules.' },
          { group: ['electron', 'electron/*'], message: 'shared/ must not import Electron.' },
          { group: ['better-sqlite3', 'react', 'react-dom', 'react-dom/*', 'ag-grid-*'], message: 'shared/ holds pure logic and types only.' },
          { group: ['**/electron/**', '**/renderer/**', '../electron', '../renderer'], message: 'shared/ is the bottom layer: it imports nothing from electron/ or renderer/.' },
        ],
      }],
      'no-restricted-globals': ['error', ...DOM_GLOBALS.map((name) => ({ name, message: `shared/ runs everywhere: no ${name}.` }))],
    },
  },
  {
    files: ['electron/workbook/**/*.ts', 'electron/ipc/**/*.ts', 'electron/cli/**/*.ts', 'electron/cli/**/*.mjs'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'The store, the IPC registry and the CLI run in plain Node: no electron import (inject what you need).' },
          { group: ['**/renderer/**'], message: 'The main-process side does not import the renderer.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', ...nodeImports], message: 'The renderer is a sandboxed web page: no Node modules.' },
          { group: ['electron', 'electron/*', 'better-sqlite3'], message: 'The renderer reaches the main process only through the bridge.' },
          { group: ['**/electron/**'], message: 'The renderer imports shared/, never electron/.' },
        ],
      }],
    },
  },
);
