import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderCompose } from './compose-file.js';
import { SERVICES } from './service-registry.js';
import { findRepoRoot, loadStackConfig, SERVICE_NAMES, VERSIONS } from './stack-config.js';

const repoRoot = findRepoRoot(__dirname);
const defaults = loadStackConfig({ ECOM_REPO_ROOT: repoRoot });

describe('infra/compose.yaml', () => {
  it('is exactly what the service definitions generate (run `npm run stack -- compose` after changing them)', () => {
    const { compose, files } = renderCompose(defaults);
    expect(readFileSync(join(repoRoot, 'infra', 'compose.yaml'), 'utf8')).toBe(compose);
    for (const [rel, content] of Object.entries(files)) {
      expect(readFileSync(join(repoRoot, 'infra', rel), 'utf8')).toBe(content);
    }
  });

  it('uses the native stack versions and default ports', () => {
    const { compose } = renderCompose(defaults);
    expect(compose).toContain(`apache/kafka:${VERSIONS.kafka}`);
    expect(compose).toContain(`trinodb/trino:${VERSIONS.trino}`);
    expect(compose).toContain(`apicurio/apicurio-registry:${VERSIONS.apicurio}`);
    expect(compose).toContain(`quay.io/debezium/connect:${VERSIONS.debezium}`);
    expect(compose).not.toMatch(/minio/i);
    for (const name of SERVICE_NAMES) {
      for (const port of SERVICES[name].ports(defaults)) expect(compose).toContain(String(port));
    }
  });
});
