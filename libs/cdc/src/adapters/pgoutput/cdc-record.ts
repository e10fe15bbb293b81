/**
 * What the source hands to a sink: Kafka-ready records with their position in the WAL.
 */

/**
 * Where a record comes from. `(commitLsn, index)` identifies a change uniquely and is the same when the change is
 * delivered again after a restart, so duplicates are detectable. Snapshot records carry the slot's consistent point
 * as `commitLsn` and their running number as `index`.
 *
 * @example
 * const id = `${r.position.commitLsn}:${r.position.index}`;
 */
export interface RecordPosition {
  /** End LSN of the transaction's commit record (the LSN confirmed once the sink acknowledged the transaction). */
  commitLsn: bigint;
  /** LSN of the change itself (`source.lsn`). */
  lsn: bigint;
  /** Position of the record within its transaction (or within the snapshot). */
  index: number;
  snapshot: boolean;
}

/**
 * A record for a Kafka topic: key and value are the JSON texts Kafka Connect's JsonConverter would write;
 * `value: null` is a tombstone.
 *
 * @example
 * await producer.send({ topic: r.topic, messages: [{ key: r.key, value: r.value }] });
 */
export interface CdcRecord {
  topic: string;
  key: string | null;
  value: string | null;
  position: RecordPosition;
}

/**
 * The sink port: receives the records of one transaction (or one snapshot batch) and resolves once they are
 * durably accepted. Only then does the source confirm the LSN to PostgreSQL. Rejecting stops the source with
 * `SINK_FAILED`.
 *
 * @example
 * const sink: CdcSink = async (records) => { await producer.sendBatch({ topicMessages: toTopicMessages(records) }); };
 */
export type CdcSink = (records: readonly CdcRecord[]) => Promise<void>;
