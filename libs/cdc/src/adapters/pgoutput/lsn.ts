/**
 * PostgreSQL log sequence numbers: the text form `'16/B374D848'` and the 64-bit integer Debezium writes.
 */
import { PgoutputSourceError } from './errors.js';

/**
 * Parses an LSN in PostgreSQL's text form (`'16/B374D848'`) into a bigint.
 *
 * @example
 * parseLsn('0/16B3748') // 23803720n
 */
export function parseLsn(text: string): bigint {
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text.trim());
  if (!m) throw new PgoutputSourceError('MALFORMED_MESSAGE', `not an LSN: ${JSON.stringify(text)}`);
  return (BigInt('0x' + m[1]) << 32n) | BigInt('0x' + m[2]);
}

/**
 * Formats a bigint LSN in PostgreSQL's text form.
 *
 * @example
 * formatLsn(23803720n) // '0/16B3748'
 */
export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}
