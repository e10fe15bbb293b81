import { createFraudDetector, isFraudError, type FraudAlert, type FraudDetector } from '../index.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const order = (d: FraudDetector, id: number, customer: number, t: number, total = '100000.00') =>
  d.onOrder({ order_id: id, customer_id: customer, total_price: total, order_date: new Date(t) });
const ids = (alerts: FraudAlert[]) => alerts.map((a) => a.id);

describe('velocity', () => {
  it('catches a burst straddling a minute boundary (look-back), the aligned window does not', () => {
    const d = createFraudDetector({
      rules: [
        { id: 'v', kind: 'velocity', params: { maxOrders: 5, windowMinutes: 1 } },
        { id: 'vt', kind: 'velocity', params: { maxOrders: 5, windowMinutes: 1, window: 'tumbling' } },
      ],
    });
    // 6 orders from 12:00:35 to 12:01:00: 5 in [12:00, 12:01), 1 in [12:01, 12:02)
    const out = [0, 1, 2, 3, 4, 5].flatMap((i) => order(d, i + 1, 42, T0 + 35_000 + i * 5_000));
    expect(ids(out)).toEqual(['v/42/o6']);
    expect(out[0]).toMatchObject({
      ruleId: 'v',
      kind: 'velocity',
      severity: 'high',
      customerId: 42,
      orderId: 6,
      eventTime: T0 + 60_000,
      window: { start: T0, end: T0 + 60_000 },
      evidence: { orderIds: [1, 2, 3, 4, 5, 6], value: '6' },
    });
  });

  it('alerts as soon as the (N+1)th order arrives; the tumbling option once per aligned window', () => {
    const d = createFraudDetector({
      rules: [
        { id: 'v', kind: 'velocity', params: { maxOrders: 2 } },
        { id: 'vt', kind: 'velocity', params: { maxOrders: 2, window: 'tumbling' } },
      ],
    });
    expect(order(d, 1, 1, T0 + 1000)).toEqual([]);
    expect(order(d, 2, 1, T0 + 2000)).toEqual([]);
    expect(ids(order(d, 3, 1, T0 + 3000))).toEqual(['v/1/o3', `vt/1/w${T0}`]);
    expect(ids(order(d, 4, 1, T0 + 4000))).toEqual(['v/1/o4']);
  });

  it('counts an order once: CDC updates of the same order never count again', () => {
    const d = createFraudDetector({ rules: [{ id: 'v', kind: 'velocity', params: { maxOrders: 2 } }] });
    const alerts: FraudAlert[] = [];
    for (const op of ['c', 'u', 'u', 'u']) {
      alerts.push(
        ...d.onRecord({
          table: 'orders',
          op,
          eventTime: T0,
          after: { order_id: 1, customer_id: 1, total_price: '5.00', order_date: new Date(T0) },
        }),
      );
    }
    alerts.push(...order(d, 2, 1, T0 + 10));
    expect(alerts).toEqual([]);
    expect(ids(order(d, 3, 1, T0 + 20))).toEqual(['v/1/o3']);
  });

  it('ignores other tables and deletes', () => {
    const d = createFraudDetector({ rules: [{ id: 'v', kind: 'velocity', params: { maxOrders: 0 } }] });
    expect(d.onRecord({ table: 'products', op: 'c', eventTime: T0, after: {} })).toEqual([]);
    expect(d.onRecord({ table: 'orders', op: 'd', eventTime: T0, after: null })).toEqual([]);
    expect(d.metrics.ignored).toBe(2);
  });
});

describe('high value', () => {
  it('alerts strictly above the threshold, once per order, on the version that passes it', () => {
    const d = createFraudDetector({ rules: [{ id: 'hv', kind: 'high-value' }] });
    expect(order(d, 1, 7, T0, '10000000.00')).toEqual([]);
    const first = order(d, 1, 7, T0, '10000000.01');
    expect(first).toEqual([
      expect.objectContaining({
        id: 'hv/7/o1',
        evidence: { orderIds: [1], amounts: ['10000000.01'], value: '10000000.01' },
      }),
    ]);
    expect(order(d, 1, 7, T0, '12000000.00')).toEqual([]);
  });
});

