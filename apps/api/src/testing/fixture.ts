// A small, hand-written shop for the API integration tests, inserted with plain SQL (explicit ids, fixed times).

/**
 * A syntactically valid bcrypt hash; the API must never return it.
 *
 * @example
 * ```ts
 * import { expect } from '@jest/globals';
 * import request from 'supertest';
 * const res = await request(app).get('/customers/1');
 * expect(res.text).not.toContain(FIXTURE_PASSWORD_HASH);
 * ```
 */
export const FIXTURE_PASSWORD_HASH = '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW';

/**
 * Session id of the fixture's first customer's events.
 *
 * @example
 * ```ts
 * import request from 'supertest';
 * await request(app).get(`/customer_events?session_id=${FIXTURE_SESSION}`);
 * ```
 */
export const FIXTURE_SESSION = '0f8b6c1e-3d2a-4c5b-9e7f-1a2b3c4d5e6f';

/**
 * Counts of rows per table in the fixture.
 *
 * @example
 * ```ts
 * FIXTURE_COUNTS.orders; // 6
 * ```
 */
export const FIXTURE_COUNTS = {
  categories: 3,
  products: 5,
  customers: 3,
  orders: 6,
  order_items: 8,
  payments: 5,
  shipments: 3,
  carts: 3,
  wishlists: 2,
  customer_events: 7,
  fraud_alerts: 4,
  fraud_rules: 2,
} as const;

/**
 * Statements inserting the fixture, in foreign-key order, then moving every identity sequence past the explicit ids.
 *
 * @example
 * ```ts
 * const db = await createTestDatabase(FIXTURE_SQL);
 * ```
 */
