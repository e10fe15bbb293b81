import baseConfig, { INFRASTRUCTURE, packageJsonChecks, restrictImports } from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  ...packageJsonChecks,
  // The decoder core stays pure: only src/adapters/** may touch Kafka, Postgres or HTTP clients.
  restrictImports(
    ['src/**/*.ts'],
    ['src/adapters/**'],
    [
      { group: INFRASTRUCTURE, message: 'The @ecom/cdc core is pure: infrastructure belongs in src/adapters/.' },
      { group: ['**/adapters', '**/adapters/**'], message: 'The @ecom/cdc core must not import its adapters.' },
    ],
  ),
];
