// The dashboard's counters of what npm start runs itself: the jobs' dead-letter files and the schedule's run log.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchPlatformCounters } from './platform-counters.js';

describe('watchPlatformCounters', () => {
  it('counts every dead letter (TOO_LATE ones as late events) and keeps the last run of each task', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'platform-counters-'));
    const dir = join(dataDir, 'dead-letters');
    mkdirSync(dir);
    const line = (code: string) => `${JSON.stringify({ headers: { 'cdc.error.code': code } })}\n`;
    writeFileSync(join(dir, 'revenue.dlq.jsonl'), line('MALFORMED_JSON'));
    writeFileSync(join(dir, 'fraud.dlq.jsonl'), line('TOO_LATE') + line('TOO_LATE'));
    writeFileSync(join(dir, 'notes.txt'), 'ignored\n');
    const run = (task: string, startedAt: string, outcome: string) =>
      `${JSON.stringify({ task, startedAt, durationMs: 10, outcome })}\n`;
    writeFileSync(
      join(dataDir, 'runs.jsonl'),
      run('recs', '2026-12-04T10:00:00.000Z', 'failed') +
        run('lake', '2026-12-04T10:01:00.000Z', 'ok') +
        run('recs', '2026-12-04T10:02:00.000Z', 'ok') +
        '{"task":"cut by a cra',
    );
    const counters = watchPlatformCounters(dataDir, 20);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(counters.current()).toEqual({
      deadLetters: 3,
      lateEvents: 2,
      scheduledRuns: [
        { task: 'recs', startedAt: '2026-12-04T10:02:00.000Z', durationMs: 10, outcome: 'ok' },
        { task: 'lake', startedAt: '2026-12-04T10:01:00.000Z', durationMs: 10, outcome: 'ok' },
      ],
    });
    await counters.stop();
  });
});
