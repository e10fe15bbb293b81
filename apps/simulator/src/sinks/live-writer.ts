import type pg from 'pg';
import { inTransaction } from '../db/pool.js';
import type { SimEvent, SimOp, SimOrder } from '../simulation/sim-ops.js';
import { trackingNumber, transactionId } from './order-tables.js';
import { groundTruthLine, type GroundTruthLine } from './ground-truth.js';

/** Outcome counters of a live run. */
export interface LiveCounts {
  applied: number;
  failed: number;
  orders: number;
  failedOrders: number;
}

const INSERT_EVENT = `INSERT INTO customer_events (event_time, event_type, customer_id, session_id, product_id, category_id, order_id, quantity, created_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $1)`;

/**
 * Applies simulation operations to PostgreSQL one at a time, each in its OWN transaction, so CDC sees inserts,
 * updates and deletes as they happen. An order is one transaction: the order (total from its items), items, a pending
 * payment, a preparing shipment, the stock decrement (refused if stock is short) and its cart lines. A failing
 * operation is rolled back alone, counted and reported; the run continues. Event times are the operation's planned
 * time, so a replay of the same seed differs only by wall clock.
 *
 * @example
 * const writer = new LiveWriter(pool, (line) => truth.write(line), console.warn);
 * for (const op of engine.run()) { await sleepUntil(op.at); await writer.apply(op); }
 */
