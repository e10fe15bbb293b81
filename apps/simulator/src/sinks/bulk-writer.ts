import type pg from 'pg';
import type { Progress } from '../cli/progress.js';
import { bulkInsert, shopColumns } from '../db/bulk-insert.js';
import { syncIdentity } from '../db/clear-tables.js';
import type { ShopState } from '../simulation/shop-state.js';
import type { SimEvent, SimOp } from '../simulation/sim-ops.js';
import { groundTruthLine, type GroundTruthLine } from './ground-truth.js';
import { ORDER_TABLES, type OrderRecord } from './order-tables.js';

/** Rows a bulk write produced, per table. */
export type BulkCounts = Record<
  | 'orders'
  | 'order_items'
  | 'payments'
  | 'shipments'
  | 'customer_events'
  | 'carts'
  | 'wishlists'
  | 'products',
  number
>;

/** Columnar buffer of customer events (1 M events stay compact). */
class EventColumns {
  readonly time: Date[] = [];
  readonly type: string[] = [];
  readonly customer: number[] = [];
  readonly session: string[] = [];
  readonly product: (number | null)[] = [];
  readonly category: (number | null)[] = [];
  readonly order: (number | null)[] = [];
  readonly quantity: (number | null)[] = [];
  add(e: SimEvent): void {
    this.time.push(new Date(e.at));
    this.type.push(e.type);
    this.customer.push(e.customerId);
    this.session.push(e.sessionId);
    this.product.push(e.productId ?? null);
    this.category.push(e.categoryId ?? null);
    this.order.push(e.orderId ?? null);
    this.quantity.push(e.quantity ?? null);
  }
  get length(): number {
    return this.time.length;
  }
}

/**
 * Collects the operations of a back-dated (historical) simulation in memory and writes them in ONE transaction with
 * batched multi-row inserts: each order once, with its status as of the end of the history and back-dated
 * `order_date`/`created_at`/`updated_at` (no UPDATE storm), its items, payment and shipment; every customer event
 * with its own `event_time`; the final cart lines and wishlists; the final stock. Order ids are the simulation's, so
 * the run is reproducible; the identity sequence is moved past them.
 *
 * @example
 * const writer = new BulkWriter();
 * for (const op of engine.run()) writer.add(op);
 * await writer.flush(client, state, progress);
 */
export class BulkWriter {
  private readonly orders = new Map<number, OrderRecord>();
  private readonly events = new EventColumns();
  /** `${customer}:${product}` → cart line after the run (quantity 0 = removed). */
  private readonly carts = new Map<string, { quantity: number; addedAt: number; updatedAt: number }>();
  private readonly touchedCartCustomers = new Set<number>();
  private readonly wishlists: { customerId: number; productId: number; at: number }[] = [];
  private readonly restocked = new Set<number>();

  /** Buffers one operation. */
  add(op: SimOp): void {
    switch (op.kind) {
      case 'event':
        this.events.add(op.event);
        return;
      case 'cart_set': {
        const key = `${op.customerId}:${op.productId}`;
        const line = this.carts.get(key);
        this.carts.set(key, {
          quantity: op.quantity,
          addedAt: line && line.quantity > 0 ? line.addedAt : op.at,
          updatedAt: op.at,
        });
        this.touchedCartCustomers.add(op.customerId);
        this.events.add(op.event);
        return;
      }
      case 'cart_delete':
        this.carts.set(`${op.customerId}:${op.productId}`, { quantity: 0, addedAt: op.at, updatedAt: op.at });
        this.touchedCartCustomers.add(op.customerId);
        this.events.add(op.event);
        return;
      case 'wishlist_add':
        this.wishlists.push({ customerId: op.customerId, productId: op.productId, at: op.at });
        this.events.add(op.event);
        return;
      case 'place_order': {
        const { order } = op;
        for (const productId of order.cartProductIds) {
          this.carts.set(`${order.customerId}:${productId}`, {
            quantity: 0,
            addedAt: op.at,
            updatedAt: op.at,
          });
          this.touchedCartCustomers.add(order.customerId);
        }
        for (const line of order.lines) this.restocked.add(line.productId);
        this.orders.set(order.orderId, {
          order,
          placedAt: op.at,
          status: 'pending',
          payment: 'pending',
          shipment: 'preparing',
          shipmentDate: null,
          updatedAt: op.at,
          paymentUpdatedAt: op.at,
          shipmentUpdatedAt: op.at,
        });
        this.events.add(op.event);
        return;
      }
      case 'order_update': {
        const record = this.orders.get(op.update.orderId);
        if (!record) return;
        const { update } = op;
        if (update.order) {
          record.status = update.order;
          record.updatedAt = op.at;
        }
        if (update.payment) {
          record.payment = update.payment;
          record.paymentUpdatedAt = op.at;
        }
        if (update.shipment) {
          if (update.shipment === 'in_transit') record.shipmentDate = op.at;
          record.shipment = update.shipment;
          record.shipmentUpdatedAt = op.at;
        }
        if (op.event) this.events.add(op.event);
        return;
      }
      case 'restock':
        this.restocked.add(op.productId);
        return;
    }
  }

