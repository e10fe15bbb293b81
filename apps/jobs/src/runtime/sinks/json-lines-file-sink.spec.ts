// The JSON-lines sink on real files in a temporary directory: corrections append, re-sends append nothing, and a
// crash mid-append (a torn last line) or between the fsync and the outbox delete ends in the crash-free file.
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { latestById } from '../results/result-id.js';
import type { JobResult } from '../stream-job.js';
import { formatResultLine, readResultLines } from './json-lines.js';
import { JsonLinesFileSink } from './json-lines-file-sink.js';

const r = (windowStart: number, value: JobResult['value'], key = 'all'): JobResult => ({
  topic: 'statistics_revenue',
  id: { job: 'revenue', windowStart, windowEnd: windowStart + 60_000, key },
  value,
});
const batches: JobResult[][] = [
  [r(0, { total_revenue: '10.00' }), r(0, { total_revenue: '5.00' }, 'vip')],
  [r(60_000, { total_revenue: 'Lê Lợi 🛒 20.00' }), r(0, { total_revenue: '12.50' }), r(120_000, null)],
  [r(120_000, { total_revenue: '1.00' }), r(60_000, null)],
];

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecom-jobs-jsonl-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cleanRun(path: string): Promise<Buffer> {
  const sink = await JsonLinesFileSink.open(path);
  for (const batch of batches) await sink.write(batch);
  await sink.close();
  return readFile(path);
}

describe('JsonLinesFileSink', () => {
  it('appends one line per result; the last line per id is the truth', async () => {
    const path = join(dir, 'revenue.jsonl');
    await cleanRun(path);
    const { results } = await readResultLines(path);
    expect(results).toHaveLength(7);
    expect(latestById(results)).toEqual([
      r(0, { total_revenue: '5.00' }, 'vip'),
      r(0, { total_revenue: '12.50' }),
      r(120_000, { total_revenue: '1.00' }),
      r(60_000, null),
    ]);
  });

  it('appends nothing when a batch is sent again, in this process or after a reopen', async () => {
    const path = join(dir, 'revenue.jsonl');
    const clean = await cleanRun(path);
    const sink = await JsonLinesFileSink.open(path);
    await sink.write(batches[2] as JobResult[]);
    await sink.write(batches[2] as JobResult[]);
    await sink.close();
    expect(await readFile(path)).toEqual(clean);
  });

  it('a crash mid-append leaves a torn line that the reopen cuts and the re-send completes', async () => {
    const clean = await cleanRun(join(dir, 'clean.jsonl'));
    const path = join(dir, 'crashed.jsonl');
    const before = await JsonLinesFileSink.open(path);
    await before.write(batches[0] as JobResult[]);
    await before.close();
    // The process dies while appending batch 2: its first line made it, the second only halfway.
    const [first, second] = (batches[1] as JobResult[]).map(formatResultLine) as [string, string];
    await appendFile(path, `${first}\n${second.slice(0, 25)}`);
    const after = await JsonLinesFileSink.open(path); // the relay sends batch 2 again: its rows were never deleted
    await after.write(batches[1] as JobResult[]);
    await after.write(batches[2] as JobResult[]);
    await after.close();
    expect((await readFile(path)).toString()).toBe(clean.toString());
  });

  it('a crash after the fsync but before the outbox delete re-sends a batch the file already has', async () => {
    const clean = await cleanRun(join(dir, 'clean.jsonl'));
    const path = join(dir, 'crashed.jsonl');
    const before = await JsonLinesFileSink.open(path);
    await before.write(batches[0] as JobResult[]);
    await before.write(batches[1] as JobResult[]);
    await before.close(); // died before deleting batch 2's outbox rows
    const after = await JsonLinesFileSink.open(path);
    for (const batch of batches.slice(1)) await after.write(batch);
    await after.close();
    expect(await readFile(path)).toEqual(clean);
  });

  it('serializes overlapping writes', async () => {
    const path = join(dir, 'revenue.jsonl');
    const sink = await JsonLinesFileSink.open(path);
    await Promise.all(batches.map((batch) => sink.write(batch)));
    await sink.close();
    expect(await readFile(path)).toEqual(await cleanRun(join(dir, 'clean.jsonl')));
  });

  it('refuses to open a file with a line that is no result, naming the line', async () => {
    const path = join(dir, 'bad.jsonl');
    await writeFile(
      path,
      `${formatResultLine(r(0, null))}\n{"topic":"t"}\n${formatResultLine(r(0, null))}\n`,
    );
    await expect(JsonLinesFileSink.open(path)).rejects.toMatchObject({
      code: 'CORRUPT_OUTPUT',
      message: expect.stringContaining(`${path}:2: not a result record`),
    });
    await writeFile(path, 'not json\n');
    await expect(JsonLinesFileSink.open(path)).rejects.toMatchObject({ code: 'CORRUPT_OUTPUT' });
  });

  it('refuses bad results without touching the file', async () => {
    const path = join(dir, 'revenue.jsonl');
    const sink = await JsonLinesFileSink.open(path);
    await expect(sink.write([{ ...r(0, null), topic: '' }])).rejects.toMatchObject({
      code: 'INVALID_RESULT',
    });
    await sink.write(batches[0] as JobResult[]);
    await sink.close();
    expect((await readResultLines(path)).results).toEqual(batches[0]);
  });

  it('reads a missing file as empty', async () => {
    expect(await readResultLines(join(dir, 'none.jsonl'))).toEqual({ results: [], lines: [], bytes: 0 });
  });
});