describe('repeated orders', () => {
  it('same total K times within M minutes (on arrival)', () => {
    const d = createFraudDetector({
      rules: [{ id: 'r', kind: 'repeated-orders', params: { match: 'total', count: 3, windowMinutes: 10 } }],
    });
    expect(order(d, 1, 5, T0, '250000.00')).toEqual([]);
    expect(order(d, 2, 5, T0 + 4 * 60_000, '99.00')).toEqual([]);
    expect(order(d, 3, 5, T0 + 8 * 60_000, '250000.00')).toEqual([]);
    expect(ids(order(d, 4, 5, T0 + 9 * 60_000, '250000.00'))).toEqual(['r/5/o4']);
    expect(order(d, 5, 5, T0 + 20 * 60_000, '250000.00')).toEqual([]); // the first two are 12+ min back
  });

  it('same items K times, evaluated once the watermark passes the order + settle time (items may come first)', () => {
    const d = createFraudDetector({
      rules: [
        {
          id: 'r',
          kind: 'repeated-orders',
          params: { match: 'items', count: 2, windowMinutes: 10, settleSeconds: 5 },
        },
      ],
      outOfOrdernessMs: 0,
    });
    const item = (itemId: number, orderId: number, product: number, t: number) =>
      d.onOrderItem({
        order_item_id: itemId,
        order_id: orderId,
        product_id: product,
        quantity: 1,
        created_at: new Date(t),
      });
    const out: FraudAlert[] = [];
    out.push(...order(d, 1, 9, T0), ...item(1, 1, 100, T0), ...item(2, 1, 200, T0));
    out.push(
      ...item(3, 2, 200, T0 + 60_000),
      ...order(d, 2, 9, T0 + 60_000),
      ...item(4, 2, 100, T0 + 60_000),
    );
    out.push(...order(d, 3, 9, T0 + 61_000), ...item(5, 3, 100, T0 + 61_000)); // a different cart
    expect(out).toEqual([]);
    expect(ids(d.onWatermark(T0 + 70_000))).toEqual(['r/9/o2']);
  });

  it('settle timers: only orders with items hold one; an item after the settle time does not reopen the order; a late order settles at the next watermark with the items that came first', () => {
    const d = createFraudDetector({
      rules: [
        {
          id: 'r',
          kind: 'repeated-orders',
          params: { match: 'items', count: 2, windowMinutes: 10, settleSeconds: 5 },
        },
      ],
      outOfOrdernessMs: null,
    });
    const item = (itemId: number, orderId: number, t: number) =>
      d.onOrderItem({
        order_item_id: itemId,
        order_id: orderId,
        product_id: 100,
        quantity: 1,
        created_at: new Date(t),
      });
    d.onWatermark(T0 - 1);
    expect([...order(d, 1, 9, T0), ...item(1, 1, T0), ...order(d, 2, 9, T0 + 1000)]).toEqual([]);
    // customer: clean-up + order 1's settle (order 2 has no items, so no settle timer); join: one per order
    expect(d.stateSize().timers).toBe(4);
    expect(d.onWatermark(T0 + 10_000)).toEqual([]); // order 1 settles alone
    expect(item(2, 2, T0 + 1000)).toEqual([]); // order 2 settled (to nothing) at T0 + 6 s already
    expect(d.onWatermark(T0 + 20_000)).toEqual([]);
    // order 3 comes late: its settle time has passed, it settles at the next watermark, with its item
    expect([...order(d, 3, 9, T0 + 2000), ...item(3, 3, T0 + 2000)]).toEqual([]);
    expect(ids(d.onWatermark(T0 + 20_001))).toEqual(['r/9/o3']);
  });
});

describe('small then large', () => {
  it('a tiny order followed by a large one within M minutes', () => {
    const d = createFraudDetector({
      rules: [{ id: 's', kind: 'small-then-large', params: { withinMinutes: 5 } }],
    });
    expect(order(d, 1, 3, T0, '10000.00')).toEqual([]);
    const out = order(d, 2, 3, T0 + 60_000, '13000000.00');
    expect(out[0]).toMatchObject({
      id: 's/3/o2',
      evidence: { orderIds: [1, 2], amounts: ['10000.00', '13000000.00'] },
    });
    expect(order(d, 3, 3, T0 + 120_000, '10000.00')).toEqual([]);
    expect(order(d, 4, 3, T0 + 120_000 + 5 * 60_000 + 1, '13000000.00')).toEqual([]); // too late
  });
});

describe('new account, high value', () => {
  it('an order above the threshold within H hours of the customer creation, either arrival order', () => {
    const d = createFraudDetector({
      rules: [
        { id: 'n', kind: 'new-account-high-value', params: { threshold: '5000000.00', withinHours: 1 } },
      ],
    });
    expect(d.onCustomer({ customer_id: 1, created_at: new Date(T0) })).toEqual([]);
    expect(ids(order(d, 1, 1, T0 + 30 * 60_000, '6000000.00'))).toEqual(['n/1/o1']);
    expect(order(d, 2, 1, T0 + 61 * 60_000, '6000000.00')).toEqual([]);
    expect(order(d, 3, 2, T0 + 10 * 60_000, '6000000.00')).toEqual([]);
    expect(ids(d.onCustomer({ customer_id: 2, created_at: new Date(T0) }))).toEqual(['n/2/o3']);
  });
});