export class LiveWriter {
  readonly counts: LiveCounts = { applied: 0, failed: 0, orders: 0, failedOrders: 0 };
  /** Simulation order id → database order id (they match on a freshly cleared database). */
  private readonly orderIds = new Map<number, number>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly onFraudOrder: (line: GroundTruthLine) => void,
    private readonly warn: (message: string) => void,
  ) {}

  /** Applies one operation in its own transaction; never throws for a database error. */
  async apply(op: SimOp): Promise<void> {
    try {
      const truth = await inTransaction(this.pool, (client) => this.write(client, op));
      this.counts.applied++;
      if (truth) this.onFraudOrder(truth);
    } catch (error) {
      this.counts.failed++;
      if (op.kind === 'place_order') this.counts.failedOrders++;
      this.warn(`${op.kind} rolled back: ${(error as Error).message}`);
    }
  }

  private async event(client: pg.ClientBase, e: SimEvent, orderId?: number): Promise<void> {
    await client.query(INSERT_EVENT, [
      new Date(e.at),
      e.type,
      e.customerId,
      e.sessionId,
      e.productId ?? null,
      e.categoryId ?? null,
      orderId ?? null,
      e.quantity ?? null,
    ]);
  }

  private async write(client: pg.ClientBase, op: SimOp): Promise<GroundTruthLine | undefined | void> {
    const at = new Date(op.at);
    switch (op.kind) {
      case 'event':
        return this.event(client, op.event);
      case 'cart_set':
        await client.query(
          `INSERT INTO carts (customer_id, product_id, quantity, added_at, updated_at) VALUES ($1, $2, $3, $4, $4)
           ON CONFLICT (customer_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity, updated_at = EXCLUDED.updated_at`,
          [op.customerId, op.productId, op.quantity, at],
        );
        return this.event(client, op.event);
      case 'cart_delete':
        await client.query('DELETE FROM carts WHERE customer_id = $1 AND product_id = $2', [
          op.customerId,
          op.productId,
        ]);
        return this.event(client, op.event);
      case 'wishlist_add':
        await client.query(
          `INSERT INTO wishlists (customer_id, product_id, added_at, updated_at) VALUES ($1, $2, $3, $3)
           ON CONFLICT (customer_id, product_id) DO NOTHING`,
          [op.customerId, op.productId, at],
        );
        return this.event(client, op.event);
      case 'place_order':
        return this.placeOrder(client, op.order, op.at, op.event);
      case 'order_update': {
        const orderId = this.orderIds.get(op.update.orderId);
        if (orderId === undefined) return; // its order was rolled back
        const { update } = op;
        if (update.order) {
          await client.query('UPDATE orders SET status = $2, updated_at = $3 WHERE order_id = $1', [
            orderId,
            update.order,
            at,
          ]);
        }
        if (update.payment) {
          await client.query('UPDATE payments SET status = $2, updated_at = $3 WHERE order_id = $1', [
            orderId,
            update.payment,
            at,
          ]);
        }
        if (update.shipment) {
          await client.query(
            `UPDATE shipments SET status = $2, updated_at = $3,
               shipment_date = CASE WHEN $2 = 'in_transit' THEN $3 ELSE shipment_date END
             WHERE order_id = $1`,
            [orderId, update.shipment, at],
          );
        }
        if (update.restock && update.restock.length > 0) {
          await client.query(
            `UPDATE products p SET stock = p.stock + v.q FROM unnest($1::int[], $2::int[]) AS v(id, q) WHERE p.product_id = v.id`,
            [update.restock.map((l) => l.productId), update.restock.map((l) => l.quantity)],
          );
        }
        if (op.event) await this.event(client, op.event, orderId);
        return;
      }
      case 'restock':
        await client.query('UPDATE products SET stock = stock + $2 WHERE product_id = $1', [
          op.productId,
          op.quantity,
        ]);
        return;
    }
  }

  private async placeOrder(
    client: pg.ClientBase,
    order: SimOrder,
    atMs: number,
    event: SimEvent,
  ): Promise<GroundTruthLine | undefined> {
    const at = new Date(atMs);
    const inserted = await client.query<{ order_id: number }>(
      `INSERT INTO orders (customer_id, order_date, total_price, status, created_at, updated_at)
       VALUES ($1, $2, $3, 'pending', $2, $2) RETURNING order_id`,
      [order.customerId, at, order.total],
    );
    const orderId = (inserted.rows[0] as { order_id: number }).order_id;
    const lines = order.lines;
    await client.query(
      `INSERT INTO order_items (order_id, product_id, quantity, price, created_at, updated_at)
       SELECT $1, p, q, pr, $2, $2 FROM unnest($3::int[], $4::int[], $5::numeric[]) AS u(p, q, pr)`,
      [orderId, at, lines.map((l) => l.productId), lines.map((l) => l.quantity), lines.map((l) => l.price)],
    );
    // The total is recomputed from the items in SQL and must match the planned exact total.
    const check = await client.query<{ ok: boolean }>(
      'SELECT sum(quantity * price) = $2::numeric AS ok FROM order_items WHERE order_id = $1',
      [orderId, order.total],
    );
    if (!check.rows[0]?.ok) throw new Error(`order total ${order.total} does not match its items`);
    const stock = await client.query(
      `UPDATE products p SET stock = p.stock - v.q FROM unnest($1::int[], $2::int[]) AS v(id, q)
       WHERE p.product_id = v.id AND p.stock >= v.q AND p.is_active`,
      [lines.map((l) => l.productId), lines.map((l) => l.quantity)],
    );
    if (stock.rowCount !== lines.length) throw new Error('insufficient stock or inactive product');
    await client.query(
      `INSERT INTO payments (order_id, customer_id, payment_date, payment_method, amount, status, transaction_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'pending', $6, $3, $3)`,
      [
        orderId,
        order.customerId,
        at,
        order.paymentMethod,
        order.total,
        transactionId(orderId, order.reference),
      ],
    );
    await client.query(
      `INSERT INTO shipments (order_id, customer_id, address, city, country, zip_code, status, tracking_number, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'Vietnam', $5, 'preparing', $6, $7, $7)`,
      [
        orderId,
        order.customerId,
        order.address,
        order.city,
        order.zipCode,
        trackingNumber(orderId, order.reference),
        at,
      ],
    );
    if (order.cartProductIds.length > 0) {
      await client.query('DELETE FROM carts WHERE customer_id = $1 AND product_id = ANY($2::int[])', [
        order.customerId,
        [...order.cartProductIds],
      ]);
    }
    await this.event(client, event, orderId);
    this.orderIds.set(order.orderId, orderId);
    this.counts.orders++;
    return groundTruthLine(order, orderId, atMs);
  }
}
