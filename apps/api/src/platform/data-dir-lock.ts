import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The data folder is used by another running `npm start` (its pid is in `<dataDir>/platform.pid`).
 *
 * @example
 * const e = new DataDirLockedError('/work/.ecom', 4242);
 * e.message; // 'data folder /work/.ecom is in use by process 4242 (another npm start?); stop it or use --data-dir'
 */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `data folder ${dataDir} is in use by process ${pid} (another npm start?); stop it or use --data-dir`,
    );
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Takes the data folder for this process: writes its pid to `<dataDir>/platform.pid`, created exclusively. A
 * file left by a process that is gone (killed) is taken over; one of a live process gives
 * {@link DataDirLockedError}. Resolves to the release function (removes the file).
 *
 * @example
 * const release = await lockDataDir('.ecom');
 * await release();
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, 'platform.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await open(path, 'wx');
      await file.writeFile(`${process.pid}\n`);
      await file.close();
      return () => rm(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
        throw new DataDirLockedError(dataDir, pid);
      await rm(path, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`cannot lock ${path}`);
}
