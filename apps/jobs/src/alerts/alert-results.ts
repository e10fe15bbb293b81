/**
 * Alerts as job results, so the runtime's existing sinks carry them: the JSON-lines file (`JsonLinesFileSink`,
 * which skips a line equal to its id's last line, so a replayed alert is not written twice) and the compacted topics.
 */
import { toEpochMillis } from '@ecom/domain';
import type { JobResult } from '../runtime/stream-job.js';
import type { AlertRecord } from './alert-record.js';

/**
 * The topic (and JSON-lines `topic` field) of fraud alerts.
 *
 * @example
 * ALERT_TOPIC; // 'fraud_alerts'
 */
export const ALERT_TOPIC = 'fraud_alerts';

/**
 * An alert as a {@link JobResult}: job `fraud`, key = the alert id, the window the alert's event-time millisecond
 * `[t, t + 1)`, value = the alert. Equal alerts give equal results, hence equal lines.
 *
 * @example
 * declare const alert: AlertRecord;
 * const sink = await JsonLinesFileSink.open('/var/out/fraud_alerts.jsonl');
 * await sink.write([alertResult(alert)]);
 */
export function alertResult(alert: AlertRecord): JobResult {
  const t = toEpochMillis(alert.eventTime);
  const { id, ruleId, customerId, severity, eventTime, summary, evidence } = alert;
  return {
    topic: ALERT_TOPIC,
    id: { job: 'fraud', windowStart: t, windowEnd: t + 1, key: id },
    value: { id, ruleId, customerId, severity, eventTime, summary, evidence },
  };
}

/**
 * The alert a result made by {@link alertResult} carries (e.g. read back with `readResultLines`).
 *
 * @example
 * declare const alert: AlertRecord;
 * resultAlert(alertResult(alert)).id === alert.id; // true
 */
export function resultAlert(result: JobResult): AlertRecord {
  return result.value as unknown as AlertRecord;
}
