import type { ServiceDefinition } from './service-definition.js';
import { SERVICE_NAMES, type ServiceName } from './stack-config.js';
import { connectService } from './services/connect.js';
import { kafkaService } from './services/kafka.js';
import { postgresService } from './services/postgres.js';
import { registryService } from './services/registry.js';
import { s3Service } from './services/s3.js';
import { trinoService } from './services/trino.js';

/**
 * All service definitions by name.
 *
 * @example
 * ```ts
 * SERVICES.kafka.endpoint(cfg); // '127.0.0.1:19092'
 * ```
 */
export const SERVICES: Readonly<Record<ServiceName, ServiceDefinition>> = {
  postgres: postgresService,
  kafka: kafkaService,
  connect: connectService,
  registry: registryService,
  s3: s3Service,
  trino: trinoService,
};

/**
 * Parses a comma list of service names; throws naming the unknown ones.
 *
 * @example
 * ```ts
 * parseServiceList('kafka,s3'); // ['kafka', 's3']
 * ```
 */
export function parseServiceList(list: string): ServiceName[] {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = names.filter((n) => !(SERVICE_NAMES as readonly string[]).includes(n));
  if (bad.length) throw new Error(`unknown service(s) ${bad.join(', ')}; known: ${SERVICE_NAMES.join(', ')}`);
  return names as ServiceName[];
}

/**
 * The requested services plus everything they depend on, in start order.
 *
 * @example
 * ```ts
 * withDependencies(['connect']); // ['postgres', 'kafka', 'connect']
 * ```
 */
export function withDependencies(names: readonly ServiceName[]): ServiceName[] {
  const wanted = new Set<ServiceName>();
  const add = (n: ServiceName) => {
    if (wanted.has(n)) return;
    wanted.add(n);
    SERVICES[n].deps.forEach(add);
  };
  names.forEach(add);
  return SERVICE_NAMES.filter((n) => wanted.has(n));
}
