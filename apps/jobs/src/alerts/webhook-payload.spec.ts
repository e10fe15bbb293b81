import type { AlertRecord } from './alert-record.js';
import { alertMessage, webhookBody } from './webhook-payload.js';

const alert: AlertRecord = {
  id: 'high-value:order:42',
  ruleId: 'high-value',
  customerId: 12,
  severity: 'high',
  eventTime: '2026-01-01T00:00:00.000Z',
  summary: 'order 42 totals 12500000.00 VND',
  evidence: { orderIds: [42], total: '12500000.00' },
};

describe('webhook payloads', () => {
  it('formats one message line', () => {
    expect(alertMessage(alert)).toBe(
      'Customer 12 | high-value (high): order 42 totals 12500000.00 VND [alert high-value:order:42, 2026-01-01T00:00:00.000Z]',
    );
  });

  it('gives Discord {content} with mentions off, Slack {text} escaped, JSON the alert', () => {
    expect(JSON.parse(webhookBody({ ...alert, summary: '@everyone <b>' }, 'discord'))).toEqual({
      content: `🚨 **FRAUD DETECTED**\n${alertMessage({ ...alert, summary: '@everyone <b>' })}`,
      allowed_mentions: { parse: [] },
    });
    expect(JSON.parse(webhookBody({ ...alert, summary: 'a & <b>' }, 'slack')).text).toBe(
      ':rotating_light: *FRAUD DETECTED* Customer 12 | high-value (high): a &amp; &lt;b&gt; [alert high-value:order:42, 2026-01-01T00:00:00.000Z]',
    );
    expect(JSON.parse(webhookBody(alert, 'json'))).toEqual(alert);
  });

  it("cuts a message over Discord's 2000 characters (by code point)", () => {
    const { content } = JSON.parse(webhookBody({ ...alert, summary: '🚨'.repeat(3_000) }, 'discord')) as {
      content: string;
    };
    expect([...content]).toHaveLength(2_000);
    expect(content.endsWith('…')).toBe(true);
  });
});
