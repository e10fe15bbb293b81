// infra/ is not an Nx project; run with `npx jest -c infra/jest.config.cjs`.
module.exports = require('../jest.preset.cjs')({
  displayName: 'infra',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
  testTimeout: 240_000,
});
