/**
 * The fraud job's own outputs behind the runtime's sink port: the relay hands every committed result to the sinks,
 * and this one takes the alerts among them (topic `fraud_alerts`) to the `fraud_alerts` table and, when configured,
 * to the webhook. Both are idempotent by alert id, as the relay's at-least-once delivery needs.
 */
import type { ResultSink } from '../runtime/sinks/result-sink.js';
import { ALERT_TOPIC, resultAlert } from './alert-results.js';
import type { PostgresAlertSink } from './postgres-alert-sink.js';
import type { WebhookAlertSink } from './webhook-sink.js';

/**
 * A {@link ResultSink} writing the alerts of each relayed batch to `postgres`, then handing them to `webhook`
 * (`accept`: recorded in its ledger, if it has one, and queued; the relay never waits on a receiver). Other results and retractions are left alone.
 *
 * @example
 * import pg from 'pg';
 * import { PostgresAlertSink } from './postgres-alert-sink.js';
 * const sink = alertResultSink({ postgres: new PostgresAlertSink(new pg.Pool()) });
 * sink.name; // 'postgres:fraud_alerts'
 */
export function alertResultSink(outputs: {
  readonly postgres: PostgresAlertSink;
  readonly webhook?: WebhookAlertSink;
}): ResultSink {
  const { postgres, webhook } = outputs;
  return {
    name: [postgres.name, ...(webhook ? [webhook.name] : [])].join('+'),
    async write(results) {
      const alerts = results.filter((r) => r.topic === ALERT_TOPIC && r.value !== null).map(resultAlert);
      if (alerts.length === 0) return;
      await postgres.write(alerts);
      await webhook?.accept(alerts);
    },
  };
}
