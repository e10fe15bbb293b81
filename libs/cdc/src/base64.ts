/**
 * Strict base64 (RFC 4648, standard alphabet, padded) without Node's Buffer.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

function sextet(s: string, i: number): number {
  const c = s.charCodeAt(i);
  const v = c < 128 ? LOOKUP[c] : -1;
  if (v < 0) throw new SyntaxError(`invalid base64 character at ${i}`);
  return v;
}

/**
 * Decodes standard padded base64. Throws `SyntaxError` on bad length, characters or padding.
 *
 * @example
 * decodeBase64('AJw=') // Uint8Array [0x00, 0x9c]
 */
export function decodeBase64(s: string): Uint8Array {
  const n = s.length;
  if (n % 4 !== 0) throw new SyntaxError(`base64 length ${n} is not a multiple of 4`);
  if (n === 0) return new Uint8Array(0);
  const pad = s.charCodeAt(n - 1) === 61 ? (s.charCodeAt(n - 2) === 61 ? 2 : 1) : 0;
  const out = new Uint8Array((n / 4) * 3 - pad);
  let o = 0;
  const full = pad ? n - 4 : n;
  for (let i = 0; i < full; i += 4) {
    const v = (sextet(s, i) << 18) | (sextet(s, i + 1) << 12) | (sextet(s, i + 2) << 6) | sextet(s, i + 3);
    out[o++] = v >> 16;
    out[o++] = (v >> 8) & 255;
    out[o++] = v & 255;
  }
  if (pad === 1) {
    const v = (sextet(s, full) << 18) | (sextet(s, full + 1) << 12) | (sextet(s, full + 2) << 6);
    if (v & 255) throw new SyntaxError('non-canonical base64 padding');
    out[o++] = v >> 16;
    out[o++] = (v >> 8) & 255;
  } else if (pad === 2) {
    const v = (sextet(s, full) << 18) | (sextet(s, full + 1) << 12);
    if (v & 0xffff) throw new SyntaxError('non-canonical base64 padding');
    out[o++] = v >> 16;
  }
  return out;
}

/**
 * Encodes bytes as standard padded base64.
 *
 * @example
 * encodeBase64(new Uint8Array([0x00, 0x9c])) // 'AJw='
 */
export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  const n = bytes.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + ALPHABET[(v >> 6) & 63] + ALPHABET[v & 63];
  }
  if (i < n) {
    const v = (bytes[i] << 16) | (i + 1 < n ? bytes[i + 1] << 8 : 0);
    out += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + (i + 1 < n ? ALPHABET[(v >> 6) & 63] : '=') + '=';
  }
  return out;
}
