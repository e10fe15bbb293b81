import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { StackError } from './stack-error.js';

function majorOf(javaBin: string): number | undefined {
  const res = spawnSync(javaBin, ['-version'], { encoding: 'utf8', timeout: 15_000 });
  if (res.error || res.status !== 0) return undefined;
  return parseMajor(`${res.stdout}${res.stderr}`);
}

function parseMajor(text: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) return undefined;
  return m[1] === '1' ? Number(m[2]) : Number(m[1]);
}

/**
 * Finds a `java` binary whose major version is at least `min` (and at most `max` when given).
 * Candidates: `preferredHome`, `$JAVA_HOME`, the Debian JDK 17, then `java` on PATH. Loud when none fits.
 *
 * @example
 * ```ts
 * const java = findJava('kafka', { min: 17, max: 24 });
 * ```
 */
export function findJava(service: string, want: { min: number; max?: number; preferredHome?: string }): string {
  const candidates = [
    want.preferredHome && join(want.preferredHome, 'bin', 'java'),
    process.env['JAVA_HOME'] && join(process.env['JAVA_HOME'], 'bin', 'java'),
    '/usr/lib/jvm/java-17-openjdk-amd64/bin/java',
    'java',
  ].filter((c): c is string => Boolean(c));
  const seen: string[] = [];
  for (const bin of candidates) {
    if (bin !== 'java' && !existsSync(bin)) continue;
    const major = majorOf(bin);
    seen.push(`${bin} → ${major ?? 'not runnable'}`);
    if (major !== undefined && major >= want.min && (want.max === undefined || major <= want.max)) {
      return bin;
    }
  }
  throw new StackError(
    service,
    `no Java ${want.min}${want.max ? `–${want.max}` : '+'} found (tried: ${seen.join('; ') || 'none'}). ` +
      (want.min >= 25
        ? 'Install Temurin 25 or set ECOM_STACK_JAVA25_HOME.'
        : 'apt-get install openjdk-17-jre-headless or set ECOM_STACK_JAVA17_HOME.'),
  );
}
