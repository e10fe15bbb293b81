// The webhook sink over REAL HTTP: a node:http receiver on 127.0.0.1 (port 0) answers as each test scripts it
// (statuses, hangs, closed connections). Backoff and rate limit run on an injected fake clock with a seeded
// random source, so the delays are exact; the per-attempt timeout is real (short) time.
import type { DeadLetter } from '../runtime/run/dead-letters.js';
import { memoryLogger } from '../runtime/testing/log-lines.js';
import type { AlertClock } from './alert-clock.js';
// The workspace's seeded generator for test data (libs/cdc/test, not published): reused, not copied.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { rng as seededRandom } from '../../../../libs/cdc/test/fixtures.js';
import { fullJitterDelay } from './backoff.js';
import { sampleAlert } from './testing/sample-alert.js';
import { startReceiver, type ReceiverAnswer, type WebhookReceiver } from './testing/webhook-receiver.js';
import type { WebhookConfig, WebhookFormat } from './webhook-config.js';
import { WebhookAlertSink, type WebhookSinkOptions } from './webhook-sink.js';

const alert = sampleAlert;

/** Fake time: `sleep` advances `now` at once and records the delay. */
function fakeClock(): AlertClock & { sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

describe('WebhookAlertSink over HTTP', () => {
  let receiver: WebhookReceiver | undefined;
  let sink: WebhookAlertSink | undefined;
  let letters: DeadLetter[];

  afterEach(async () => {
    await sink?.close({ graceMs: 0 });
    await receiver?.close();
    sink = receiver = undefined;
  });

  async function setUp(
    answer: (n: number) => ReceiverAnswer,
    config: Partial<WebhookConfig> = {},
    options: Partial<WebhookSinkOptions> = {},
  ): Promise<WebhookAlertSink> {
    receiver = await startReceiver(answer);
    letters = [];
    sink = new WebhookAlertSink({
      config: {
        url: receiver.url,
        format: 'json',
        timeoutMs: 2_000,
        retries: 3,
        backoffMs: 100,
        maxBackoffMs: 1_000,
        ratePerSec: 1_000,
        queueSize: 100,
        dedupeSize: 100,
        ...config,
      },
      deadLetters: { send: async (batch) => void letters.push(...batch) },
      clock: fakeClock(),
      random: seededRandom(7),
      ...options,
    });
    return sink;
  }
  const header = (letter: DeadLetter | undefined, name: string) => letter?.headers[`cdc.error.${name}`];

  it.each<[number, WebhookFormat]>([
    [200, 'slack'],
    [201, 'json'],
    [204, 'discord'],
  ])('delivers on HTTP %i (%s payload) with the alert id in the headers', async (status, format) => {
    const s = await setUp(() => ({ status }), { format });
    expect(s.send([alert('a-1')])).toEqual({ queued: 1, duplicates: 0, overflowed: 0 });
    await s.drain();
    expect(s.stats()).toMatchObject({ pending: 0, delivered: 1, attempts: 1, deadLettered: 0 });
    const [request] = receiver?.requests ?? [];
    expect(request).toMatchObject({ method: 'POST', path: '/hooks/secret-token' });
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json',
      'idempotency-key': 'a-1',
      'x-ecom-alert-id': 'a-1',
    });
    const body = JSON.parse(request?.body ?? '') as Record<string, unknown>;
    if (format === 'json') expect(body).toEqual(alert('a-1'));
    if (format === 'slack') expect(body.text).toMatch(/FRAUD DETECTED\* Customer 12 \| velocity \(high\)/);
    if (format === 'discord') {
      expect(body).toMatchObject({
        content: expect.stringMatching(/^🚨 \*\*FRAUD DETECTED\*\*\nCustomer 12/),
      });
      expect(body.allowed_mentions).toEqual({ parse: [] });
    }
  });

  it('retries a 500 after a full-jitter backoff and delivers once', async () => {
    const clock = fakeClock();
    const s = await setUp((n) => (n === 0 ? { status: 500, body: 'busy' } : { status: 200 }), {}, { clock });
    s.send([alert('a')]);
    await s.drain();
    expect(receiver?.requests).toHaveLength(2);
    expect(s.stats()).toMatchObject({ delivered: 1, attempts: 2, deadLettered: 0 });
    const expected = fullJitterDelay(1, { baseMs: 100, maxMs: 1_000, random: seededRandom(7) });
    expect(expected).toBeGreaterThan(0);
    expect(clock.sleeps).toEqual([expected]);
  });

  it('honours Retry-After on a 429, capped at the maximum backoff', async () => {
    const clock = fakeClock();
    const s = await setUp(
      (n) => (n === 0 ? { status: 429, headers: { 'retry-after': '60' } } : { status: 204 }),
      {},
      { clock },
    );
    s.send([alert('a')]);
    await s.drain();
    expect(clock.sleeps).toEqual([1_000]);
    expect(s.stats().delivered).toBe(1);
  });

  it.each<[string, ReceiverAnswer]>([
    ['times out', 'hang'],
    ['closes the connection', 'destroy'],
  ])('retries when the receiver %s, then delivers once', async (_what, fault) => {
    const s = await setUp((n) => (n === 0 ? fault : { status: 204 }), { timeoutMs: 150 });
    s.send([alert('a')]);
    await s.drain();
    expect(receiver?.requests).toHaveLength(2);
    expect(s.stats()).toMatchObject({ delivered: 1, deadLettered: 0 });
  });

  it.each<[string, ReceiverAnswer, RegExp]>([
    ['answers 500', { status: 500, body: 'boom' }, /^HTTP 500: boom$/],
    ['times out', 'hang', /^timed out after 150 ms$/],
    ['closes the connection', 'destroy', /^fetch failed/],
  ])('dead-letters the alert with the last error when every attempt %s', async (_what, fault, error) => {
    const s = await setUp(() => fault, { retries: 2, timeoutMs: 150 });
    s.send([alert('lost-1')]);
    await s.drain();
    expect(receiver?.requests).toHaveLength(3);
    expect(s.stats()).toMatchObject({ delivered: 0, attempts: 3, deadLettered: 1, pending: 0 });
    expect(letters).toHaveLength(1);
    const [letter] = letters;
    expect(header(letter, 'code')).toBe('WEBHOOK_FAILED');
    expect(header(letter, 'message')).toMatch(error);
    expect(header(letter, 'attempts')).toBe('3');
    expect(letter?.headers['ecom.alert.id']).toBe('lost-1');
    expect(letter?.key?.toString()).toBe('lost-1');
    expect(JSON.parse(letter?.value?.toString() ?? '')).toEqual(alert('lost-1'));
  });

  it('dead-letters a 4xx at once (WEBHOOK_REFUSED), without retrying', async () => {
    const s = await setUp(() => ({ status: 404, body: 'Unknown Webhook' }));
    s.send([alert('a')]);
    await s.drain();
    expect(receiver?.requests).toHaveLength(1);
    expect(header(letters[0], 'code')).toBe('WEBHOOK_REFUSED');
    expect(header(letters[0], 'message')).toBe('HTTP 404: Unknown Webhook');
  });

  it('keeps to the rate limit (fake clock: requests 250 ms apart at 4 per second)', async () => {
    const clock = fakeClock();
    const arrivals: number[] = [];
    const s = await setUp(
      () => {
        arrivals.push(clock.now());
        return { status: 204 };
      },
      { ratePerSec: 4 },
      { clock },
    );
    s.send(['a', 'b', 'c', 'd', 'e'].map(alert));
    await s.drain();
    expect(arrivals).toEqual([0, 250, 500, 750, 1_000]);
  });

  it('never stalls the stream: send returns at once while the receiver hangs; close dead-letters the rest', async () => {
    const s = await setUp(() => 'hang', { timeoutMs: 60_000 });
    const started = performance.now();
    const report = s.send(Array.from({ length: 200 }, (_, i) => alert(`h${i}`)));
    const took = performance.now() - started;
    expect(report).toEqual({ queued: 100, duplicates: 0, overflowed: 100 });
    expect(took).toBeLessThan(100);
    // The first request reaches the hanging receiver (polled: a busy machine may take more than a few ms).
    for (let waited = 0; (receiver?.requests.length ?? 0) === 0 && waited < 5_000; waited += 10)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(receiver?.requests).toHaveLength(1);
    const closing = performance.now();
    await s.close({ graceMs: 20 });
    expect(performance.now() - closing).toBeLessThan(2_000);
    const codes = letters.map((l) => header(l, 'code'));
    expect(codes.filter((c) => c === 'WEBHOOK_QUEUE_FULL')).toHaveLength(100);
    expect(codes.filter((c) => c === 'WEBHOOK_SHUTDOWN')).toHaveLength(100);
    const first = letters.find((l) => l.headers['ecom.alert.id'] === 'h0');
    expect(header(first, 'message')).toBe('closed; last attempt: aborted (shutting down)');
    expect(s.stats()).toMatchObject({ pending: 0, deadLettered: 200, delivered: 0 });
    expect(() => s.send([alert('late')])).toThrow(expect.objectContaining({ code: 'SINK_FAILED' }));
  });

  it('sends an id once while it is held or remembered, and again once the bound forgot it', async () => {
    const s = await setUp(() => ({ status: 204 }), { dedupeSize: 1 });
    expect(s.send([alert('a'), alert('a')])).toEqual({ queued: 1, duplicates: 1, overflowed: 0 });
    await s.drain();
    expect(s.send([alert('a')]).duplicates).toBe(1);
    s.send([alert('b')]);
    await s.drain();
    expect(s.send([alert('a')]).queued).toBe(1); // 'b' pushed 'a' out of the 1-id memory
    await s.drain();
    expect(receiver?.requests.map((r) => r.headers['x-ecom-alert-id'])).toEqual(['a', 'b', 'a']);
  });

  it('forgets a dead-lettered id, so a replay tries it again', async () => {
    const s = await setUp((n) => (n === 0 ? { status: 400 } : { status: 204 }));
    s.send([alert('a')]);
    await s.drain();
    expect(s.send([alert('a')]).queued).toBe(1);
    await s.drain();
    expect(s.stats()).toMatchObject({ delivered: 1, deadLettered: 1 });
  });

  it('percent-encodes an id that is not printable ASCII in the headers', async () => {
    const s = await setUp(() => ({ status: 204 }));
    s.send([alert('khách-1')]);
    await s.drain();
    expect(receiver?.requests[0]?.headers['idempotency-key']).toBe(encodeURIComponent('khách-1'));
  });

  it('logs a refused dead letter at error with the alert, and never the URL', async () => {
    const { logger, lines } = memoryLogger('debug');
    const s = await setUp(
      () => ({ status: 500 }),
      { retries: 1 },
      {
        logger,
        deadLetters: { send: async () => Promise.reject(new Error('kafka down')) },
      },
    );
    expect(s.name).toMatch(/^webhook:http:\/\/127\.0\.0\.1:\d+\/…$/);
    s.send([alert('a')]);
    await s.drain();
    expect(s.stats()).toMatchObject({ deadLettered: 1, deadLetterFailures: 1 });
    const refused = lines.find((line) => line.level === 50);
    expect(refused).toMatchObject({ msg: expect.stringMatching(/alert lost/), alert: { id: 'a' } });
    expect(JSON.stringify(lines)).not.toContain('secret-token');
  });
});
