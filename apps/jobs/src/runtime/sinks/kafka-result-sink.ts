/**
 * The compacted output topics as a {@link ResultSink}, through a kafkajs producer.
 */
import type { Producer } from 'kafkajs';
import { JobRuntimeError } from '../errors.js';
import { assertResults } from '../results/validate-results.js';
import type { JobResult } from '../stream-job.js';
import { toTopicMessages } from './kafka-messages.js';
import type { ResultSink } from './result-sink.js';

/**
 * Sends each batch with one `sendBatch` (`acks: -1`, all in-sync replicas) and resolves when the broker has it.
 * Idempotent by construction: the topic is compacted and keyed by result id, so sending a batch again leaves the
 * latest value per key unchanged. Build the producer with `idempotent: true` and `maxInFlightRequests: 1`, so a
 * retry inside kafkajs cannot reorder two values of one key.
 *
 * @example
 * import { Kafka } from 'kafkajs';
 * const producer = new Kafka({ brokers: ['127.0.0.1:9092'] }).producer({ idempotent: true, maxInFlightRequests: 1 });
 * await producer.connect();
 * const sink = new KafkaResultSink(producer);
 */
export class KafkaResultSink implements ResultSink {
  readonly name = 'kafka';
  readonly #producer: Pick<Producer, 'sendBatch'>;

  constructor(producer: Pick<Producer, 'sendBatch'>) {
    this.#producer = producer;
  }

  async write(results: readonly JobResult[]): Promise<void> {
    assertResults(results);
    if (results.length === 0) return;
    try {
      await this.#producer.sendBatch({ topicMessages: toTopicMessages(results), acks: -1 });
    } catch (error) {
      const retriable = (error as { retriable?: unknown }).retriable !== false;
      throw new JobRuntimeError('SINK_FAILED', `kafka: ${(error as Error).message}`, {
        retriable,
        cause: error,
      });
    }
  }
}
