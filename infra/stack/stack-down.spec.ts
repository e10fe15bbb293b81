import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isAlive } from './process-control.js';
import { findRepoRoot, loadStackConfig } from './stack-config.js';
import { stackUp } from './stack-runner.js';

const run = promisify(execFile);
const repoRoot = findRepoRoot(__dirname);

// An isolated stack (own folder, own ports) so the test never touches a stack someone else is using.
const stackDir = mkdtempSync(join(tmpdir(), 'ecom-stack-spec-'));
chmodSync(stackDir, 0o755); // the postgres user must reach its data dir
const env = {
  ...process.env,
  ECOM_STACK_DIR: stackDir,
  ECOM_STACK_POSTGRES_PORT: '56432',
  ECOM_STACK_KAFKA_PORT: '20092',
  ECOM_STACK_KAFKA_CONTROLLER_PORT: '20093',
  ECOM_STACK_CONNECT_PORT: '19083',
  ECOM_STACK_REGISTRY_PORT: '19081',
  ECOM_STACK_S3_PORT: '20000',
  ECOM_STACK_TRINO_PORT: '19080',
};

const cli = (...args: string[]) =>
  run(process.execPath, [join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(repoRoot, 'infra', 'stack', 'cli.ts'), ...args], {
    cwd: repoRoot,
    env,
    timeout: 200_000,
  });

interface Status {
  services: Record<string, { pid: number | null; health: string; rssMiB: number }>;
}

afterAll(async () => {
  await cli('down').catch(() => undefined);
  rmSync(stackDir, { recursive: true, force: true });
});

describe('stack CLI', () => {
  it('up starts real services, status reports them, down leaves no pid from status alive', async () => {
    await cli('up', '--only', 'postgres,s3');
    const before = JSON.parse((await cli('status')).stdout) as Status;
    expect(before.services['postgres']?.health).toBe('healthy');
    expect(before.services['s3']?.health).toBe('healthy');
    expect(before.services['postgres']?.rssMiB).toBeGreaterThan(0);
    const pids = Object.values(before.services)
      .map((s) => s.pid)
      .filter((p): p is number => p !== null);
    expect(pids).toHaveLength(2);

    await cli('up', '--only', 'postgres,s3'); // idempotent: reuses
    const again = JSON.parse((await cli('status')).stdout) as Status;
    expect(again.services['postgres']?.pid).toBe(before.services['postgres']?.pid);

    await cli('down');
    expect(pids.filter((p) => isAlive(p))).toEqual([]);
    const after = JSON.parse((await cli('status')).stdout) as Status;
    expect(Object.values(after.services).every((s) => s.pid === null && s.health === 'down')).toBe(true);
  });

  it('fails loudly when a port is taken by a foreign process', async () => {
    const server: Server = createServer();
    await new Promise<void>((r) => server.listen(20000, '127.0.0.1', r));
    try {
      const cfg = loadStackConfig(env);
      await expect(stackUp(cfg, ['s3'], () => undefined)).rejects.toThrow(/port 20000 is already taken.*ECOM_STACK_S3_PORT/);
    } finally {
      server.close();
    }
  });

  it('names the bad env key', () => {
    expect(() => loadStackConfig({ ...env, ECOM_STACK_KAFKA_PORT: 'abc' })).toThrow(/ECOM_STACK_KAFKA_PORT/);
    expect(() => loadStackConfig({ ...env, ECOM_STACK_S3_PORT: '20092' })).toThrow(/both 20092/);
  });
});
