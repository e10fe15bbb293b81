import type { Interaction } from '@ecom/recommendations';
import type { Queryable } from '../db.js';

/** What training and publishing read from the shop database. */
export interface ShopInteractions {
  readonly interactions: Interaction[];
  /** Product id → category id, for every catalogue product. */
  readonly productCategories: Map<number, number>;
}

const ms = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8 AS at`;

/**
 * Reads every interaction before `asOf` from the shop tables, as the original's feature job: order lines
 * (`purchase`, basket = order id, quantity), cart lines (`cart`), wishlist entries (`wishlist`) and
 * `view_product` customer events (`view`); and each product's category.
 *
 * @example
 * ```ts
 * const { interactions, productCategories } = await readShopInteractions(pool, Date.now());
 * ```
 */
export async function readShopInteractions(db: Queryable, asOf: number): Promise<ShopInteractions> {
  const cutoff = [asOf];
  const interactions: Interaction[] = [];
  type Row = { customer_id: number; product_id: number; quantity?: number; basket?: number; at: number };
  const add = (type: Interaction['type'], rows: Row[]): void => {
    for (const r of rows)
      interactions.push({
        customerId: r.customer_id,
        productId: r.product_id,
        type,
        at: r.at,
        ...(r.quantity === undefined ? {} : { quantity: r.quantity }),
        ...(r.basket === undefined ? {} : { basketId: r.basket }),
      });
  };
  const before = (column: string) => `${column} < to_timestamp($1 / 1000.0)`;
  add(
    'purchase',
    (
      await db.query<Row>(
        `SELECT o.customer_id, i.product_id, i.quantity, o.order_id AS basket, ${ms('o.order_date')}
         FROM order_items i JOIN orders o ON o.order_id = i.order_id WHERE ${before('o.order_date')}`,
        cutoff,
      )
    ).rows,
  );
  add(
    'cart',
    (
      await db.query<Row>(
        `SELECT customer_id, product_id, quantity, ${ms('added_at')} FROM carts WHERE ${before('added_at')}`,
        cutoff,
      )
    ).rows,
  );
  add(
    'wishlist',
    (
      await db.query<Row>(
        `SELECT customer_id, product_id, ${ms('added_at')} FROM wishlists WHERE ${before('added_at')}`,
        cutoff,
      )
    ).rows,
  );
  add(
    'view',
    (
      await db.query<Row>(
        `SELECT customer_id, product_id, ${ms('event_time')} FROM customer_events
         WHERE event_type = 'view_product' AND product_id IS NOT NULL AND ${before('event_time')}`,
        cutoff,
      )
    ).rows,
  );
  const products = await db.query<{ product_id: number; category_id: number }>(
    'SELECT product_id, category_id FROM products',
  );
  return {
    interactions,
    productCategories: new Map(products.rows.map((p) => [p.product_id, p.category_id])),
  };
}
