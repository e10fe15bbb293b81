/**
 * Type-checks every TSDoc `@example` of a package: each example becomes a virtual module next to the file it
 * documents, with generated imports for the names in its scope (see example-scope.ts), and all of a package's
 * examples are checked in one program with the package's compiler options.
 */
import { relative } from 'node:path';
import ts from 'typescript';
import { examplePackages, type ExamplePackage } from './example-packages.js';
import { packageScope, importLines } from './example-scope.js';
import { exampleTagLines, findExamples, type ExampleBlock } from './find-examples.js';

/** One TypeScript error, at a line of the documented source file. */
export interface ExampleDiagnostic {
  line: number;
  code: number;
  message: string;
}

/** An example that does not compile (or a prelude or program error, with `declaration` in parentheses). */
export interface ExampleFailure {
  /** Path relative to the workspace root. */
  file: string;
  /** Line of the `@example` tag. */
  line: number;
  declaration: string;
  diagnostics: ExampleDiagnostic[];
  /** The example's code, each line prefixed with its source line (empty for prelude and program errors). */
  code: string;
}

/** The result for one package. */
export interface PackageReport {
  name: string;
  /** `@example` tags in declarations' TSDoc. */
  found: number;
  /** Examples with TypeScript code (the others hold only fences in another language). */
  checked: number;
  failures: ExampleFailure[];
  millis: number;
}

const SKIPPED_FILE = /\.(spec|bench)\.ts$|\.d\.ts$|\/(test|__fixtures__)\//;

/** Parsed files shared by every program of the run (lib.d.ts, @types/node and the libs are parsed once). */
const parsedFiles = new Map<string, ts.SourceFile>();

function compilerHost(
  options: ts.CompilerOptions,
  virtualFiles: ReadonlyMap<string, string>,
): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const { fileExists, readFile } = host;
  host.fileExists = (file) => virtualFiles.has(file) || fileExists(file);
  host.readFile = (file) => virtualFiles.get(file) ?? readFile(file);
  host.getSourceFile = (file, languageVersion) => {
    const virtual = virtualFiles.get(file);
    if (virtual !== undefined)
      return ts.createSourceFile(file, virtual, languageVersion, false, ts.ScriptKind.TS);
    const key =
      typeof languageVersion === 'object'
        ? `${file}|${languageVersion.languageVersion}|${languageVersion.impliedNodeFormat}`
        : `${file}|${languageVersion}`;
    let sourceFile = parsedFiles.get(key);
    if (!sourceFile) {
      const text = readFile(file);
      if (text === undefined) return undefined;
      sourceFile = ts.createSourceFile(file, text, languageVersion, true);
      parsedFiles.set(key, sourceFile);
    }
    return sourceFile;
  };
  return host;
}

