import { toMinorUnits } from '@ecom/domain';
import { MIN_TIMESTAMP } from '@ecom/windowing';
import type { FraudAlert } from '../alert.js';
import { FraudError } from '../errors.js';
import type { RuleDefinition } from '../rules/rule-schema.js';
import { createCustomerOperator } from './customer-operator.js';
import type { CustomerInput, FraudRecord, OrderInput, OrderItemInput, PaymentInput } from './fraud-record.js';
import {
  FRAUD_SNAPSHOT_FORMAT,
  type FraudDetectorMetrics,
  type FraudDetectorSnapshot,
} from './fraud-snapshot.js';
import { createOrderJoinOperator } from './order-join-operator.js';
import { RuleSet } from './rule-set.js';

/**
 * Options of {@link createFraudDetector}.
 *
 * @example
 * const options: FraudDetectorOptions = { rules: [{ id: 'velocity-1m', kind: 'velocity' }], outOfOrdernessMs: 5_000 };
 */
export interface FraudDetectorOptions {
  /** Rule definitions (JSON, validated; a bad one throws `FraudError` `invalid_rule`). */
  readonly rules?: readonly unknown[];
  /**
   * Bounded out-of-orderness of the input: the watermark is `max event time − this − 1` (default 5 000 ms, the
   * original's). `null`: watermarks come only from {@link FraudDetector.onWatermark}.
   */
  readonly outOfOrdernessMs?: number | null;
  /**
   * Minimum retention (event-time ms, default 1 h): how long orders, payments and emitted alert ids are kept behind
   * the watermark, and so how late a replayed or updated event may arrive and still be deduplicated. The effective
   * retention is the max of this and every rule's span.
   */
  readonly horizonMs?: number;
}

/**
 * The fraud detector: feed it records, get alerts back (each call returns the alerts it produced, in order).
 *
 * @example
 * const detector = createFraudDetector({ rules: [{ id: 'hv', kind: 'high-value' }] });
 * detector.onOrder({ order_id: 1, customer_id: 7, total_price: '12500000.00', order_date: new Date(0) })[0]?.id; // 'hv/7/o1'
 */
export interface FraudDetector {
  /** A decoded change record (an `@ecom/cdc` `DomainRecord` fits) of orders, order_items, payments or customers. */
  onRecord(record: FraudRecord): FraudAlert[];
  onOrder(order: OrderInput, eventTime?: number): FraudAlert[];
  onOrderItem(item: OrderItemInput, eventTime?: number): FraudAlert[];
  onPayment(payment: PaymentInput, eventTime?: number): FraudAlert[];
  onCustomer(customer: CustomerInput, eventTime?: number): FraudAlert[];
  /** Advances the event-time watermark (never backwards): fires settle and clean-up timers. */
  onWatermark(watermark: number): FraudAlert[];
  /** Adds or replaces a rule (from the next event on); a bad definition throws and leaves the rules untouched. */
  putRule(definition: unknown): RuleDefinition;
  /** Pauses a rule (`FraudError` `unknown_rule` if there is none); its state is kept. */
  pauseRule(id: string): RuleDefinition;
  /** Resumes a paused rule. */
  resumeRule(id: string): RuleDefinition;
  /** Deletes a rule; `false` if there was none. */
  deleteRule(id: string): boolean;
  /** The rules, in insertion order. */
  rules(): RuleDefinition[];
  snapshot(): FraudDetectorSnapshot;
  /** Replaces state and rules with a snapshot's (`FraudError` `invalid_snapshot` for another format). */
  restore(snapshot: FraudDetectorSnapshot): void;
  readonly watermark: number;
  /** Current retention in event-time ms (max of the horizon and the rules' spans). */
  readonly retentionMs: number;
  readonly metrics: Readonly<FraudDetectorMetrics>;
  /** Keys and timers held. */
  stateSize(): { customers: number; orders: number; timers: number };
}

/** Deletes and truncates, in @ecom/cdc's words and Debezium's letters. */
const IGNORED_OPS = new Set(['delete', 'truncate', 'd', 't']);

const time = (d: Date | undefined, fallback: number | undefined): number => fallback ?? (d as Date).getTime();

/**
 * Creates a fraud detector: pure and synchronous (no Kafka, Postgres, HTTP or processing time), keyed by customer on
 * @ecom/windowing's keyed process operator, with rules as zod-validated JSON that can change while it runs.
 *
 * @remarks
 * Every rule is evaluated on each event against the look-back window ending at it. Orders count once, by order id.
 * Alert ids are stable and remembered for the retention, so replaying events after `restore()` emits nothing twice;
 * events older than `watermark + 1 − retention` are dropped as too late.
 *
 * @example
 * const detector = createFraudDetector({ rules: [{ id: 'velocity-1m', kind: 'velocity', params: { maxOrders: 5 } }] });
 * const t0 = Date.UTC(2026, 0, 1, 12, 0, 50);
 * const alerts = [1, 2, 3, 4, 5, 6].flatMap((i) =>
 *   detector.onOrder({ order_id: i, customer_id: 42, total_price: '100000.00', order_date: new Date(t0 + i * 5_000) }),
 * );
 * alerts.map((a) => a.id); // ['velocity-1m/42/o6'] (a burst across 12:01:00, caught)
 */
