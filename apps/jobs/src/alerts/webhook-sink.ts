/**
 * The fraud webhook: alerts queued by `send()` (which never waits), delivered one at a time in the background with
 * a rate limit, a timeout per attempt, retries with exponential backoff and full jitter, and a dead letter after the
 * last retry. Idempotent by alert id. With a {@link WebhookLedger}, `accept()` records each alert before it is queued
 * and `resume()` re-queues what a crash left pending, so an accepted alert is delivered (at least once) or
 * dead-lettered even across crashes.
 */
import { JobRuntimeError } from '../runtime/errors.js';
import { silentLogger, type JobsLogger } from '../runtime/observability/logger.js';
import type { DeadLetterQueue } from '../runtime/run/dead-letters.js';
import type { AlertRecord } from './alert-record.js';
import { systemClock, type AlertClock } from './alert-clock.js';
import { fullJitterDelay } from './backoff.js';
import { RecentIds } from './recent-ids.js';
import { TokenBucket } from './token-bucket.js';
import { redactUrl, type WebhookConfig } from './webhook-config.js';
import { webhookDeadLetter, type WebhookDeadLetterCode } from './webhook-dead-letter.js';
import { webhookBody } from './webhook-payload.js';
import type { DeliveryOutcome, WebhookLedger } from './webhook-ledger.js';
import { postWebhook, type WebhookAttempt } from './webhook-post.js';

/**
 * What {@link WebhookAlertSink} needs: the settings, where undeliverable alerts go, and (for tests) the clock of
 * the rate limit and backoff, the jitter's random source and the fetch.
 *
 * @example
 * declare const config: WebhookConfig;
 * const options: WebhookSinkOptions = { config, deadLetters: { send: async () => undefined } };
 */
export interface WebhookSinkOptions {
  readonly config: WebhookConfig;
  readonly deadLetters: DeadLetterQueue;
  readonly clock?: AlertClock;
  /** In `[0, 1)`; `Math.random` by default (a seeded generator in tests). */
  readonly random?: () => number;
  readonly fetch?: typeof fetch;
  readonly logger?: JobsLogger;
  /**
   * Where accepted alerts are recorded until delivered or dead-lettered (`accept()`, `resume()`). Without it the
   * queue lives in memory only: a crash loses what it holds, and `close()` dead-letters it (`WEBHOOK_SHUTDOWN`);
   * with it, a close leaves the undelivered alerts pending for the next start.
   */
  readonly ledger?: WebhookLedger;
}

/**
 * What one `send()` did with its alerts.
 *
 * @example
 * const report: SendReport = { queued: 2, duplicates: 1, overflowed: 0 };
 */
export interface SendReport {
  readonly queued: number;
  /** Already queued, in flight or delivered: not sent again. */
  readonly duplicates: number;
  /** The queue was full: dead-lettered as `WEBHOOK_QUEUE_FULL`. */
  readonly overflowed: number;
}

/**
 * The sink's counters since it started.
 *
 * @example
 * declare const sink: WebhookAlertSink;
 * const { delivered, deadLettered }: WebhookSinkStats = sink.stats();
 */
export interface WebhookSinkStats {
  /** Held now: waiting or in flight. */
  readonly pending: number;
  readonly delivered: number;
  readonly attempts: number;
  readonly duplicates: number;
  readonly deadLettered: number;
  /** Dead letters the queue refused (each logged at `error` with the alert). */
  readonly deadLetterFailures: number;
}

