/**
 * The one port every output of a job sits behind: the Postgres result table, the compacted Kafka topics and the
 * JSON-lines files.
 */
import type { JobResult } from '../stream-job.js';

/**
 * An idempotent output of job results. Writing a batch again, or any prefix of it, leaves the output as if it had
 * been written once: each {@link ResultId} ends up with the value of its last write (later results in a batch win).
 * A sink may be retried after any failure; `write` resolves only when the batch is durable.
 *
 * @example
 * const printed: JobResult[] = [];
 * const memory: ResultSink = {
 *   name: 'memory',
 *   write: async (results) => void printed.push(...results),
 * };
 */
export interface ResultSink {
  /** For logs and errors: `postgres`, `kafka`, `file:/var/out/revenue.jsonl`. */
  readonly name: string;
  write(results: readonly JobResult[]): Promise<void>;
}

/**
 * One sink that writes each batch to every sink in turn, stopping at the first failure (so a retry rewrites the
 * batch everywhere, which idempotent sinks allow).
 *
 * @example
 * const both = allSinks([
 *   { name: 'a', write: async () => undefined },
 *   { name: 'b', write: async () => undefined },
 * ]);
 * both.name; // 'a+b'
 */
export function allSinks(sinks: readonly ResultSink[]): ResultSink {
  return {
    name: sinks.map((sink) => sink.name).join('+'),
    async write(results) {
      for (const sink of sinks) await sink.write(results);
    },
  };
}
