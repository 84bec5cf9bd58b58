import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';

// Rooms and the contexts they run in (docs/architecture.md). The rules below keep the arrows
// pointing the right way: IndexedDB is opened by utils/db only, and only the background
// (entrypoints/background.ts → utils/wallet) uses it; pages and content scripts reach the wallet
// through the message contract and the event hub (utils/messaging), never utils/wallet or utils/db.
const IDB = { name: 'idb', message: 'IndexedDB is reached through utils/db, from the background only.' };
const BACKGROUND_ONLY = [
  {
    group: ['**/utils/wallet', '**/utils/wallet/**'],
    message: 'utils/wallet runs in the background only: use the message contract and the event hub (utils/messaging).',
  },
  {
    group: ['**/utils/db', '**/utils/db/**'],
    message: 'Only the background opens the wallet database: ask it through utils/messaging.',
  },
];
const NO_INDEXEDDB_GLOBAL = ['error', { name: 'indexedDB', message: 'Only utils/db opens IndexedDB.' }];

export default tseslint.config(
  { ignores: ['node_modules/', '.output/', '.out-*/', '.wxt/', '.tmp/', 'data/'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      // IndexedDB is reached through utils/db only.
      'no-restricted-imports': ['error', { paths: [IDB] }],
      'no-restricted-globals': NO_INDEXEDDB_GLOBAL,
    },
  },
  {
    // Pages (popup, approval, inspector, DevTools), their stores and components, content scripts
    // and the code they run: no background internals, no database handle.
    files: [
      'stores/**', 'components/**', 'entrypoints/**',
      'utils/scan/**', 'utils/chapi/**', 'utils/messaging/**', 'utils/popup/**', 'utils/inspect/**', 'utils/camera/**',
    ],
    ignores: ['entrypoints/background.ts', 'utils/inspect/source.ts', '**/*.test.ts', '**/test-support.ts', '**/testing/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [IDB], patterns: BACKGROUND_ONLY }] },
  },
  {
    files: ['utils/db/**', '**/*.test.ts', 'tests/**'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off' },
  },
);
