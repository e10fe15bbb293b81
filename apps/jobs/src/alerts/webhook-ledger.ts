/**
 * The port of a webhook's delivery ledger: what makes an accepted alert survive a crash until it is delivered or
 * dead-lettered (the PostgreSQL one is {@link PostgresWebhookLedger}).
 */
import type { AlertRecord } from './alert-record.js';

/**
 * How one alert's delivery ended.
 *
 * @example
 * const outcome: DeliveryOutcome = { alertId: 'velocity-1m/7/o42', state: 'delivered', attempts: 1, error: null };
 */
export interface DeliveryOutcome {
  readonly alertId: string;
  readonly state: 'delivered' | 'dead_lettered';
  readonly attempts: number;
  /** The last attempt's error (dead-lettered), else `null`. */
  readonly error: string | null;
}

/**
 * A webhook sink's durable record of the alerts it accepted, per sink name.
 *
 * @example
 * const ledger: WebhookLedger = {
 *   accept: async (_sink, alerts) => new Set(alerts.map((a) => a.id)),
 *   pending: async () => [],
 *   settle: async () => undefined,
 * };
 */
export interface WebhookLedger {
  /** Records `alerts` as pending for `sink`; resolves with the ids recorded now (not already in the ledger). */
  accept(sink: string, alerts: readonly AlertRecord[]): Promise<ReadonlySet<string>>;
  /** The sink's alerts still pending, oldest first: at start-up, what a crash left undelivered. */
  pending(sink: string): Promise<AlertRecord[]>;
  /** Records how an alert's delivery ended. */
  settle(sink: string, outcome: DeliveryOutcome): Promise<void>;
}
