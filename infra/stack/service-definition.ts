import { join } from 'node:path';
import type { PidRecord } from './process-control.js';
import type { ServiceName, StackConfig } from './stack-config.js';

/**
 * How a service looks in infra/compose.yaml (generated from the same definitions). Every container uses host
 * networking, so ports, addresses and config files are exactly those of the native stack.
 */
export interface ComposeService {
  readonly image: string;
  readonly command?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
  readonly dependsOn?: readonly ServiceName[];
  /** files written next to compose.yaml and mounted read-only: relative host path → container path */
  readonly configFiles?: ReadonlyArray<{ readonly name: string; readonly target: string; readonly content: string }>;
  readonly healthcheck?: readonly string[];
}

/**
 * One service of the local stack: how to download, start, probe and stop it.
 *
 * @example
 * ```ts
 * const def: ServiceDefinition = postgresService;
 * await def.prepare(cfg);
 * ```
 */
export interface ServiceDefinition {
  readonly name: ServiceName;
  /** services that must be healthy first */
  readonly deps: readonly ServiceName[];
  readonly version: string;
  ports(cfg: StackConfig): number[];
  /** the address clients use, e.g. `127.0.0.1:19092` or a URL */
  endpoint(cfg: StackConfig): string;
  /** downloads / unpacks what `start` needs (idempotent, cached) */
  prepare(cfg: StackConfig): Promise<void>;
  /** spawns the process; returns its pid and a marker found in its command line */
  start(cfg: StackConfig): Promise<Pick<PidRecord, 'pid' | 'marker'>>;
  /** one real health probe (short timeouts, never hangs) */
  healthy(cfg: StackConfig): Promise<boolean>;
  /** one-off setup once healthy (roles, buckets), idempotent */
  afterHealthy?(cfg: StackConfig): Promise<void>;
  /** graceful stop when a plain SIGTERM is not right; the runner still kills leftovers */
  stop?(cfg: StackConfig, rec: PidRecord): Promise<void>;
  /** the file `logs <service>` prints */
  logFile(cfg: StackConfig): string;
  compose(cfg: StackConfig): ComposeService;
}

/** `.stack/<service>` */
export function serviceDir(cfg: StackConfig, name: ServiceName): string {
  return join(cfg.stackDir, name);
}

/** The JVM flag every stack JVM carries; it proves a pid belongs to this stack folder. */
export function stackMarker(cfg: StackConfig, name: ServiceName): string {
  return `-Decom.stack=${name}@${cfg.stackDir}`;
}

/** Small-footprint JVM flags for the helper services (not Trino). */
export function smallJvmFlags(heap: string): string[] {
  return [
    `-Xms64m`,
    `-Xmx${heap}`,
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-XX:MaxMetaspaceSize=256m',
    '-XX:+IgnoreUnrecognizedVMOptions',
    '-XX:ReservedCodeCacheSize=64m',
    '-Xss512k',
    '-Djava.awt.headless=true',
    '-Djava.net.preferIPv4Stack=true',
  ];
}

/** Renders a Java .properties file. */
export function toProperties(props: Readonly<Record<string, string | number | boolean>>): string {
  return (
    Object.entries(props)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join('\n') + '\n'
  );
}
