// Shared jest settings for every project. TypeScript is compiled by @swc/jest (CommonJS for jest),
// and workspace packages resolve to their sources through the "@ecom/source" export condition.
/** @param {{ displayName: string, rootDir: string, testMatch?: string[], testTimeout?: number }} options */
module.exports = function ecomJestConfig({ displayName, rootDir, testMatch, testTimeout }) {
  return {
    displayName,
    rootDir,
    testEnvironment: 'node',
    testEnvironmentOptions: {
      customExportConditions: ['@ecom/source', 'node', 'require', 'default'],
    },
    transform: {
      '^.+\\.[cm]?[tj]s$': [
        '@swc/jest',
        {
          jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
          module: { type: 'commonjs' },
          sourceMaps: 'inline',
        },
      ],
    },
    transformIgnorePatterns: ['/node_modules/'],
    moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
    // ESM sources import siblings as './x.js'; jest resolves them to './x.ts'.
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    testMatch: testMatch ?? ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
    coverageDirectory: `${rootDir}/coverage`,
    testTimeout: testTimeout ?? 30_000,
    reporters: ['default', require.resolve('./tools/jest/results-reporter.cjs')],
  };
};