  /** Ground truth of the injected fraud orders, in order-time order. */
  groundTruth(): GroundTruthLine[] {
    const lines: GroundTruthLine[] = [];
    for (const record of this.orders.values()) {
      const line = groundTruthLine(record.order, record.order.orderId, record.placedAt);
      if (line) lines.push(line);
    }
    return lines;
  }

  /**
   * Writes everything on `client` (the caller owns the transaction), parents before children.
   *
   * @example
   * await inTransaction(pool, (client) => writer.flush(client, state, progress));
   */
  async flush(client: pg.ClientBase, state: ShopState, progress: Progress): Promise<BulkCounts> {
    const records = [...this.orders.values()];
    const insert = async (
      table: string,
      columns: Parameters<typeof bulkInsert>[2],
      rows: unknown[][],
      onConflict?: string,
    ) => {
      progress.start(`write ${table}`, rows.length);
      const n = await bulkInsert(client, table, columns, rows, {
        batchSize: 10_000,
        onConflict,
        onProgress: (done) => progress.update(done),
      });
      progress.stop();
      return n;
    };
    const counts: BulkCounts = {
      orders: 0,
      order_items: 0,
      payments: 0,
      shipments: 0,
      customer_events: 0,
      carts: 0,
      wishlists: 0,
      products: 0,
    };
    for (const spec of ORDER_TABLES) {
      counts[spec.table] = await insert(
        spec.table,
        spec.columns,
        records.flatMap((r) => spec.rows(r, new Date(r.placedAt))),
      );
      if (spec.table === 'orders' && records.length > 0) await syncIdentity(client, 'orders', 'order_id');
    }
    const e = this.events;
    progress.start('write customer_events', e.length);
    const EVENT_BATCH = 20_000;
    for (let from = 0; from < e.length; from += EVENT_BATCH) {
      const to = Math.min(from + EVENT_BATCH, e.length);
      await client.query(
        `INSERT INTO customer_events (event_time, event_type, customer_id, session_id, product_id, category_id, order_id, quantity, created_at)
         SELECT t, ty, c, s, p, ca, o, q, t FROM unnest($1::timestamptz[], $2::text[], $3::int[], $4::uuid[], $5::int[], $6::int[], $7::int[], $8::int[]) AS u(t, ty, c, s, p, ca, o, q)`,
        [
          e.time.slice(from, to),
          e.type.slice(from, to),
          e.customer.slice(from, to),
          e.session.slice(from, to),
          e.product.slice(from, to),
          e.category.slice(from, to),
          e.order.slice(from, to),
          e.quantity.slice(from, to),
        ],
      );
      progress.update(to);
    }
    progress.stop();
    counts.customer_events = e.length;
    if (this.touchedCartCustomers.size > 0) {
      await client.query('DELETE FROM carts WHERE customer_id = ANY($1::int[])', [
        [...this.touchedCartCustomers],
      ]);
      const finalLines: unknown[][] = [];
      for (const customerId of [...this.touchedCartCustomers].sort((a, b) => a - b)) {
        const cart = state.cartOf(customerId);
        for (const [productId, quantity] of [...cart].sort((a, b) => a[0] - b[0])) {
          const line = this.carts.get(`${customerId}:${productId}`);
          const added = new Date(line?.addedAt ?? Date.now());
          finalLines.push([
            customerId,
            productId,
            quantity,
            added,
            new Date(line?.updatedAt ?? added.getTime()),
          ]);
        }
      }
      counts.carts = await insert(
        'carts',
        shopColumns('carts', ['customer_id', 'product_id', 'quantity', 'added_at', 'updated_at']),
        finalLines,
      );
    }
    counts.wishlists = await insert(
      'wishlists',
      shopColumns('wishlists', ['customer_id', 'product_id', 'added_at', 'updated_at']),
      this.wishlists.map((w) => [w.customerId, w.productId, new Date(w.at), new Date(w.at)]),
      'ON CONFLICT (customer_id, product_id) DO NOTHING',
    );
    const stock = [...this.restocked]
      .sort((a, b) => a - b)
      .map((id) => [id, state.products.get(id)?.stock ?? 0]);
    if (stock.length > 0) {
      const result = await client.query(
        `UPDATE products p SET stock = v.stock FROM unnest($1::int[], $2::int[]) AS v(id, stock)
         WHERE p.product_id = v.id AND p.stock IS DISTINCT FROM v.stock`,
        [stock.map((s) => s[0]), stock.map((s) => s[1])],
      );
      counts.products = result.rowCount ?? 0;
    }
    return counts;
  }
}
