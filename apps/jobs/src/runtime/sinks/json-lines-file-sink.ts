/**
 * The JSON-lines file sink: an append-only file of results that ends up byte-for-byte as if no crash had happened.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { JobRuntimeError } from '../errors.js';
import { latestById, resultIdJson } from '../results/result-id.js';
import { assertResults } from '../results/validate-results.js';
import type { JobResult } from '../stream-job.js';
import { formatResultLine, readResultLines } from './json-lines.js';
import type { ResultSink } from './result-sink.js';

/**
 * Appends one line per result (`formatResultLine`) and fsyncs before `write` resolves. Readers take the last line
 * per id (a correction appends a new line for its window).
 *
 * Crash safety: {@link JsonLinesFileSink.open} cuts a last line that a crash left without its newline, and
 * remembers the last line of every id; `write` skips a result whose line equals that last line. So when the
 * relay sends a batch again after a crash (it deletes outbox rows only after `write` resolved), the lines that made
 * it are not repeated and the cut one is completed: the file is the one a crash-free run writes. One process writes
 * a file at a time.
 *
 * @example
 * const sink = await JsonLinesFileSink.open('/var/out/revenue.jsonl');
 * await sink.write([{ topic: 'statistics_revenue', id: { job: 'revenue', windowStart: 0, windowEnd: 60_000, key: 'all' }, value: null }]);
 * await sink.close();
 */
export class JsonLinesFileSink implements ResultSink {
  readonly name: string;
  readonly #path: string;
  readonly #handle: FileHandle;
  /** Last line written per canonical id. */
  readonly #last: Map<string, string>;
  #bytes: number;
  #queue: Promise<void> = Promise.resolve();
  #broken: JobRuntimeError | null = null;

  private constructor(path: string, handle: FileHandle, last: Map<string, string>, bytes: number) {
    this.name = `file:${path}`;
    this.#path = path;
    this.#handle = handle;
    this.#last = last;
    this.#bytes = bytes;
  }

  /** Opens (or creates) `path`, cutting a torn last line; throws `CORRUPT_OUTPUT` for a line that is no result. */
  static async open(path: string): Promise<JsonLinesFileSink> {
    const { results, lines, bytes } = await readResultLines(path);
    const last = new Map<string, string>();
    results.forEach((result, i) => last.set(resultIdJson(result.id), lines[i] as string));
    let handle: FileHandle;
    try {
      handle = await open(path, 'a');
      const { size } = await handle.stat();
      if (size !== bytes) {
        await handle.truncate(bytes);
        await handle.datasync();
      }
    } catch (error) {
      throw new JobRuntimeError('SINK_FAILED', `open ${path}: ${(error as Error).message}`, { cause: error });
    }
    return new JsonLinesFileSink(path, handle, last, bytes);
  }

  /** Appends the lines of the results that differ from their id's last line, then fsyncs. */
  write(results: readonly JobResult[]): Promise<void> {
    const run = this.#queue.then(() => this.#append(results));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #append(results: readonly JobResult[]): Promise<void> {
    if (this.#broken) throw this.#broken;
    assertResults(results);
    const fresh = new Map<string, string>();
    for (const result of latestById(results)) {
      const line = formatResultLine(result);
      const id = resultIdJson(result.id);
      if (this.#last.get(id) !== line) fresh.set(id, line);
    }
    if (fresh.size === 0) return;
    const text = Buffer.from([...fresh.values()].map((line) => `${line}\n`).join(''), 'utf8');
    try {
      await this.#handle.write(text);
      await this.#handle.datasync();
    } catch (error) {
      await this.#rollback();
      throw new JobRuntimeError('SINK_FAILED', `append to ${this.#path}: ${(error as Error).message}`, {
        retriable: true,
        cause: error,
      });
    }
    this.#bytes += text.length;
    for (const [id, line] of fresh) this.#last.set(id, line);
  }

  /** Cuts a partial append off again, so the next write starts on a line boundary. */
  async #rollback(): Promise<void> {
    try {
      await this.#handle.truncate(this.#bytes);
    } catch (error) {
      this.#broken = new JobRuntimeError(
        'SINK_FAILED',
        `${this.#path} may end in a partial line; reopen it`,
        {
          cause: error,
        },
      );
    }
  }

  /** Waits for pending writes and closes the file. */
  async close(): Promise<void> {
    await this.#queue;
    await this.#handle.close();
  }
}