describe('payment-method hopping', () => {
  const pay = (
    d: FraudDetector,
    id: number,
    method: 'credit_card' | 'debit_card' | 'paypal' | 'bank_transfer',
    t: number,
    status: 'pending' | 'failed' = 'pending',
  ) =>
    d.onPayment({
      payment_id: id,
      order_id: id,
      customer_id: 4,
      payment_method: method,
      amount: '1000.00',
      status,
      payment_date: new Date(t),
    });

  it('K distinct methods within M minutes', () => {
    const d = createFraudDetector({
      rules: [{ id: 'p', kind: 'payment-method-hopping', params: { count: 3, windowMinutes: 10 } }],
    });
    expect([
      ...pay(d, 1, 'paypal', T0),
      ...pay(d, 2, 'paypal', T0 + 1),
      ...pay(d, 3, 'debit_card', T0 + 2),
    ]).toEqual([]);
    const out = pay(d, 4, 'credit_card', T0 + 3);
    expect(out[0]).toMatchObject({
      id: 'p/4/p4',
      paymentId: 4,
      evidence: { paymentMethods: ['credit_card', 'debit_card', 'paypal'], value: '3' },
    });
  });

  it('K failed payments within M minutes, counting a status update to failed once', () => {
    const d = createFraudDetector({
      rules: [{ id: 'f', kind: 'payment-method-hopping', params: { mode: 'failed-payments', count: 2 } }],
    });
    expect(pay(d, 1, 'paypal', T0, 'failed')).toEqual([]);
    expect(pay(d, 2, 'paypal', T0 + 1)).toEqual([]);
    expect(ids(pay(d, 2, 'paypal', T0 + 1, 'failed'))).toEqual(['f/4/p2']);
    expect(pay(d, 2, 'paypal', T0 + 1, 'failed')).toEqual([]);
  });
});

describe('rules as data', () => {
  it('rejects a bad definition with the zod issues and the rule id, leaving the running rules untouched', () => {
    const d = createFraudDetector({ rules: [{ id: 'v', kind: 'velocity', params: { maxOrders: 0 } }] });
    let caught: unknown;
    try {
      d.putRule({ id: 'v', kind: 'velocity', params: { maxOrders: -1 } });
    } catch (e) {
      caught = e;
    }
    expect(isFraudError(caught, 'invalid_rule')).toBe(true);
    expect(caught).toMatchObject({
      ruleId: 'v',
      issues: [expect.objectContaining({ path: ['params', 'maxOrders'] })],
    });
    expect(() => d.putRule({ id: 'x', kind: 'nope' })).toThrow(/rule x is invalid/);
    expect(() => d.putRule({ id: 'x', kind: 'velocity', params: { extra: 1 } })).toThrow();
    expect(() => d.pauseRule('missing')).toThrow(expect.objectContaining({ code: 'unknown_rule' }));
    expect(d.rules()).toEqual([
      {
        id: 'v',
        kind: 'velocity',
        state: 'active',
        params: { maxOrders: 0, windowMinutes: 1, window: 'look-back' },
      },
    ]);
    expect(ids(order(d, 1, 1, T0))).toEqual(['v/1/o1']);
  });

  it('put, pause, resume and delete apply from the next event on', () => {
    const d = createFraudDetector({ rules: [] });
    expect(order(d, 1, 1, T0, '20000000.00')).toEqual([]);
    d.putRule({ id: 'hv', kind: 'high-value' });
    expect(ids(order(d, 2, 1, T0 + 1, '20000000.00'))).toEqual(['hv/1/o2']);
    d.pauseRule('hv');
    expect(order(d, 3, 1, T0 + 2, '20000000.00')).toEqual([]);
    d.resumeRule('hv');
    expect(ids(order(d, 4, 1, T0 + 3, '20000000.00'))).toEqual(['hv/1/o4']);
    expect(d.deleteRule('hv')).toBe(true);
    expect(order(d, 5, 1, T0 + 4, '20000000.00')).toEqual([]);
  });

  it('a grown window sees the history retained so far (at least the horizon)', () => {
    const d = createFraudDetector({
      rules: [{ id: 'v', kind: 'velocity', params: { maxOrders: 3, windowMinutes: 1 } }],
      horizonMs: 600_000,
    });
    for (let i = 0; i < 3; i++) expect(order(d, i + 1, 1, T0 + i * 60_000)).toEqual([]);
    d.putRule({ id: 'v', kind: 'velocity', params: { maxOrders: 3, windowMinutes: 5 } });
    expect(ids(order(d, 4, 1, T0 + 3 * 60_000))).toEqual(['v/1/o4']);
    expect(d.retentionMs).toBe(600_000);
  });
});

