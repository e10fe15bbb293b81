import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'minio';
import { findJava } from '../java-runtime.js';
import { fetchArtifact } from '../maven-artifacts.js';
import { spawnDetached } from '../process-control.js';
import { serviceDir, smallJvmFlags, stackMarker, toProperties, type ServiceDefinition } from '../service-definition.js';
import { VERSIONS, type StackConfig } from '../stack-config.js';

/** S3Proxy properties (filesystem backend, SigV2/V4 auth). */
export function s3proxyProperties(cfg: StackConfig, baseDir: string): Record<string, string> {
  return {
    's3proxy.endpoint': `http://127.0.0.1:${cfg.ports.s3}`,
    's3proxy.authorization': 'aws-v2-or-v4',
    's3proxy.identity': cfg.s3.accessKey,
    's3proxy.credential': cfg.s3.secretKey,
    // Trino's AWS SDK sends x-amz-optional-object-attributes on listings; S3Proxy answers 501 unless told to ignore it
    's3proxy.ignore-unknown-headers': 'true',
    'jclouds.provider': 'filesystem-nio2',
    'jclouds.filesystem.basedir': baseDir,
    'jclouds.identity': cfg.s3.accessKey,
    'jclouds.credential': cfg.s3.secretKey,
  };
}

/**
 * A `minio` client for the stack's S3 store (path style, fixed region: no location probe).
 *
 * @example
 * ```ts
 * await s3Client(cfg).bucketExists('lake');
 * ```
 */
export function s3Client(cfg: StackConfig): Client {
  return new Client({
    endPoint: '127.0.0.1',
    port: cfg.ports.s3,
    useSSL: false,
    accessKey: cfg.s3.accessKey,
    secretKey: cfg.s3.secretKey,
    region: 'us-east-1',
    pathStyle: true,
  });
}

const jarCoordinate = `org.gaul:s3proxy:${VERSIONS.s3proxy}:jar:jar-with-dependencies`;

/**
 * S3Proxy (Maven Central jar) with the filesystem backend under `.stack/s3/data`; creates the `lake` bucket.
 *
 * @example
 * ```ts
 * s3Service.endpoint(cfg); // 'http://127.0.0.1:19000'
 * ```
 */
export const s3Service: ServiceDefinition = {
  name: 's3',
  deps: [],
  version: VERSIONS.s3proxy,
  ports: (cfg) => [cfg.ports.s3],
  endpoint: (cfg) => `http://127.0.0.1:${cfg.ports.s3}`,
  logFile: (cfg) => join(serviceDir(cfg, 's3'), 's3proxy.log'),

  async prepare(cfg) {
    findJava('s3', { min: 17, preferredHome: cfg.java17Home });
    await fetchArtifact('s3', cfg.cacheDir, jarCoordinate);
  },

  async start(cfg) {
    const java = findJava('s3', { min: 17, preferredHome: cfg.java17Home });
    const jar = await fetchArtifact('s3', cfg.cacheDir, jarCoordinate);
    const dir = serviceDir(cfg, 's3');
    const data = join(dir, 'data');
    mkdirSync(data, { recursive: true });
    const conf = join(dir, 's3proxy.properties');
    writeFileSync(conf, toProperties(s3proxyProperties(cfg, data)));
    const pid = spawnDetached(java, [...smallJvmFlags('256m'), stackMarker(cfg, 's3'), '-jar', jar, '--properties', conf], {
      cwd: dir,
      logFile: s3Service.logFile(cfg),
    });
    return { pid, marker: stackMarker(cfg, 's3') };
  },

  async healthy(cfg) {
    await s3Client(cfg).listBuckets();
    return true;
  },

  async afterHealthy(cfg) {
    const client = s3Client(cfg);
    if (!(await client.bucketExists(cfg.s3.bucket))) await client.makeBucket(cfg.s3.bucket, 'us-east-1');
  },

  compose: (cfg) => ({
    image: `andrewgaul/s3proxy:s3proxy-${VERSIONS.s3proxy}`,
    environment: {
      S3PROXY_ENDPOINT: `http://127.0.0.1:${cfg.ports.s3}`,
      S3PROXY_AUTHORIZATION: 'aws-v2-or-v4',
      S3PROXY_IDENTITY: cfg.s3.accessKey,
      S3PROXY_CREDENTIAL: cfg.s3.secretKey,
      S3PROXY_IGNORE_UNKNOWN_HEADERS: 'true',
      JCLOUDS_PROVIDER: 'filesystem-nio2',
      JCLOUDS_FILESYSTEM_BASEDIR: '/data',
      JCLOUDS_IDENTITY: cfg.s3.accessKey,
      JCLOUDS_CREDENTIAL: cfg.s3.secretKey,
    },
    healthcheck: ['CMD-SHELL', `curl -s -o /dev/null http://127.0.0.1:${cfg.ports.s3}/`],
  }),
};