function compilerOptions(tsconfig: string): { options: ts.CompilerOptions; fileNames: string[] } {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    tsconfig,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${tsconfig}`);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    composite: false,
    incremental: false,
    declaration: false,
    declarationMap: false,
    emitDeclarationOnly: false,
    noUnusedLocals: false,
    noUnusedParameters: false,
  };
  for (const key of ['rootDir', 'outDir', 'tsBuildInfoFile', 'configFilePath'] as const) delete options[key];
  return { options, fileNames: parsed.fileNames };
}

function errorsOf(program: ts.Program, sourceFile: ts.SourceFile): ts.Diagnostic[] {
  return [
    ...program.getSyntacticDiagnostics(sourceFile),
    ...program.getSemanticDiagnostics(sourceFile),
  ].filter((d) => d.category === ts.DiagnosticCategory.Error);
}

function messageOf(d: ts.Diagnostic): string {
  return ts.flattenDiagnosticMessageText(d.messageText, ' ').replace(/\s+/g, ' ');
}

/** Checks every example of one package in one program. */
export function checkPackage(root: string, pkg: ExamplePackage): PackageReport {
  const startedAt = performance.now();
  const { options, fileNames } = compilerOptions(pkg.tsconfig);
  // every source file, also those the build leaves out (an app's src/testing helpers)
  const built = new Set(fileNames);
  const extra = ts.sys
    .readDirectory(pkg.sourceDir, ['.ts'])
    .filter((f) => !built.has(f) && !SKIPPED_FILE.test(f));
  const moduleFiles = [...fileNames, ...extra].filter(
    (f) => f.startsWith(`${pkg.sourceDir}/`) && !SKIPPED_FILE.test(f),
  );
  const roots = [...fileNames, ...extra, ...pkg.preludes.map((p) => p.file)];
  const sources = ts.createProgram({ rootNames: roots, options, host: compilerHost(options, new Map()) });
  const scope = packageScope(sources, pkg, moduleFiles);

  const failures: ExampleFailure[] = [];
  const examples: ExampleBlock[] = [];
  for (const file of moduleFiles) {
    const sourceFile = sources.getSourceFile(file);
    if (!sourceFile) continue;
    // a `*/` written inside an example ends its doc comment early and breaks the module: say so first
    const broken = sources.getSyntacticDiagnostics(sourceFile).map((d) => ({
      line: sourceFile.getLineAndCharacterOfPosition(d.start ?? 0).line + 1,
      code: d.code,
      message: messageOf(d),
    }));
    if (broken.length > 0) {
      failures.push({
        file: relative(root, file),
        line: broken[0].line,
        declaration: '(source)',
        diagnostics: broken,
        code: '',
      });
    }
    const inFile = findExamples(sourceFile);
    examples.push(...inFile);
    const found = new Set(inFile.map((e) => e.line));
    for (const line of exampleTagLines(sourceFile).filter((l) => !found.has(l))) {
      failures.push({
        file: relative(root, file),
        line,
        declaration: '(no declaration)',
        diagnostics: [
          {
            line,
            code: 0,
            message: 'this doc comment documents no declaration, so its @example is never checked',
          },
        ],
        code: '',
      });
    }
  }
  const checked = examples.filter((e) => e.code.trim() !== '');
  const virtualFiles = new Map<string, string>();
  const exampleOf = new Map<string, { example: ExampleBlock; headerLines: number }>();
  for (const example of checked) {
    const name = `${example.file.slice(0, -'.ts'.length)}.example-${example.line}.ts`;
    const header = importLines(scope, pkg, example.file, example.topLevel, example.code);
    virtualFiles.set(name, `${header.join('\n')}\n${example.code}\nexport {};\n`);
    exampleOf.set(name, { example, headerLines: header.length });
  }
  const program = ts.createProgram({
    rootNames: [...roots, ...virtualFiles.keys()],
    options,
    host: compilerHost(options, virtualFiles),
    oldProgram: sources,
  });

  const problems = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  const preludeFiles = new Set(pkg.preludes.map((p) => p.file));
  for (const file of preludeFiles) {
    const prelude = program.getSourceFile(file);
    if (prelude) problems.push(...errorsOf(program, prelude));
  }
  for (const d of problems) {
    const where =
      d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    failures.push({
      file: relative(root, d.file?.fileName ?? pkg.tsconfig),
      line: where,
      declaration: d.file && preludeFiles.has(d.file.fileName) ? '(prelude)' : '(program)',
      diagnostics: [{ line: where, code: d.code, message: messageOf(d) }],
      code: '',
    });
  }
  for (const [name, { example, headerLines }] of exampleOf) {
    const sourceFile = program.getSourceFile(name);
    if (!sourceFile) throw new Error(`the program lost ${name}`);
    const diagnostics = errorsOf(program, sourceFile).map((d) => {
      const at =
        d.start === undefined ? -1 : sourceFile.getLineAndCharacterOfPosition(d.start).line - headerLines;
      return { line: example.codeLines[at] ?? example.line, code: d.code, message: messageOf(d) };
    });
    if (diagnostics.length > 0) {
      const code = example.code
        .split('\n')
        .map((text, i) => `${String(example.codeLines[i]).padStart(5)} | ${text}`)
        .join('\n');
      failures.push({
        file: relative(root, example.file),
        line: example.line,
        declaration: example.declaration,
        diagnostics,
        code,
      });
    }
  }
  return {
    name: pkg.name,
    found: examples.length,
    checked: checked.length,
    failures,
    millis: Math.round(performance.now() - startedAt),
  };
}

/** Checks the examples of the named packages (all when `names` is empty). */
export function checkExamples(root: string, names: readonly string[] = []): PackageReport[] {
  const packages = examplePackages(root);
  const unknown = names.filter((n) => !packages.some((p) => p.name === n));
  if (unknown.length > 0) {
    throw new Error(
      `unknown package ${unknown.join(', ')} (known: ${packages.map((p) => p.name).join(', ')})`,
    );
  }
  return packages
    .filter((p) => names.length === 0 || names.includes(p.name))
    .map((p) => checkPackage(root, p));
}

/**
 * One line per failing diagnostic, `file:line declaration: TSxxxx message`, grouped by example; with `showCode`,
 * each example's code follows its diagnostics.
 */
export function formatFailures(failures: readonly ExampleFailure[], showCode = false): string {
  return failures
    .flatMap((f) => [
      ...f.diagnostics.map(
        (d) => `${f.file}:${d.line} ${f.declaration}: ${d.code ? `TS${d.code} ` : ''}${d.message}`,
      ),
      ...(showCode && f.code ? [f.code, ''] : []),
    ])
    .join('\n');
}

/** The closing table: found, checked and failing examples per package. */
export function formatSummary(reports: readonly PackageReport[]): string {
  const rows = reports.map(
    (r) =>
      `${r.name.padEnd(10)} ${String(r.found).padStart(5)} found ${String(r.checked).padStart(5)} checked ` +
      `${String(r.failures.length).padStart(4)} failing (${r.millis} ms)`,
  );
  const sum = (pick: (r: PackageReport) => number) => reports.reduce((n, r) => n + pick(r), 0);
  rows.push(
    `${'total'.padEnd(10)} ${String(sum((r) => r.found)).padStart(5)} found ${String(sum((r) => r.checked)).padStart(5)} ` +
      `checked ${String(sum((r) => r.failures.length)).padStart(4)} failing`,
  );
  return rows.join('\n');
}
