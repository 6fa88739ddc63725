// ESLint: typescript-eslint and react-hooks, and per-folder import rules that
// enforce the dependency directions of docs/architecture.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'http', 'worker_threads', 'url'];
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='electron'] ImportSpecifier[imported.name='ipcRenderer']",
          message: 'Use the contract (window.board), never ipcRenderer directly.',
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      [
        'electron',
        'electron/*',
        'react',
        'react-dom',
        'react/*',
        'lowdb',
        'lowdb/*',
        ...nodeBuiltins,
        '**/electron/**',
        '**/renderer/**',
      ],
      'shared/ is pure TypeScript: no electron, node, react, lowdb, nor imports of electron/ or renderer/.',
    ),
  },
  {
    files: ['electron/backend/**/*.ts'],
    rules: restrict(
      ['electron', 'electron/*', '**/main/**', '**/preload/**', '**/web/**', '**/renderer/**'],
      'electron/backend/ is plain Node: it must not import electron, main, preload, web or renderer.',
    ),
  },
  {
    files: ['electron/web/**/*.ts'],
    rules: restrict(
      ['electron', 'electron/*', '**/main/**', '**/preload/**', '**/renderer/**'],
      'electron/web/ must not import electron or electron/main/.',
    ),
  },
  {
    // The preload is the one place that wraps ipcRenderer (in the contract's bridge). It may import
    // types from the contract, but no runtime code beyond electron and the zod-free channel list.
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-syntax': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/backend/**',
                '**/web/**',
                '**/renderer/**',
                'zod',
                '**/shared/contract/api',
                '**/shared/contract/api.ts',
                ...nodeBuiltins,
              ],
              message:
                'preload imports only electron and the zod-free channel list (types from the contract are fine).',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        ['electron', 'electron/*', '**/electron/**', 'lowdb', 'lowdb/*', ...nodeBuiltins],
        'renderer/ reaches the backend only through renderer/src/api.ts.',
      ),
    },
  },
  {
    files: ['tests/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
);
