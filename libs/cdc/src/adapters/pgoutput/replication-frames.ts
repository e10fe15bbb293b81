/**
 * The frames of the streaming replication protocol inside COPY BOTH: XLogData ('w') and primary keepalive ('k') from
 * the server, standby status update ('r') to it.
 */
import { ByteReader } from './byte-reader.js';
import { PgoutputSourceError } from './errors.js';
import { PG_EPOCH_OFFSET_US } from './pgoutput-messages.js';

/**
 * A frame sent by the walsender.
 *
 * @example
 * const f = decodeReplicationFrame(chunk); if (f.tag === 'xlog') decodePgoutputMessage(f.payload);
 */
export type ReplicationFrame =
  | { tag: 'xlog'; walStart: bigint; walEnd: bigint; sendTimeUs: bigint; payload: Buffer }
  | { tag: 'keepalive'; walEnd: bigint; sendTimeUs: bigint; replyRequested: boolean };

/**
 * Decodes one CopyData payload from the walsender. Throws `MALFORMED_MESSAGE` on anything else.
 *
 * @example
 * const walEnd8 = Buffer.alloc(8), time8 = Buffer.alloc(8);
 * decodeReplicationFrame(Buffer.concat([Buffer.from('k'), walEnd8, time8, Buffer.from([1])])).tag // 'keepalive'
 */
export function decodeReplicationFrame(chunk: Buffer): ReplicationFrame {
  const r = new ByteReader(chunk, 'replication frame');
  const tag = r.char();
  if (tag === 'w') {
    return {
      tag: 'xlog',
      walStart: r.uint64(),
      walEnd: r.uint64(),
      sendTimeUs: r.int64() + PG_EPOCH_OFFSET_US,
      payload: r.rest(),
    };
  }
  if (tag === 'k') {
    const f: ReplicationFrame = {
      tag: 'keepalive',
      walEnd: r.uint64(),
      sendTimeUs: r.int64() + PG_EPOCH_OFFSET_US,
      replyRequested: r.byte() === 1,
    };
    if (r.remaining !== 0)
      throw new PgoutputSourceError(
        'MALFORMED_MESSAGE',
        `keepalive frame has ${r.remaining} trailing byte(s)`,
      );
    return f;
  }
  throw new PgoutputSourceError('MALFORMED_MESSAGE', `unknown replication frame tag ${JSON.stringify(tag)}`);
}

/**
 * Encodes a standby status update: written, flushed and applied positions all set to `lsn` (the last position the
 * sink acknowledged), so the server may recycle WAL up to it.
 *
 * @example
 * connection.sendCopyFromChunk(encodeStandbyStatus(confirmedLsn, Date.now()));
 */
export function encodeStandbyStatus(lsn: bigint, nowMs: number, replyRequested = false): Buffer {
  const b = Buffer.alloc(34);
  b.write('r', 0, 'latin1');
  b.writeBigUInt64BE(lsn, 1);
  b.writeBigUInt64BE(lsn, 9);
  b.writeBigUInt64BE(lsn, 17);
  b.writeBigInt64BE(BigInt(Math.trunc(nowMs)) * 1000n - PG_EPOCH_OFFSET_US, 25);
  b.writeUInt8(replyRequested ? 1 : 0, 33);
  return b;
}
