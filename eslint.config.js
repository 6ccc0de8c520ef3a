import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** An import of one of the given top-level folders of src/, from anywhere below src/. */
const importOf = (...folders) => ({ regex: `^(\\.\\./)+(${folders.join('|')})(/|\\.js$)` });

/**
 * The layer order of src/ (README, "Where things live"): each layer imports only the layers below
 * it, so the rules and the data know nothing of HTTP and the HTTP layer is the only one that
 * answers requests.
 */
const LAYERS = [
  {
    files: ['src/domain/**/*.ts'],
    patterns: [{ regex: '^\\.\\./', message: 'src/domain holds the rules alone: it imports no other folder of the app.' }],
  },
  {
    files: ['src/store/**/*.ts', 'src/auth/**/*.ts', 'src/security/**/*.ts', 'src/audit/**/*.ts'],
    patterns: [
      {
        ...importOf('api', 'http', 'web-server', 'service'),
        message: 'Below the HTTP layer: throw a refusal of src/domain/refusals.ts and let src/http answer it.',
      },
    ],
  },
  {
    files: ['src/store/migrations/2*.ts', 'src/engine/store/migrations/2*.ts'],
    patterns: [
      { regex: '^\\.\\./', message: 'A migration means the same forever: freeze what it needs inside it instead of importing live code.' },
    ],
  },
  {
    files: ['bench/**/*.ts', 'scripts/**/*.ts', 'kit/**/*.ts'],
    patterns: [
      {
        regex: '^(\\.\\./)+test/',
        message: 'Tests depend on the kit, never the other way: what bench/ and scripts/ share with the tests lives in kit/.',
      },
    ],
  },
  ...[1, 2, 3, 4].map((depth) => ({
    files: [`src/engine/${'*/'.repeat(depth - 1)}*.ts`],
    patterns: [
      {
        regex: `^(\\.\\./){${depth}}`,
        message: 'The embedded engine is sealed: it speaks only the Camunda REST API and imports nothing from the app.',
      },
    ],
  })),
];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', '.tmp/', 'web/dist/', 'coverage/', 'screenshots/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  ...LAYERS.map(({ files, patterns }) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } })),
);
