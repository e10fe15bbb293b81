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
  /**
   * The preludes that declare the placeholders its examples use, most specific first: `<name>.prelude.ts` for the
   * whole package and `<name>/<folder>.prelude.ts` for the examples under `<folder>` of its sources.
   */
  preludes: Prelude[];
}

/** A file of placeholders (`export declare const event: ChangeEvent;`) for the examples under `dir`. */
export interface Prelude {
  file: string;
  dir: string;
}

interface PackageJson {
  name: string;
  private?: boolean;
  nx?: { name?: string };
  exports?: Record<string, string | Record<string, string>>;
}

/** Where the per-package preludes live. */
export const PRELUDE_DIR = 'tools/examples';

function preludesOf(root: string, name: string, sourceDir: string): Prelude[] {
  const preludes: Prelude[] = [];
  const whole = join(root, PRELUDE_DIR, `${name}.prelude.ts`);
  if (existsSync(whole)) preludes.push({ file: whole, dir: sourceDir });
  const folders = join(root, PRELUDE_DIR, name);
  if (existsSync(folders)) {
    for (const entry of readdirSync(folders, { recursive: true, encoding: 'utf8' })) {
      if (entry.endsWith('.prelude.ts')) {
        preludes.push({
          file: join(folders, entry),
          dir: join(sourceDir, entry.slice(0, -'.prelude.ts'.length)),
        });
      }
    }
  }
  return preludes.sort((a, b) => b.dir.length - a.dir.length);
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
      const sourceDir = join(home, 'src');
      packages.push({ name, tsconfig, sourceDir, entryPoints, preludes: preludesOf(root, name, sourceDir) });
    }
  }
  const infra = join(root, 'infra/stack');
  packages.push({
    name: 'infra',
    tsconfig: join(root, 'infra/tsconfig.json'),
    sourceDir: infra,
    entryPoints: [],
    preludes: preludesOf(root, 'infra', infra),
  });
  return packages;
}
