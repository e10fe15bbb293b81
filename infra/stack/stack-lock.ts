import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from './process-control.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `fn` while holding `.stack/lock` (a directory, atomic on POSIX), so parallel jest projects or
 * two terminals never start the same service twice. A lock whose owner pid is dead is taken over.
 *
 * @example
 * ```ts
 * await withStackLock(cfg.stackDir, 600_000, () => kafkaService.prepare(cfg));
 * ```
 */
export async function withStackLock<T>(stackDir: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  mkdirSync(stackDir, { recursive: true });
  const lock = join(stackDir, 'lock');
  const owner = join(lock, 'owner');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(owner, String(process.pid));
      break;
    } catch {
      let pid = NaN;
      try {
        pid = Number(readFileSync(owner, 'utf8'));
      } catch {
        // owner file not written yet
      }
      if (Number.isFinite(pid) && pid > 0 && !isAlive(pid)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${lock} (held by pid ${pid}); remove it if that process is gone`);
      }
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
