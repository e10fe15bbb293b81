/**
 * The shared fraud vectors (../shared/fixtures/fraud, never copied here) through @ecom/fraud's own detector:
 * the Flink walkthrough's transactions as orders (small-then-large), and the Flink dynamic-rules demo's rule JSON
 * mapped with `fromFlinkDynamicRule` against a brute-force evaluation. fraud-vectors.spec.ts checks the same vectors
 * on bare keyed process functions.
 */
import { readFileSync } from 'node:fs';
import { describeWithSharedFixtures } from '@ecom/domain/testing';
import { rides, type Ride } from '../../test/rides.js';
import { createFraudDetector, fromFlinkDynamicRule, type FlinkDynamicRule } from '../index.js';

interface Transaction {
  i: number;
  accountId: number;
  amount: number;
  eventTs: number;
}

/** `'0.219'` → `'219.00'`: the walkthrough's dollar amounts × 1000, exactly (by moving the decimal point), as VND. */
function times1000(amount: number): string {
  const [int, frac = ''] = String(amount).split('.');
  const digits = `${int}${frac.padEnd(3, '0')}`;
  const whole = digits.slice(0, digits.length - (frac.length > 3 ? frac.length - 3 : 0));
  return `${BigInt(whole)}.00`;
}

const cents = (d: string) => BigInt(d.replace('.', ''));

/** DynamicAlertFunction by brute force: each ride against the key's rides so far in [t − window, t]. */
function reference(rule: FlinkDynamicRule, list: readonly Ride[]): string[] {
  if (rule.ruleState !== 'ACTIVE') return [];
  const windowMs = rule.windowMinutes * 60_000;
  const counting = rule.aggregateFieldName === 'COUNT_FLINK';
  return list.flatMap((ride, i) => {
    const same = list
      .slice(0, i + 1)
      .filter(
        (r) =>
          r.taxiId === ride.taxiId &&
          r.driverId === ride.driverId &&
          r.eventTime >= ride.eventTime - windowMs,
      );
    const value = counting
      ? BigInt(same.length) * 100n
      : same.reduce((sum, r) => sum + cents(r.totalFare), 0n);
    return value > BigInt(rule.limit) * 100n
      ? [`flink-${rule.ruleId}/${ride.taxiId * 10 + ride.driverId}/o${ride.seq + 1}`]
      : [];
  });
}

describeWithSharedFixtures(
  { describe, it },
  'shared fraud vectors through createFraudDetector',
  'fraud/vectors.json',
  (path) => {
    const vectors = (JSON.parse(readFileSync(path, 'utf8')) as { vectors: Record<string, unknown>[] })
      .vectors;
    const byId = (id: string) => vectors.find((v) => v['id'] === id) ?? { id };

    describe('FLINK-WALKTHROUGH-SMALL-THEN-LARGE (amounts × 1000 as VND)', () => {
      const v = byId('FLINK-WALKTHROUGH-SMALL-THEN-LARGE');
      const txs = v['transactions'] as Transaction[];
      const expected = v['expect'] as Record<string, unknown>;
      const run = (withinMinutes: number | null) => {
        const detector = createFraudDetector({
          rules: [
            {
              id: 'stl',
              kind: 'small-then-large',
              params: { smallBelow: '1000.00', largeAbove: '500000.00', withinMinutes },
            },
          ],
        });
        return txs.flatMap((tx) =>
          detector.onOrder({
            order_id: tx.i + 1,
            customer_id: tx.accountId,
            total_price: times1000(tx.amount),
            order_date: new Date(tx.eventTs),
          }),
        );
      };

      it('maps amounts exactly', () => {
        expect([0.219, 0.8, 1, 22.1, 871.15, 500].map(times1000)).toEqual([
          '219.00',
          '800.00',
          '1000.00',
          '22100.00',
          '871150.00',
          '500000.00',
        ]);
      });

      it('v1 (no time limit): the one expected alert, with its evidence', () => {
        const alerts = run(null);
        const v1 = expected['v1_no_time_limit'] as {
          accountId: number;
          atIndex: number;
          smallAt: number;
          amounts: number[];
        }[];
        expect(
          alerts.map((a) => ({
            accountId: a.customerId,
            atIndex: a.orderId! - 1,
            smallAt: a.evidence.orderIds[0] - 1,
            amounts: a.evidence.amounts,
          })),
        ).toEqual(v1.map((x) => ({ ...x, amounts: x.amounts.map(times1000) })));
        expect(alerts[0].id).toBe('stl/3/o28');
      });

      it('v2 with a one-minute event-time limit (records 6 min apart): no alert', () => {
        const key = Object.keys(expected).find((k) => k.startsWith('v2_event_time_1min'))!;
        expect(run(1)).toEqual(expected[key]);
      });

      it('a 30-minute limit still sees the pair (same account every 5 records = 30 min)', () => {
        expect(run(30).map((a) => a.id)).toEqual(['stl/3/o28']);
      });
    });

    describe('FLINK-DYNAMIC-RULE-JSON (fromFlinkDynamicRule)', () => {
      const rule = byId('FLINK-DYNAMIC-RULE-JSON')['rule_json'] as FlinkDynamicRule;
      const history = rides(11, 600);

      it.each([
        ['the vector rule (SUM of totalFare > 50 in 20 min)', rule],
        ['COUNT_FLINK > 3', { ...rule, aggregateFieldName: 'COUNT_FLINK', limit: 3 }],
        ['a paused rule', { ...rule, ruleState: 'PAUSE' }],
      ])('%s: alerts equal a brute-force evaluation', (_name, r) => {
        const detector = createFraudDetector({
          rules: [fromFlinkDynamicRule(r, { fields: ['totalFare'] })],
          outOfOrdernessMs: 0,
        });
        const alerts = history.flatMap((ride) =>
          detector.onOrder({
            order_id: ride.seq + 1,
            customer_id: ride.taxiId * 10 + ride.driverId,
            total_price: ride.totalFare,
            order_date: new Date(ride.eventTime),
          }),
        );
        expect(alerts.map((a) => a.id)).toEqual(reference(r, history));
        if (r.ruleState === 'ACTIVE') expect(alerts.length).toBeGreaterThan(5);
      });

      it('maps the rule JSON onto an aggregate definition; DELETE and reset counts are refused', () => {
        expect(fromFlinkDynamicRule(rule, { fields: ['totalFare'] })).toEqual({
          id: 'flink-1',
          kind: 'aggregate',
          state: 'active',
          params: { aggregate: 'sum', field: 'total_price', operator: '>', limit: '50', windowMinutes: 20 },
        });
        expect(() => fromFlinkDynamicRule({ ...rule, ruleState: 'DELETE' })).toThrow(
          expect.objectContaining({ code: 'invalid_rule', ruleId: 'flink-1' }),
        );
        expect(() =>
          fromFlinkDynamicRule({ ...rule, aggregateFieldName: 'COUNT_WITH_RESET_FLINK' }),
        ).toThrow();
      });
    });
  },
  { fromDir: __dirname },
);
