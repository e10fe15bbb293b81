import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PipelineCounters } from '../dashboard/dashboard-types.js';
import type { ScheduledRun } from './schedule.js';

type Runs = NonNullable<PipelineCounters['scheduledRuns']>;

/** The last run of each task in `<dataDir>/runs.jsonl`, newest first. */
function lastRuns(text: string): Runs {
  const last = new Map<string, ScheduledRun>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    try {
      const run = JSON.parse(line) as ScheduledRun;
      last.set(run.task, run);
    } catch {
      // a line cut by a crash: skipped
    }
  }
  return [...last.values()]
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
    .map(({ task, startedAt, durationMs, outcome }) => ({ task, startedAt, durationMs, outcome }));
}

/**
 * The dashboard's counters of what `npm start` runs itself, read every `everyMs` from its data folder: the jobs'
 * dead-letter files (`dead-letters/<job>.dlq.jsonl`, one JSON line per letter: each a dead letter, each `TOO_LATE`
 * one a late event) and the schedule's run log (`runs.jsonl`: the last run of each task). `current()` is the last
 * read (zeros before the first); `stop()` ends the reads.
 *
 * @example
 * const counters = watchPlatformCounters('.ecom');
 * counters.current(); // { deadLetters: 0, lateEvents: 0, scheduledRuns: [] }
 * await counters.stop();
 */
export function watchPlatformCounters(
  dataDir: string,
  everyMs = 2_000,
): { current(): PipelineCounters; stop(): Promise<void> } {
  let counts: PipelineCounters = { deadLetters: 0, lateEvents: 0, scheduledRuns: [] };
  const dir = join(dataDir, 'dead-letters');
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
    const runs = lastRuns(await readFile(join(dataDir, 'runs.jsonl'), 'utf8').catch(() => ''));
    counts = { deadLetters, lateEvents, scheduledRuns: runs };
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