interface Pending {
  readonly alert: AlertRecord;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Header values must be printable ASCII; other ids go percent-encoded. */
const headerValue = (id: string) => (/^[\x20-\x7e]*$/.test(id) ? id : encodeURIComponent(id));

/**
 * POSTs each alert to the webhook of `config`, in the background.
 *
 * - `send()` returns at once and never throws for delivery problems: the stream never waits on the receiver.
 * - Any 2xx is delivered. A retriable failure (5xx, 408, 425, 429, timeout, connection error) is retried up to
 *   `retries` times after `fullJitterDelay` (at least the receiver's `Retry-After`, at most `maxBackoffMs`); then,
 *   or at once for any other status, the alert is dead-lettered with the last error.
 * - Requests go one at a time, at most `ratePerSec` a second (retries included).
 * - **Overflow**: at most `queueSize` alerts are held (waiting or in flight); an alert sent beyond that is
 *   dead-lettered (`WEBHOOK_QUEUE_FULL`) at once, never dropped silently.
 * - **Idempotency**: an alert whose id is held, or among the last `dedupeSize` delivered, is not sent again; so
 *   memory holds at most `queueSize + dedupeSize` ids. A dead-lettered id is forgotten: a replay may try it again.
 *   Every request carries the id in `Idempotency-Key` and `X-Ecom-Alert-Id`, for receivers that deduplicate across
 *   restarts (delivery is at least once).
 * - `drain()` waits until nothing is held; `close()` stops accepting, drains for `graceMs`, then aborts the attempt
 *   in flight and dead-letters what is left (`WEBHOOK_SHUTDOWN`).
 *
 * @example
 * const sink = new WebhookAlertSink({
 *   config: loadWebhookConfig({ FRAUD_WEBHOOK_URL: 'https://discord.com/api/webhooks/1/x' })!,
 *   deadLetters: { send: async () => undefined },
 * });
 * declare const alert: AlertRecord;
 * sink.send([alert]); // { queued: 1, duplicates: 0, overflowed: 0 }, at once
 * await sink.close();
 */
export class WebhookAlertSink {
  /** For logs: the URL without its path (`webhook:https://discord.com/…`). */
  readonly name: string;
  readonly #config: WebhookConfig;
  readonly #deadLetters: DeadLetterQueue;
  readonly #clock: AlertClock;
  readonly #random: () => number;
  readonly #fetch: typeof fetch | undefined;
  readonly #logger: JobsLogger;
  readonly #ledger: WebhookLedger | undefined;
  readonly #bucket: TokenBucket;
  readonly #queue: Pending[] = [];
  /** Ids waiting or in flight. */
  readonly #held = new Set<string>();
  readonly #delivered: RecentIds;
  readonly #letters = new Set<Promise<void>>();
  readonly #abort = new AbortController();
  #worker: Promise<void> | null = null;
  #closed = false;
  #stats = { delivered: 0, attempts: 0, duplicates: 0, deadLettered: 0, deadLetterFailures: 0 };

  constructor(options: WebhookSinkOptions) {
    this.#config = options.config;
    this.#deadLetters = options.deadLetters;
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#fetch = options.fetch;
    this.#logger = options.logger ?? silentLogger();
    this.#ledger = options.ledger;
    this.#bucket = new TokenBucket({ ratePerSec: options.config.ratePerSec, clock: this.#clock });
    this.#delivered = new RecentIds(options.config.dedupeSize);
    this.name = `webhook:${redactUrl(options.config.url)}`;
  }

