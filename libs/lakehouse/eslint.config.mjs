import baseConfig, { INFRASTRUCTURE, packageJsonChecks, restrictImports } from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  // src/cli/lake-services.ts imports pg, minio and presto-client (optional peers: only the CLI needs them).
  ...packageJsonChecks(),
  // The core stays pure: only src/adapters/** touch infrastructure (and type it structurally). src/cli/lake-services.ts is
  // the composition root of the CLI: it wires pg, minio and presto-client into the pure command code.
  restrictImports(
    ['src/**/*.ts'],
    ['src/adapters/**', 'src/cli/lake-services.ts', 'src/writers/parquetjs-writer.ts'],
    [
      {
        group: INFRASTRUCTURE,
        message:
          'The @ecom/lakehouse core is pure: infrastructure belongs in src/adapters/ or src/cli/lake-services.ts.',
      },
      {
        group: ['**/adapters', '**/adapters/**'],
        message:
          'The @ecom/lakehouse core must not import its adapters (only src/cli/lake-services.ts wires them).',
      },
    ],
  ),
];
