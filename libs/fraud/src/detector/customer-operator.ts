import {
  createKeyedProcessOperator,
  valueState,
  type Clock,
  type KeyedProcessContext,
} from '@ecom/windowing';
import type { FraudAlert } from '../alert.js';
import type { RuleContext } from '../evaluate/rule-evaluator.js';
import {
  addOrder,
  addPayment,
  customerStateCodec,
  sparseCustomerState,
  evictBefore,
  oldestEventTime,
  type CustomerState,
} from '../state/customer-state.js';
import type { CustomerEvent } from './detector-events.js';
import { roundUpToMinute } from './detector-events.js';
import type { RuleSet } from './rule-set.js';

/** The retained fact with this id (a loop: no closure per event). */
function byId<F extends { readonly id: number }>(facts: readonly F[], id: number): F | undefined {
  for (const f of facts) if (f.id === id) return f;
  return undefined;
}

/** Whether a plain record has no keys (without the array `Object.keys` allocates). */
function isEmpty(record: Record<string, unknown>): boolean {
  for (const _ in record) return false;
  return true;
}

/** Processing time is never read: the operators only get event time and `onWatermark`. */
const NO_PROCESSING_TIME: Clock = { now: () => 0 };

const customerStateDescriptors = { s: valueState<CustomerState>(customerStateCodec) };
type Ctx = KeyedProcessContext<number, FraudAlert, typeof customerStateDescriptors>;

/**
 * The customer-keyed operator: one {@link CustomerState} per customer, every rule evaluated per event, a settle timer
 * per items-mode delay and order with items (registered with its first item, or with the order when the watermark
 * has passed its settle time: an order without items settles to nothing) and one clean-up timer per customer
 * (rounded to the minute).
 *
 * @example
 * const rules = new RuleSet(3_600_000);
 * const op = createCustomerOperator(rules, () => Number.MIN_SAFE_INTEGER, (a) => console.log(a.id));
 * op.onElement(7, { k: 'customer', createdAt: 0 }, 0);
 */
export function createCustomerOperator(
  rules: RuleSet,
  cutoff: () => number,
  onAlert: (alert: FraudAlert) => void,
) {
  let ctxRef: Ctx | undefined;
  let stateRef: CustomerState = sparseCustomerState();
  const ruleCtx: RuleContext = {
    get customerId() {
      return (ctxRef as Ctx).currentKey;
    },
    get state() {
      return stateRef;
    },
    alert(def, defaultSeverity, parts) {
      const { suffix, ...rest } = parts;
      const customerId = (ctxRef as Ctx).currentKey;
      const id = `${def.id}/${customerId}/${suffix}`;
      const emitted = (stateRef.emitted ??= new Map());
      if (emitted.has(id)) return;
      emitted.set(id, parts.window.end);
      (ctxRef as Ctx).output(
        {
          id,
          ruleId: def.id,
          kind: def.kind,
          severity: def.severity ?? defaultSeverity,
          customerId,
          ...rest,
        },
        parts.eventTime,
      );
    },
  };

  const scheduleCleanup = (s: CustomerState, ctx: Ctx): void => {
    if (s.timer !== undefined) return;
    const oldest = oldestEventTime(s);
    if (oldest === undefined) return;
    s.timer = roundUpToMinute(oldest + rules.retentionMs);
    ctx.timerService.registerEventTimeTimer(s.timer);
  };

  const finish = (s: CustomerState, ctx: Ctx): void => {
    scheduleCleanup(s, ctx);
    if (s.timer === undefined && s.createdAt === undefined && isEmpty(s.armed)) ctx.state.s.clear();
    else ctx.state.s.update(s);
  };

  const process = (ev: CustomerEvent, ctx: Ctx): void => {
    const s = ctx.state.s.value() ?? sparseCustomerState();
    ctxRef = ctx;
    stateRef = s;
    switch (ev.k) {
      case 'order': {
        let fact = byId(s.orders, ev.id);
        const isNew = fact === undefined;
        if (fact === undefined) {
          fact = { id: ev.id, t: ev.t, total: ev.total, minor: ev.minor };
          addOrder(s, fact);
          // A settle time the watermark has passed already fires at its next move (items may still come first).
          // Later ones wait for the order's first item: without items an order settles to nothing.
          for (const delay of rules.settleDelays)
            if (fact.t + delay <= ctx.watermark) ctx.timerService.registerEventTimeTimer(fact.t + delay);
        }
        for (const r of rules.orderRules) r.onOrder(ruleCtx, fact, ev, isNew); // ev: this version's total
        break;
      }
      case 'items': {
        const fact = byId(s.orders, ev.orderId);
        if (fact === undefined) break;
        if (fact.items === undefined) {
          for (const delay of rules.settleDelays)
            if (fact.t + delay > ctx.watermark) ctx.timerService.registerEventTimeTimer(fact.t + delay);
        }
        const items = (fact.items ??= {});
        for (const [itemId, product, qty] of ev.items) items[itemId] = `${product}x${qty}`;
        fact.signature = undefined;
        break;
      }
      case 'payment': {
        let fact = byId(s.payments, ev.id);
        if (fact === undefined) {
          fact = {
            id: ev.id,
            orderId: ev.orderId,
            t: ev.t,
            method: ev.method,
            amount: ev.amount,
            failed: ev.failed,
          };
          addPayment(s, fact);
          for (const r of rules.paymentRules) r.onPayment(ruleCtx, fact, 'new');
          if (ev.failed) for (const r of rules.paymentRules) r.onPayment(ruleCtx, fact, 'failed');
        } else if (ev.failed && !fact.failed) {
          fact.failed = true;
          for (const r of rules.paymentRules) r.onPayment(ruleCtx, fact, 'failed');
        }
        break;
      }
      case 'customer': {
        if (s.createdAt !== undefined) break;
        s.createdAt = ev.createdAt;
        for (const r of rules.customerRules) r.onCustomer(ruleCtx);
        break;
      }
    }
    finish(s, ctx);
  };

  const onTimer = (time: number, ctx: Ctx): void => {
    const s = ctx.state.s.value();
    if (s === undefined) return;
    ctxRef = ctx;
    stateRef = s;
    for (const r of rules.settleRules) {
      for (const o of s.orders) if (o.t + r.settleMs === time) r.onSettle(ruleCtx, o);
    }
    if (time === s.timer) {
      s.timer = undefined;
      evictBefore(s, cutoff(), rules.armedExpires);
    }
    finish(s, ctx);
  };

  return createKeyedProcessOperator<number, CustomerEvent, FraudAlert, typeof customerStateDescriptors>({
    name: 'ecom-fraud/customers/v1',
    state: customerStateDescriptors,
    clock: NO_PROCESSING_TIME,
    processElement: process,
    onTimer,
    onOutput: (out) => onAlert(out.value),
  });
}

/**
 * The customer operator's type.
 *
 * @example
 * declare const op: CustomerOperator;
 * op.stateSize().eventTimers;
 */
export type CustomerOperator = ReturnType<typeof createCustomerOperator>;
