import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describeWithSharedFixtures, sharedFixturesDir, type SkippableSuiteFramework } from './shared-fixtures.js';

/** A framework double that records what the helper declared. */
function recorder() {
  const calls: string[] = [];
  const tests: (() => void)[] = [];
  const it = Object.assign(
    (name: string, test: () => void) => {
      calls.push(`it ${name}`);
      tests.push(test);
    },
    { skip: (name: string) => void calls.push(`skip ${name}`) },
  );
  const framework: SkippableSuiteFramework = {
    describe: (name, body) => {
      calls.push(`describe ${name}`);
      body();
    },
    it,
  };
  return { calls, tests, framework };
}

const root = mkdtempSync(join(tmpdir(), 'ecom-fixtures-'));
mkdirSync(join(root, 'fraud'));
writeFileSync(join(root, 'fraud', 'vectors.json'), '{}');

describe('sharedFixturesDir', () => {
  test('ECOM_CONFORMANCE_DIR wins', () => {
    expect(sharedFixturesDir(__dirname, { ECOM_CONFORMANCE_DIR: root })).toBe(root);
  });
  test('else shared/fixtures beside the checkout (the folder with nx.json)', () => {
    expect(sharedFixturesDir(__dirname, {})).toBe(resolve(__dirname, '../../../../../shared/fixtures'));
  });
});

describe('describeWithSharedFixtures', () => {
  test('present: runs the suite with the file path', () => {
    const { calls, framework } = recorder();
    describeWithSharedFixtures(framework, 'fraud', 'fraud/vectors.json', (path) => calls.push(`body ${path}`), {
      fromDir: __dirname,
      env: { ECOM_CONFORMANCE_DIR: root },
    });
    expect(calls).toEqual(['describe fraud', `body ${join(root, 'fraud', 'vectors.json')}`]);
  });

  test('absent in CI: one failing test naming the path', () => {
    const { calls, tests, framework } = recorder();
    describeWithSharedFixtures(framework, 'fraud', 'fraud/nope.json', () => calls.push('body'), {
      fromDir: __dirname,
      env: { ECOM_CONFORMANCE_DIR: root, CI: 'true' },
    });
    expect(calls).toEqual(['describe fraud', 'it needs the shared fixtures in CI']);
    expect(() => tests[0]?.()).toThrow(`shared fixtures not found: ${join(root, 'fraud', 'nope.json')}`);
  });

  test('absent elsewhere: skipped, with the reason printed', () => {
    const { calls, framework } = recorder();
    const lines: string[] = [];
    describeWithSharedFixtures(framework, 'fraud', 'fraud/nope.json', () => calls.push('body'), {
      fromDir: __dirname,
      env: { ECOM_CONFORMANCE_DIR: root },
      log: (line) => lines.push(line),
    });
    expect(calls).toEqual(['describe fraud', 'skip fraud/nope.json not found']);
    expect(lines[0]).toMatch(/^fraud: skipped, shared fixtures not found/);
  });
});