  /** Queues the alerts and returns at once. Throws `SINK_FAILED` after {@link WebhookAlertSink.close}. */
  send(alerts: readonly AlertRecord[]): SendReport {
    if (this.#closed) throw new JobRuntimeError('SINK_FAILED', `${this.name}: send after close`);
    let queued = 0;
    let duplicates = 0;
    let overflowed = 0;
    for (const alert of alerts) {
      if (this.#held.has(alert.id) || this.#delivered.has(alert.id)) {
        duplicates += 1;
      } else if (this.#held.size >= this.#config.queueSize) {
        overflowed += 1;
        this.#deadLetter(
          alert,
          'WEBHOOK_QUEUE_FULL',
          `queue full (${this.#config.queueSize} alerts held)`,
          0,
        );
      } else {
        queued += 1;
        const id = headerValue(alert.id);
        const headers = { 'idempotency-key': id, 'x-ecom-alert-id': id };
        this.#queue.push({ alert, body: webhookBody(alert, this.#config.format), headers });
        this.#held.add(alert.id);
      }
    }
    this.#stats.duplicates += duplicates;
    if (queued > 0 && this.#worker === null) this.#worker = this.#work();
    return { queued, duplicates, overflowed };
  }

  /**
   * Records `alerts` in the ledger (only those it did not hold yet go on), then queues them as `send()` does; without
   * a ledger it is `send()`. Resolves once they are recorded: what the relay awaits before it forgets them.
   *
   * @example
   * declare const sink: WebhookAlertSink;
   * declare const alerts: AlertRecord[];
   * await sink.accept(alerts);
   */
  async accept(alerts: readonly AlertRecord[]): Promise<SendReport> {
    if (this.#ledger === undefined) return this.send(alerts);
    const fresh = await this.#ledger.accept(this.name, alerts);
    const report = this.send(alerts.filter((a) => fresh.has(a.id)));
    return { ...report, duplicates: report.duplicates + alerts.length - fresh.size };
  }

  /**
   * Queues the alerts the ledger still holds as pending for this sink (what a crash or a close left); nothing
   * without a ledger. Call it once at start-up.
   *
   * @example
   * declare const sink: WebhookAlertSink;
   * const { queued } = await sink.resume();
   */
  async resume(): Promise<SendReport> {
    if (this.#ledger === undefined) return { queued: 0, duplicates: 0, overflowed: 0 };
    return this.send(await this.#ledger.pending(this.name));
  }

  /** Resolves when every alert sent so far is delivered or dead-lettered. */
  async drain(): Promise<void> {
    while (this.#worker !== null || this.#letters.size > 0) {
      await Promise.all([this.#worker, ...this.#letters]);
    }
  }

  /**
   * Stops accepting alerts, drains for up to `graceMs` of wall-clock time (default 10 s), then aborts the attempt
   * in flight and dead-letters every alert still held (`WEBHOOK_SHUTDOWN`).
   */
  async close(options: { graceMs?: number } = {}): Promise<void> {
    this.#closed = true;
    const grace = new AbortController();
    const drained = this.drain().then(() => grace.abort());
    await Promise.race([drained, systemClock.sleep(options.graceMs ?? 10_000, grace.signal)]);
    this.#abort.abort();
    await this.drain();
  }

  /** The counters so far. */
  stats(): WebhookSinkStats {
    return { pending: this.#held.size, ...this.#stats };
  }

  async #work(): Promise<void> {
    try {
      for (let next = this.#queue.shift(); next !== undefined; next = this.#queue.shift()) {
        await this.#deliver(next);
        this.#held.delete(next.alert.id);
      }
    } finally {
      this.#worker = null;
    }
  }

  async #deliver({ alert, body, headers }: Pending): Promise<void> {
    const { retries, timeoutMs, url, backoffMs, maxBackoffMs } = this.#config;
    const signal = this.#abort.signal;
    let last: WebhookAttempt | null = null;
    let attempts = 0;
    while (!signal.aborted) {
      const wait = this.#bucket.take();
      if (wait > 0) await this.#clock.sleep(wait, signal);
      if (signal.aborted) break;
      attempts += 1;
      this.#stats.attempts += 1;
      last = await postWebhook({
        url,
        body,
        headers,
        timeoutMs,
        signal,
        ...(this.#fetch ? { fetch: this.#fetch } : {}),
      });
      if (last.ok) {
        this.#stats.delivered += 1;
        this.#delivered.add(alert.id);
        return this.#settle({ alertId: alert.id, state: 'delivered', attempts, error: null });
      }
      if (signal.aborted) break;
      if (!last.retriable) return this.#deadLetter(alert, 'WEBHOOK_REFUSED', last.error, attempts);
      if (attempts > retries) return this.#deadLetter(alert, 'WEBHOOK_FAILED', last.error, attempts);
      const jitter = fullJitterDelay(attempts, {
        baseMs: backoffMs,
        maxMs: maxBackoffMs,
        random: this.#random,
      });
      const delay = Math.min(maxBackoffMs, Math.max(jitter, last.retryAfterMs ?? 0));
      this.#logger.warn(
        { sink: this.name, alertId: alert.id, attempts, delayMs: delay, error: last.error },
        'webhook attempt failed, retrying',
      );
      await this.#clock.sleep(delay, signal);
    }
    const reason =
      last !== null && !last.ok ? `closed; last attempt: ${last.error}` : 'closed before delivery';
    if (this.#ledger !== undefined) {
      this.#logger.info(
        { sink: this.name, alertId: alert.id, attempts },
        'closed: alert left pending for the next start',
      );
      return;
    }
    this.#deadLetter(alert, 'WEBHOOK_SHUTDOWN', reason, attempts);
  }

  /** Sends the dead letter in the background (tracked, so `drain()` waits for it). */
  #deadLetter(alert: AlertRecord, code: WebhookDeadLetterCode, message: string, attempts: number): void {
    this.#stats.deadLettered += 1;
    this.#logger.warn(
      { sink: this.name, alertId: alert.id, code, attempts, error: message },
      'alert dead-lettered',
    );
    const letter = this.#deadLetters
      .send([webhookDeadLetter(alert, code, message, attempts)])
      .then(() => this.#settle({ alertId: alert.id, state: 'dead_lettered', attempts, error: message }))
      .catch((error: unknown) => {
        this.#stats.deadLetterFailures += 1;
        const fate = this.#ledger ? 'left pending for the next start' : 'alert lost';
        this.#logger.error({ sink: this.name, alert, code, err: error }, `dead letter refused: ${fate}`);
      })
      .finally(() => this.#letters.delete(letter));
    this.#letters.add(letter);
  }

  /** Records a delivery's outcome in the ledger, if any; a failure only means a re-delivery after a restart. */
  #settle(outcome: DeliveryOutcome): void {
    if (this.#ledger === undefined) return;
    const settled = this.#ledger
      .settle(this.name, outcome)
      .catch((error: unknown) =>
        this.#logger.warn(
          { sink: this.name, alertId: outcome.alertId, err: error },
          'delivery outcome not recorded: the alert is sent again after a restart',
        ),
      )
      .finally(() => this.#letters.delete(settled));
    this.#letters.add(settled);
  }
}
