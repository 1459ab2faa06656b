// ESLint 9 flat config: typescript-eslint's recommended rules, plus the type-aware promise rules
// (a promise nobody awaits loses its error). Formatting is Biome's (biome.json); boundaries are
// dependency-cruiser's (.dependency-cruiser.cjs). `npm run lint` runs all three.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  // test/fixtures/upgrade holds files made by an earlier release, kept as they were made.
  { ignores: ['node_modules/**', 'build/**', 'build.next-*/**', 'data/**', 'docs/**', 'coverage/**', 'test/fixtures/upgrade/**', 'test/contract/palermo-api.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, properties: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'max-len': ['error', { code: 120, ignoreUrls: true, ignorePattern: '^\\s*(//|\\*|/\\*).*https?://' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name=/^(describe|it|test)$/][callee.property.name='only']", message: 'no .only' },
      ],
    },
  },
  { files: ['bin/**/*.js', 'scripts/**/*.mjs', 'bench/**/*.mjs', '*.js', '*.cjs'], languageOptions: { globals: globals.node } },
  // The small scripts the pages load run in the browser.
  { files: ['src/**/assets/*.js'], languageOptions: { globals: globals.browser } },
);
