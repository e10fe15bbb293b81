import baseConfig, { INFRASTRUCTURE, packageJsonChecks, restrictImports } from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  // The golden-fixture capture script runs on the real stack (pg, kafkajs, @ecom/domain/typeorm) and is never
  // published, so its imports are not dependencies of the package. `pg` is a peer dependency that no source imports
  // statically: the pgoutput source takes the pg module as its `driver` option, and the CLI (main.ts) loads it on
  // demand for `connector register`, so the peer range only says which versions fit.
  ...packageJsonChecks(['{projectRoot}/scripts/**/*'], ['pg']),
  // The decoder core stays pure: only src/adapters/** may touch Kafka, Postgres or HTTP clients. src/cli/main.ts
  // is the composition root of the CLI: it wires the adapters into the pure command code.
  restrictImports(
    ['src/**/*.ts'],
    ['src/adapters/**', 'src/cli/main.ts'],
    [
      {
        group: INFRASTRUCTURE,
        message: 'The @ecom/cdc core is pure: infrastructure belongs in src/adapters/.',
      },
      {
        group: ['**/adapters', '**/adapters/**'],
        message: 'The @ecom/cdc core must not import its adapters.',
      },
    ],
  ),
];
