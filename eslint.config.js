import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const ENGINE_FORBIDDEN = ['react', 'react-dom', 'd3', 'd3-*', 'zustand', '../web/*', '../../web/*'];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'fixtures', 'test-results', 'playwright-report', 'reports'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The engine must stay plain TypeScript: no any, no DOM or UI imports.
    files: ['src-core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { patterns: ENGINE_FORBIDDEN }],
    },
  },
  {
    // The test runner only in test files: shared test helpers (src-core/testing) take the
    // test's assertion as an argument.
    files: ['src-core/**/*.ts'],
    ignores: ['src-core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...ENGINE_FORBIDDEN, 'vitest'] }],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Test files may also read the engine's test helpers (src-core/testing).
              group: [
                '../src-core/*',
                '../../src-core/*',
                '../../../src-core/*',
                '!../../src-core/testing',
                '!../../src-core/testing/*',
              ],
              message:
                'The web app reads the engine only through its public entry (src-core/index.ts).',
            },
          ],
        },
      ],
    },
  },
);
