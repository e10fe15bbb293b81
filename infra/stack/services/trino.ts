import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { findJava } from '../java-runtime.js';
import { jarsIn, resolveClosure } from '../maven-artifacts.js';
import { spawnDetached } from '../process-control.js';
import { serviceDir, stackMarker, toProperties, type ServiceDefinition } from '../service-definition.js';
import { findRepoRoot, VERSIONS, type StackConfig } from '../stack-config.js';
import { StackError } from '../stack-error.js';
import { httpGet } from '../wait-for.js';

const run = promisify(execFile);

/** Catalog `lake`: Hive connector, file metastore and native S3 on the stack's S3 store. */
export function lakeCatalogProperties(cfg: StackConfig) {
  return {
    'connector.name': 'hive',
    'hive.metastore': 'file',
    'hive.metastore.catalog.dir': `s3://${cfg.s3.bucket}/_metastore`,
    'hive.metastore.user': 'ecom',
    'fs.native-s3.enabled': true,
    's3.endpoint': `http://127.0.0.1:${cfg.ports.s3}`,
    's3.region': 'us-east-1',
    's3.path-style-access': true,
    's3.aws-access-key': cfg.s3.accessKey,
    's3.aws-secret-key': cfg.s3.secretKey,
    'hive.non-managed-table-writes-enabled': true,
    'hive.storage-format': 'PARQUET',
    // Parquet INT64 timestamps are read in this zone (default: the JVM's) and at this precision (default: millis).
    'hive.parquet.time-zone': 'UTC',
    'hive.timestamp-precision': 'MICROSECONDS',
  };
}

/** Single-node coordinator+worker settings, memory kept small for the 6 GiB stack budget. */
export function trinoConfigProperties(cfg: StackConfig, pluginDir: string, catalogDir: string) {
  return {
    coordinator: true,
    'node-scheduler.include-coordinator': true,
    'http-server.http.port': cfg.ports.trino,
    'discovery.uri': `http://127.0.0.1:${cfg.ports.trino}`,
    'node.internal-address': '127.0.0.1',
    'query.max-memory': '512MB',
    'query.max-memory-per-node': '512MB',
    'task.concurrency': 2,
    'plugin.dir': pluginDir,
    'catalog.config-dir': catalogDir,
  };
}

/** JVM flags (Trino ≥ 479 needs Java 25 and the Vector API module). */
export const TRINO_JVM_FLAGS = [
  '-Xmx1536m',
  '-XX:+UseG1GC',
  '-XX:G1HeapRegionSize=32M',
  '-XX:+ExplicitGCInvokesConcurrent',
  '-XX:+ExitOnOutOfMemoryError',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:ReservedCodeCacheSize=256M',
  '-XX:PerMethodRecompilationCutoff=10000',
  '-XX:PerBytecodeRecompilationCutoff=10000',
  '-Djdk.attach.allowAttachSelf=true',
  '-Djdk.nio.maxCachedBufferSize=2000000',
  '-Dfile.encoding=UTF-8',
  '--add-modules=jdk.incubator.vector',
  '--enable-native-access=ALL-UNNAMED',
  '--sun-misc-unsafe-memory-access=allow',
] as const;

async function runTool(tool: 'jar' | 'javac', args: string[]): Promise<void> {
  const bin = join(currentJava25Home, 'bin', tool);
  try {
    await run(bin, args, { timeout: 120_000 });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new StackError('trino', `${bin} failed: ${e.message.split('\n')[0]}`, e.stderr ?? '');
  }
}

let currentJava25Home = '/usr/lib/jvm/temurin-25-jdk-amd64';

interface TrinoInstall {
  readonly classpath: string;
  readonly pluginDir: string;
}

