import type pg from 'pg';
import { cityOfAddress } from '../catalogue/generate-customers.js';
import { VIETNAM_CITIES } from '../catalogue/vietnam-places.js';
import type { ShopSnapshot } from '../simulation/shop-state.js';

/**
 * Reads what a simulation starts from, ordered by id so the same database gives the same snapshot: customers
 * (with the city and a postal code of their address), products with stock, categories, cart lines, wishlists and
 * the largest order id.
 *
 * @example
 * const snapshot = await loadSnapshot(pool);
 * snapshot.customers.length; // 100
 */
export async function loadSnapshot(pool: pg.Pool): Promise<ShopSnapshot> {
  const [customers, products, categories, carts, wishlists, orders] = await Promise.all([
    pool.query<{ customer_id: number; address: string | null }>(
      'SELECT customer_id, address FROM customers ORDER BY customer_id',
    ),
    pool.query<{ product_id: number; category_id: number; price: string; stock: number; is_active: boolean }>(
      'SELECT product_id, category_id, price::text AS price, stock, is_active FROM products ORDER BY product_id',
    ),
    pool.query<{ category_id: number }>('SELECT category_id FROM categories ORDER BY category_id'),
    pool.query<{ customer_id: number; product_id: number; quantity: number }>(
      'SELECT customer_id, product_id, quantity FROM carts ORDER BY customer_id, product_id',
    ),
    pool.query<{ customer_id: number; product_id: number }>(
      'SELECT customer_id, product_id FROM wishlists ORDER BY customer_id, product_id',
    ),
    pool.query<{ max: number | null }>('SELECT max(order_id) AS max FROM orders'),
  ]);
  const postal = new Map(VIETNAM_CITIES.map(({ city }) => [city.name, city.postalPrefix]));
  return {
    customers: customers.rows.map((c) => {
      const city = cityOfAddress(c.address);
      const prefix = postal.get(city);
      return {
        customerId: c.customer_id,
        address: c.address ?? `${c.customer_id} Lê Lợi, Quận 1, TP. Hồ Chí Minh`,
        city,
        zipCode: prefix ? `${prefix}${String((c.customer_id * 37) % 1000).padStart(3, '0')}` : null,
      };
    }),
    products: products.rows.map((p) => ({
      productId: p.product_id,
      categoryId: p.category_id,
      price: p.price,
      stock: p.stock,
      isActive: p.is_active,
    })),
    categoryIds: categories.rows.map((c) => c.category_id),
    carts: carts.rows.map((c) => ({
      customerId: c.customer_id,
      productId: c.product_id,
      quantity: c.quantity,
    })),
    wishlists: wishlists.rows.map((w) => ({ customerId: w.customer_id, productId: w.product_id })),
    maxOrderId: orders.rows[0]?.max ?? 0,
  };
}
