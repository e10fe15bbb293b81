// @faker-js/faker 10 ships ESM only; jest runs CommonJS, so swc also transforms faker's dist.
const base = require('../../jest.preset.cjs')({
  displayName: 'simulator',
  rootDir: __dirname,
  testTimeout: 60_000,
});
module.exports = { ...base, transformIgnorePatterns: ['/node_modules/(?!@faker-js/faker/)'] };
