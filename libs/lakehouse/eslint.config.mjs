import baseConfig, { INFRASTRUCTURE, packageJsonChecks, restrictImports } from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  // src/cli/main.ts imports pg, minio and presto-client (optional peers: only the CLI needs them).
  ...packageJsonChecks(),
  // The core stays pure: only src/adapters/** touch infrastructure (and type it structurally). src/cli/main.ts is
  // the composition root of the CLI: it wires pg, minio and presto-client into the pure command code.
  restrictImports(
    ['src/**/*.ts'],
    ['src/adapters/**', 'src/cli/main.ts', 'src/writers/parquetjs-writer.ts'],
    [
      {
        group: INFRASTRUCTURE,
        message:
          'The @ecom/lakehouse core is pure: infrastructure belongs in src/adapters/ or src/cli/main.ts.',
      },
      {
        group: ['**/adapters', '**/adapters/**'],
        message: 'The @ecom/lakehouse core must not import its adapters (only src/cli/main.ts wires them).',
      },
    ],
  ),
];
