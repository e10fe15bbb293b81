import type { DecodeError, KafkaRecordLike } from '@ecom/cdc';
import { deadLetterMessage } from '@ecom/cdc/adapters';
import type { EcomError } from '@ecom/domain';
import type { IHeaders, Message, Producer } from 'kafkajs';

/** The header prefix of every dead letter (the same as `@ecom/cdc/adapters`' dead-letter sink). */
const PREFIX = 'cdc.error.';

/**
 * A dead letter: the raw record (or a report) and headers `cdc.error.code`, `cdc.error.message`, … naming why.
 *
 * @example
 * const letter: DeadLetter = { key: null, value: Buffer.from('{'), headers: { 'cdc.error.code': 'MALFORMED_JSON' } };
 */
export interface DeadLetter {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
}

/**
 * Where a job's dead letters go. `send` must resolve only once they are durable: the runtime commits the batch
 * after it, so a crash re-sends them (at least once), never loses them.
 *
 * @example
 * const letters: DeadLetter[] = [];
 * const memory: DeadLetterQueue = { send: async (batch) => void letters.push(...batch) };
 */
export interface DeadLetterQueue {
  send(letters: readonly DeadLetter[]): Promise<void>;
}

/**
 * A {@link DeadLetterQueue} on a Kafka topic (create it first), sent with `acks: -1`.
 *
 * @example
 * declare const producer: import('kafkajs').Producer;
 * const dlq = kafkaDeadLetterQueue(producer, 'ecom-jobs.revenue.dlq');
 */
export function kafkaDeadLetterQueue(producer: Pick<Producer, 'send'>, topic: string): DeadLetterQueue {
  return {
    async send(letters) {
      if (letters.length === 0) return;
      await producer.send({ topic, acks: -1, messages: letters.map((l): Message => ({ ...l })) });
    },
  };
}

/**
 * The dead letter of a record the decoder or `toDomainRecord` refused (its raw bytes and the decode error).
 *
 * @example
 * declare const error: import('@ecom/cdc').DecodeError;
 * undecodable(error).headers['cdc.error.code']; // e.g. 'MALFORMED_JSON'
 */
export function undecodable(error: DecodeError, record?: KafkaRecordLike): DeadLetter {
  const letter = deadLetterMessage(error, PREFIX);
  if (record === undefined || letter.value !== null) return letter;
  // toDomainRecord's errors do not carry the bytes: take them from the record.
  return { ...letter, key: toBuffer(record.key), value: toBuffer(record.value) };
}

/**
 * The dead letter of a record a job core refused (a `JobError`): the record's raw bytes, the error and the job.
 *
 * @example
 * import { JobError } from '../../jobs/job-error.js';
 * declare const record: import('@ecom/cdc').KafkaRecordLike;
 * refused('revenue', record, new JobError('revenue', 'MISSING_ROW', 'no row')).headers['cdc.error.job']; // 'revenue'
 */
export function refused(job: string, record: KafkaRecordLike, error: EcomError<string>): DeadLetter {
  return {
    key: toBuffer(record.key),
    value: toBuffer(record.value),
    headers: {
      ...origin(record),
      [`${PREFIX}code`]: error.code,
      [`${PREFIX}message`]: error.message,
      [`${PREFIX}job`]: job,
    },
  };
}

/**
 * The dead letter of a change that came too late for its window (a core's `drainTooLate()` report, as JSON).
 *
 * @example
 * tooLate('revenue', { orderId: 1, eventTime: 0, watermark: 90_000 }).headers['cdc.error.code']; // 'TOO_LATE'
 */
export function tooLate(job: string, report: object): DeadLetter {
  return {
    key: null,
    value: Buffer.from(JSON.stringify(report, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))),
    headers: {
      [`${PREFIX}code`]: 'TOO_LATE',
      [`${PREFIX}message`]: `${job}: a change arrived after its window's correction horizon`,
      [`${PREFIX}job`]: job,
    },
  };
}

function origin(record: KafkaRecordLike): IHeaders {
  const headers: IHeaders = {};
  if (record.topic !== undefined) headers[`${PREFIX}topic`] = record.topic;
  if (record.partition !== undefined) headers[`${PREFIX}partition`] = String(record.partition);
  if (record.offset !== undefined) headers[`${PREFIX}offset`] = String(record.offset);
  return headers;
}

function toBuffer(raw: KafkaRecordLike['value'] | undefined): Buffer | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
  return Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
}
