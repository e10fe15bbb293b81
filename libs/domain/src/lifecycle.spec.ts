import { isDomainError } from './errors.js';
import {
  LIFECYCLES,
  assertTransition,
  canTransition,
  isLifecycleStatus,
  isTerminalStatus,
  nextStatuses,
  type Lifecycle,
} from './lifecycle.js';
import { ORDER_STATUSES, PAYMENT_STATUSES, SHIPMENT_STATUSES } from './statuses.js';

const allowed: Record<Lifecycle, string[]> = {
  order: ['pending>paid', 'pending>cancelled', 'paid>shipped', 'paid>cancelled', 'shipped>delivered'],
  payment: ['pending>completed', 'pending>failed', 'completed>refunded'],
  shipment: ['preparing>in_transit', 'in_transit>delivered'],
};
const statuses: Record<Lifecycle, readonly string[]> = {
  order: ORDER_STATUSES,
  payment: PAYMENT_STATUSES,
  shipment: SHIPMENT_STATUSES,
};

function errorOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('lifecycles', () => {
  it.each(Object.keys(allowed) as Lifecycle[])(
    '%s: exactly the documented moves are allowed',
    (lifecycle) => {
      for (const from of statuses[lifecycle]) {
        for (const to of statuses[lifecycle]) {
          const expected = allowed[lifecycle].includes(`${from}>${to}`);
          expect([lifecycle, from, to, canTransition(lifecycle, from as never, to as never)]).toEqual([
            lifecycle,
            from,
            to,
            expected,
          ]);
          if (expected) expect(assertTransition(lifecycle, from as never, to as never)).toBe(to);
          else
            expect(errorOf(() => assertTransition(lifecycle, from as never, to as never)).code).toBe(
              'invalid_transition',
            );
        }
      }
    },
  );

  it('initial statuses are the column defaults', () => {
    expect(LIFECYCLES.order.initial).toBe('pending');
    expect(LIFECYCLES.payment.initial).toBe('pending');
    expect(LIFECYCLES.shipment.initial).toBe('preparing');
  });

  it('every lifecycle status is reachable from the initial one', () => {
    for (const lifecycle of Object.keys(LIFECYCLES) as Lifecycle[]) {
      const definition = LIFECYCLES[lifecycle];
      const seen = new Set<string>([definition.initial]);
      const queue: string[] = [definition.initial];
      while (queue.length) {
        const status = queue.shift() as never;
        for (const next of nextStatuses(lifecycle, status)) {
          if (!seen.has(next)) {
            seen.add(next);
            queue.push(next);
          }
        }
      }
      expect([...seen].sort()).toEqual([...definition.statuses].sort());
    }
  });

  it('reports terminal statuses', () => {
    expect(isTerminalStatus('order', 'delivered')).toBe(true);
    expect(isTerminalStatus('order', 'cancelled')).toBe(true);
    expect(isTerminalStatus('order', 'paid')).toBe(false);
    expect(isTerminalStatus('payment', 'completed')).toBe(false);
    expect(isTerminalStatus('payment', 'refunded')).toBe(true);
    expect(isTerminalStatus('shipment', 'delivered')).toBe(true);
  });

  it('invalid_transition says what is allowed', () => {
    const error = errorOf(() => assertTransition('order', 'shipped', 'cancelled'));
    expect(error.code).toBe('invalid_transition');
    expect(error.details).toEqual({
      lifecycle: 'order',
      from: 'shipped',
      to: 'cancelled',
      allowed: ['delivered'],
    });
    expect(error.message).toBe('A order cannot move from "shipped" to "cancelled" (allowed: delivered)');
    expect(errorOf(() => assertTransition('order', 'delivered', 'pending')).message).toMatch(/terminal/);
  });

  it('rejects statuses outside the set with unknown_status', () => {
    const error = errorOf(() => assertTransition('order', 'confirmed' as never, 'paid'));
    expect(error.code).toBe('unknown_status');
    expect(error.details).toMatchObject({ lifecycle: 'order', status: 'confirmed', role: 'from' });
    expect(errorOf(() => assertTransition('payment', 'pending', 'SUCESS' as never)).details).toMatchObject({
      role: 'to',
    });
    expect(errorOf(() => nextStatuses('shipment', 'lost' as never)).code).toBe('unknown_status');
    expect(canTransition('order', 'confirmed' as never, 'paid')).toBe(false);
    expect(canTransition('order', 'pending', 42 as never)).toBe(false);
  });

  it('rejects unknown lifecycles with unknown_lifecycle, including prototype keys', () => {
    expect(errorOf(() => assertTransition('invoice' as never, 'a' as never, 'b' as never)).code).toBe(
      'unknown_lifecycle',
    );
    expect(errorOf(() => nextStatuses('toString' as never, 'a' as never)).code).toBe('unknown_lifecycle');
    expect(canTransition('__proto__' as never, 'a' as never, 'b' as never)).toBe(false);
    expect(isLifecycleStatus('constructor' as never, 'pending')).toBe(false);
  });

  it('isLifecycleStatus guards', () => {
    expect(isLifecycleStatus('order', 'shipped')).toBe(true);
    expect(isLifecycleStatus('shipment', 'shipped')).toBe(false);
    expect(isLifecycleStatus('payment', undefined)).toBe(false);
  });
});
