// Integration test against a REAL PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres).
// It creates a uniquely named temporary database, migrates it, proves every rule bites, reverts and drops it.
// Outside CI an unreachable server skips the suite with a message; with CI=true it fails and says why
// (describeWithPostgres from @ecom/domain/testing).
import pg from 'pg';
import type { DataSource } from 'typeorm';
import {
  ALL_MIGRATIONS,
  SHOP_MIGRATIONS_TABLE,
  appliedShopMigrations,
  createShopDataSource,
  resetShopSchema,
  revertAllShopMigrations,
  runShopMigrations,
  shopEntities,
} from './index.js';
import { LIFECYCLES, SHOP_TABLE_NAMES, canTransition, shopTables, type Lifecycle } from '../index.js';
import { BCRYPT_HASH, SESSION_ID } from '../../test/rows.js';
import { createTempDatabase, describeWithPostgres, type TempDatabase } from '../testing/index.js';

interface PgError {
  code: string;
  constraint?: string;
  column?: string;
  message: string;
}

describeWithPostgres({ describe, it }, '@ecom/domain migrations against PostgreSQL', () => {
  let temp: TempDatabase | undefined;
  let db: pg.Client;
  let dataSource: DataSource;

  /** Runs `sql`, expecting PostgreSQL to refuse it; returns the error's SQLSTATE and constraint. */
  async function refusal(
    sql: string,
    params: unknown[] = [],
  ): Promise<Pick<PgError, 'code' | 'constraint' | 'column'>> {
    try {
      await db.query(sql, params);
    } catch (error) {
      const { code, constraint, column } = error as PgError;
      return { code, constraint, column };
    }
    throw new Error(`expected PostgreSQL to refuse: ${sql}`);
  }
  const one = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T> =>
    (await db.query(sql, params)).rows[0] as T;

  let customerId: number;
  let categoryId: number;
  let productId: number;
  let orderId: number;

  beforeAll(async () => {
    temp = await createTempDatabase({ prefix: 'ecom_domain_test' });
    dataSource = createShopDataSource({ url: temp.url });
    await dataSource.initialize();
    db = new pg.Client({ connectionString: temp.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await temp?.drop();
  });

  describe('applying the migrations', () => {
    it('runs every migration once and records it', async () => {
      expect(await runShopMigrations(dataSource)).toEqual(ALL_MIGRATIONS.map((Migration) => Migration.name));
      expect(await runShopMigrations(dataSource)).toEqual([]);
      expect(await appliedShopMigrations(dataSource)).toEqual(
        ALL_MIGRATIONS.map((Migration) => Migration.name),
      );
    });

    it('creates exactly the 10 shop tables, the 3 job-state tables, the 2 fraud tables, the delivery ledger and the 2 recommendation tables', async () => {
      const { rows } = await db.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> $1 ORDER BY table_name",
        [SHOP_MIGRATIONS_TABLE],
      );
      expect(rows.map((row) => row.table_name)).toEqual(
        [
          ...SHOP_TABLE_NAMES,
          'job_checkpoints',
          'job_outbox',
          'job_results',
          'fraud_alerts',
          'fraud_rules',
          'alert_deliveries',
          'recommendation_lists',
          'recommendation_models',
        ].sort(),
      );
    });

    it.each(SHOP_TABLE_NAMES)(
      '%s columns match the column hints (type, nullability, order)',
      async (table) => {
        const { rows } = await db.query<{ name: string; type: string; not_null: boolean }>(
          `SELECT attname AS name, format_type(atttypid, atttypmod) AS type, attnotnull AS not_null
           FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
          [table],
        );
        const expected = Object.entries(shopTables[table].columns).map(([name, hint]) => ({
          name,
          type: hint.sqlType,
          not_null: !hint.nullable,
        }));
        expect(rows).toEqual(expected);
      },
    );

    it('uses REPLICA IDENTITY FULL exactly where the registry says', async () => {
      const { rows } = await db.query<{ relname: string; relreplident: string }>(
        'SELECT relname, relreplident FROM pg_class WHERE relname = ANY($1) ORDER BY relname',
        [SHOP_TABLE_NAMES],
      );
      for (const row of rows) {
        const full = shopTables[row.relname as keyof typeof shopTables].replicaIdentityFull;
        expect([row.relname, row.relreplident]).toEqual([row.relname, full ? 'f' : 'd']);
      }
    });

    it('indexes every foreign key column', async () => {
      const { rows } = await db.query<{ fk: string }>(
        `SELECT c.conname AS fk FROM pg_constraint c
          WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
            AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])`,
      );
      expect(rows).toEqual([]);
    });
  });

  describe('defaults', () => {
    it('fills every default server-side, so raw SQL inserts get them', async () => {
      ({ category_id: categoryId } = await one<{ category_id: number }>(
        "INSERT INTO categories (name) VALUES ('Điện tử') RETURNING *",
      ));
      const product = await one(
        "INSERT INTO products (sku, name, price, category_id) VALUES ('DIE-000001', 'Sony Laptop Gaming', '18990000', $1) RETURNING *",
        [categoryId],
      );
      expect(product).toMatchObject({ stock: 0, is_active: true, price: '18990000.00' });
      productId = product['product_id'] as number;
      const customer = await one(
        "INSERT INTO customers (first_name, last_name, email, password) VALUES ('Lan', 'Trần', 'lan.tran7@gmail.com', $1) RETURNING *",
        [BCRYPT_HASH],
      );
      customerId = customer['customer_id'] as number;
      expect(customer['created_at']).toBeInstanceOf(Date);
      const order = await one(
        "INSERT INTO orders (customer_id, total_price) VALUES ($1, '37980000') RETURNING *",
        [customerId],
      );
      orderId = order['order_id'] as number;
      expect(order).toMatchObject({ status: 'pending', total_price: '37980000.00' });
      expect(order['order_date']).toBeInstanceOf(Date);
      expect(
        await one(
          'INSERT INTO order_items (order_id, product_id, price) VALUES ($1, $2, 18990000) RETURNING quantity',
          [orderId, productId],
        ),
      ).toEqual({ quantity: 1 });
      expect(
        await one(
          "INSERT INTO payments (order_id, customer_id, payment_method, amount) VALUES ($1, $2, 'paypal', 1) RETURNING status",
          [orderId, customerId],
        ),
      ).toEqual({ status: 'pending' });
      expect(
        await one(
          "INSERT INTO shipments (order_id, customer_id, address, city) VALUES ($1, $2, '1 Lê Lợi', 'Huế') RETURNING status, country",
          [orderId, customerId],
        ),
      ).toEqual({ status: 'preparing', country: 'Vietnam' });
      expect(
        await one('INSERT INTO carts (customer_id, product_id) VALUES ($1, $2) RETURNING quantity', [
          customerId,
          productId,
        ]),
      ).toEqual({ quantity: 1 });
      await db.query('INSERT INTO wishlists (customer_id, product_id) VALUES ($1, $2)', [
        customerId,
        productId,
      ]);
      const event = await one(
        "INSERT INTO customer_events (event_type, customer_id, session_id, product_id) VALUES ('view_product', $1, $2, $3) RETURNING *",
        [customerId, SESSION_ID, productId],
      );
      expect(event['event_id']).toBe('1');
      expect(event['event_time']).toBeInstanceOf(Date);
    });

    it('returns rows that the zod schemas accept unchanged', async () => {
      for (const table of SHOP_TABLE_NAMES) {
        const { rows } = await db.query(`SELECT * FROM ${table}`);
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows)
          expect([table, shopTables[table].schema.safeParse(row).error?.issues]).toEqual([table, undefined]);
      }
    });
  });

  describe('constraints bite', () => {
    const NOT_NULL = '23502';
    const FK = '23503';
    const UNIQUE = '23505';
    const CHECK = '23514';
    const cases: [string, string, () => unknown[], string, string | undefined][] = [
      [
        'duplicate e-mail',
        "INSERT INTO customers (first_name, last_name, email, password) VALUES ('A', 'B', 'lan.tran7@gmail.com', $1)",
        () => [BCRYPT_HASH],
        UNIQUE,
        'customers_email_key',
      ],
      [
        'upper-case e-mail',
        "INSERT INTO customers (first_name, last_name, email, password) VALUES ('A', 'B', 'Lan@Gmail.com', $1)",
        () => [BCRYPT_HASH],
        CHECK,
        'customers_email_format_check',
      ],
      [
        'e-mail with diacritics',
        "INSERT INTO customers (first_name, last_name, email, password) VALUES ('A', 'B', 'nguyễn.an@gmail.com', $1)",
        () => [BCRYPT_HASH],
        CHECK,
        'customers_email_format_check',
      ],
      [
        'plain-text password',
        "INSERT INTO customers (first_name, last_name, email, password) VALUES ('A', 'B', 'a.b@gmail.com', 'password123')",
        () => [],
        CHECK,
        'customers_password_hashed_check',
      ],
      [
        'empty first name',
        "INSERT INTO customers (first_name, last_name, email, password) VALUES ('', 'B', 'a.b@gmail.com', $1)",
        () => [BCRYPT_HASH],
        CHECK,
        'customers_first_name_check',
      ],
      [
        'duplicate category',
        "INSERT INTO categories (name) VALUES ('Điện tử')",
        () => [],
        UNIQUE,
        'categories_name_key',
      ],
      [
        'negative price',
        "INSERT INTO products (sku, name, price, category_id) VALUES ('X-1', 'x', -1, $1)",
        () => [categoryId],
        CHECK,
        'products_price_check',
      ],
      [
        'negative stock',
        "INSERT INTO products (sku, name, price, stock, category_id) VALUES ('X-1', 'x', 1, -1, $1)",
        () => [categoryId],
        CHECK,
        'products_stock_check',
      ],
      [
        'SKU with a space',
        "INSERT INTO products (sku, name, price, category_id) VALUES ('ẨM 123', 'x', 1, $1)",
        () => [categoryId],
        CHECK,
        'products_sku_format_check',
      ],
      [
        'duplicate SKU',
        "INSERT INTO products (sku, name, price, category_id) VALUES ('DIE-000001', 'x', 1, $1)",
        () => [categoryId],
        UNIQUE,
        'products_sku_key',
      ],
      [
        'unknown category',
        "INSERT INTO products (sku, name, price, category_id) VALUES ('X-1', 'x', 1, 999999)",
        () => [],
        FK,
        'products_category_id_fkey',
      ],
      [
        'product without category',
        "INSERT INTO products (sku, name, price) VALUES ('X-1', 'x', 1)",
        () => [],
        NOT_NULL,
        undefined,
      ],
      [
        'order status outside the set',
        "INSERT INTO orders (customer_id, total_price, status) VALUES ($1, 1, 'confirmed')",
        () => [customerId],
        CHECK,
        'orders_status_check',
      ],
      [
        'negative order total',
        'INSERT INTO orders (customer_id, total_price) VALUES ($1, -0.01)',
        () => [customerId],
        CHECK,
        'orders_total_price_check',
      ],
      [
        'order of an unknown customer',
        'INSERT INTO orders (customer_id, total_price) VALUES (999999, 1)',
        () => [],
        FK,
        'orders_customer_id_fkey',
      ],
      [
        'order without customer',
        'INSERT INTO orders (total_price) VALUES (1)',
        () => [],
        NOT_NULL,
        undefined,
      ],
      [
        'zero quantity order line',
        'INSERT INTO order_items (order_id, product_id, quantity, price) VALUES ($1, $2, 0, 1)',
        () => [orderId, productId],
        CHECK,
        'order_items_quantity_check',
      ],
      [
        'negative unit price',
        'INSERT INTO order_items (order_id, product_id, price) VALUES ($1, $2, -1)',
        () => [orderId, productId],
        CHECK,
        'order_items_price_check',
      ],
      [
        'unknown payment method',
        "INSERT INTO payments (order_id, customer_id, payment_method, amount) VALUES ($1, $2, 'cash', 1)",
        () => [orderId, customerId],
        CHECK,
        'payments_payment_method_check',
      ],
      [
        'payment status outside the set',
        "INSERT INTO payments (order_id, customer_id, payment_method, amount, status) VALUES ($1, $2, 'paypal', 1, 'SUCESS')",
        () => [orderId, customerId],
        CHECK,
        'payments_status_check',
      ],
      [
        'negative payment',
        "INSERT INTO payments (order_id, customer_id, payment_method, amount) VALUES ($1, $2, 'paypal', -1)",
        () => [orderId, customerId],
        CHECK,
        'payments_amount_check',
      ],
      [
        'second payment for an order',
        "INSERT INTO payments (order_id, customer_id, payment_method, amount) VALUES ($1, $2, 'paypal', 1)",
        () => [orderId, customerId],
        UNIQUE,
        'payments_order_id_key',
      ],
      [
        'shipment status outside the set',
        "INSERT INTO shipments (order_id, customer_id, address, city, status, shipment_date) VALUES ($1, $2, 'a', 'b', 'shipped', now())",
        () => [orderId, customerId],
        CHECK,
        'shipments_status_check',
      ],
      [
        'shipment in transit without a date',
        "INSERT INTO shipments (order_id, customer_id, address, city, status) VALUES ($1, $2, 'a', 'b', 'in_transit')",
        () => [orderId, customerId],
        CHECK,
        'shipments_shipment_date_check',
      ],
      [
        'second shipment for an order',
        "INSERT INTO shipments (order_id, customer_id, address, city) VALUES ($1, $2, 'a', 'b')",
        () => [orderId, customerId],
        UNIQUE,
        'shipments_order_id_key',
      ],
      [
        'duplicate cart line',
        'INSERT INTO carts (customer_id, product_id, quantity) VALUES ($1, $2, 2)',
        () => [customerId, productId],
        UNIQUE,
        'carts_customer_id_product_id_key',
      ],
      [
        'zero quantity cart line',
        'UPDATE carts SET quantity = 0 WHERE customer_id = $1',
        () => [customerId],
        CHECK,
        'carts_quantity_check',
      ],
      [
        'duplicate wishlist entry',
        'INSERT INTO wishlists (customer_id, product_id) VALUES ($1, $2)',
        () => [customerId, productId],
        UNIQUE,
        'wishlists_customer_id_product_id_key',
      ],
      [
        'unknown event type',
        "INSERT INTO customer_events (event_type, customer_id, session_id, product_id) VALUES ('click', $1, $2, $3)",
        () => [customerId, SESSION_ID, productId],
        CHECK,
        'customer_events_event_type_check',
      ],
      [
        'product event without product',
        "INSERT INTO customer_events (event_type, customer_id, session_id, category_id) VALUES ('add_to_cart', $1, $2, $3)",
        () => [customerId, SESSION_ID, categoryId],
        CHECK,
        'customer_events_subject_check',
      ],
      [
        'browse event without category',
        "INSERT INTO customer_events (event_type, customer_id, session_id, product_id) VALUES ('browse_category', $1, $2, $3)",
        () => [customerId, SESSION_ID, productId],
        CHECK,
        'customer_events_subject_check',
      ],
      [
        'order event without order',
        "INSERT INTO customer_events (event_type, customer_id, session_id, product_id) VALUES ('place_order', $1, $2, $3)",
        () => [customerId, SESSION_ID, productId],
        CHECK,
        'customer_events_subject_check',
      ],
      [
        'zero quantity event',
        "INSERT INTO customer_events (event_type, customer_id, session_id, product_id, quantity) VALUES ('add_to_cart', $1, $2, $3, 0)",
        () => [customerId, SESSION_ID, productId],
        CHECK,
        'customer_events_quantity_check',
      ],
      [
        'event of an unknown customer',
        "INSERT INTO customer_events (event_type, customer_id, session_id, product_id) VALUES ('view_product', 999999, $1, $2)",
        () => [SESSION_ID, productId],
        FK,
        'customer_events_customer_id_fkey',
      ],
    ];

    it.each(cases)('%s', async (_label, sql, params, code, constraint) => {
      expect(await refusal(sql, params())).toMatchObject({ code, constraint });
    });

    it('NUMERIC(14,2) holds 100 M VND and more, up to 999,999,999,999.99', async () => {
      expect(await one("SELECT '100000000.00'::numeric(14,2)::text AS v")).toEqual({ v: '100000000.00' });
      await db.query('UPDATE orders SET total_price = 999999999999.99 WHERE order_id = $1', [orderId]);
      expect(
        await refusal('UPDATE orders SET total_price = 1000000000000 WHERE order_id = $1', [orderId]),
      ).toMatchObject({ code: '22003' });
      await db.query("UPDATE orders SET total_price = '37980000' WHERE order_id = $1", [orderId]);
    });

    it('customer_events is append-only', async () => {
      expect(await refusal("UPDATE customer_events SET event_type = 'add_to_cart'")).toMatchObject({
        code: '55000',
      });
    });

    it('carts upsert on (customer_id, product_id) instead of duplicating', async () => {
      const row = await one<{ quantity: number }>(
        'INSERT INTO carts (customer_id, product_id, quantity) VALUES ($1, $2, 2) ON CONFLICT (customer_id, product_id) DO UPDATE SET quantity = carts.quantity + EXCLUDED.quantity RETURNING quantity',
        [customerId, productId],
      );
      expect(row.quantity).toBe(3);
    });
  });

  describe('status lifecycles are enforced by triggers', () => {
    const tables: Record<Lifecycle, string> = { order: 'orders', payment: 'payments', shipment: 'shipments' };

    async function insertWithStatus(
      lifecycle: Lifecycle,
      status: string,
    ): Promise<{ table: string; id: number }> {
      const order = await one<{ order_id: number }>(
        `INSERT INTO orders (customer_id, total_price, status) VALUES ($1, 1, $2) RETURNING order_id`,
        [customerId, lifecycle === 'order' ? status : 'pending'],
      );
      if (lifecycle === 'order') return { table: 'orders', id: order.order_id };
      if (lifecycle === 'payment') {
        const payment = await one<{ payment_id: number }>(
          "INSERT INTO payments (order_id, customer_id, payment_method, amount, status) VALUES ($1, $2, 'paypal', 1, $3) RETURNING payment_id",
          [order.order_id, customerId, status],
        );
        return { table: 'payments', id: payment.payment_id };
      }
      const shipment = await one<{ shipment_id: number }>(
        "INSERT INTO shipments (order_id, customer_id, address, city, status, shipment_date) VALUES ($1, $2, 'a', 'b', $3, now()) RETURNING shipment_id",
        [order.order_id, customerId, status],
      );
      return { table: 'shipments', id: shipment.shipment_id };
    }

    it.each(Object.keys(tables) as Lifecycle[])(
      '%s: the database allows exactly the moves canTransition allows',
      async (lifecycle) => {
        const statuses = LIFECYCLES[lifecycle].statuses as readonly string[];
        for (const from of statuses) {
          for (const to of statuses) {
            if (from === to) continue;
            await db.query('BEGIN');
            try {
              const { table, id } = await insertWithStatus(lifecycle, from);
              const key = `${table.slice(0, -1)}_id`;
              const outcome = await db
                .query(`UPDATE ${table} SET status = $1 WHERE ${key} = $2`, [to, id])
                .then(
                  () => 'allowed',
                  (error: PgError) => `${error.code} ${error.constraint}`,
                );
              const expected = canTransition(lifecycle, from as never, to as never)
                ? 'allowed'
                : `23514 ${table}_status_transition_check`;
              expect(`${lifecycle} ${from}>${to}: ${outcome}`).toBe(
                `${lifecycle} ${from}>${to}: ${expected}`,
              );
            } finally {
              await db.query('ROLLBACK');
            }
          }
        }
      },
    );

    it('names the move in the error', async () => {
      await db.query('BEGIN');
      try {
        const { id } = await insertWithStatus('order', 'delivered');
        await expect(
          db.query("UPDATE orders SET status = 'pending' WHERE order_id = $1", [id]),
        ).rejects.toThrow('orders status cannot move from "delivered" to "pending"');
      } finally {
        await db.query('ROLLBACK');
      }
    });
  });

  describe('updated_at trigger', () => {
    const changes: Record<string, string> = {
      customers: "first_name = first_name || 'x'",
      categories: "description = coalesce(description, '') || 'x'",
      products: 'stock = stock + 1',
      orders: 'total_price = total_price + 1',
      order_items: 'quantity = quantity + 1',
      payments: "transaction_id = coalesce(transaction_id, 'TXN') || 'x'",
      shipments: "zip_code = coalesce(zip_code, '') || '1'",
      carts: 'quantity = quantity + 1',
      wishlists: "added_at = added_at - interval '1 second'",
    };
    const mutable = SHOP_TABLE_NAMES.filter((table) => shopTables[table].updatedAtColumn !== null);

    it('covers every mutable table', () => {
      expect(Object.keys(changes).sort()).toEqual([...mutable].sort());
    });

    it.each(Object.keys(changes))(
      '%s: bumps on change, keeps explicit values, ignores no-op updates',
      async (table) => {
        const past = new Date('2020-01-01T00:00:00Z');
        await db.query(`UPDATE ${table} SET updated_at = $1`, [past]);
        expect(
          (await one<{ updated_at: Date }>(`SELECT updated_at FROM ${table} LIMIT 1`)).updated_at,
        ).toEqual(past);

        await db.query('BEGIN');
        const { now } = await one<{ now: Date }>('SELECT now()');
        await db.query(`UPDATE ${table} SET ${changes[table]}`);
        const bumped = await one<{ updated_at: Date }>(`SELECT updated_at FROM ${table} LIMIT 1`);
        await db.query('COMMIT');
        expect(bumped.updated_at).toEqual(now);

        await db.query(`UPDATE ${table} SET updated_at = $1`, [past]);
        const firstColumn = Object.keys(shopTables[table as keyof typeof shopTables].columns)[1];
        await db.query(`UPDATE ${table} SET ${firstColumn} = ${firstColumn}`);
        expect(
          (await one<{ updated_at: Date }>(`SELECT updated_at FROM ${table} LIMIT 1`)).updated_at,
        ).toEqual(past);
      },
    );
  });

  describe('foreign keys have explicit ON DELETE behaviour', () => {
    it('every foreign key states its ON DELETE action', async () => {
      const { rows } = await db.query<{ conname: string; confdeltype: string }>(
        "SELECT conname, confdeltype FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace ORDER BY conname",
      );
      const actions = Object.fromEntries(rows.map((row) => [row.conname, row.confdeltype]));
      expect(actions).toEqual({
        alert_deliveries_alert_fkey: 'c',
        carts_customer_id_fkey: 'c',
        carts_product_id_fkey: 'c',
        customer_events_category_id_fkey: 'r',
        customer_events_customer_id_fkey: 'c',
        customer_events_order_id_fkey: 'c',
        customer_events_product_id_fkey: 'r',
        order_items_order_id_fkey: 'c',
        order_items_product_id_fkey: 'r',
        orders_customer_id_fkey: 'r',
        payments_customer_id_fkey: 'r',
        payments_order_id_fkey: 'c',
        products_category_id_fkey: 'r',
        recommendation_lists_model_id_fkey: 'c',
        shipments_customer_id_fkey: 'r',
        shipments_order_id_fkey: 'c',
        wishlists_customer_id_fkey: 'c',
        wishlists_product_id_fkey: 'c',
      });
    });

    it('RESTRICT keeps history: no deleting a customer with orders or a product that was sold', async () => {
      expect(await refusal('DELETE FROM customers WHERE customer_id = $1', [customerId])).toMatchObject({
        code: '23503',
        constraint: 'orders_customer_id_fkey',
      });
      expect(await refusal('DELETE FROM products WHERE product_id = $1', [productId])).toMatchObject({
        code: '23503',
      });
      expect(await refusal('DELETE FROM categories WHERE category_id = $1', [categoryId])).toMatchObject({
        code: '23503',
        constraint: 'products_category_id_fkey',
      });
    });

    it('CASCADE removes an order with its items, payment, shipment and events', async () => {
      await db.query(
        "INSERT INTO customer_events (event_type, customer_id, session_id, order_id) VALUES ('place_order', $1, $2, $3)",
        [customerId, SESSION_ID, orderId],
      );
      await db.query('DELETE FROM orders WHERE order_id = $1', [orderId]);
      for (const table of ['order_items', 'payments', 'shipments', 'customer_events']) {
        expect([
          table,
          (await one<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE order_id = $1`, [orderId]))
            .n,
        ]).toEqual([table, 0]);
      }
    });

    it('CASCADE removes carts, wishlists and events with their customer', async () => {
      await db.query('DELETE FROM orders WHERE customer_id = $1', [customerId]);
      await db.query('DELETE FROM customers WHERE customer_id = $1', [customerId]);
      for (const table of ['carts', 'wishlists', 'customer_events']) {
        expect([table, (await one<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).n]).toEqual([
          table,
          0,
        ]);
      }
    });
  });

  describe('TypeORM entities', () => {
    it('insert and read typed rows that the zod schemas accept', async () => {
      const customers = dataSource.getRepository(shopEntities.customers);
      const saved = await customers.save({
        first_name: 'Minh',
        last_name: 'Lê',
        email: 'minh.le@yahoo.com',
        password: BCRYPT_HASH,
      });
      expect(saved.customer_id).toEqual(expect.any(Number));
      expect(saved.created_at).toBeInstanceOf(Date);

      const categories = dataSource.getRepository(shopEntities.categories);
      const category = await categories.save({ name: 'Sách' });
      const products = dataSource.getRepository(shopEntities.products);
      const product = await products.save({
        sku: 'SAC-000001',
        name: 'Tiểu thuyết',
        price: '120000.50',
        category_id: category.category_id,
      });
      expect(product.is_active).toBe(true);

      const events = dataSource.getRepository(shopEntities.customer_events);
      const event = await events.save({
        event_type: 'view_product',
        customer_id: saved.customer_id,
        session_id: SESSION_ID,
        product_id: product.product_id,
      });
      expect(typeof event.event_id).toBe('string');

      const order = await dataSource
        .getRepository(shopEntities.orders)
        .save({ customer_id: saved.customer_id, total_price: '120000.50', status: 'paid' });
      expect(order.order_date).toBeInstanceOf(Date);

      const loaded = await products.findOneByOrFail({ product_id: product.product_id });
      expect(loaded.price).toBe('120000.50');
      expect(shopTables.products.schema.parse(loaded)).toEqual(loaded);
      expect(
        shopTables.customers.schema.parse(
          await customers.findOneByOrFail({ customer_id: saved.customer_id }),
        ),
      ).toMatchObject({ email: 'minh.le@yahoo.com' });
      expect(
        shopTables.customer_events.schema.parse(await events.findOneByOrFail({ event_id: event.event_id })),
      ).toMatchObject({ event_type: 'view_product' });
    });
  });

  describe('reverting', () => {
    it('resetShopSchema drops the data and recreates empty tables', async () => {
      expect(await resetShopSchema(dataSource)).toHaveLength(ALL_MIGRATIONS.length);
      expect(await one('SELECT count(*)::int AS n FROM customers')).toEqual({ n: 0 });
    });

    it('revertAllShopMigrations leaves no table, function or trigger behind', async () => {
      await revertAllShopMigrations(dataSource);
      expect(await appliedShopMigrations(dataSource)).toEqual([]);
      const tables = await db.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> $1",
        [SHOP_MIGRATIONS_TABLE],
      );
      expect(tables.rows).toEqual([]);
      const functions = await db.query("SELECT proname FROM pg_proc WHERE proname LIKE 'ecom\\_%'");
      expect(functions.rows).toEqual([]);
      const sequences = await db.query(
        "SELECT relname FROM pg_class WHERE relkind = 'S' AND relnamespace = 'public'::regnamespace AND relname LIKE 'job\\_%'",
      );
      expect(sequences.rows).toEqual([]);
    });
  });
});
