import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelFiles } from './run-recs-cli.js';

/**
 * Model files on disk: `<dir>/<model id>.ecrf` (the `@ecom/recommendations` factor bytes) and `<dir>/LATEST`
 * holding the newest model id, written after the model file so a reader never finds a half-written model.
 *
 * @example
 * ```ts
 * const models = modelDir('.recs/models');
 * await models.latest(); // null before the first train
 * ```
 */
export function modelDir(dir: string): ModelFiles {
  return {
    async write(modelId, bytes) {
      await mkdir(dir, { recursive: true });
      const file = join(dir, `${modelId}.ecrf`);
      await writeFile(file, bytes);
      await writeFile(join(dir, 'LATEST.tmp'), `${modelId}\n`);
      await rename(join(dir, 'LATEST.tmp'), join(dir, 'LATEST'));
      return file;
    },
    async latest() {
      let id: string;
      try {
        id = (await readFile(join(dir, 'LATEST'), 'utf8')).trim();
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
      return new Uint8Array(await readFile(join(dir, `${id}.ecrf`)));
    },
  };
}
