/**
 * The pgoutput logical replication messages (protocol version 1), as decoded values.
 * See https://www.postgresql.org/docs/15/protocol-logicalrep-message-formats.html
 */

/**
 * One column value of a tuple: `null` ('n'), unchanged TOAST ('u', the value is not in the WAL),
 * text ('t') or binary ('b').
 *
 * @example
 * const v: TupleValue = { kind: 'text', text: '42' };
 */
export type TupleValue =
  | { kind: 'null' }
  | { kind: 'unchanged-toast' }
  | { kind: 'text'; text: string }
  | { kind: 'binary'; bytes: Buffer };

/**
 * A column of a Relation message. `isKey` marks replica-identity key columns (every column under REPLICA IDENTITY FULL).
 *
 * @example
 * const c: RelationColumn = { name: 'id', typeOid: 23, typeModifier: -1, isKey: true };
 */
export interface RelationColumn {
  name: string;
  typeOid: number;
  typeModifier: number;
  isKey: boolean;
}

/**
 * Replica identity setting of a relation: `d` default, `n` nothing, `f` full, `i` index.
 *
 * @example
 * const r: ReplicaIdentity = 'f';
 */
export type ReplicaIdentity = 'd' | 'n' | 'f' | 'i';

/**
 * A decoded pgoutput message. LSNs are bigints; timestamps are microseconds since the Unix epoch (bigint).
 *
 * @example
 * if (m.tag === 'insert') console.log(m.relationId, m.newTuple);
 */
export type PgoutputMessage =
  | { tag: 'begin'; finalLsn: bigint; commitTimeUs: bigint; xid: number }
  | { tag: 'commit'; flags: number; commitLsn: bigint; endLsn: bigint; commitTimeUs: bigint }
  | { tag: 'origin'; originLsn: bigint; name: string }
  | {
      tag: 'relation';
      relationId: number;
      namespace: string;
      name: string;
      replicaIdentity: ReplicaIdentity;
      columns: RelationColumn[];
    }
  | { tag: 'type'; typeOid: number; namespace: string; name: string }
  | { tag: 'insert'; relationId: number; newTuple: TupleValue[] }
  | {
      tag: 'update';
      relationId: number;
      /** `K`: the old key columns (identity changed); `O`: the whole old row (REPLICA IDENTITY FULL); else null. */
      oldKind: 'K' | 'O' | null;
      oldTuple: TupleValue[] | null;
      newTuple: TupleValue[];
    }
  | { tag: 'delete'; relationId: number; oldKind: 'K' | 'O'; oldTuple: TupleValue[] }
  | { tag: 'truncate'; cascade: boolean; restartIdentity: boolean; relationIds: number[] }
  | { tag: 'message'; transactional: boolean; lsn: bigint; prefix: string; content: Buffer };

/**
 * Microseconds between 1970-01-01 and 2000-01-01 (PostgreSQL's epoch).
 *
 * @example
 * const pgUs = 0n; // a protocol timestamp: microseconds since 2000-01-01
 * const unixUs = pgUs + PG_EPOCH_OFFSET_US; // 946684800000000n
 */
export const PG_EPOCH_OFFSET_US = 946_684_800_000_000n;
