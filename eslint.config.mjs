import nx from '@nx/eslint-plugin';
import jsoncParser from 'jsonc-eslint-parser';

/** Packages that only adapters and apps may load. Pure cores accept ports (interfaces) instead. */
export const INFRASTRUCTURE = [
  'kafkajs',
  '@kafkajs/*',
  '@confluentinc/*',
  'pg',
  'pg-*',
  'typeorm',
  'express',
  'minio',
  '@aws-sdk/*',
  'presto-client',
  'trino-client',
  'pino',
  '@dsnp/parquetjs',
];

/**
 * Who may depend on whom. Tags live in each project's package.json ("nx.tags").
 *   everyone      → never an app (apps are "projectType": "application": Nx forbids importing them)
 *   type:app      → any lib, never another app
 *   type:adapter  → core and domain libs (infrastructure allowed)
 *   type:core     → core and domain libs, no infrastructure packages
 *   type:domain   → nothing internal
 *   scope:standalone (windowing) → nothing internal, no external package at all
 */
const depConstraints = (forTests) => [
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:adapter', 'type:core', 'type:domain'],
  },
  {
    sourceTag: 'type:adapter',
    onlyDependOnLibsWithTags: ['type:core', 'type:domain'],
  },
  {
    sourceTag: 'type:core',
    onlyDependOnLibsWithTags: ['type:core', 'type:domain'],
    ...(forTests ? {} : { bannedExternalImports: INFRASTRUCTURE }),
  },
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: [],
  },
  {
    sourceTag: 'scope:standalone',
    onlyDependOnLibsWithTags: [],
    ...(forTests ? {} : { allowedExternalImports: [] }),
  },
];

export const TEST_FILES = ['**/*.spec.ts', '**/*.bench.ts', '**/test/**/*.ts', '**/testing/**/*.ts'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/node_modules', '**/coverage', '**/.nx', '.stack/**', 'tmp/**'],
  },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.cts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: depConstraints(false),
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: TEST_FILES,
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: true, allow: [], depConstraints: depConstraints(true) },
      ],
    },
  },
  {
    // Benchmarks are never built or published; they load the shared harness from tools/bench by relative path.
    files: ['**/*.bench.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];

/**
 * Keeps each publishable lib's package.json dependencies in step with what its sources import.
 * @param {string[]} extraIgnoredFiles files (besides tests, benches and configs) whose imports are not dependencies
 * @param {string[]} ignoredDependencies declared dependencies no source imports (e.g. a peer the caller injects)
 */
export function packageJsonChecks(extraIgnoredFiles = [], ignoredDependencies = []) {
  return [
    {
      files: ['package.json'],
      languageOptions: { parser: jsoncParser },
      rules: {
        '@nx/dependency-checks': [
          'error',
          {
            ignoredFiles: [
              '{projectRoot}/eslint.config.{js,cjs,mjs}',
              '{projectRoot}/jest.config.{js,cjs,ts,cts}',
              '{projectRoot}/**/*.spec.ts',
              '{projectRoot}/**/*.bench.ts',
              '{projectRoot}/test/**/*',
              '{projectRoot}/src/testing/**/*',
              ...extraIgnoredFiles,
            ],
            ignoredDependencies,
          },
        ],
      },
    },
  ];
}

/**
 * Forbids some imports in part of a lib (module boundaries work per project; this works per folder).
 * @param {string[]} files globs relative to the lib
 * @param {string[]} ignores globs relative to the lib
 * @param {{group: string[], message: string}[]} patterns
 */
export function restrictImports(files, ignores, patterns) {
  return { files, ignores: [...ignores, ...TEST_FILES], rules: { 'no-restricted-imports': ['error', { patterns }] } };
}
