/**
 * Which names an example may use without importing them, and the import lines that bring them in.
 *
 * In order of precedence (a name declared or imported by the example itself always wins):
 * 1. the exports of the module that holds the documented declaration;
 * 2. the exports of the package's public entry points (`@ecom/cdc`, `@ecom/cdc/adapters`, …);
 * 3. the placeholders of the preludes that cover the file: `tools/examples/<package>/<folder>.prelude.ts` for a
 *    folder of the sources, then `tools/examples/<package>.prelude.ts` for the whole package;
 * 4. for a declaration no entry point exports (internals, and everything in an app): the exports of the
 *    package's other modules, when the name is unambiguous.
 */
import { dirname, relative } from 'node:path';
import ts from 'typescript';
import type { ExamplePackage } from './example-packages.js';
import { topLevelOf } from './find-examples.js';

/** What a package offers its examples. */
export interface PackageScope {
  /** Exports of each module of the package (by absolute file name). */
  moduleExports: ReadonlyMap<string, readonly string[]>;
  /** Exports of each public entry point, by specifier. */
  publicExports: ReadonlyMap<string, readonly string[]>;
  /** Placeholders declared by each prelude (by absolute file name). */
  preludeExports: ReadonlyMap<string, readonly string[]>;
  /** Unambiguous exports of the package's modules: name → the file that declares it. */
  internalExports: ReadonlyMap<string, string>;
  /** Top-level declarations reachable from a public entry point. */
  publicDeclarations: ReadonlySet<ts.Node>;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function exportsOf(checker: ts.TypeChecker, sourceFile: ts.SourceFile | undefined): Map<string, ts.Symbol> {
  const exports = new Map<string, ts.Symbol>();
  const moduleSymbol = sourceFile && checker.getSymbolAtLocation(sourceFile);
  if (!moduleSymbol) return exports;
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
    if (!IDENTIFIER.test(symbol.name)) continue;
    exports.set(symbol.name, symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
  }
  return exports;
}

/** Computes what the package's examples may use, from a program over the package's sources and its prelude. */
export function packageScope(
  program: ts.Program,
  pkg: ExamplePackage,
  moduleFiles: readonly string[],
): PackageScope {
  const checker = program.getTypeChecker();
  const publicExports = new Map<string, string[]>();
  const publicDeclarations = new Set<ts.Node>();
  for (const entry of pkg.entryPoints) {
    const exports = exportsOf(checker, program.getSourceFile(entry.file));
    publicExports.set(entry.specifier, [...exports.keys()]);
    for (const symbol of exports.values()) {
      for (const declaration of symbol.declarations ?? []) publicDeclarations.add(topLevelOf(declaration));
    }
  }
  const moduleExports = new Map<string, string[]>();
  const owners = new Map<string, { file: string; symbol: ts.Symbol } | null>(); // null: ambiguous
  for (const file of moduleFiles) {
    const exports = exportsOf(checker, program.getSourceFile(file));
    moduleExports.set(file, [...exports.keys()]);
    for (const [name, symbol] of exports) {
      const owner = owners.get(name);
      const declaredHere = symbol.declarations?.some((d) => d.getSourceFile().fileName === file) ?? false;
      if (owner === undefined || (owner !== null && owner.symbol === symbol && declaredHere)) {
        owners.set(name, { file, symbol });
      } else if (owner !== null && owner.symbol !== symbol) {
        owners.set(name, null);
      }
    }
  }
  const internalExports = new Map<string, string>();
  for (const [name, owner] of owners) if (owner) internalExports.set(name, owner.file);
  const preludeExports = new Map(
    pkg.preludes.map((p) => [p.file, [...exportsOf(checker, program.getSourceFile(p.file)).keys()]] as const),
  );
  return { moduleExports, publicExports, preludeExports, internalExports, publicDeclarations };
}

/** Names the example declares or imports at its top level (they shadow everything the scope offers). */
export function declaredNames(code: string): Set<string> {
  const names = new Set<string>();
  const bind = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  const file = ts.createSourceFile('example.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) bind(declaration.name);
    } else if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) names.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      else if (bindings) for (const element of bindings.elements) names.add(element.name.text);
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement) ||
        ts.isModuleDeclaration(statement) ||
        ts.isImportEqualsDeclaration(statement)) &&
      statement.name &&
      ts.isIdentifier(statement.name)
    ) {
      names.add(statement.name.text);
    }
  }
  return names;
}

function specifierFrom(dir: string, file: string): string {
  const path = relative(dir, file).replace(/\.ts$/, '.js');
  return path.startsWith('.') ? path : `./${path}`;
}

/**
 * The import lines that give an example of `topLevel` (a declaration of `file`) its scope, one line per module.
 * The example's own module lives in the same folder as `file`, so relative specifiers start from there.
 */
export function importLines(
  scope: PackageScope,
  pkg: ExamplePackage,
  file: string,
  topLevel: ts.Node,
  code: string,
): string[] {
  const taken = declaredNames(code);
  const dir = dirname(file);
  const groups = new Map<string, string[]>();
  const offer = (names: Iterable<string>, specifier: (name: string) => string): void => {
    for (const name of names) {
      if (taken.has(name)) continue;
      taken.add(name);
      const from = specifier(name);
      groups.set(from, [...(groups.get(from) ?? []), name]);
    }
  };
  offer(scope.moduleExports.get(file) ?? [], () => specifierFrom(dir, file));
  for (const [specifier, names] of scope.publicExports) offer(names, () => specifier);
  for (const prelude of pkg.preludes) {
    if (file.startsWith(`${prelude.dir}/`)) {
      offer(scope.preludeExports.get(prelude.file) ?? [], () => specifierFrom(dir, prelude.file));
    }
  }
  if (!scope.publicDeclarations.has(topLevel)) {
    offer(scope.internalExports.keys(), (name) =>
      specifierFrom(dir, scope.internalExports.get(name) ?? file),
    );
  }
  return [...groups].map(([from, names]) => `import { ${names.join(', ')} } from '${from}';`);
}
