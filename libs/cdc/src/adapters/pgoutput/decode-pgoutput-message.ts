/**
 * Decodes one pgoutput message (protocol version 1, with `messages 'true'`) from the payload of an XLogData frame.
 */
import { ByteReader } from './byte-reader.js';
import { PgoutputSourceError } from './errors.js';
import {
  PG_EPOCH_OFFSET_US,
  type PgoutputMessage,
  type ReplicaIdentity,
  type TupleValue,
} from './pgoutput-messages.js';

const IDENTITIES = new Set(['d', 'n', 'f', 'i']);

function pgTime(r: ByteReader): bigint {
  return r.int64() + PG_EPOCH_OFFSET_US;
}

function readTuple(r: ByteReader): TupleValue[] {
  const n = r.int16();
  if (n < 0) throw new PgoutputSourceError('MALFORMED_MESSAGE', `negative tuple column count ${n}`);
  const values: TupleValue[] = new Array<TupleValue>(n);
  for (let i = 0; i < n; i++) {
    const kind = r.char();
    switch (kind) {
      case 'n':
        values[i] = { kind: 'null' };
        break;
      case 'u':
        values[i] = { kind: 'unchanged-toast' };
        break;
      case 't':
        values[i] = { kind: 'text', text: r.bytes(r.int32()).toString('utf8') };
        break;
      case 'b':
        values[i] = { kind: 'binary', bytes: Buffer.from(r.bytes(r.int32())) };
        break;
      default:
        throw new PgoutputSourceError(
          'MALFORMED_MESSAGE',
          `unknown tuple value marker ${JSON.stringify(kind)} in column ${i}`,
        );
    }
  }
  return values;
}

function expectTupleMarker(r: ByteReader, allowed: string, what: string): string {
  const c = r.char();
  if (!allowed.includes(c)) {
    throw new PgoutputSourceError(
      'MALFORMED_MESSAGE',
      `${what}: expected one of ${allowed.split('').join('/')}, got ${JSON.stringify(c)}`,
    );
  }
  return c;
}

/**
 * Decodes a pgoutput message. Throws `PgoutputSourceError` `MALFORMED_MESSAGE` for truncated or unknown input and
 * `UNSUPPORTED_MESSAGE` for protocol v2+ streaming messages.
 *
 * @example
 * const m = decodePgoutputMessage(xlogData.payload);
 * if (m.tag === 'begin') console.log(m.xid);
 */
export function decodePgoutputMessage(buf: Buffer): PgoutputMessage {
  const r = new ByteReader(buf, 'pgoutput message');
  const tag = r.char();
  let m: PgoutputMessage;
  switch (tag) {
    case 'B':
      m = { tag: 'begin', finalLsn: r.uint64(), commitTimeUs: pgTime(r), xid: r.uint32() };
      break;
    case 'C':
      m = {
        tag: 'commit',
        flags: r.byte(),
        commitLsn: r.uint64(),
        endLsn: r.uint64(),
        commitTimeUs: pgTime(r),
      };
      break;
    case 'O':
      m = { tag: 'origin', originLsn: r.uint64(), name: r.cstring() };
      break;
    case 'R': {
      const relationId = r.uint32();
      const namespace = r.cstring();
      const name = r.cstring();
      const ident = r.char();
      if (!IDENTITIES.has(ident))
        throw new PgoutputSourceError(
          'MALFORMED_MESSAGE',
          `unknown replica identity ${JSON.stringify(ident)}`,
        );
      const n = r.int16();
      const columns = [];
      for (let i = 0; i < n; i++) {
        const flags = r.byte();
        columns.push({
          name: r.cstring(),
          typeOid: r.uint32(),
          typeModifier: r.int32(),
          isKey: (flags & 1) === 1,
        });
      }
      m = {
        tag: 'relation',
        relationId,
        namespace,
        name,
        replicaIdentity: ident as ReplicaIdentity,
        columns,
      };
      break;
    }
    case 'Y':
      m = { tag: 'type', typeOid: r.uint32(), namespace: r.cstring(), name: r.cstring() };
      break;
    case 'I': {
      const relationId = r.uint32();
      expectTupleMarker(r, 'N', 'insert');
      m = { tag: 'insert', relationId, newTuple: readTuple(r) };
      break;
    }
    case 'U': {
      const relationId = r.uint32();
      let marker = expectTupleMarker(r, 'KON', 'update');
      let oldKind: 'K' | 'O' | null = null;
      let oldTuple: TupleValue[] | null = null;
      if (marker !== 'N') {
        oldKind = marker as 'K' | 'O';
        oldTuple = readTuple(r);
        marker = expectTupleMarker(r, 'N', 'update new tuple');
      }
      m = { tag: 'update', relationId, oldKind, oldTuple, newTuple: readTuple(r) };
      break;
    }
    case 'D': {
      const relationId = r.uint32();
      const oldKind = expectTupleMarker(r, 'KO', 'delete') as 'K' | 'O';
      m = { tag: 'delete', relationId, oldKind, oldTuple: readTuple(r) };
      break;
    }
    case 'T': {
      const n = r.int32();
      if (n < 0) throw new PgoutputSourceError('MALFORMED_MESSAGE', `negative truncate relation count ${n}`);
      const options = r.byte();
      const relationIds: number[] = [];
      for (let i = 0; i < n; i++) relationIds.push(r.uint32());
      m = {
        tag: 'truncate',
        cascade: (options & 1) !== 0,
        restartIdentity: (options & 2) !== 0,
        relationIds,
      };
      break;
    }
    case 'M': {
      const flags = r.byte();
      const lsn = r.uint64();
      const prefix = r.cstring();
      const content = Buffer.from(r.bytes(r.int32()));
      m = { tag: 'message', transactional: (flags & 1) !== 0, lsn, prefix, content };
      break;
    }
    case 'S':
    case 'E':
    case 'c':
    case 'A':
    case 'b':
    case 'P':
    case 'K':
    case 'r':
      throw new PgoutputSourceError(
        'UNSUPPORTED_MESSAGE',
        `pgoutput message ${JSON.stringify(tag)} needs protocol version ≥ 2, which this source does not request`,
      );
    default:
      throw new PgoutputSourceError(
        'MALFORMED_MESSAGE',
        `unknown pgoutput message tag ${JSON.stringify(tag)}`,
      );
  }
  if (r.remaining !== 0) {
    throw new PgoutputSourceError(
      'MALFORMED_MESSAGE',
      `pgoutput ${m.tag} message has ${r.remaining} trailing byte(s)`,
    );
  }
  return m;
}
