import type { KeyedProcessSnapshot } from '@ecom/windowing';
import type { RuleDefinition } from '../rules/rule-schema.js';

/**
 * The detector's snapshot format id; a snapshot of another format is refused (`FraudError` `invalid_snapshot`).
 *
 * @example
 * FRAUD_SNAPSHOT_FORMAT; // 'ecom-fraud/1'
 */
export const FRAUD_SNAPSHOT_FORMAT = 'ecom-fraud/1';

/**
 * Counters of a detector (kept in snapshots).
 *
 * @example
 * const m: FraudDetectorMetrics = { records: 0, ignored: 0, tooLate: 0, alerts: 0 };
 */
export interface FraudDetectorMetrics {
  /** Records fed. */
  records: number;
  /** Records of other tables, deletes, truncates and rows without `after`. */
  ignored: number;
  /** Records older than the retention cutoff, dropped (they could fire an alert whose id is no longer remembered). */
  tooLate: number;
  alerts: number;
}

/**
 * A detector snapshot: JSON-safe (`JSON.stringify` it next to your offsets), versioned by `format`; the rules as
 * they were, the event-time progress, and the two keyed operators' `ecom-windowing/1` snapshots (customer state
 * with retained orders, payments, armed orders and emitted alert ids; the order/items join).
 *
 * @example
 * const detector = createFraudDetector({ rules: [{ id: 'v', kind: 'velocity' }] });
 * const snap: FraudDetectorSnapshot = JSON.parse(JSON.stringify(detector.snapshot()));
 * snap.format; // 'ecom-fraud/1'
 */
export interface FraudDetectorSnapshot {
  readonly format: typeof FRAUD_SNAPSHOT_FORMAT;
  readonly rules: readonly RuleDefinition[];
  /** Largest event time seen (drives the bounded watermark). */
  readonly maxEventTime: number;
  readonly watermark: number;
  /** Events older than this are dropped (monotone). */
  readonly cutoff: number;
  readonly customers: KeyedProcessSnapshot;
  readonly orders: KeyedProcessSnapshot;
  readonly metrics: FraudDetectorMetrics;
}
