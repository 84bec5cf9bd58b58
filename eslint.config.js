import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';

export default tseslint.config(
  { ignores: ['node_modules/', '.output/', '.wxt/', '.tmp/', 'data/'] },
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
      'no-restricted-imports': ['error', { paths: [{ name: 'idb', message: 'Use utils/db.' }] }],
    },
  },
  {
    files: ['utils/db/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
