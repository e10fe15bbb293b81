// One npm start per data folder: a live owner refuses the second, a dead owner's file is taken over.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.js';

describe('lockDataDir', () => {
  it('writes the pid, refuses a live owner, takes over a dead one, releases', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecom-lock-'));
    const path = join(dir, 'platform.pid');
    writeFileSync(path, '1\n'); // pid 1 is alive
    await expect(lockDataDir(dir)).rejects.toThrow(DataDirLockedError);
    await expect(lockDataDir(dir)).rejects.toThrow(`data folder ${dir} is in use by process 1`);
    const gone = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    writeFileSync(path, `${gone}\n`);
    const release = await lockDataDir(dir);
    expect(readFileSync(path, 'utf8')).toBe(`${process.pid}\n`);
    await release();
    expect(existsSync(path)).toBe(false);
  });
});
