/**
 * Options of the pgoutput source, with defaults and validation (each error names the bad option).
 */
import type { PgClientConfig, PgDriver } from './pg-client.js';
import { PgoutputSourceError } from './errors.js';

/**
 * Options of {@link createPgoutputSource}.
 *
 * @example
 * const options: PgoutputSourceOptions = {
 *   driver: pg, // import pg from 'pg'
 *   connection: 'postgres://ecom_cdc@127.0.0.1:55432/ecom',
 *   slotName: 'ecom_cdc',
 *   publicationName: 'ecom_cdc',
 *   tables: ['public.orders', 'public.order_items'],
 * };
 */
export interface PgoutputSourceOptions {
  /** The `pg` module (`import pg from 'pg'`). */
  driver: PgDriver;
  /** A connection string or `pg` client config. The user needs REPLICATION (and table ownership to create a publication). */
  connection: string | PgClientConfig;
  /** Logical replication slot (created with pgoutput when missing). `[a-z0-9_]{1,63}`. */
  slotName: string;
  /** Publication (created when missing and `createPublication` is on). */
  publicationName: string;
  /** `'schema.table'` names for a new publication; empty or absent means `FOR ALL TABLES` (superuser only). */
  tables?: readonly string[];
  /** Create the publication when it does not exist. Default `true`. */
  createPublication?: boolean;
  /** Debezium `topic.prefix`. Default `'ecommerce-cdc'`. */
  topicPrefix?: string;
  /** `initial`: snapshot (op `r`) when the slot is new; `never`: stream only. Default `initial`. */
  snapshot?: 'initial' | 'never';
  /** Rows per snapshot batch handed to the sink. Default 1000. */
  snapshotBatchSize?: number;
  /** Embed the Connect schema in keys and values (JsonConverter `schemas.enable`). Default `true`. */
  schemas?: boolean;
  /** A tombstone after each delete (Debezium `tombstones.on.delete`). Default `true`. */
  tombstonesOnDelete?: boolean;
  /** BEGIN/END records on `<prefix>.transaction` and the `transaction` block (`provide.transaction.metadata`). Default `false`. */
  transactionMetadata?: boolean;
  /** Emit truncate events (Debezium skips them unless `skipped.operations=none`). Default `true`. */
  emitTruncate?: boolean;
  /** Emit logical decoding messages (op `m`). Default `true`. */
  emitMessages?: boolean;
  /** `unavailable.value.placeholder`. Default `'__debezium_unavailable_value'`. */
  unavailablePlaceholder?: string;
  /** What to do when a table's columns change mid-stream: follow the new shape, or stop with `RELATION_CHANGED`. Default `refresh`. */
  onRelationChange?: 'refresh' | 'error';
  /** Refuse to start when a published table has no usable replica identity (`REPLICA_IDENTITY`). Default `true`. */
  requireReplicaIdentity?: boolean;
  /** Interval of standby status updates (ms). Default 10000. */
  statusIntervalMs?: number;
  /** Frames buffered before reading from the socket pauses. Default 10000. */
  maxBufferedFrames?: number;
  /** Processing clock in µs since the epoch (envelope `ts_*`). Default: the system clock. */
  clock?: () => bigint;
}

/**
 * {@link PgoutputSourceOptions} with defaults applied.
 *
 * @example
 * const o: ResolvedSourceOptions = resolveSourceOptions(options);
 */
export type ResolvedSourceOptions = Required<Omit<PgoutputSourceOptions, 'tables'>> & {
  tables: readonly string[];
};

const IDENT = /^[a-z0-9_]{1,63}$/;

function invalid(option: string, message: string): never {
  throw new PgoutputSourceError('INVALID_OPTIONS', `${option}: ${message}`);
}

/**
 * Validates options and applies defaults. Throws `INVALID_OPTIONS` naming the option.
 *
 * @example
 * resolveSourceOptions({ driver: pg, connection: 'postgres://…', slotName: 's', publicationName: 'p' }).topicPrefix // 'ecommerce-cdc'
 */
export function resolveSourceOptions(o: PgoutputSourceOptions): ResolvedSourceOptions {
  if (o === null || typeof o !== 'object') invalid('options', 'must be an object');
  if (o.driver === null || typeof o.driver !== 'object' || typeof o.driver.Client !== 'function') {
    invalid('driver', "must be the pg module (import pg from 'pg')");
  }
  if (typeof o.connection !== 'string' && (o.connection === null || typeof o.connection !== 'object')) {
    invalid('connection', 'must be a connection string or a pg client config');
  }
  if (typeof o.slotName !== 'string' || !IDENT.test(o.slotName))
    invalid('slotName', 'must match [a-z0-9_]{1,63}');
  if (
    typeof o.publicationName !== 'string' ||
    o.publicationName.length === 0 ||
    o.publicationName.length > 63
  ) {
    invalid('publicationName', 'must be a name of 1–63 characters');
  }
  const tables = o.tables ?? [];
  if (!Array.isArray(tables)) invalid('tables', "must be an array of 'schema.table' names");
  for (const t of tables) {
    if (typeof t !== 'string' || !/^[^.]+\.[^.]+$/.test(t))
      invalid('tables', `${JSON.stringify(t)} is not 'schema.table'`);
  }
  const topicPrefix = o.topicPrefix ?? 'ecommerce-cdc';
  if (typeof topicPrefix !== 'string' || !/^[A-Za-z0-9._-]+$/.test(topicPrefix))
    invalid('topicPrefix', 'must be a Kafka topic name part');
  const snapshot = o.snapshot ?? 'initial';
  if (snapshot !== 'initial' && snapshot !== 'never') invalid('snapshot', "must be 'initial' or 'never'");
  const positive = (name: string, v: number | undefined, d: number): number => {
    const x = v ?? d;
    if (!Number.isInteger(x) || x <= 0) invalid(name, 'must be a positive integer');
    return x;
  };
  const onRelationChange = o.onRelationChange ?? 'refresh';
  if (onRelationChange !== 'refresh' && onRelationChange !== 'error')
    invalid('onRelationChange', "must be 'refresh' or 'error'");
  return {
    driver: o.driver,
    connection: o.connection,
    slotName: o.slotName,
    publicationName: o.publicationName,
    tables,
    createPublication: o.createPublication ?? true,
    topicPrefix,
    snapshot,
    snapshotBatchSize: positive('snapshotBatchSize', o.snapshotBatchSize, 1000),
    schemas: o.schemas ?? true,
    tombstonesOnDelete: o.tombstonesOnDelete ?? true,
    transactionMetadata: o.transactionMetadata ?? false,
    emitTruncate: o.emitTruncate ?? true,
    emitMessages: o.emitMessages ?? true,
    unavailablePlaceholder: o.unavailablePlaceholder ?? '__debezium_unavailable_value',
    onRelationChange,
    requireReplicaIdentity: o.requireReplicaIdentity ?? true,
    statusIntervalMs: positive('statusIntervalMs', o.statusIntervalMs, 10_000),
    maxBufferedFrames: positive('maxBufferedFrames', o.maxBufferedFrames, 10_000),
    clock: o.clock ?? (() => BigInt(Date.now()) * 1000n),
  };
}
