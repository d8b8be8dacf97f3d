// ESLint (flat config). TypeScript under src/ and test/ is linted with type information from
// tsconfig.json (the promise rules need it); the plain-JavaScript tools and launchers without.
// Formatting is prettier's business (`npm run format`), so no stylistic rules here.
// `npm run lint` caches results per file (.eslintcache): a file whose dependencies changed type is
// not re-checked until it changes itself; CI lints a clean clone, without a cache.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    // Build output, dependencies and fixture data (Python and generated JSON) are not ours to lint.
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '.vscode-test/**',
      'test-results/**',
      'test/fixtures/**',
      'test/golden/**',
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Type-aware rules, chosen one by one: promises that nobody awaits or that land where a
      // callback's result is ignored. The rest of recommendedTypeChecked (no-unsafe-*,
      // restrict-template-expressions ...) mostly flags deliberate `unknown`/JSON handling in tests
      // and costs more than it finds here; no-unnecessary-type-assertion's fixes leave imports
      // unused, which --fix cannot remove, so `npm run lint:fix` would need a hand after it.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-for-in-array': 'error',
      '@typescript-eslint/no-implied-eval': 'error',
      // The code base writes `import { type X, y }`; keep that style when fixing.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // `import x = require('m')` is typed like an import; only untyped `require()` calls are flagged.
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      // Off: the interpreter writes comma-sequenced statements on purpose (`if (c) (a = x), (b = y);`),
      // which this rule cannot be told to allow.
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // The tools, launchers and the sample extra suite are CommonJS scripts run by Node.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node, ...globals.mocha } },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },
);
