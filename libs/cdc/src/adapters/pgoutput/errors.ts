/**
 * Typed errors of the built-in PostgreSQL (pgoutput) CDC source.
 */

/**
 * Every way the pgoutput source can fail.
 *
 * - `INVALID_OPTIONS`: a source option is missing or malformed (the message names the option).
 * - `MALFORMED_MESSAGE`: a replication or pgoutput message is truncated or has an unknown tag.
 * - `UNSUPPORTED_MESSAGE`: a pgoutput message this source does not handle (for example protocol v2 streaming).
 * - `SLOT_IN_USE`: the replication slot is active in another session.
 * - `SLOT_PLUGIN_MISMATCH`: the slot exists but was created for another output plugin, or is not logical.
 * - `SLOT_LAGGING`: the slot can no longer stream (its WAL was removed: `wal_status = 'lost'`).
 * - `INSUFFICIENT_PRIVILEGE`: the role cannot create the publication (PostgreSQL reserves that for the tables' owner),
 *   or cannot take the initial snapshot (it must own the publication and read the tables); the message holds the
 *   exact SQL an owner or superuser runs.
 * - `REPLICA_IDENTITY`: a published table has no usable replica identity (no primary key under DEFAULT, or NOTHING).
 * - `UNKNOWN_RELATION`: a change refers to a relation id that no Relation message announced.
 * - `RELATION_CHANGED`: a table's columns changed mid-stream and `onRelationChange` is `'error'`.
 * - `TUPLE_MISMATCH`: a tuple's column count differs from its relation's.
 * - `UNSUPPORTED_VALUE`: a column value cannot be converted to its Debezium form.
 * - `SINK_FAILED`: the sink threw or rejected; nothing after the last acknowledged transaction is confirmed.
 * - `REPLICATION_FAILED`: the server or the connection reported an error.
 *
 * @example
 * if (err instanceof PgoutputSourceError && err.code === 'SLOT_IN_USE') retryLater();
 */
export type PgoutputErrorCode =
  | 'INVALID_OPTIONS'
  | 'MALFORMED_MESSAGE'
  | 'UNSUPPORTED_MESSAGE'
  | 'SLOT_IN_USE'
  | 'SLOT_PLUGIN_MISMATCH'
  | 'SLOT_LAGGING'
  | 'INSUFFICIENT_PRIVILEGE'
  | 'REPLICA_IDENTITY'
  | 'UNKNOWN_RELATION'
  | 'RELATION_CHANGED'
  | 'TUPLE_MISMATCH'
  | 'UNSUPPORTED_VALUE'
  | 'SINK_FAILED'
  | 'REPLICATION_FAILED';

/**
 * The one error class thrown by the pgoutput source and its decoders. `code` says what failed; `cause` holds the
 * underlying error (a `pg` error, a sink error) when there is one.
 *
 * @example
 * try { await source.run(sink); } catch (e) { if (e instanceof PgoutputSourceError) console.error(e.code, e.message); }
 */
export class PgoutputSourceError extends Error {
  override readonly name = 'PgoutputSourceError';
  readonly code: PgoutputErrorCode;

  constructor(code: PgoutputErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
