// Server-sent events read with fetch (so the bearer token can be sent): parses the text/event-stream format and
// reconnects with backoff (1 s doubling to 10 s). Every connection starts with a `snapshot` event from the
// server, so nothing missed while disconnected is lost.
import { apiFetch } from './api-client.js';

function parseBlock(block) {
  let event = 'message';
  let id = null;
  const data = [];
  for (const raw of block.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
  }
  return data.length === 0 ? null : { event, id, data: data.join('\n') };
}

async function readEvents(body, emit) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const parsed = parseBlock(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (parsed !== null) emit(parsed);
    }
  }
}

/**
 * Opens the stream at `url`: `onEvent({ event, id, data })` per event (data parsed as JSON), `onState(state, text)`
 * with 'live', 'connecting' or 'offline'.
 */
export function openEventStream(url, onEvent, onState) {
  let lastId = null;
  let delay = 1000;
  const run = async () => {
    for (;;) {
      try {
        onState('connecting', 'Connecting…');
        const headers = {
          accept: 'text/event-stream',
          ...(lastId === null ? {} : { 'last-event-id': lastId }),
        };
        const response = await apiFetch(url, { headers, cache: 'no-store' });
        if (!response.ok || response.body === null) throw new Error(`HTTP ${response.status}`);
        onState('live', 'Live');
        delay = 1000;
        await readEvents(response.body, (e) => {
          if (e.id !== null) lastId = e.id;
          onEvent({ event: e.event, id: e.id, data: JSON.parse(e.data) });
        });
        onState('offline', 'Stream ended; reconnecting…');
      } catch (error) {
        onState('offline', `Disconnected (${error.message}); retrying in ${delay / 1000} s`);
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  };
  void run();
}
