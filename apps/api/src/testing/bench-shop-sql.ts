/**
 * Seed statements of the API benchmarks' scratch shop: 15 categories, `products` products (product g in category
 * 1 + g % 15) and `customers` customers, all with generated ids from 1.
 *
 * @example
 * ```ts
 * const db = await createTestDatabase([...benchCatalogueSql(200, 1000), 'ANALYZE']);
 * ```
 */
export function benchCatalogueSql(products: number, customers: number): string[] {
  return [
    `INSERT INTO categories (name) SELECT 'Category ' || g FROM generate_series(1, 15) g`,
    `INSERT INTO products (sku, name, price, stock, category_id)
     SELECT 'SKU-' || g, 'Product ' || g, (100000 + g * 1000)::numeric(14,2), 100, 1 + g % 15 FROM generate_series(1, ${products}) g`,
    `INSERT INTO customers (first_name, last_name, email, password)
     SELECT 'Khách', 'Hàng ' || g, 'customer' || g || '@example.vn',
            '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW' FROM generate_series(1, ${customers}) g`,
  ];
}
