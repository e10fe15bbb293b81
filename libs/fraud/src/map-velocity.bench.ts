/**
 * The spec-complete hand-written `Map` velocity counter that fraud.bench.ts measures the detector against (issue 13
 * §4). Not a benchmark itself: fraud.bench.ts imports it.
 *
 * It does what the detector's look-back velocity rule promises, with plain Maps and arrays and nothing else (no
 * validation, no typed errors, no snapshots, no rule changes): each order counted once by order id (CDC updates
 * ignored), `> maxOrders` orders of the customer in `[t − span, t]` alert on the order that passes the limit, the
 * alert with its id, window, evidence (order ids and exact totals in event-time order) and reason; event time with
 * the detector's watermark (`max event time − out-of-orderness − 1`), records older than `watermark + 1 − retention`
 * dropped as too late, and state bounded: a customer's orders are dropped once behind that cutoff (a FIFO of
 * (time, customer) pairs, swept as the watermark moves), the customer with them. Other tables are skipped.
 */
import type { FraudAlert } from './alert.js';
import type { FraudRecord } from './detector/fraud-record.js';
import { describeSpan } from './evaluate/rule-evaluator.js';

/** Deletes and truncates, in @ecom/cdc's words and Debezium's letters (the detector ignores them too). */
const IGNORED_OPS = new Set(['delete', 'truncate', 'd', 't']);

interface HeldInput {
  readonly order_id: number;
  readonly customer_id: number;
  readonly total_price: string;
}

interface HeldOrder {
  readonly id: number;
  readonly t: number;
  readonly total: string;
}

/**
 * The velocity counter's parameters (the detector's: its rule, out-of-orderness and retention).
 *
 * @example
 * const p: MapVelocityParams = { ruleId: 'velocity', maxOrders: 5, spanMs: 60_000, outOfOrdernessMs: 5_000, retentionMs: 600_000 };
 */
export interface MapVelocityParams {
  readonly ruleId: string;
  readonly maxOrders: number;
  readonly spanMs: number;
  readonly outOfOrdernessMs: number;
  readonly retentionMs: number;
}

/**
 * Runs the counter over `records`; `onAlert` gets each alert (the timed runs only count them).
 *
 * @example
 * const n = mapVelocity([], { ruleId: 'v', maxOrders: 5, spanMs: 60_000, outOfOrdernessMs: 5_000, retentionMs: 600_000 });
 * n.alerts; // 0
 */
export function mapVelocity(
  records: readonly FraudRecord[],
  p: MapVelocityParams,
  onAlert?: (alert: FraudAlert) => void,
): { alerts: number; customers: number } {
  const byCustomer = new Map<number, HeldOrder[]>();
  const expiryTimes: number[] = [];
  const expiryCustomers: number[] = [];
  let head = 0;
  let maxEventTime = -Infinity;
  let cutoff = -Infinity;
  let alerts = 0;

  const order = (o: HeldInput, t: number): void => {
    let held = byCustomer.get(o.customer_id);
    if (held === undefined) byCustomer.set(o.customer_id, (held = []));
    for (const h of held) if (h.id === o.order_id) return;
    held.push({ id: o.order_id, t, total: o.total_price });
    expiryTimes.push(t);
    expiryCustomers.push(o.customer_id);
    let n = 0;
    for (const h of held) if (h.t >= t - p.spanMs && h.t <= t) n++;
    if (n <= p.maxOrders) return;
    alerts++;
    const window = held.filter((h) => h.t >= t - p.spanMs && h.t <= t).sort((a, b) => a.t - b.t);
    onAlert?.({
      id: `${p.ruleId}/${o.customer_id}/o${o.order_id}`,
      ruleId: p.ruleId,
      kind: 'velocity',
      severity: 'high',
      customerId: o.customer_id,
      orderId: o.order_id,
      eventTime: t,
      window: { start: t - p.spanMs, end: t },
      evidence: { orderIds: window.map((h) => h.id), amounts: window.map((h) => h.total), value: String(n) },
      reason: `${n} orders within ${describeSpan(p.spanMs)} (more than ${p.maxOrders})`,
    });
  };

  const sweep = (): void => {
    while (head < expiryTimes.length && expiryTimes[head] < cutoff) {
      const c = expiryCustomers[head++];
      const held = byCustomer.get(c);
      if (held === undefined) continue;
      const kept = held.filter((o) => o.t >= cutoff);
      if (kept.length === 0) byCustomer.delete(c);
      else if (kept.length !== held.length) byCustomer.set(c, kept);
    }
    if (head > 4096 && head * 2 > expiryTimes.length) {
      expiryTimes.splice(0, head);
      expiryCustomers.splice(0, head);
      head = 0;
    }
  };

  for (const r of records) {
    // The detector's event records: orders, items and payments move the watermark; customers records, deletes
    // and other tables do not.
    if (r.table !== 'orders' && r.table !== 'order_items' && r.table !== 'payments') continue;
    if (IGNORED_OPS.has(r.op)) continue;
    const t = r.eventTime;
    if (t < cutoff) continue;
    if (r.table === 'orders') order(r.after as HeldInput, t);
    if (t > maxEventTime) {
      maxEventTime = t;
      const next = maxEventTime - p.outOfOrdernessMs - p.retentionMs;
      if (next > cutoff) {
        cutoff = next;
        sweep();
      }
    }
  }
  return { alerts, customers: byCustomer.size };
}
