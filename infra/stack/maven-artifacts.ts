import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { StackError } from './stack-error.js';

const run = promisify(execFile);
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';
const DONE = '.complete';

/** A Maven coordinate: groupId:artifactId:version[:type[:classifier]]. */
export type Coordinate = string;

function mvnArgs(): string[] {
  return ['-B', '-q', '-Dstyle.color=never'];
}

async function mvn(service: string, what: string, args: string[]): Promise<void> {
  try {
    await run('mvn', [...mvnArgs(), ...args], { maxBuffer: 64 * 1024 * 1024, timeout: 20 * 60_000 });
  } catch (err) {
    const e = err as { code?: string; stdout?: string; stderr?: string; message: string };
    if (e.code === 'ENOENT') {
      throw new StackError(service, 'Maven (mvn) is not installed: apt-get install maven (needed to fetch the stack from Maven Central)');
    }
    const out = `${e.stdout ?? ''}\n${e.stderr ?? ''}`;
    const missing = /Could not (?:find|resolve) artifact[^\n]*|Could not resolve dependencies[^\n]*|Couldn't download artifact[^\n]*/.exec(out);
    throw new StackError(
      service,
      `Maven Central did not serve ${what}${missing ? `: ${missing[0]}` : ''}`,
      out.split('\n').filter((l) => l.includes('ERROR')).slice(-15).join('\n'),
    );
  }
}

function pomFor(name: string, deps: readonly Coordinate[]): string {
  const xml = deps
    .map((c) => {
      const [g, a, v, type, classifier] = c.split(':');
      return (
        `<dependency><groupId>${g}</groupId><artifactId>${a}</artifactId><version>${v}</version>` +
        (type ? `<type>${type}</type>` : '') +
        (classifier ? `<classifier>${classifier}</classifier>` : '') +
        '</dependency>'
      );
    })
    .join('\n    ');
  return `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local.ecom-stack</groupId><artifactId>${name}</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    ${xml}
  </dependencies>
</project>
`;
}

/**
 * Copies the runtime dependency closure of `deps` into `<cacheDir>/<name>/` once (reused when complete).
 *
 * @example
 * ```ts
 * const libs = await resolveClosure('kafka', cfg.cacheDir, 'kafka-4.3.1', ['org.apache.kafka:kafka_2.13:4.3.1']);
 * ```
 */
export async function resolveClosure(
  service: string,
  cacheDir: string,
  name: string,
  deps: readonly Coordinate[],
  opts: { excludeArtifactIds?: readonly string[] } = {},
): Promise<string> {
  const dir = join(cacheDir, name);
  if (existsSync(join(dir, DONE))) return dir;
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const pom = join(tmp, 'pom.xml');
  writeFileSync(pom, pomFor(name, deps));
  const args = ['-f', pom, `${DEPENDENCY_PLUGIN}:copy-dependencies`, `-DoutputDirectory=${join(tmp, 'jars')}`, '-DincludeScope=runtime'];
  if (opts.excludeArtifactIds?.length) args.push(`-DexcludeArtifactIds=${opts.excludeArtifactIds.join(',')}`);
  await mvn(service, deps.join(' + ') + ' (with dependencies)', args);
  writeFileSync(join(tmp, DONE), new Date().toISOString() + '\n');
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return dir;
}

/**
 * Downloads one artifact file (any type/classifier) into `<cacheDir>/downloads/` once and returns its path.
 *
 * @example
 * ```ts
 * const tgz = await fetchArtifact('registry', cfg.cacheDir, 'io.apicurio:apicurio-registry-app:3.3.3:tar.gz:all');
 * ```
 */
export async function fetchArtifact(service: string, cacheDir: string, coord: Coordinate): Promise<string> {
  const [g, a, v, type = 'jar', classifier] = coord.split(':');
  const file = `${a}-${v}${classifier ? `-${classifier}` : ''}.${type}`;
  const out = join(cacheDir, 'downloads');
  const path = join(out, file);
  if (existsSync(path)) return path;
  mkdirSync(out, { recursive: true });
  await mvn(service, coord, [
    `${DEPENDENCY_PLUGIN}:copy`,
    `-Dartifact=${[g, a, v, type, classifier].filter(Boolean).join(':')}`,
    `-DoutputDirectory=${out}`,
  ]);
  if (!existsSync(path)) throw new StackError(service, `Maven reported success but ${path} is missing`);
  return path;
}

/**
 * Extracts a .tar.gz (GNU tar, keeps hard links) into `dest` once.
 *
 * @example
 * ```ts
 * import { join } from 'node:path';
 * const tgz = await fetchArtifact('connect', cfg.cacheDir, `io.debezium:debezium-connector-postgres:${VERSIONS.debezium}:tar.gz:plugin`);
 * const dir = await extractOnce('connect', tgz, join(cfg.cacheDir, `debezium-postgres-plugin-${VERSIONS.debezium}`));
 * ```
 */
export async function extractOnce(service: string, archive: string, dest: string): Promise<string> {
  if (existsSync(join(dest, DONE))) return dest;
  const tmp = `${dest}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    await run('tar', ['xzf', archive, '-C', tmp], { timeout: 10 * 60_000 });
  } catch (err) {
    throw new StackError(service, `cannot extract ${archive}: ${(err as Error).message}`);
  }
  writeFileSync(join(tmp, DONE), new Date().toISOString() + '\n');
  rmSync(dest, { recursive: true, force: true });
  renameSync(tmp, dest);
  return dest;
}

/** Lists `*.jar` files of a folder (sorted). */
export function jarsIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jar'))
    .sort()
    .map((f) => join(dir, f));
}
