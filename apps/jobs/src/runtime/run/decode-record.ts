import { toDomainRecord, type Decoder, type DomainRecord, type KafkaRecordLike } from '@ecom/cdc';
import { EcomError } from '@ecom/domain';
import type { SourcePartition } from '../checkpoints/checkpoint-store.js';
import { JobRuntimeError } from '../errors.js';
import type { StreamJobCore } from '../stream-job.js';
import { refused, undecodable, type DeadLetter } from './dead-letters.js';
import type { SourceWatermarks } from './source-watermarks.js';

/**
 * Decodes one CDC record (`@ecom/cdc`) and validates it (`toDomainRecord`): the domain record when it is a change of
 * one of `tables`, `null` when the job has nothing to do with it (tombstones, heartbeats, transaction markers, other
 * tables), or the dead letter of a record that cannot be decoded or validated.
 *
 * @example
 * import { createDecoder } from '@ecom/cdc';
 * const out = await decodeRecord(createDecoder(), { topic: 't', partition: 0, offset: '0', key: null, value: '{' }, ['orders']);
 * 'headers' in (out ?? {}); // true: a dead letter (MALFORMED_JSON)
 */
export async function decodeRecord(
  decoder: Decoder,
  record: KafkaRecordLike,
  tables: readonly string[],
): Promise<DomainRecord | DeadLetter | null> {
  const decoded = await decoder.decode(record);
  if (!decoded.ok) return undecodable(decoded.error, record);
  if (decoded.value.kind !== 'change') return null;
  const domain = toDomainRecord(decoded.value);
  if (!domain.ok) return undecodable(domain.error, record);
  return tables.includes(domain.value.table) ? domain.value : null;
}

/**
 * Whether a value {@link decodeRecord} returned is a dead letter.
 *
 * @example
 * isDeadLetter({ key: null, value: null, headers: {} }); // true
 */
export function isDeadLetter(value: DomainRecord | DeadLetter | null): value is DeadLetter {
  return value !== null && 'headers' in value && !('table' in value);
}

/**
 * Decodes, validates and applies one record of `partition` to `core`, then advances the partition's watermark (and
 * the core's when the combined one moved): the dead letter of a record the decoder or the core refused (a core's
 * `EcomError`), `null` otherwise. Runtime errors are thrown. Records of `untimed` tables (read as tables, not events:
 * products for top products when every table is one stream, as on the in-process source) never move the watermark.
 *
 * @example
 * import { createDecoder } from '@ecom/cdc';
 * import { createRevenueJob } from '../../jobs/revenue/index.js';
 * import { SourceWatermarks } from './source-watermarks.js';
 * const partition = { source: 'ecommerce-cdc.public.orders', partition: 0 };
 * const watermarks = new SourceWatermarks({ outOfOrdernessMs: 5_000, idleTimeoutMs: 0 }, [partition]);
 * const letter = await feedRecord(createRevenueJob(), createDecoder(), partition, { key: null, value: '{' }, watermarks);
 */
export async function feedRecord(
  core: StreamJobCore,
  decoder: Decoder,
  partition: SourcePartition,
  record: KafkaRecordLike,
  watermarks: SourceWatermarks,
  untimed?: ReadonlySet<string>,
): Promise<DeadLetter | null> {
  const domain = await decodeRecord(decoder, record, core.tables);
  if (domain === null || isDeadLetter(domain)) return domain;
  try {
    core.onRecord(domain);
  } catch (e) {
    if (e instanceof EcomError && !(e instanceof JobRuntimeError)) return refused(core.name, record, e);
    throw e;
  }
  if (untimed?.has(domain.table)) return null;
  if (watermarks.onEvent(partition, domain.eventTime)) core.onWatermark(watermarks.current);
  return null;
}
