/**
 * The dead letter of an alert the webhook could not deliver, on the runtime's dead-letter port.
 */
import type { DeadLetter } from '../runtime/run/dead-letters.js';
import type { AlertRecord } from './alert-record.js';

/**
 * Why an alert was dead-lettered instead of delivered:
 *
 * - `WEBHOOK_FAILED`: every attempt failed with a retriable error (5xx, 429, timeout, connection error);
 * - `WEBHOOK_REFUSED`: the receiver answered a status not worth retrying (4xx, 3xx);
 * - `WEBHOOK_QUEUE_FULL`: the delivery queue was full when the alert came;
 * - `WEBHOOK_SHUTDOWN`: the sink closed before the alert was delivered.
 *
 * @example
 * const code: WebhookDeadLetterCode = 'WEBHOOK_QUEUE_FULL';
 */
export type WebhookDeadLetterCode =
  'WEBHOOK_FAILED' | 'WEBHOOK_REFUSED' | 'WEBHOOK_QUEUE_FULL' | 'WEBHOOK_SHUTDOWN';

/**
 * A dead letter: key = the alert id, value = the alert as JSON, headers `cdc.error.code`, `cdc.error.message` (the
 * last error, never the URL), `cdc.error.job` (`fraud`), `cdc.error.attempts` and `ecom.alert.id` (the runtime's
 * dead-letter header convention).
 *
 * @example
 * declare const alert: AlertRecord;
 * webhookDeadLetter(alert, 'WEBHOOK_FAILED', 'HTTP 500: boom', 6).headers['cdc.error.attempts']; // '6'
 */
export function webhookDeadLetter(
  alert: AlertRecord,
  code: WebhookDeadLetterCode,
  message: string,
  attempts: number,
): DeadLetter {
  return {
    key: Buffer.from(alert.id, 'utf8'),
    value: Buffer.from(JSON.stringify(alert), 'utf8'),
    headers: {
      'cdc.error.code': code,
      'cdc.error.message': message,
      'cdc.error.job': 'fraud',
      'cdc.error.attempts': String(attempts),
      'ecom.alert.id': alert.id,
    },
  };
}
