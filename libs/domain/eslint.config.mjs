import baseConfig, { packageJsonChecks, restrictImports } from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  ...packageJsonChecks(),
  // The root entry is zod only; TypeORM lives under src/typeorm (the ./typeorm subpath).
  restrictImports(
    ['src/**/*.ts'],
    ['src/typeorm/**'],
    [
      { group: ['typeorm', 'reflect-metadata', 'pg'], message: 'Only @ecom/domain/typeorm may load TypeORM.' },
      { group: ['**/typeorm', '**/typeorm/**'], message: 'The zod entry must not import the TypeORM entry.' },
    ],
  ),
];
