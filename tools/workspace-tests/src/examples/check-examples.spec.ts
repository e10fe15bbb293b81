/**
 * The example checker on a small fixture package: what it finds, what an example may use, and that a wrong
 * example fails with its file, line, declaration and diagnostic.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPackage, formatFailures, type PackageReport } from './check-examples.js';
import type { ExamplePackage } from './example-packages.js';
import { extractCode } from './find-examples.js';

const doc = (...lines: string[]) => ['/**', ' * Doc.', ' *', ...lines.map((l) => ` * ${l}`.trimEnd()), ' */'];

describe('extractCode', () => {
  it('keeps the lines inside ts fences, with their source lines', () => {
    const raw = '\n * Prose first.\n * ```ts\n * add(1, 2); // 3\n * ```\n * ```json\n * {"a":1}\n * ```\n ';
    expect(extractCode(raw, 10)).toEqual({ code: 'add(1, 2); // 3', codeLines: [13] });
  });

  it('takes a block without fences whole, up to the next tag, and not at `@scope/pkg` inside a line', () => {
    const raw = '\n * const a = 1;\n * // with @ecom/cdc\n * @remarks later\n ';
    expect(extractCode(raw, 5)).toEqual({ code: 'const a = 1;\n// with @ecom/cdc', codeLines: [6, 7] });
  });
});

describe('checkPackage', () => {
  const root = mkdtempSync(join(tmpdir(), 'ecom-examples-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (file: string, lines: string[]) => {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), `${lines.join('\n')}\n`);
  };
  write('package.json', [
    JSON.stringify({ name: 'fixture', type: 'module', exports: { '.': './src/index.ts' } }),
  ]);
  write('tsconfig.json', [
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: 'nodenext',
        target: 'es2022',
        lib: ['es2023'],
        types: [],
        noEmit: true,
      },
      include: ['src/**/*.ts'],
    }),
  ]);
  write('src/add.ts', [
    ...doc('@example', '```ts', 'add(1, 2); // 3', '```'),
    'export function add(a: number, b: number): number {',
    '  return a + b + offset;',
    '}',
    ...doc('@example', 'const p: Pair = [1, 2];', 'add(...p);'),
    'export type Pair = [number, number];',
    ...doc('@example', 'add(offset, 1);'),
    'export const offset = 0;',
    ...doc('@example', 'add(one, 1);'),
    'export function typo(): void {}',
    ...doc('@example', '// @ts-expect-error: add takes numbers', "add('1', 2);"),
    'export function expectsError(): void {}',
    ...doc('@example', '// @ts-expect-error: but there is none', 'add(1, 2);'),
    'export function expectsErrorWrongly(): void {}',
    ...doc('@example', 'add(total, total);', "add(total, 'x');"),
    'export function withPrelude(): void {}',
    ...doc('@example', '```json', '{ "not": "typescript" }', '```'),
    'export function jsonOnly(): void {}',
  ]);
  write('src/internal.ts', [
    ...doc('@example', "secret(); // 'internal'"),
    "export function secret(): string { return 'internal'; }",
    ...doc('@example', 'secret();'),
    'export function usesSecret(): void {}',
  ]);
  write('src/public-secret.ts', [...doc('@example', 'secret();'), 'export function alsoPublic(): void {}']);
  write('src/index.ts', [
    "export { add, type Pair } from './add.js';",
    "export { alsoPublic } from './public-secret.js';",
  ]);
  write('src/sub/label.ts', [...doc('@example', 'total.toUpperCase();'), 'export function label(): void {}']);
  write('src/stray.ts', [...doc('@example', 'nowhere();'), '', '// the doc comment above documents nothing']);
  write('src/nested.ts', [
    ...doc('@example', 'f({ a: 1 /* , … */ });'),
    'export function f(o: object): void {}',
  ]);
  write('prelude.ts', ['/** An amount. */', 'export declare const total: number;']);
  write('sub.prelude.ts', ['/** In src/sub, a label. */', 'export declare const total: string;']);
  const pkg: ExamplePackage = {
    name: 'fixture',
    tsconfig: join(root, 'tsconfig.json'),
    sourceDir: join(root, 'src'),
    entryPoints: [{ specifier: 'fixture', file: join(root, 'src/index.ts') }],
    preludes: [
      { file: join(root, 'sub.prelude.ts'), dir: join(root, 'src/sub') },
      { file: join(root, 'prelude.ts'), dir: join(root, 'src') },
    ],
  };
  let report: PackageReport;
  beforeAll(() => {
    report = checkPackage(root, pkg);
  });
  const failing = () => report.failures.map((f) => f.declaration).sort();
  const text = () => formatFailures(report.failures);

  it('finds every @example and checks those with TypeScript', () => {
    expect(report.found).toBe(12);
    expect(report.checked).toBe(11);
  });

  it('fails exactly the wrong examples', () => {
    expect(failing()).toEqual([
      '(no declaration)',
      '(no declaration)',
      '(source)',
      'alsoPublic',
      'expectsErrorWrongly',
      'typo',
      'withPrelude',
    ]);
  });

  it('names file, line, declaration and diagnostic', () => {
    expect(text()).toContain("src/add.ts:31 typo: TS2304 Cannot find name 'one'.");
    expect(text()).toContain(
      "src/add.ts:46 expectsErrorWrongly: TS2578 Unused '@ts-expect-error' directive.",
    );
    expect(text()).toMatch(/src\/add\.ts:55 withPrelude: TS2345 Argument of type 'string' is not assignable/);
    expect(text()).toContain('src/stray.ts:4 (no declaration): this doc comment documents no declaration');
    expect(text()).toMatch(/src\/nested\.ts:5 \(source\): TS\d+ /); // the `*/` inside the example ended the comment
  });

  it('lets a folder’s prelude override the package’s', () => {
    expect(failing()).not.toContain('label');
  });

  it('gives internals the package’s other modules, public declarations only its entry points', () => {
    expect(text()).toContain("src/public-secret.ts:5 alsoPublic: TS2304 Cannot find name 'secret'.");
    expect(failing()).not.toContain('usesSecret');
  });
});