async function trinoInstall(cfg: StackConfig): Promise<TrinoInstall> {
  const v = VERSIONS.trino;
  currentJava25Home = cfg.java25Home;
  const main = await resolveClosure('trino', cfg.cacheDir, `trino-main-${v}`, [`io.trino:trino-main:${v}`]);
  const hive = await resolveClosure('trino', cfg.cacheDir, `trino-hive-${v}`, [`io.trino:trino-hive:${v}`], {
    // provided by the server (Trino loads these parent-first anyway)
    excludeArtifactIds: ['trino-spi', 'slice', 'jackson-annotations', 'opentelemetry-api', 'opentelemetry-context'],
  });
  const pluginDir = join(cfg.cacheDir, `trino-plugins-${v}`);
  const hiveDir = join(pluginDir, 'hive');
  if (!existsSync(join(pluginDir, '.complete'))) {
    rmSync(pluginDir, { recursive: true, force: true });
    mkdirSync(hiveDir, { recursive: true });
    for (const jar of jarsIn(join(hive, 'jars'))) linkSync(jar, join(hiveDir, basename(jar)));
    // The jar on Maven Central lacks the META-INF/services entry that trino-maven-plugin adds to the tarball's plugin.
    const services = join(pluginDir, 'services-src');
    mkdirSync(join(services, 'META-INF', 'services'), { recursive: true });
    writeFileSync(join(services, 'META-INF', 'services', 'io.trino.spi.Plugin'), 'io.trino.plugin.hive.HivePlugin\n');
    await runTool('jar', ['cf', join(hiveDir, 'ecom-hive-plugin-services.jar'), '-C', services, 'META-INF']);
    rmSync(services, { recursive: true, force: true });
    writeFileSync(join(pluginDir, '.complete'), new Date().toISOString() + '\n');
  }

  const source = join(findRepoRoot(cfg.repoRoot), 'infra', 'stack', 'trino', 'EcomTrinoServer.java');
  const hash = createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 12);
  const launcher = join(cfg.cacheDir, `trino-launcher-${v}-${hash}`);
  if (!existsSync(join(launcher, 'io', 'trino', 'server', 'EcomTrinoServer.class'))) {
    await runTool('javac', ['-cp', `${join(main, 'jars')}/*`, '-d', launcher, source]);
  }
  return { classpath: `${launcher}:${join(main, 'jars')}/*`, pluginDir };
}

/**
 * Trino 483 on Temurin 25, assembled from trino-main + the trino-hive plugin (no tarball on the mirror), catalog `lake`.
 *
 * @example
 * ```ts
 * trinoService.endpoint(cfg); // 'http://127.0.0.1:18080'
 * ```
 */
export const trinoService: ServiceDefinition = {
  name: 'trino',
  deps: ['s3'],
  version: VERSIONS.trino,
  ports: (cfg) => [cfg.ports.trino],
  endpoint: (cfg) => `http://127.0.0.1:${cfg.ports.trino}`,
  logFile: (cfg) => join(serviceDir(cfg, 'trino'), 'trino.log'),

  async prepare(cfg) {
    findJava('trino', { min: 25, preferredHome: cfg.java25Home });
    await trinoInstall(cfg);
  },

  async start(cfg) {
    const java = findJava('trino', { min: 25, preferredHome: cfg.java25Home });
    const install = await trinoInstall(cfg);
    const dir = serviceDir(cfg, 'trino');
    const etc = join(dir, 'etc');
    const catalogDir = join(etc, 'catalog');
    mkdirSync(catalogDir, { recursive: true });
    mkdirSync(join(dir, 'data'), { recursive: true });
    const config = join(etc, 'config.properties');
    writeFileSync(config, toProperties(trinoConfigProperties(cfg, install.pluginDir, catalogDir)));
    writeFileSync(join(catalogDir, 'lake.properties'), toProperties(lakeCatalogProperties(cfg)));
    writeFileSync(join(etc, 'log.properties'), 'io.trino=INFO\nio.airlift=WARN\n');
    const pid = spawnDetached(
      java,
      [
        ...TRINO_JVM_FLAGS,
        stackMarker(cfg, 'trino'),
        `-Decom.trino.version=${VERSIONS.trino}`,
        '-Dnode.environment=ecom_stack',
        '-Dnode.id=ecom-stack-1',
        `-Dnode.data-dir=${join(dir, 'data')}`,
        `-Dconfig=${config}`,
        `-Dlog.levels-file=${join(etc, 'log.properties')}`,
        '-cp',
        install.classpath,
        'io.trino.server.EcomTrinoServer',
      ],
      { cwd: dir, logFile: trinoService.logFile(cfg) },
    );
    return { pid, marker: stackMarker(cfg, 'trino') };
  },

  async healthy(cfg) {
    const res = await httpGet(`${trinoService.endpoint(cfg)}/v1/info`);
    if (res.status !== 200) return false;
    return (JSON.parse(res.body) as { starting?: boolean }).starting === false;
  },

  compose: (cfg) => ({
    image: `trinodb/trino:${VERSIONS.trino}`,
    dependsOn: ['s3'],
    configFiles: [
      {
        name: 'trino-config.properties',
        target: '/etc/trino/config.properties',
        content: toProperties({
          ...trinoConfigProperties(cfg, '/usr/lib/trino/plugin', '/etc/trino/catalog'),
        }),
      },
      { name: 'trino-lake.properties', target: '/etc/trino/catalog/lake.properties', content: toProperties(lakeCatalogProperties(cfg)) },
    ],
    healthcheck: ['CMD-SHELL', `curl -fs http://127.0.0.1:${cfg.ports.trino}/v1/info | grep -q '"starting":false'`],
  }),
};
