/**
 * The workspace packages whose TSDoc examples are checked: every lib and app, and infra/.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A package whose examples are checked in one program. */
export interface ExamplePackage {
  /** Short name (`cdc`, `api`, `infra`), also the name of its prelude `tools/examples/<name>.prelude.ts`. */
  name: string;
  /** Absolute path of the tsconfig that compiles its sources (its compiler options are the examples'). */
  tsconfig: string;
  /** Absolute path of the folder whose files are scanned for examples. */
  sourceDir: string;
  /** Public entry points: the specifier users import (`@ecom/cdc/adapters`) and its source file. */
  entryPoints: { specifier: string; file: string }[];
  /** Absolute path of the prelude that declares the placeholders its examples use, when there is one. */
  prelude: string | undefined;
}

interface PackageJson {
  name: string;
  private?: boolean;
  nx?: { name?: string };
  exports?: Record<string, string | Record<string, string>>;
}

/** Where the per-package preludes live. */
export const PRELUDE_DIR = 'tools/examples';

function preludeOf(root: string, name: string): string | undefined {
  const file = join(root, PRELUDE_DIR, `${name}.prelude.ts`);
  return existsSync(file) ? file : undefined;
}

/** Every lib in libs/, app in apps/, and infra/, in that order. */
export function examplePackages(root: string): ExamplePackage[] {
  const packages: ExamplePackage[] = [];
  for (const group of ['libs', 'apps']) {
    for (const dir of readdirSync(join(root, group)).sort()) {
      const home = join(root, group, dir);
      if (!existsSync(join(home, 'package.json'))) continue;
      const json = JSON.parse(readFileSync(join(home, 'package.json'), 'utf8')) as PackageJson;
      const name = json.nx?.name ?? dir;
      const tsconfig = ['tsconfig.lib.json', 'tsconfig.app.json'].map((f) => join(home, f)).find(existsSync);
      if (!tsconfig) continue;
      const entryPoints = json.private
        ? [] // an app's entry is its main module, not an API
        : Object.entries(json.exports ?? {}).flatMap(([key, target]) => {
            const source = typeof target === 'string' ? undefined : target['@ecom/source'];
            return source ? [{ specifier: json.name + key.slice(1), file: join(home, source) }] : [];
          });
      packages.push({ name, tsconfig, sourceDir: join(home, 'src'), entryPoints, prelude: preludeOf(root, name) });
    }
  }
  packages.push({
    name: 'infra',
    tsconfig: join(root, 'infra/tsconfig.json'),
    sourceDir: join(root, 'infra/stack'),
    entryPoints: [],
    prelude: preludeOf(root, 'infra'),
  });
  return packages;
}
