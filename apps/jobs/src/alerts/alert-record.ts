/**
 * The alert every fraud sink takes: a minimal, JSON-only shape with a stable id. The fraud job maps `@ecom/fraud`'s
 * alerts onto it, so the sinks depend on no detector type.
 */
import type { JsonValue } from '../runtime/stream-job.js';

/**
 * One fraud alert as the sinks see it. `id` is stable (derived from rule, key and window or order), so every sink
 * is idempotent by it: a replayed alert is the same alert. `eventTime` is ISO-8601 with `Z` or an offset; money in
 * `evidence` is an exact decimal string.
 *
 * @example
 * const alert: AlertRecord = {
 *   id: 'high-value:order:42',
 *   ruleId: 'high-value',
 *   customerId: 12,
 *   severity: 'high',
 *   eventTime: '2026-01-01T00:00:00.000Z',
 *   summary: 'order 42 totals 12500000.00 VND',
 *   evidence: { orderIds: [42], total: '12500000.00' },
 * };
 */
export interface AlertRecord {
  readonly id: string;
  readonly ruleId: string;
  readonly customerId: number;
  readonly severity: string;
  /** ISO-8601 instant with `Z` or an offset (the event time of the order that raised it). */
  readonly eventTime: string;
  /** One human line, what a webhook message shows. */
  readonly summary: string;
  readonly evidence: { readonly [field: string]: JsonValue };
}
