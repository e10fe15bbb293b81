/**
 * A cursor over Avro binary data with bounds-checked primitive readers. Longs come back as numbers when they fit
 * in ±2^52 and as bigints otherwise (ts_ns, LSN-sized values), never rounded.
 */
import { fail } from '../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

// Scratch space for IEEE-754 reads (little-endian, as Avro writes them) without a DataView per message.
const scratch = new ArrayBuffer(8);
const scratchBytes = new Uint8Array(scratch);
const scratchF32 = new Float32Array(scratch, 0, 1);
const scratchF64 = new Float64Array(scratch);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Reading position in an Avro buffer.
 *
 * @example
 * new Tap(Uint8Array.from([0x02]), 0).readLong() // 1
 */
export class Tap {
  pos: number;

  constructor(
    readonly buf: Uint8Array,
    start: number,
    readonly end: number = buf.length,
  ) {
    this.pos = start;
  }

  /** Fails when the cursor ran past the end. */
  check(): void {
    if (this.pos > this.end) fail('SCHEMA_MISMATCH', 'Avro data is truncated');
  }

  readBoolean(): boolean {
    const b = this.buf[this.pos++];
    if (this.pos > this.end) this.check();
    if (b > 1) fail('SCHEMA_MISMATCH', `invalid Avro boolean byte ${b}`);
    return b === 1;
  }

  /** zig-zag varint int (32-bit). */
  readInt(): number {
    const b = this.buf;
    let pos = this.pos;
    let byte = b[pos++];
    let n = byte & 0x7f;
    let shift = 7;
    while (byte & 0x80) {
      if (shift > 28) fail('SCHEMA_MISMATCH', 'Avro int varint is too long');
      byte = b[pos++];
      n |= (byte & 0x7f) << shift;
      shift += 7;
    }
    this.pos = pos;
    if (pos > this.end) this.check();
    return (n >>> 1) ^ -(n & 1);
  }

  /** zig-zag varint long: number when |v| < 2^52, bigint otherwise. */
  readLong(): number | bigint {
    const b = this.buf;
    let pos = this.pos;
    let byte = b[pos++];
    let lo = byte & 0x7f;
    let hi = 0;
    if (byte & 0x80) {
      byte = b[pos++];
      lo |= (byte & 0x7f) << 7;
      if (byte & 0x80) {
        byte = b[pos++];
        lo |= (byte & 0x7f) << 14;
        if (byte & 0x80) {
          byte = b[pos++];
          lo |= (byte & 0x7f) << 21;
          if (byte & 0x80) {
            let mul = 1;
            do {
              if (mul > 2 ** 35) fail('SCHEMA_MISMATCH', 'Avro long varint is too long');
              byte = b[pos++];
              hi += (byte & 0x7f) * mul;
              mul *= 128;
            } while (byte & 0x80);
          }
        }
      }
    }
    this.pos = pos;
    if (pos > this.end) this.check();
    if (hi < 2 ** 24) {
      const u = hi * 268435456 + lo;
      return lo & 1 ? -(u + 1) / 2 : u / 2;
    }
    const u = (BigInt(hi) << 28n) | BigInt(lo);
    return (u >> 1n) ^ -(u & 1n);
  }

  readFloat(): number {
    const p = this.pos;
    this.pos += 4;
    if (this.pos > this.end) this.check();
    const b = this.buf;
    if (!littleEndian) return new DataView(b.buffer, b.byteOffset, b.byteLength).getFloat32(p, true);
    scratchBytes[0] = b[p];
    scratchBytes[1] = b[p + 1];
    scratchBytes[2] = b[p + 2];
    scratchBytes[3] = b[p + 3];
    return scratchF32[0];
  }

  readDouble(): number {
    const p = this.pos;
    this.pos += 8;
    if (this.pos > this.end) this.check();
    const b = this.buf;
    if (!littleEndian) return new DataView(b.buffer, b.byteOffset, b.byteLength).getFloat64(p, true);
    for (let i = 0; i < 8; i++) scratchBytes[i] = b[p + i];
    return scratchF64[0];
  }

  private length(): number {
    const n = this.readLong();
    if (typeof n !== 'number' || n < 0 || this.pos + n > this.end) {
      fail('SCHEMA_MISMATCH', `invalid Avro length ${String(n)} (${this.end - this.pos} bytes left)`);
    }
    return n;
  }

  /** Length-prefixed bytes (copied). */
  readBytes(): Uint8Array {
    const n = this.length();
    const p = this.pos;
    this.pos += n;
    return this.buf.slice(p, p + n);
  }

  /** Fixed-size bytes (copied). */
  readFixed(size: number): Uint8Array {
    const p = this.pos;
    this.pos += size;
    if (this.pos > this.end) this.check();
    return this.buf.slice(p, p + size);
  }

  /** Length-prefixed UTF-8 string. */
  readString(): string {
    const n = this.length();
    const b = this.buf;
    const p = this.pos;
    this.pos += n;
    if (n < 16) {
      let s = '';
      for (let i = p; i < p + n; i++) {
        const c = b[i];
        if (c > 127) return this.utf8(p, n);
        s += String.fromCharCode(c);
      }
      return s;
    }
    return this.utf8(p, n);
  }

  private utf8(p: number, n: number): string {
    try {
      return utf8.decode(this.buf.subarray(p, p + n));
    } catch {
      return fail('SCHEMA_MISMATCH', 'Avro string is not valid UTF-8');
    }
  }
}
