/**
 * The fraud detector with every rule kind active, in memory, over 100 K customers (issue 13 §4,
 * `npm run bench -- fraud.bench`), against a hand-written `Map` velocity counter (> 5 orders per customer in the
 * look-back minute, each order once) over the same events in the same run. Goal: ≥ 0.5× the baseline.
 *
 * Stream (seeded): `BENCH_EVENTS` (default 200 K) records over 100 K customers, in event-time order up to 2 s out
 * of order: 70 % orders (5 % of them later re-sent as CDC updates), 15 % order items, 15 % payments; plus one
 * customers record per customer before the timed part. Bursts of 8 orders are injected for 1 % of customers.
 *
 * Also timed: the same detector without rules (`detector-no-rules`: the two keyed operators, the order/items join
 * and the timers alone, i.e. the floor under any rule work). The detector's velocity alerts are reported next to the
 * yardstick's (`velocity`), so both are seen to do the same velocity work.
 */
import { runSuite } from '../../../tools/bench/harness.js';
import { createFraudDetector, type FraudAlert, type FraudRecord } from './index.js';
import { mapVelocity } from './map-velocity.bench.js';

const CUSTOMERS = 100_000;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const T0 = Date.UTC(2026, 0, 1);
const METHODS = ['paypal', 'debit_card', 'credit_card', 'bank_transfer'] as const;
const TOTALS = ['5000.00', '150000.00', '890000.00', '12500000.00', '20000.00', '1500000.00'];

let s = 12;
const rnd = () => (s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
/** One customers record per customer first (the detector needs `created_at`), then the order stream. */
const records: FraudRecord[] = [];
for (let c = 1; c <= CUSTOMERS; c++) {
  const createdAt = new Date(T0 - 86_400_000);
  records.push({
    table: 'customers',
    op: 'r',
    eventTime: createdAt.getTime(),
    after: { customer_id: c, created_at: createdAt },
  });
}
const orders: { id: number; c: number; t: number }[] = [];
let t = T0;
for (let i = 1; records.length < CUSTOMERS + EVENTS; i++) {
  t += 3;
  const c = 1 + Math.floor(rnd() * CUSTOMERS);
  const et = t - Math.floor(rnd() * 2000);
  const r = rnd();
  if (r < 0.7) {
    const burst = rnd() < 0.0015 ? 8 : 1;
    for (let b = 0; b < burst; b++) {
      const id = i * 10 + b;
      const total = TOTALS[Math.floor(rnd() * TOTALS.length)];
      const after = { order_id: id, customer_id: c, total_price: total, order_date: new Date(et + b * 100) };
      records.push({ table: 'orders', op: 'c', eventTime: et + b * 100, after });
      orders.push({ id, c, t: et + b * 100 });
      if (rnd() < 0.05) records.push({ table: 'orders', op: 'u', eventTime: et + b * 100, after });
    }
  } else if (r < 0.85 && orders.length > 0) {
    const o = orders[orders.length - 1 - Math.floor(rnd() * Math.min(50, orders.length))];
    records.push({
      table: 'order_items',
      op: 'c',
      eventTime: o.t,
      after: {
        order_item_id: i,
        order_id: o.id,
        product_id: 1 + Math.floor(rnd() * 200),
        quantity: 1,
        created_at: new Date(o.t),
      },
    });
  } else {
    records.push({
      table: 'payments',
      op: 'c',
      eventTime: et,
      after: {
        payment_id: i,
        order_id: i,
        customer_id: c,
        payment_method: METHODS[Math.floor(rnd() * 4)],
        amount: '150000.00',
        status: rnd() < 0.1 ? 'failed' : 'pending',
        payment_date: new Date(et),
      },
    });
  }
}

const RULES = [
  { id: 'velocity', kind: 'velocity', params: { maxOrders: 5, windowMinutes: 1 } },
  {
    id: 'velocity-aligned',
    kind: 'velocity',
    params: { maxOrders: 5, windowMinutes: 1, window: 'tumbling' },
  },
  { id: 'high-value', kind: 'high-value' },
  { id: 'repeated-items', kind: 'repeated-orders', params: { match: 'items', count: 3, windowMinutes: 10 } },
  { id: 'repeated-total', kind: 'repeated-orders', params: { match: 'total', count: 3, windowMinutes: 10 } },
  { id: 'small-then-large', kind: 'small-then-large' },
  { id: 'new-account', kind: 'new-account-high-value' },
  { id: 'payment-methods', kind: 'payment-method-hopping', params: { count: 3 } },
  { id: 'failed-payments', kind: 'payment-method-hopping', params: { mode: 'failed-payments', count: 3 } },
  {
    id: 'flink-sum',
    kind: 'aggregate',
    params: { aggregate: 'sum', operator: '>', limit: '30000000.00', windowMinutes: 10 },
  },
];

const OUT_OF_ORDERNESS = 5_000;
const HORIZON = 600_000;
const VELOCITY = {
  ruleId: 'velocity',
  maxOrders: 5,
  spanMs: 60_000,
  outOfOrdernessMs: OUT_OF_ORDERNESS,
  retentionMs: HORIZON,
};

function detectorRun(rules: readonly unknown[], onAlert?: (a: FraudAlert) => void): Record<string, number> {
  const d = createFraudDetector({ rules, horizonMs: HORIZON, outOfOrdernessMs: OUT_OF_ORDERNESS });
  let alerts = 0;
  let velocity = 0;
  for (const r of records) {
    const out = d.onRecord(r);
    alerts += out.length;
    for (const a of out) {
      if (a.ruleId !== 'velocity') continue;
      velocity++;
      onAlert?.(a);
    }
  }
  return { alerts, velocity, keys: d.stateSize().customers };
}

/** Throws unless the yardstick emits the detector's velocity alerts (ids, windows, evidence, reasons): it is fair. */
function checkSameVelocityAlerts(): void {
  const fromDetector: FraudAlert[] = [];
  const fromMap: FraudAlert[] = [];
  detectorRun(RULES, (a) => fromDetector.push(a));
  mapVelocity(records, VELOCITY, (a) => fromMap.push(a));
  const text = (alerts: FraudAlert[]): string => JSON.stringify(alerts.map((a) => JSON.stringify(a)).sort());
  if (fromMap.length === 0 || text(fromDetector) !== text(fromMap)) {
    throw new Error(
      `the Map velocity counter and the detector disagree (${fromMap.length} vs ${fromDetector.length} alerts)`,
    );
  }
}

checkSameVelocityAlerts();
const results = await runSuite('fraud', [
  { name: 'map-velocity', ops: records.length, run: () => mapVelocity(records, VELOCITY) },
  {
    name: 'detector-all-rules',
    ops: records.length,
    run: () => detectorRun(RULES),
    baseline: 'map-velocity',
  },
  { name: 'detector-no-rules', ops: records.length, run: () => detectorRun([]), baseline: 'map-velocity' },
]);
const ratio = results.find((r) => r.name === 'detector-all-rules')?.ratioToBaseline;
console.log(`detector (all rules) / Map velocity counter: ${ratio?.toFixed(2)}× (goal ≥ 0.5×)`);
