import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stackGlobalSetup, stackGlobalTeardown } from './jest-global-setup.js';
import { isAlive } from './process-control.js';
import { loadStackConfig } from './stack-config.js';
import { stackStatus } from './stack-runner.js';

const saved = { ...process.env };
const stackDir = mkdtempSync(join(tmpdir(), 'ecom-stack-setup-spec-'));
chmodSync(stackDir, 0o755);

beforeAll(() => {
  Object.assign(process.env, {
    ECOM_STACK_DIR: stackDir,
    ECOM_STACK_POSTGRES_PORT: '57432',
    ECOM_STACK_KAFKA_PORT: '21092',
    ECOM_STACK_KAFKA_CONTROLLER_PORT: '21093',
    ECOM_STACK_CONNECT_PORT: '21083',
    ECOM_STACK_REGISTRY_PORT: '21081',
    ECOM_STACK_S3_PORT: '21000',
    ECOM_STACK_TRINO_PORT: '21080',
    KEEP_STACK: '',
  });
});

afterAll(() => {
  process.env = saved;
  rmSync(stackDir, { recursive: true, force: true });
});

describe('stackGlobalSetup / stackGlobalTeardown', () => {
  it('starts only the declared services, exports endpoints, and tears down what it started', async () => {
    await stackGlobalSetup(['postgres'])();
    const cfg = loadStackConfig();
    const status = await stackStatus(cfg);
    expect(status.services.postgres.health).toBe('healthy');
    expect(status.services.kafka.health).toBe('down');
    expect(process.env['ECOM_STACK_POSTGRES_URL']).toBe('postgres://postgres@127.0.0.1:57432/ecom');
    const pid = status.services.postgres.pid ?? -1;
    expect(pid).toBeGreaterThan(0);
    await stackGlobalTeardown();
    expect(isAlive(pid)).toBe(false);
  });
});
