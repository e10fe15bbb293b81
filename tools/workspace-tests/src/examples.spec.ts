/**
 * Every TSDoc `@example` in libs/ and apps/ (and infra/) type-checks, as its own module in the context of its
 * package (see examples/example-scope.ts for the names it may use). `npm run -s examples:check -- <package>`
 * prints the same list faster while you fix examples.
 */
import { checkPackage, formatFailures } from './examples/check-examples.js';
import { examplePackages } from './examples/example-packages.js';
import { WORKSPACE_ROOT } from './workspace-root.js';

describe('TSDoc examples', () => {
  it.each(examplePackages(WORKSPACE_ROOT).map((pkg) => [pkg.name, pkg] as const))(
    'every @example of %s compiles',
    (_name, pkg) => {
      const report = checkPackage(WORKSPACE_ROOT, pkg);
      expect(report.checked).toBeGreaterThan(0);
      if (report.failures.length > 0) {
        throw new Error(
          `${report.failures.length} of ${report.checked} examples do not compile:\n${formatFailures(report.failures)}`,
        );
      }
    },
  );
});