export const FIXTURE_SQL = [
  `INSERT INTO categories (category_id, name, description, created_at) VALUES
     (1, 'Điện thoại', 'Smartphones', '2025-01-01T00:00:00Z'),
     (2, 'Laptop', 'Laptops', '2025-01-01T00:00:01Z'),
     (3, 'Phụ kiện', NULL, '2025-01-01T00:00:02Z')`,
  `INSERT INTO products (product_id, sku, name, description, price, stock, category_id, is_active, created_at) VALUES
     (1, 'PHONE-001', 'iPhone 15 Pro Max', 'Flagship', '34990000.00', 12, 1, true, '2025-01-02T00:00:00Z'),
     (2, 'PHONE-002', 'Samsung Galaxy S24', NULL, '22990000.00', 5, 1, true, '2025-01-02T00:00:01Z'),
     (3, 'LAPTOP-001', 'MacBook Pro 16', NULL, '62990000.00', 3, 2, true, '2025-01-02T00:00:02Z'),
     (4, 'ACC-001', 'Ốp lưng silicon', NULL, '199000.00', 100, 3, true, '2025-01-02T00:00:03Z'),
     (5, 'ACC-002', 'Sạc nhanh 20W (ngừng bán)', NULL, '490000.50', 0, 3, false, '2025-01-02T00:00:04Z')`,
  `INSERT INTO customers (customer_id, first_name, last_name, email, password, address, phone_number, created_at) VALUES
     (1, 'An', 'Nguyễn', 'an.nguyen@example.vn', '${FIXTURE_PASSWORD_HASH}', '12 Lê Lợi, Quận 1', '0901234567', '2025-01-03T00:00:00Z'),
     (2, 'Lan', 'Trần', 'lan.tran@example.vn', '${FIXTURE_PASSWORD_HASH}', NULL, NULL, '2025-01-04T00:00:00Z'),
     (3, 'Minh', 'Lê', 'minh.le@example.vn', '${FIXTURE_PASSWORD_HASH}', '5 Hàng Bài', '0912345678', '2025-01-05T00:00:00Z')`,
  // Order 3 is 125,980,000 VND: it would overflow the original's NUMERIC(10,2).
  `INSERT INTO orders (order_id, customer_id, order_date, total_price, status) VALUES
     (1, 1, '2025-03-01T09:00:00.123456Z', '35189000.00', 'delivered'),
     (2, 1, '2025-03-02T10:00:00Z', '22990000.00', 'paid'),
     (3, 2, '2025-03-03T11:00:00Z', '125980000.00', 'shipped'),
     (4, 2, '2025-03-03T11:00:00Z', '199000.00', 'pending'),
     (5, 3, '2025-03-05T12:00:00Z', '490000.50', 'cancelled'),
     (6, 3, '2025-03-06T13:00:00Z', '69970000.00', 'paid')`,
  `INSERT INTO order_items (order_item_id, order_id, product_id, quantity, price) VALUES
     (1, 1, 1, 1, '34990000.00'),
     (2, 1, 4, 1, '199000.00'),
     (3, 2, 2, 1, '22990000.00'),
     (4, 3, 3, 2, '62990000.00'),
     (5, 4, 4, 1, '199000.00'),
     (6, 5, 5, 1, '490000.50'),
     (7, 6, 1, 2, '34990000.00'),
     (8, 6, 2, 1, '0.00')`,
  `INSERT INTO payments (payment_id, order_id, customer_id, payment_date, payment_method, amount, status, transaction_id) VALUES
     (1, 1, 1, '2025-03-01T09:01:00Z', 'credit_card', '35189000.00', 'completed', 'TX-0001'),
     (2, 2, 1, '2025-03-02T10:01:00Z', 'paypal', '22990000.00', 'completed', 'TX-0002'),
     (3, 3, 2, '2025-03-03T11:01:00Z', 'bank_transfer', '125980000.00', 'completed', 'TX-0003'),
     (4, 5, 3, '2025-03-05T12:01:00Z', 'debit_card', '490000.50', 'refunded', 'TX-0005'),
     (5, 6, 3, '2025-03-06T13:01:00Z', 'credit_card', '69970000.00', 'completed', NULL)`,
  `INSERT INTO shipments (shipment_id, order_id, customer_id, shipment_date, address, city, status, tracking_number, created_at) VALUES
     (1, 1, 1, '2025-03-01T15:00:00Z', '12 Lê Lợi, Quận 1', 'Hồ Chí Minh', 'delivered', 'VN-TRACK-1', '2025-03-01T09:02:00Z'),
     (2, 3, 2, '2025-03-03T16:00:00Z', '1 Tràng Tiền', 'Hà Nội', 'in_transit', 'VN-TRACK-3', '2025-03-03T11:02:00Z'),
     (3, 6, 3, NULL, '5 Hàng Bài', 'Hà Nội', 'preparing', NULL, '2025-03-06T13:02:00Z')`,
  `INSERT INTO carts (cart_id, customer_id, product_id, quantity, added_at) VALUES
     (1, 1, 3, 1, '2025-03-07T08:00:00Z'),
     (2, 2, 1, 2, '2025-03-07T08:01:00Z'),
     (3, 2, 4, 3, '2025-03-07T08:02:00Z')`,
  `INSERT INTO wishlists (wishlist_id, customer_id, product_id, added_at) VALUES
     (1, 1, 2, '2025-03-07T09:00:00Z'),
     (2, 3, 3, '2025-03-07T09:01:00Z')`,
  `INSERT INTO customer_events (event_id, event_time, event_type, customer_id, session_id, product_id, category_id, order_id, quantity) VALUES
     (1, '2025-03-01T08:55:00Z', 'browse_category', 1, '${FIXTURE_SESSION}', NULL, 1, NULL, NULL),
     (2, '2025-03-01T08:56:00Z', 'view_product', 1, '${FIXTURE_SESSION}', 1, NULL, NULL, NULL),
     (3, '2025-03-01T08:57:00Z', 'add_to_cart', 1, '${FIXTURE_SESSION}', 1, NULL, NULL, 1),
     (4, '2025-03-01T09:00:00Z', 'place_order', 1, '${FIXTURE_SESSION}', NULL, NULL, 1, NULL),
     (5, '2025-03-01T09:01:00Z', 'payment', 1, '${FIXTURE_SESSION}', NULL, NULL, 1, NULL),
     (6, '2025-03-01T15:00:00Z', 'shipment_update', 1, '${FIXTURE_SESSION}', NULL, NULL, 1, NULL),
     (7, '2025-03-07T08:00:00Z', 'view_product', 2, 'a1b2c3d4-0000-4000-8000-000000000001', 3, NULL, NULL, NULL)`,
  `INSERT INTO fraud_rules (id, definition, state, updated_at) VALUES
     ('velocity-1m', '{"id": "velocity-1m", "kind": "velocity", "state": "active", "params": {"maxOrders": 5, "windowMinutes": 1, "window": "look-back"}}', 'active', '2025-03-01T00:00:00Z'),
     ('high-value', '{"id": "high-value", "kind": "high-value", "state": "paused", "params": {"threshold": "10000000.00"}}', 'paused', '2025-03-02T00:00:00Z')`,
  `INSERT INTO fraud_alerts (id, rule_id, customer_id, severity, event_time, summary, evidence, created_at) VALUES
     ('high-value/1/o1', 'high-value', 1, 'high', '2025-03-01T09:00:00Z', 'order 1 above 10000000.00', '{"orderIds": [1], "amounts": ["12500000.00"]}', '2025-03-01T09:00:06Z'),
     ('velocity-1m/1/o3', 'velocity-1m', 1, 'medium', '2025-03-01T09:05:00Z', '6 orders in 1 min', '{"orderIds": [1, 2, 3]}', '2025-03-01T09:05:06Z'),
     ('velocity-1m/1/w1740819900000', 'velocity-1m', 1, 'medium', '2025-03-01T09:06:00Z', '6 orders in the minute', '{"orderIds": [1, 2, 3]}', '2025-03-01T09:06:06Z'),
     ('high-value/2/o4', 'high-value', 2, 'high', '2025-03-02T10:00:00Z', 'order 4 above 10000000.00', '{"orderIds": [4], "amounts": ["15000000.00"]}', '2025-03-02T10:00:06Z')`,
  ...[
    ['categories', 'category_id'],
    ['products', 'product_id'],
    ['customers', 'customer_id'],
    ['orders', 'order_id'],
    ['order_items', 'order_item_id'],
    ['payments', 'payment_id'],
    ['shipments', 'shipment_id'],
    ['carts', 'cart_id'],
    ['wishlists', 'wishlist_id'],
    ['customer_events', 'event_id'],
  ].map(
    ([table, key]) =>
      `SELECT setval(pg_get_serial_sequence('${table}', '${key}'), (SELECT max(${key}) FROM ${table}))`,
  ),
] as const;
