/**
 * The fraud job's own outputs, opened when `jobs run fraud` starts: the `fraud_alerts` table always, the webhook
 * when `FRAUD_WEBHOOK_URL` is set (its dead letters go to the job's dead-letter topic). The compacted
 * `fraud_alerts` topic, `job_results` and the JSON-lines file come from the runtime like every job's results.
 */
import { alertResultSink } from '../../alerts/alert-result-sink.js';
import { PostgresAlertSink } from '../../alerts/postgres-alert-sink.js';
import { PostgresWebhookLedger } from '../../alerts/postgres-webhook-ledger.js';
import { loadWebhookConfig } from '../../alerts/webhook-config.js';
import { WebhookAlertSink } from '../../alerts/webhook-sink.js';
import type { JobSinksFactory } from '../../stream-job-definition.js';

/**
 * Opens the alert sinks (see the file comment); `close` drains the webhook's queue, then disconnects its producer.
 *
 * @example
 * import { twoPhaseJobDefinition } from '../../stream-job-definition.js';
 * declare const createJob: Parameters<typeof twoPhaseJobDefinition>[2];
 * const fraud = twoPhaseJobDefinition('fraud', 'fraud alerts', createJob, { sinks: fraudAlertSinks });
 */
export const fraudAlertSinks: JobSinksFactory = async ({ pool, logger, openDeadLetters, env }) => {
  const postgres = new PostgresAlertSink(pool);
  const config = loadWebhookConfig(env);
  if (config === null) return { sinks: [alertResultSink({ postgres })], close: async () => undefined };
  const deadLetters = await openDeadLetters();
  const webhook = new WebhookAlertSink({
    config,
    deadLetters: deadLetters.queue,
    logger,
    ledger: new PostgresWebhookLedger(pool),
  });
  const resumed = await webhook.resume();
  if (resumed.queued > 0)
    logger.info({ sink: webhook.name, ...resumed }, 'webhook: pending alerts re-queued');
  return {
    sinks: [alertResultSink({ postgres, webhook })],
    close: async () => {
      await webhook.close();
      await deadLetters.close();
    },
  };
};
