/**
 * Strict UTF-8 decoding of message bytes, shared by every JSON path of the decoder.
 */
import { fail } from '../errors.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of UTF-8 bytes. Throws {@link CdcError} `MALFORMED_JSON` when they are not valid UTF-8.
 *
 * @example
 * utf8Text(Buffer.from('{"op":"c"}')) // '{"op":"c"}'
 */
export function utf8Text(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    return fail('MALFORMED_JSON', 'value is not valid UTF-8');
  }
}
