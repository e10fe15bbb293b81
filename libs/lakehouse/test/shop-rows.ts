/**
 * Rows of every shop table for the round-trip specs: typical values, nulls in every nullable column, the money
 * edges (0.01, 9999999999.99 and NUMERIC(14,2)'s maximum), text with leading zeros and Vietnamese letters,
 * timestamps with microseconds (ISO strings, as Debezium sends them) and as `Date`s (node-postgres), and an int8
 * id beyond 2^53. `expected` is what a reader must give back: decimals as exact strings, timestamps as ISO UTC
 * with six fraction digits.
 */
import type { ShopTableName } from '@ecom/domain';

export interface ShopRowsCase {
  rows: Record<string, unknown>[];
  expected: Record<string, unknown>[];
}

const T1 = '2026-11-25T07:30:00.123456Z';
const T2 = '1999-12-31T23:59:59.999999Z';
const D1 = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
/** An offset instant and its UTC form. */
const OFFSET = '2026-11-25T14:30:00.000001+07:00';
const OFFSET_UTC = '2026-11-25T07:30:00.000001Z';

const iso = (v: unknown): unknown =>
  v instanceof Date ? `${v.toISOString().slice(0, -1)}000Z` : v === OFFSET ? OFFSET_UTC : v;

function shopCase(rows: Record<string, unknown>[]): ShopRowsCase {
  return {
    rows,
    expected: rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, iso(v)]))),
  };
}

export const SHOP_ROWS: Record<ShopTableName, ShopRowsCase> = {
  customers: shopCase([
    {
      customer_id: 1,
      first_name: 'Nguyễn',
      last_name: 'Văn An',
      email: 'an@example.vn',
      password: '$2b$10$abcdefghijklmnopqrstuv',
      address: '12 Lê Lợi, Quận 1',
      phone_number: '0912345678',
      created_at: T1,
      updated_at: D1,
    },
    {
      customer_id: 2_147_483_647,
      first_name: 'B',
      last_name: 'C',
      email: 'b@example.vn',
      password: 'x',
      address: null,
      phone_number: null,
      created_at: T2,
      updated_at: OFFSET,
    },
  ]),
  categories: shopCase([
    {
      category_id: 1,
      name: 'Điện thoại',
      description: 'Smartphones; "quoted", emoji 📱',
      created_at: T1,
      updated_at: T1,
    },
    { category_id: 2, name: 'Sách', description: null, created_at: D1, updated_at: D1 },
  ]),
  products: shopCase([
    {
      product_id: 1,
      sku: '000123-A',
      name: 'Áo dài',
      description: 'lụa',
      price: '0.01',
      stock: 0,
      category_id: 1,
      is_active: true,
      created_at: T1,
      updated_at: T1,
    },
    {
      product_id: 2,
      sku: 'SKU-2',
      name: 'Xe',
      description: null,
      price: '9999999999.99',
      stock: 2_147_483_647,
      category_id: 2,
      is_active: false,
      created_at: T2,
      updated_at: D1,
    },
    {
      product_id: 3,
      sku: 'SKU-3',
      name: 'Max',
      description: '',
      price: '999999999999.99',
      stock: 1,
      category_id: 2,
      is_active: true,
      created_at: OFFSET,
      updated_at: T1,
    },
  ]),
  orders: shopCase([
    {
      order_id: 1,
      customer_id: 1,
      order_date: T1,
      total_price: '15000000.00',
      status: 'paid',
      created_at: T1,
      updated_at: T1,
    },
    {
      order_id: 2,
      customer_id: 2,
      order_date: OFFSET,
      total_price: '0.00',
      status: 'pending',
      created_at: D1,
      updated_at: T2,
    },
  ]),
  order_items: shopCase([
    {
      order_item_id: 1,
      order_id: 1,
      product_id: 1,
      quantity: 3,
      price: '199000.50',
      created_at: T1,
      updated_at: T1,
    },
    {
      order_item_id: 2,
      order_id: 1,
      product_id: 2,
      quantity: 1,
      price: '9999999999.99',
      created_at: D1,
      updated_at: D1,
    },
  ]),
  payments: shopCase([
    {
      payment_id: 1,
      order_id: 1,
      customer_id: 1,
      payment_date: T1,
      payment_method: 'credit_card',
      amount: '15000000.00',
      status: 'completed',
      transaction_id: '0000-TX-1',
      created_at: T1,
      updated_at: T1,
    },
    {
      payment_id: 2,
      order_id: 2,
      customer_id: 2,
      payment_date: D1,
      payment_method: 'cod',
      amount: '0.01',
      status: 'pending',
      transaction_id: null,
      created_at: D1,
      updated_at: OFFSET,
    },
  ]),
  shipments: shopCase([
    {
      shipment_id: 1,
      order_id: 1,
      customer_id: 1,
      shipment_date: T1,
      address: '1 Trần Hưng Đạo',
      city: 'Hà Nội',
      state: 'Hoàn Kiếm',
      country: 'Việt Nam',
      zip_code: '00700',
      status: 'shipped',
      tracking_number: '007',
      created_at: T1,
      updated_at: T1,
    },
    {
      shipment_id: 2,
      order_id: 2,
      customer_id: 2,
      shipment_date: null,
      address: 'x',
      city: 'Huế',
      state: null,
      country: 'VN',
      zip_code: null,
      status: 'pending',
      tracking_number: null,
      created_at: D1,
      updated_at: D1,
    },
  ]),
  carts: shopCase([{ cart_id: 1, customer_id: 1, product_id: 1, quantity: 2, added_at: T1, updated_at: T2 }]),
  wishlists: shopCase([{ wishlist_id: 1, customer_id: 1, product_id: 3, added_at: OFFSET, updated_at: D1 }]),
  customer_events: shopCase([
    {
      event_id: '9007199254740993',
      event_time: T1,
      event_type: 'add_to_cart',
      customer_id: 1,
      session_id: '0f8fad5b-d9cb-469f-a165-70867728950e',
      product_id: 1,
      category_id: 1,
      order_id: null,
      quantity: 2,
      created_at: T1,
    },
    {
      event_id: '1',
      event_time: T2,
      event_type: 'page_view',
      customer_id: 2,
      session_id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      product_id: null,
      category_id: null,
      order_id: null,
      quantity: null,
      created_at: D1,
    },
  ]),
};
