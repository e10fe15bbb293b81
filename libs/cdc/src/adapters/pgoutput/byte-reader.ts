/**
 * A bounds-checked big-endian reader over a Buffer: every read past the end throws `MALFORMED_MESSAGE`.
 */
import { PgoutputSourceError } from './errors.js';

/**
 * Reads the wire types of the replication protocol (Int8/16/32/64, C strings, byte runs) from a buffer.
 *
 * @example
 * const r = new ByteReader(Buffer.from([0, 0, 0, 7])); r.int32() // 7
 */
export class ByteReader {
  private pos = 0;

  constructor(
    private readonly buf: Buffer,
    private readonly what = 'message',
  ) {}

  /** Bytes not read yet. */
  get remaining(): number {
    return this.buf.length - this.pos;
  }

  private need(n: number): number {
    if (this.pos + n > this.buf.length) {
      throw new PgoutputSourceError(
        'MALFORMED_MESSAGE',
        `${this.what} truncated: needed ${n} byte(s) at offset ${this.pos}, have ${this.buf.length - this.pos}`,
      );
    }
    const at = this.pos;
    this.pos += n;
    return at;
  }

  byte(): number {
    return this.buf.readUInt8(this.need(1));
  }

  char(): string {
    return String.fromCharCode(this.byte());
  }

  int16(): number {
    return this.buf.readInt16BE(this.need(2));
  }

  int32(): number {
    return this.buf.readInt32BE(this.need(4));
  }

  uint32(): number {
    return this.buf.readUInt32BE(this.need(4));
  }

  int64(): bigint {
    return this.buf.readBigInt64BE(this.need(8));
  }

  uint64(): bigint {
    return this.buf.readBigUInt64BE(this.need(8));
  }

  /** A NUL-terminated UTF-8 string. */
  cstring(): string {
    const end = this.buf.indexOf(0, this.pos);
    if (end < 0)
      throw new PgoutputSourceError(
        'MALFORMED_MESSAGE',
        `${this.what}: unterminated string at offset ${this.pos}`,
      );
    const s = this.buf.toString('utf8', this.pos, end);
    this.pos = end + 1;
    return s;
  }

  bytes(n: number): Buffer {
    if (n < 0)
      throw new PgoutputSourceError(
        'MALFORMED_MESSAGE',
        `${this.what}: negative length ${n} at offset ${this.pos}`,
      );
    const at = this.need(n);
    return this.buf.subarray(at, at + n);
  }

  rest(): Buffer {
    return this.bytes(this.remaining);
  }
}
