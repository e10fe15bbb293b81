/**
 * The JSON-lines result format: one result per line, `{"topic":…,"id":{…},"value":{…}|null}`, the id in its
 * canonical form. A file of such lines is read by taking the last line per id.
 */
import { readFile } from 'node:fs/promises';
import { JobRuntimeError } from '../errors.js';
import { resultIdJson } from '../results/result-id.js';
import { assertResults } from '../results/validate-results.js';
import type { JobResult } from '../stream-job.js';

/**
 * One result as a line (without the newline). The same result always gives the same bytes.
 *
 * @example
 * formatResultLine({ topic: 't', id: { job: 'revenue', windowStart: 0, windowEnd: 60_000, key: 'all' }, value: null });
 * // '{"topic":"t","id":{"job":"revenue","windowStart":0,"windowEnd":60000,"key":"all"},"value":null}'
 */
export function formatResultLine(result: JobResult): string {
  return `{"topic":${JSON.stringify(result.topic)},"id":${resultIdJson(result.id)},"value":${JSON.stringify(result.value)}}`;
}

/**
 * Parses one line written by {@link formatResultLine}; throws `CORRUPT_OUTPUT` naming `where` (file and line) for
 * anything else.
 *
 * @example
 * parseResultLine('{"topic":"t","id":{"job":"j","windowStart":0,"windowEnd":1,"key":"k"},"value":null}', 'out.jsonl:1').id.key; // 'k'
 */
export function parseResultLine(line: string, where: string): JobResult {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    throw new JobRuntimeError('CORRUPT_OUTPUT', `${where}: not JSON (${(error as Error).message})`, {
      raw: line,
    });
  }
  const { topic, id, value } = (record ?? {}) as Partial<JobResult>;
  const result = { topic, id, value } as JobResult;
  try {
    assertResults([result]);
  } catch (error) {
    throw new JobRuntimeError(
      'CORRUPT_OUTPUT',
      `${where}: not a result record (${(error as Error).message})`,
      {
        raw: line,
        cause: error,
      },
    );
  }
  return result;
}

/**
 * The complete lines of a JSON-lines result file and the byte length they take. A last line without its newline
 * (a write cut short by a crash) is not part of the file.
 *
 * @example
 * splitCompleteLines(Buffer.from('a\nb\nc')); // { lines: ['a', 'b'], bytes: 4 }
 */
export function splitCompleteLines(content: Buffer): { lines: string[]; bytes: number } {
  const bytes = content.lastIndexOf(0x0a) + 1;
  return {
    lines:
      bytes === 0
        ? []
        : content
            .subarray(0, bytes - 1)
            .toString('utf8')
            .split('\n'),
    bytes,
  };
}

/**
 * A JSON-lines result file: its complete records in file order (several per id when windows were corrected: the
 * last one is the truth, `latestById` picks it) and their byte length. A missing file is empty; a cut-off last line
 * is not counted.
 *
 * @example
 * const truth = latestById((await readResultLines('/var/out/revenue.jsonl')).results);
 */
export async function readResultLines(
  path: string,
): Promise<{ results: JobResult[]; lines: string[]; bytes: number }> {
  let content: Buffer;
  try {
    content = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { results: [], lines: [], bytes: 0 };
    throw new JobRuntimeError('SINK_FAILED', `read ${path}: ${(error as Error).message}`, { cause: error });
  }
  const { lines, bytes } = splitCompleteLines(content);
  return { results: lines.map((line, i) => parseResultLine(line, `${path}:${i + 1}`)), lines, bytes };
}
