/**
 * @ecom/fraud's alerts in the shape every alert sink takes (`AlertRecord`): the id, rule, customer and severity as
 * they are, the event time as ISO-8601, the reason as the summary, and the rest (kind, window, triggering order or
 * payment, evidence with exact decimal amounts) as the evidence.
 */
import { fromEpochMillis } from '@ecom/domain';
import type { FraudAlert } from '@ecom/fraud';
import type { AlertRecord } from '../../alerts/alert-record.js';
import type { JsonValue } from '../../runtime/stream-job.js';

/**
 * The sinks' record of a detector alert.
 *
 * @example
 * declare const alert: import('@ecom/fraud').FraudAlert;
 * toAlertRecord(alert).summary === alert.reason; // true
 */
export function toAlertRecord(alert: FraudAlert): AlertRecord {
  const { id, ruleId, customerId, severity, eventTime, reason, kind, window, orderId, paymentId, evidence } =
    alert;
  return {
    id,
    ruleId,
    customerId,
    severity,
    eventTime: fromEpochMillis(eventTime),
    summary: reason,
    evidence: JSON.parse(
      JSON.stringify({ kind, window, orderId: orderId ?? null, paymentId: paymentId ?? null, ...evidence }),
    ) as { readonly [field: string]: JsonValue },
  };
}
