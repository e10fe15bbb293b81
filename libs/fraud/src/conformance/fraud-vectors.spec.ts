/**
 * The shared fraud vectors (../shared/fixtures/fraud, never copied here) on @ecom/windowing's keyed process operator:
 * keyed value/map state and event- and processing-time timers. The rules are test-local (the fraud library's own
 * rules come with the fraud issue); what is under test is that the operator carries them exactly as Flink does.
 */
import { readFileSync } from 'node:fs';
import { describeWithSharedFixtures } from '@ecom/domain/testing';
import { rides, type Ride } from '../../test/rides.js';
import {
  createKeyedProcessOperator,
  mapState,
  valueState,
  type Clock,
  type KeyedProcessOperator,
  type StateDescriptors,
} from '@ecom/windowing';

/** Exact comparison of two decimal strings (test-local: scaled bigints, no floats). */
function compareDecimal(a: string, b: string): number {
  const scale = Math.max(fraction(a), fraction(b));
  const x = scaled(a, scale);
  const y = scaled(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}
const fraction = (d: string) => (d.includes('.') ? d.length - d.indexOf('.') - 1 : 0);
function scaled(d: string, scale: number): bigint {
  const [int, frac = ''] = d.split('.');
  return BigInt(`${int}${frac.padEnd(scale, '0')}`);
}

interface Transaction {
  i: number;
  accountId: number;
  amount: number;
  eventTs: number;
  procTsOffsetMs: number;
}
interface Alert {
  accountId: number;
  atIndex: number;
  smallAt: number;
  amounts: number[];
}

type ArmMode = 'no-time-limit' | 'event-time' | 'processing-time';

/**
 * The Flink walkthrough's FraudDetector (v1, and v2 with its one-minute timer in event or processing time): a
 * transaction below 1.00 arms the account; the account's next transaction above 500.00 raises an alert; every
 * transaction disarms after the check.
 */
function smallThenLarge(mode: ArmMode, clock: Clock) {
  const state = {
    small: valueState<{ i: number; amount: number; timer: number }>(),
  } satisfies StateDescriptors;
  return createKeyedProcessOperator<number, Transaction, Alert, typeof state>({
    state,
    clock,
    ...(mode === 'event-time' ? { watermarks: { type: 'bounded' as const, outOfOrderness: 0 } } : {}),
    processElement(tx, ctx) {
      const armed = ctx.state.small.value();
      if (armed !== undefined) {
        if (compareDecimal(String(tx.amount), '500.00') > 0) {
          ctx.output({
            accountId: tx.accountId,
            atIndex: tx.i,
            smallAt: armed.i,
            amounts: [armed.amount, tx.amount],
          });
        }
        if (mode === 'event-time') ctx.timerService.deleteEventTimeTimer(armed.timer);
        if (mode === 'processing-time') ctx.timerService.deleteProcessingTimeTimer(armed.timer);
        ctx.state.small.clear();
      }
      if (compareDecimal(String(tx.amount), '1.00') < 0) {
        const timer =
          mode === 'event-time'
            ? ctx.timestamp + 60_000
            : mode === 'processing-time'
              ? ctx.timerService.currentProcessingTime() + 60_000
              : Number.NaN;
        if (mode === 'event-time') ctx.timerService.registerEventTimeTimer(timer);
        if (mode === 'processing-time') ctx.timerService.registerProcessingTimeTimer(timer);
        ctx.state.small.update({ i: tx.i, amount: tx.amount, timer });
      }
    },
    onTimer(_time, ctx) {
      ctx.state.small.clear();
    },
  });
}

/** Feeds the transactions in order; processing time follows `procTsOffsetMs` (100 ms per record). */
function run(mode: ArmMode, transactions: readonly Transaction[]) {
  let now = 0;
  const clock: Clock = { now: () => now };
  const op = smallThenLarge(mode, clock);
  for (const tx of transactions) {
    now = tx.procTsOffsetMs;
    op.advance();
    op.onElement(tx.accountId, tx, tx.eventTs);
  }
  return op.drain().outputs.map((r) => r.value);
}

/** Flink's DynamicAlertFunction for one rule (the rule JSON of the dynamic-rules demo). */
interface DynamicRule {
  ruleId: number;
  ruleState: 'ACTIVE' | 'PAUSE';
  groupingKeyNames: string[];
  aggregateFieldName: string;
  aggregatorFunctionType: 'SUM' | 'AVG' | 'MIN' | 'MAX';
  limitOperatorType: 'GREATER' | 'LESS' | 'EQUAL' | 'NOT_EQUAL' | 'GREATER_EQUAL' | 'LESS_EQUAL';
  limit: number;
  windowMinutes: number;
}
interface RuleAlert {
  ruleId: number;
  key: string;
  seq: number;
  value: string;
}

/** Sum or count of the key's events with eventTime in [t − window, t] (both inclusive), in cents. */
function dynamicRule(rule: DynamicRule) {
  const windowMs = rule.windowMinutes * 60_000;
  const state = { byTime: mapState<number, string[]>() } satisfies StateDescriptors;
  return createKeyedProcessOperator<string, Ride, RuleAlert, typeof state>({
    state,
    watermarks: { type: 'bounded', outOfOrderness: 0 },
    processElement(ride, ctx) {
      const byTime = ctx.state.byTime;
      byTime.put(ride.eventTime, [...(byTime.get(ride.eventTime) ?? []), ride.totalFare]);
      ctx.timerService.registerEventTimeTimer(ride.eventTime + windowMs);
      if (rule.ruleState !== 'ACTIVE') return;
      const counting = rule.aggregateFieldName.startsWith('COUNT_');
      let cents = 0n;
      for (const [ts, fares] of byTime.entries()) {
        if (ts < ride.eventTime - windowMs || ts > ride.eventTime) continue;
        for (const fare of fares) cents += counting ? 100n : scaled(fare, 2);
      }
      const value = counting ? String(cents / 100n) : formatCents(cents);
      if (compareDecimal(value, String(rule.limit)) > 0) {
        ctx.output({ ruleId: rule.ruleId, key: ctx.currentKey, seq: ride.seq, value });
        if (rule.aggregateFieldName === 'COUNT_WITH_RESET_FLINK') byTime.clear();
      }
    },
    onTimer(time, ctx) {
      // Evict what no later event can look back to: the next event of this key has eventTime > watermark ≥ time.
      const byTime = ctx.state.byTime;
      for (const ts of [...byTime.keys()]) if (ts <= time - windowMs) byTime.remove(ts);
    },
  });
}
const formatCents = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;

/** Brute force over the whole history (no state, no timers): the reference. */
function dynamicRuleReference(rule: DynamicRule, rides: readonly Ride[]): RuleAlert[] {
  const windowMs = rule.windowMinutes * 60_000;
  const counting = rule.aggregateFieldName.startsWith('COUNT_');
  const out: RuleAlert[] = [];
  const resetAt = new Map<string, number>();
  rides.forEach((ride, i) => {
    const key = `${ride.taxiId}&${ride.driverId}`;
    if (rule.ruleState !== 'ACTIVE') return;
    let cents = 0n;
    for (let j = resetAt.get(key) ?? 0; j <= i; j++) {
      const r = rides[j]!;
      if (`${r.taxiId}&${r.driverId}` !== key || r.eventTime < ride.eventTime - windowMs) continue;
      cents += counting ? 100n : scaled(r.totalFare, 2);
    }
    const value = counting ? String(cents / 100n) : formatCents(cents);
    if (compareDecimal(value, String(rule.limit)) > 0) {
      out.push({ ruleId: rule.ruleId, key, seq: ride.seq, value });
      if (rule.aggregateFieldName === 'COUNT_WITH_RESET_FLINK') resetAt.set(key, i + 1);
    }
  });
  return out;
}

function feed(op: KeyedProcessOperator<string, Ride, RuleAlert, StateDescriptors>, list: readonly Ride[]) {
  for (const ride of list) op.onElement(`${ride.taxiId}&${ride.driverId}`, ride, ride.eventTime);
}

describeWithSharedFixtures(
  { describe, it },
  'shared fraud vectors on keyed process functions',
  'fraud/vectors.json',
  (path) => {
    const vectors = (JSON.parse(readFileSync(path, 'utf8')) as { vectors: { id: string }[] }).vectors;
    const byId = (id: string) => {
      const v = vectors.find((x) => x.id === id);
      if (v === undefined) throw new Error(`vector ${id} missing from ${path}`);
      return v as Record<string, unknown>;
    };

    describe('FLINK-WALKTHROUGH-SMALL-THEN-LARGE', () => {
      const v = byId('FLINK-WALKTHROUGH-SMALL-THEN-LARGE');
      const txs = v['transactions'] as Transaction[];
      const expected = v['expect'] as Record<string, unknown>;
      const key = (prefix: string) => Object.keys(expected).find((k) => k.startsWith(prefix))!;

      it('v1 (no time limit): the account is armed by a small transaction until its next one', () => {
        expect(run('no-time-limit', txs)).toEqual(expected['v1_no_time_limit']);
      });

      it('v2 with a one-minute processing-time timer (100 ms per record): still alerts', () => {
        const alerts = run('processing-time', txs).map(({ accountId, atIndex }) => ({ accountId, atIndex }));
        expect(alerts).toEqual(expected[key('v2_processing_time_1min')]);
      });

      it('v2 with a one-minute event-time timer (records 6 min apart): the timer disarms first, no alert', () => {
        expect(run('event-time', txs)).toEqual(expected[key('v2_event_time_1min')]);
      });

      it('a snapshot/restore anywhere changes nothing (armed state and timers travel in the snapshot)', () => {
        for (const mode of ['no-time-limit', 'event-time'] as const) {
          const whole = run(mode, txs);
          for (let cut = 0; cut <= txs.length; cut += 3) {
            const clock: Clock = { now: () => 0 };
            const first = smallThenLarge(mode, clock);
            for (const tx of txs.slice(0, cut)) first.onElement(tx.accountId, tx, tx.eventTs);
            const second = smallThenLarge(mode, clock);
            second.restore(JSON.parse(JSON.stringify(first.snapshot())));
            for (const tx of txs.slice(cut)) second.onElement(tx.accountId, tx, tx.eventTs);
            const alerts = [...first.drain().outputs, ...second.drain().outputs].map((r) => r.value);
            expect(alerts).toEqual(whole);
          }
        }
      });
    });

    describe('FLINK-DYNAMIC-RULE-JSON', () => {
      const rule = byId('FLINK-DYNAMIC-RULE-JSON')['rule_json'] as DynamicRule;
      const history = rides(11, 600);

      it.each([
        ['the vector rule (SUM of totalFare > 50 in 20 min)', rule],
        ['COUNT_FLINK > 3', { ...rule, aggregateFieldName: 'COUNT_FLINK', limit: 3 }],
        ['COUNT_WITH_RESET_FLINK > 2', { ...rule, aggregateFieldName: 'COUNT_WITH_RESET_FLINK', limit: 2 }],
        ['a paused rule', { ...rule, ruleState: 'PAUSE' as const }],
      ])('%s: alerts equal a brute-force evaluation over the whole history', (_name, r) => {
        const op = dynamicRule(r);
        feed(op, history);
        const alerts = op.drain().outputs.map((x) => x.value);
        expect(alerts).toEqual(dynamicRuleReference(r, history));
        if (r.ruleState === 'ACTIVE') expect(alerts.length).toBeGreaterThan(5);
        // Timers evicted old entries: state stays bounded by the window, not by the history.
        expect(op.stateSize().eventTimers).toBeLessThan(history.length / 4);
      });

      it('restoring a snapshot taken anywhere continues with identical alerts', () => {
        const whole = dynamicRule(rule);
        feed(whole, history);
        const expectedAlerts = whole.drain().outputs;
        for (const cut of [1, 97, 300, 599]) {
          const first = dynamicRule(rule);
          feed(first, history.slice(0, cut));
          const second = dynamicRule(rule);
          second.restore(JSON.parse(JSON.stringify(first.snapshot())));
          feed(second, history.slice(cut));
          expect([...first.drain().outputs, ...second.drain().outputs]).toEqual(expectedAlerts);
        }
      });
    });
  },
  { fromDir: __dirname },
);