export function createFraudDetector(options: FraudDetectorOptions = {}): FraudDetector {
  const outOfOrderness = options.outOfOrdernessMs === undefined ? 5_000 : options.outOfOrdernessMs;
  const rules = new RuleSet(options.horizonMs ?? 3_600_000);
  for (const def of options.rules ?? []) rules.put(def);
  let maxEventTime = MIN_TIMESTAMP;
  let watermark = MIN_TIMESTAMP;
  let cutoff = MIN_TIMESTAMP;
  const metrics: FraudDetectorMetrics = { records: 0, ignored: 0, tooLate: 0, alerts: 0 };
  let pending: FraudAlert[] = [];

  const updateCutoff = (): void => {
    if (watermark > MIN_TIMESTAMP) cutoff = Math.max(cutoff, watermark + 1 - rules.retentionMs);
  };
  const customers = createCustomerOperator(
    rules,
    () => cutoff,
    (alert) => pending.push(alert),
  );
  const join = createOrderJoinOperator(
    () => rules.retentionMs,
    (customerId, orderId, items, t) => customers.onElement(customerId, { k: 'items', orderId, items }, t),
  );

  const advance = (wm: number): void => {
    if (wm <= watermark) return;
    watermark = wm;
    updateCutoff();
    customers.onWatermark(wm);
    join.onWatermark(wm);
  };
  const take = (): FraudAlert[] => {
    const out = pending;
    pending = [];
    metrics.alerts += out.length;
    return out;
  };
  /** Counts the record; false when it is too late. Then feeds it and moves the watermark. */
  const accept = (t: number, checkLate: boolean): boolean => {
    metrics.records++;
    if (checkLate && t < cutoff) {
      metrics.tooLate++;
      return false;
    }
    return true;
  };
  const after = (t: number): FraudAlert[] => {
    if (t > maxEventTime) maxEventTime = t;
    if (outOfOrderness !== null) advance(maxEventTime - outOfOrderness - 1);
    return take();
  };

  const detector: FraudDetector = {
    onRecord(record) {
      const row = record.after as Record<string, unknown> | null;
      if (row === null || typeof row !== 'object' || IGNORED_OPS.has(record.op)) {
        metrics.records++;
        metrics.ignored++;
        return [];
      }
      switch (record.table) {
        case 'orders':
          return detector.onOrder(row as unknown as OrderInput, record.eventTime);
        case 'order_items':
          return detector.onOrderItem(row as unknown as OrderItemInput, record.eventTime);
        case 'payments':
          return detector.onPayment(row as unknown as PaymentInput, record.eventTime);
        case 'customers':
          return detector.onCustomer(row as unknown as CustomerInput, record.eventTime);
        default:
          metrics.records++;
          metrics.ignored++;
          return [];
      }
    },
    onOrder(order, eventTime) {
      const t = time(order.order_date, eventTime);
      if (!accept(t, true)) return [];
      const minor = toMinorUnits(order.total_price);
      const id = order.order_id;
      customers.onElement(order.customer_id, { k: 'order', id, t, total: order.total_price, minor }, t);
      join.onElement(id, { k: 'order', customerId: order.customer_id, t }, t);
      return after(t);
    },
    onOrderItem(item, eventTime) {
      const t = time(item.created_at, eventTime);
      if (!accept(t, true)) return [];
      join.onElement(
        item.order_id,
        { k: 'item', item: [item.order_item_id, item.product_id, item.quantity], t },
        t,
      );
      return after(t);
    },
    onPayment(p, eventTime) {
      const t = time(p.payment_date, eventTime);
      if (!accept(t, true)) return [];
      toMinorUnits(p.amount);
      const ev = {
        k: 'payment' as const,
        id: p.payment_id,
        orderId: p.order_id,
        t,
        method: p.payment_method,
        amount: p.amount,
        failed: p.status === 'failed',
      };
      customers.onElement(p.customer_id, ev, t);
      return after(t);
    },
    onCustomer(c, eventTime) {
      const t = time(c.created_at, eventTime);
      accept(t, false);
      customers.onElement(c.customer_id, { k: 'customer', createdAt: t }, t);
      return take();
    },
    onWatermark(wm) {
      advance(wm);
      return take();
    },
    putRule(definition) {
      const def = rules.put(definition);
      updateCutoff();
      return def;
    },
    pauseRule: (id) => rules.setState(id, 'paused'),
    resumeRule: (id) => rules.setState(id, 'active'),
    deleteRule(id) {
      const had = rules.delete(id);
      updateCutoff();
      return had;
    },
    rules: () => rules.definitions(),
    snapshot: () => ({
      format: FRAUD_SNAPSHOT_FORMAT,
      rules: rules.definitions(),
      maxEventTime,
      watermark,
      cutoff,
      customers: customers.snapshot(),
      orders: join.snapshot(),
      metrics: { ...metrics },
    }),
    restore(snapshot) {
      if (snapshot === null || typeof snapshot !== 'object' || snapshot.format !== FRAUD_SNAPSHOT_FORMAT) {
        throw new FraudError('invalid_snapshot', `expected a ${FRAUD_SNAPSHOT_FORMAT} snapshot`, {
          raw: snapshot,
        });
      }
      for (const def of rules.definitions()) rules.delete(def.id);
      for (const def of snapshot.rules) rules.put(def);
      customers.restore(snapshot.customers);
      join.restore(snapshot.orders);
      maxEventTime = snapshot.maxEventTime;
      watermark = snapshot.watermark;
      cutoff = snapshot.cutoff;
      Object.assign(metrics, snapshot.metrics);
      pending = [];
    },
    get watermark() {
      return watermark;
    },
    get retentionMs() {
      return rules.retentionMs;
    },
    metrics,
    stateSize() {
      const c = customers.stateSize();
      const j = join.stateSize();
      return { customers: c.keys, orders: j.keys, timers: c.eventTimers + j.eventTimers };
    },
  };
  return detector;
}
