// Workspace-level tests (module boundaries, packaging). Not an Nx project: `npm test` runs them last,
// after every lib has been built.
module.exports = require('../../jest.preset.cjs')({
  displayName: 'workspace',
  rootDir: __dirname,
  testTimeout: 600_000,
});
