/**
 * The bodies the webhook sink POSTs: Discord's `{content}`, Slack's `{text}` or the alert as JSON.
 */
import type { AlertRecord } from './alert-record.js';
import type { WebhookFormat } from './webhook-config.js';

/** Discord refuses a `content` longer than this. */
const DISCORD_MAX = 2_000;
/** Slack truncates a `text` longer than this. */
const SLACK_MAX = 40_000;

/**
 * The one-line message of an alert (without the chat markup).
 *
 * @example
 * declare const alert: AlertRecord;
 * alertMessage(alert); // 'Customer 12 | high-value (high): order 42 totals 12500000.00 VND [alert high-value:order:42, 2026-01-01T00:00:00.000Z]'
 */
export function alertMessage(alert: AlertRecord): string {
  return `Customer ${alert.customerId} | ${alert.ruleId} (${alert.severity}): ${alert.summary} [alert ${alert.id}, ${alert.eventTime}]`;
}

/**
 * The JSON body of `alert` in `format`. Discord's mentions are switched off (`allowed_mentions`), so a summary
 * holding `@everyone` pings nobody; Slack's `&`, `<`, `>` are escaped. Over-long messages are cut with `…`.
 *
 * @example
 * declare const alert: AlertRecord;
 * JSON.parse(webhookBody(alert, 'slack')).text; // ':rotating_light: *FRAUD DETECTED* Customer 12 | …'
 * JSON.parse(webhookBody(alert, 'json')).id === alert.id; // true
 */
export function webhookBody(alert: AlertRecord, format: WebhookFormat): string {
  switch (format) {
    case 'discord':
      return JSON.stringify({
        content: cut(`🚨 **FRAUD DETECTED**\n${alertMessage(alert)}`, DISCORD_MAX),
        allowed_mentions: { parse: [] },
      });
    case 'slack':
      return JSON.stringify({
        text: cut(`:rotating_light: *FRAUD DETECTED* ${slackEscape(alertMessage(alert))}`, SLACK_MAX),
      });
    case 'json':
      return JSON.stringify(alert);
  }
}

function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
