/**
 * Server-sent events framing (the WHATWG `text/event-stream` format).
 */

/**
 * One event: `id:`, `event:` and the JSON of `data` (one line: JSON.stringify never emits a raw newline), ended by
 * a blank line.
 *
 * @example
 * formatSseEvent('health', { ok: true }, 7); // 'id: 7\nevent: health\ndata: {"ok":true}\n\n'
 */
export function formatSseEvent(event: string, data: unknown, id: number): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * A comment line (ignored by clients; keeps proxies and idle timeouts from closing the stream).
 *
 * @example
 * formatSseComment('heartbeat'); // ': heartbeat\n\n'
 */
export function formatSseComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}
