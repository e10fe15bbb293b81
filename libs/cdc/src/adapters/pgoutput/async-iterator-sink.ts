/**
 * An in-process sink: the source pushes records (or events), a consumer pulls them with `for await`. A batch counts
 * as acknowledged when the consumer asks for the item after its last one (it finished processing the batch), so
 * the source confirms nothing the consumer has not processed.
 */
import type { CdcRecord } from './cdc-record.js';

/**
 * A sink plus the async iterable that drains it: of {@link CdcRecord}s for `source.run`, or of `CdcEvent`s for
 * `source.runEvents` (`createAsyncIteratorSink<CdcEvent>()`).
 *
 * @example
 * const { sink, records, close } = createAsyncIteratorSink();
 * void source.run(sink);
 * for await (const r of records) handle(r);
 */
export interface AsyncIteratorSink<T = CdcRecord> {
  sink: (items: readonly T[]) => Promise<void>;
  records: AsyncIterable<T>;
  /** Ends the iteration (pending batches are not acknowledged). */
  close(): void;
}

/**
 * Creates an {@link AsyncIteratorSink}.
 *
 * @example
 * const { sink, records } = createAsyncIteratorSink();
 * const events = createAsyncIteratorSink<CdcEvent>(); void source.runEvents(events.sink);
 */
export function createAsyncIteratorSink<T = CdcRecord>(): AsyncIteratorSink<T> {
  const queue: { records: readonly T[]; ack: () => void }[] = [];
  let position = 0;
  let waiting: (() => void) | null = null;
  let closed = false;
  let previousAck: (() => void) | null = null;

  const sink = (records: readonly T[]): Promise<void> =>
    new Promise<void>((resolve) => {
      if (closed) return; // never acknowledged
      queue.push({ records, ack: resolve });
      waiting?.();
    });

  const records: AsyncIterable<T> = {
    [Symbol.asyncIterator]() {
      return {
        async next(): Promise<IteratorResult<T>> {
          // Asking for the next record acknowledges the batch whose last record was handed out before.
          previousAck?.();
          previousAck = null;
          for (;;) {
            if (closed) return { done: true, value: undefined };
            const head = queue[0];
            if (head) {
              const r = head.records[position++]!;
              if (position >= head.records.length) {
                queue.shift();
                position = 0;
                previousAck = head.ack;
              }
              return { done: false, value: r };
            }
            await new Promise<void>((resolve) => {
              waiting = resolve;
            });
            waiting = null;
          }
        },
        async return(): Promise<IteratorResult<T>> {
          closed = true;
          return { done: true, value: undefined };
        },
      };
    },
  };

  return {
    sink,
    records,
    close: () => {
      closed = true;
      waiting?.();
    },
  };
}
