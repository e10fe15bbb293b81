// The dashboard's dead-letter and late-event counts of npm start's in-process jobs, from their dead-letter files.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchDeadLetterFiles } from './dead-letter-counters.js';

describe('watchDeadLetterFiles', () => {
  it('counts every line of every <job>.dlq.jsonl, TOO_LATE ones as late events', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlq-count-'));
    const line = (code: string) => `${JSON.stringify({ headers: { 'cdc.error.code': code } })}\n`;
    writeFileSync(join(dir, 'revenue.dlq.jsonl'), line('MALFORMED_JSON'));
    writeFileSync(join(dir, 'fraud.dlq.jsonl'), line('TOO_LATE') + line('TOO_LATE'));
    writeFileSync(join(dir, 'notes.txt'), 'ignored\n');
    const counters = watchDeadLetterFiles(dir, 20);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(counters.current()).toEqual({ deadLetters: 3, lateEvents: 2 });
    await counters.stop();
    expect(watchDeadLetterFiles(join(dir, 'none')).current()).toEqual({ deadLetters: 0, lateEvents: 0 });
  });
});
