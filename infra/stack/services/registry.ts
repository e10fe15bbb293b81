import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findJava } from '../java-runtime.js';
import { extractOnce, fetchArtifact } from '../maven-artifacts.js';
import { spawnDetached } from '../process-control.js';
import { serviceDir, smallJvmFlags, stackMarker, type ServiceDefinition } from '../service-definition.js';
import { VERSIONS, type StackConfig } from '../stack-config.js';
import { StackError } from '../stack-error.js';
import { httpGet } from '../wait-for.js';

/** Apicurio settings: in-memory storage, loopback, Confluent API without legacy ids. */
export function registrySettings(cfg: StackConfig): Record<string, string> {
  return {
    'quarkus.http.port': String(cfg.ports.registry),
    'quarkus.http.host': '127.0.0.1',
    'apicurio.storage.kind': 'sql',
    'apicurio.storage.sql.kind': 'h2',
    'apicurio.ccompat.legacy-id-mode.enabled': 'false',
    'apicurio.rest.deletion.artifact.enabled': 'true',
    'apicurio.rest.deletion.artifact-version.enabled': 'true',
    'apicurio.rest.deletion.group.enabled': 'true',
    'quarkus.log.level': 'INFO',
  };
}

async function quarkusRunJar(cfg: StackConfig): Promise<string> {
  const tgz = await fetchArtifact('registry', cfg.cacheDir, `io.apicurio:apicurio-registry-app:${VERSIONS.apicurio}:tar.gz:all`);
  const dir = await extractOnce('registry', tgz, join(cfg.cacheDir, `apicurio-registry-${VERSIONS.apicurio}`));
  const find = (d: string, depth: number): string | undefined => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (f === 'quarkus-run.jar') return p;
      if (depth > 0 && statSync(p).isDirectory()) {
        const hit = find(p, depth - 1);
        if (hit) return hit;
      }
    }
    return undefined;
  };
  const jar = find(dir, 3);
  if (!jar) throw new StackError('registry', `no quarkus-run.jar inside ${tgz}`);
  return jar;
}

/**
 * Apicurio Registry 3.3.3 (Quarkus fast-jar from Maven Central), in-memory, Confluent API at /apis/ccompat/v7.
 *
 * @example
 * ```ts
 * registryService.endpoint(cfg); // 'http://127.0.0.1:18081/apis/ccompat/v7'
 * ```
 */
export const registryService: ServiceDefinition = {
  name: 'registry',
  deps: [],
  version: VERSIONS.apicurio,
  ports: (cfg) => [cfg.ports.registry],
  endpoint: (cfg) => `http://127.0.0.1:${cfg.ports.registry}/apis/ccompat/v7`,
  logFile: (cfg) => join(serviceDir(cfg, 'registry'), 'registry.log'),

  async prepare(cfg) {
    findJava('registry', { min: 21, preferredHome: cfg.java25Home });
    await quarkusRunJar(cfg);
  },

  async start(cfg) {
    const java = findJava('registry', { min: 21, preferredHome: cfg.java25Home });
    const jar = await quarkusRunJar(cfg);
    const props = Object.entries(registrySettings(cfg)).map(([k, v]) => `-D${k}=${v}`);
    const pid = spawnDetached(java, [...smallJvmFlags('256m'), ...props, stackMarker(cfg, 'registry'), '-jar', jar], {
      cwd: serviceDir(cfg, 'registry'),
      logFile: registryService.logFile(cfg),
    });
    return { pid, marker: stackMarker(cfg, 'registry') };
  },

  async healthy(cfg) {
    const res = await httpGet(`${registryService.endpoint(cfg)}/subjects`);
    return res.status === 200;
  },

  compose: (cfg) => ({
    image: `apicurio/apicurio-registry:${VERSIONS.apicurio}`,
    environment: Object.fromEntries(
      Object.entries({ ...registrySettings(cfg), 'quarkus.http.host': '0.0.0.0' }).map(([k, v]) => [k.toUpperCase().replace(/[.-]/g, '_'), v]),
    ),
    healthcheck: ['CMD-SHELL', `curl -fs http://127.0.0.1:${cfg.ports.registry}/apis/ccompat/v7/subjects >/dev/null`],
  }),
};
