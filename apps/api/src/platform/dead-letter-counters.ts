import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PipelineCounters } from '../dashboard/dashboard-types.js';

/**
 * The dashboard's counters of the jobs `npm start` runs in process: their dead-letter files
 * (`<dir>/<job>.dlq.jsonl`, one JSON line per letter) read every `everyMs`, each line a dead letter and each
 * `TOO_LATE` one a late event. `current()` is the last count (zeros before the first read); `stop()` ends the reads.
 *
 * @example
 * const counters = watchDeadLetterFiles('.ecom/dead-letters');
 * counters.current(); // { deadLetters: 0, lateEvents: 0 }
 * counters.stop();
 */
export function watchDeadLetterFiles(
  dir: string,
  everyMs = 2_000,
): { current(): PipelineCounters; stop(): Promise<void> } {
  let counts: PipelineCounters = { deadLetters: 0, lateEvents: 0 };
  const read = async () => {
    const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.dlq.jsonl'));
    let deadLetters = 0;
    let lateEvents = 0;
    for (const file of files) {
      const text = await readFile(join(dir, file), 'utf8').catch(() => '');
      for (const line of text.split('\n')) {
        if (line === '') continue;
        deadLetters++;
        if (line.includes('"cdc.error.code":"TOO_LATE"')) lateEvents++;
      }
    }
    counts = { deadLetters, lateEvents };
  };
  let reading = read();
  const timer = setInterval(() => {
    reading = reading.then(read);
  }, everyMs);
  timer.unref();
  return {
    current: () => counts,
    async stop() {
      clearInterval(timer);
      await reading;
    },
  };
}
