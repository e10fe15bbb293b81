import baseConfig, { packageJsonChecks, restrictImports } from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  ...packageJsonChecks(),
  // The root entry is zod only; TypeORM lives under src/typeorm (the ./typeorm subpath), and the PostgreSQL test
  // helpers under src/testing (the ./testing subpath) build on it.
  restrictImports(
    ['src/**/*.ts'],
    ['src/typeorm/**', 'src/testing/**'],
    [
      {
        group: ['typeorm', 'reflect-metadata', 'pg'],
        message: 'Only @ecom/domain/typeorm and @ecom/domain/testing may load TypeORM or pg.',
      },
      { group: ['**/typeorm', '**/typeorm/**'], message: 'The zod entry must not import the TypeORM entry.' },
      { group: ['**/testing', '**/testing/**'], message: 'The zod entry must not import the testing entry.' },
    ],
  ),
];