describe('snapshot and restore', () => {
  it('is JSON-safe and versioned; replaying after a restore emits nothing twice', () => {
    const rules = [
      { id: 'v', kind: 'velocity', params: { maxOrders: 2 } },
      { id: 'hv', kind: 'high-value' },
      { id: 'vt', kind: 'velocity', params: { maxOrders: 2, window: 'tumbling' } },
    ];
    const events = Array.from({ length: 12 }, (_, i) => ({
      id: i + 1,
      t: T0 + i * 7_000,
      total: i % 4 === 0 ? '15000000.00' : '1.00',
    }));
    const all = createFraudDetector({ rules });
    const expected = events.flatMap((e) => order(all, e.id, 1, e.t, e.total));
    for (let cut = 0; cut <= events.length; cut++) {
      const first = createFraudDetector({ rules });
      const before = events.slice(0, cut).flatMap((e) => order(first, e.id, 1, e.t, e.total));
      const snap = JSON.parse(JSON.stringify(first.snapshot()));
      expect(snap.format).toBe('ecom-fraud/1');
      const second = createFraudDetector();
      second.restore(snap);
      // replay everything from the start (at-least-once redelivery)
      const after = events.flatMap((e) => order(second, e.id, 1, e.t, e.total));
      expect(ids([...before, ...after])).toEqual(ids(expected));
    }
  });

  it('restores snapshots whose order/items join holds the earlier object state ({ c, t, x } / { i, x })', () => {
    const rules = [
      {
        id: 'r',
        kind: 'repeated-orders',
        params: { match: 'items', count: 2, windowMinutes: 10, settleSeconds: 5 },
      },
    ];
    const feed = (d: FraudDetector, part: 'before' | 'after') => {
      const item = (itemId: number, orderId: number, t: number) =>
        d.onOrderItem({
          order_item_id: itemId,
          order_id: orderId,
          product_id: 5,
          quantity: 1,
          created_at: new Date(t),
        });
      if (part === 'before') return [...order(d, 1, 4, T0), ...item(1, 1, T0), ...item(2, 2, T0 + 1000)];
      return [...order(d, 2, 4, T0 + 1000), ...d.onWatermark(T0 + 60_000)];
    };
    const all = createFraudDetector({ rules, outOfOrdernessMs: null });
    const expected = [...feed(all, 'before'), ...feed(all, 'after')];
    expect(ids(expected)).toEqual(['r/4/o2']);

    const first = createFraudDetector({ rules, outOfOrdernessMs: null });
    const before = feed(first, 'before');
    const snap = JSON.parse(JSON.stringify(first.snapshot()));
    // rewrite the join's state the way snapshots before the compact state held it
    const panes = snap.orders.panes as [number, { j: unknown }][];
    expect(panes.map(([, st]) => st.j)).toEqual([4, [[2, 5, 1]]]);
    for (const pane of panes) {
      const j = pane[1].j;
      pane[1].j = typeof j === 'number' ? { c: j, t: T0, x: 0 } : { i: j, x: 0 };
    }
    const second = createFraudDetector({ rules, outOfOrdernessMs: null });
    second.restore(snap);
    expect(ids([...before, ...feed(second, 'after')])).toEqual(ids(expected));
  });

  it('refuses another format', () => {
    expect(() => createFraudDetector().restore({ format: 'x' } as never)).toThrow(
      expect.objectContaining({ code: 'invalid_snapshot' }),
    );
  });

  it('drops events older than the retention cutoff and evicts state behind it', () => {
    const d = createFraudDetector({
      rules: [{ id: 'v', kind: 'velocity', params: { maxOrders: 1 } }],
      horizonMs: 60_000,
      outOfOrdernessMs: 0,
    });
    order(d, 1, 1, T0);
    order(d, 2, 2, T0 + 10 * 60_000);
    expect(order(d, 3, 1, T0)).toEqual([]);
    expect(d.metrics.tooLate).toBe(1);
    expect(d.stateSize().customers).toBe(1);
  });
});
