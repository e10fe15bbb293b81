import { isDomainError } from '@ecom/domain';
import { highValueOrderRule } from './index.js';

const order = (total_price: string) => ({
  order_id: 1,
  customer_id: 7,
  total_price,
  order_date: new Date('2026-11-25T07:30:00.000Z'),
});

describe('highValueOrderRule', () => {
  const rule = highValueOrderRule();

  it('fires strictly above 10,000,000 VND, with the detector alert shape', () => {
    const t = Date.parse('2026-11-25T07:30:00.000Z');
    expect(rule.evaluate(order('10000000.01'))).toEqual({
      id: 'high-value-order/7/o1',
      ruleId: 'high-value-order',
      kind: 'high-value',
      severity: 'medium',
      customerId: 7,
      orderId: 1,
      eventTime: t,
      window: { start: t, end: t },
      evidence: { orderIds: [1], amounts: ['10000000.01'], value: '10000000.01' },
      reason: 'order total 10000000.01 VND is above 10000000.00 VND',
    });
    expect(rule.evaluate(order('10000000.00'))).toBeNull();
    expect(rule.evaluate(order('9999999.99'))).toBeNull();
  });

  it('compares exactly where floats would not', () => {
    const big = highValueOrderRule({ threshold: '900719925474.09' });
    expect(big.evaluate(order('900719925474.10'))).not.toBeNull();
    expect(big.evaluate(order('900719925474.09'))).toBeNull();
  });

  it('takes a custom threshold', () => {
    expect(highValueOrderRule({ threshold: '100' }).evaluate(order('100.50'))?.evidence.value).toBe('100.50');
  });

  it('rejects a malformed threshold or total with a typed error', () => {
    expect(() => highValueOrderRule({ threshold: '1e7' })).toThrow();
    let caught: unknown;
    try {
      rule.evaluate(order('12,500,000'));
    } catch (err) {
      caught = err;
    }
    expect(isDomainError(caught)).toBe(true);
  });
});
