/**
 * Normalisation of the Debezium PostgreSQL `source` block and small value readers shared by the envelope code.
 */
import { CdcError, fail } from './errors.js';
import type { SnapshotMarker, SourceBlock } from './types.js';

/**
 * Makes an int64 read by the wire format exact (JSON fast path: recovers digits beyond 2^53).
 *
 * @example
 * const exact: ExactInt = (v) => v; // Avro longs are already exact
 */
export type ExactInt = (value: unknown, key: string) => unknown;

const SNAPSHOT = new Set<string>([
  'true',
  'first',
  'first_in_data_collection',
  'last_in_data_collection',
  'last',
  'false',
  'incremental',
]);

/**
 * Reads an optional string (`null`/absent → `fallback`).
 *
 * @example
 * readString(source['db'], 'db', '') // 'postgres'
 */
export function readString(v: unknown, key: string, fallback: string): string;
export function readString(v: unknown, key: string, fallback: null): string | null;
export function readString(v: unknown, key: string, fallback: string | null): string | null {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return fallback;
  return fail('INVALID_ENVELOPE', `"${key}" must be a string`, [key]);
}

/**
 * Reads an optional integer as bigint.
 *
 * @example
 * readBigInt(34466480, 'lsn') // 34466480n
 */
export function readBigInt(v: unknown, key: string): bigint | null {
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (typeof v === 'bigint') return v;
  if (v === null || v === undefined) return null;
  return fail('INVALID_ENVELOPE', `"${key}" must be an integer`, [key]);
}

/**
 * Reads an optional number (bigints are converted).
 *
 * @example
 * readNumber(1596001099434, 'ts_ms') // 1596001099434
 */
export function readNumber(v: unknown, key: string): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v === null || v === undefined) return null;
  return fail('INVALID_ENVELOPE', `"${key}" must be a number`, [key]);
}

/**
 * Reads `source.snapshot`: the Debezium Enum string; a boolean (as in the Debezium docs) is accepted; absent → `'false'`.
 *
 * @example
 * readSnapshot('last') // 'last'
 */
export function readSnapshot(v: unknown): SnapshotMarker {
  if (v === null || v === undefined || v === false) return 'false';
  if (v === true) return 'true';
  if (typeof v === 'string' && SNAPSHOT.has(v)) return v as SnapshotMarker;
  return fail('INVALID_ENVELOPE', `unknown snapshot marker ${JSON.stringify(v)}`, ['snapshot']);
}

/**
 * Normalises a `source` object. `exact` recovers int64 digits lost by the JSON fast path.
 *
 * @example
 * normalizeSource({ connector: 'postgresql', lsn: 34466480, snapshot: 'false' }, (v) => v).lsn // 34466480n
 */
export function normalizeSource(s: unknown, exact: ExactInt): SourceBlock {
  if (typeof s !== 'object' || s === null || Array.isArray(s))
    return fail('INVALID_ENVELOPE', 'missing "source" block', ['source']);
  const o = s as Record<string, unknown>;
  try {
    return {
      version: readString(o['version'], 'version', ''),
      connector: readString(o['connector'], 'connector', ''),
      name: readString(o['name'], 'name', ''),
      db: readString(o['db'], 'db', ''),
      schema: readString(o['schema'], 'schema', ''),
      table: readString(o['table'], 'table', ''),
      ts_ms: readNumber(o['ts_ms'], 'ts_ms'),
      ts_us: readNumber(o['ts_us'], 'ts_us'),
      ts_ns: readBigInt(exact(o['ts_ns'], 'ts_ns'), 'ts_ns'),
      snapshot: readSnapshot(o['snapshot']),
      sequence: readString(o['sequence'], 'sequence', null),
      txId: readBigInt(exact(o['txId'], 'txId'), 'txId'),
      lsn: readBigInt(exact(o['lsn'], 'lsn'), 'lsn'),
      xmin: readBigInt(exact(o['xmin'], 'xmin'), 'xmin'),
      origin: readString(o['origin'], 'origin', null),
      origin_lsn: readBigInt(exact(o['origin_lsn'], 'origin_lsn'), 'origin_lsn'),
    };
  } catch (e) {
    if (e instanceof CdcError) e.path.unshift('source');
    throw e;
  }
}

/**
 * Parses `source.sequence` (`'["<lastCommittedLsn>","<currentLsn>"]'`, either may be null) into LSNs.
 *
 * @example
 * parseSourceSequence('[null,"23105272"]') // [null, 23105272n]
 */
export function parseSourceSequence(sequence: string | null): [bigint | null, bigint | null] | null {
  if (sequence === null) return null;
  const m = /^\s*\[\s*(null|"(\d+)")\s*,\s*(null|"(\d+)")\s*\]\s*$/.exec(sequence);
  if (!m)
    return fail('INVALID_ENVELOPE', `malformed source.sequence ${JSON.stringify(sequence)}`, [
      'source',
      'sequence',
    ]);
  return [m[2] === undefined ? null : BigInt(m[2]), m[4] === undefined ? null : BigInt(m[4])];
}
