// @ts-check
import eslint from '@eslint/js';
import lit from 'eslint-plugin-lit';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', '.test-results/', 'coverage/'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Browser code must never import the server.
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/server/**'], message: 'Browser code never imports the server.' }],
          paths: [
            {
              name: 'lit/directives/style-map.js',
              message:
                'styleMap writes a style attribute that a strict CSP blocks: set custom properties through the CSSOM (element.style.setProperty) instead.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**', 'scripts/**', '*.config.*', 'test/**/*.node.test.*', 'test/e2e/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
