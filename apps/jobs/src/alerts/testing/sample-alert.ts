/** A velocity alert for the webhook specs. */
import type { AlertRecord } from '../alert-record.js';

/**
 * A velocity alert with id `id` (customer 12, six orders).
 *
 * @example
 * sampleAlert('a').ruleId; // 'velocity'
 */
export const sampleAlert = (id: string): AlertRecord => ({
  id,
  ruleId: 'velocity',
  customerId: 12,
  severity: 'high',
  eventTime: '2026-01-01T00:00:30.000Z',
  summary: '6 orders in 1 minute',
  evidence: { orderIds: [1, 2, 3, 4, 5, 6] },
});
