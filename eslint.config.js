import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const ioModules = ['node:net', 'node:tls', 'node:fs', 'node:fs/promises', 'node:http', 'node:child_process', 'net', 'tls', 'fs', 'pg', 'kysely', 'fastify'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'web/dist/**', 'build/**', 'data/**', 'bench/results/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests read JSON bodies of many shapes; typing each one would add noise, not safety.
    files: ['test/**/*.ts', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The SMPP codec and the pure rule files do no I/O (STYLE.md, habit 12).
    files: ['packages/smpp/src/codec/**/*.ts', 'packages/smpp/src/text/**/*.ts', 'packages/smpp/src/receipt/**/*.ts', 'src/**/rules/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ioModules.map((name) => ({ name, message: 'pure code: no I/O imports' })) }],
    },
  },
);
