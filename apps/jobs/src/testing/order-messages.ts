/**
 * Debezium-shaped Kafka messages of `orders` changes, exactly as the connector writes them with the JSON converter
 * and `schemas.enable=false` (`decimal.handling.mode=precise`: `total_price` as base64 two's-complement bytes of
 * the unscaled value; `timestamptz` columns as ISO-8601 strings), for the runtime's integration specs. Decode them
 * with `createDecoder({ typeMap: typeMapFromShopTables() })`.
 */
import type { OrderVersion } from './order-records.js';

/** The scale of `orders.total_price` (numeric(12,2)). */
const PRICE_SCALE = 2;

/**
 * A Kafka message (key and value as text) of an `orders` change.
 *
 * @example
 * const v = { id: 1, customer: 7, at: Date.UTC(2026, 0, 1), total: '129.90' };
 * const created = orderMessage('c', null, v);
 * JSON.parse(created.value).after.total_price; // 'Mr4=' (12990)
 */
export function orderMessage(
  op: 'c' | 'u' | 'd' | 'r',
  before: OrderVersion | null,
  after: OrderVersion | null,
): { key: string; value: string } {
  const row = after ?? before;
  if (row === null) throw new TypeError('orderMessage needs a before or an after');
  const { id, at } = row;
  const envelope = {
    before: before && wireRow(before),
    after: after && wireRow(after),
    source: {
      version: '3.6.1.Final',
      connector: 'postgresql',
      name: 'ecommerce-cdc',
      ts_ms: at,
      snapshot: op === 'r' ? 'true' : 'false',
      db: 'ecommerce',
      sequence: null,
      ts_us: at * 1000,
      ts_ns: at * 1_000_000,
      schema: 'public',
      table: 'orders',
      txId: null,
      lsn: null,
      xmin: null,
      origin: null,
      origin_lsn: null,
    },
    transaction: null,
    op,
    ts_ms: at + 100,
  };
  return { key: JSON.stringify({ order_id: id }), value: JSON.stringify(envelope) };
}

function wireRow(v: OrderVersion): Record<string, unknown> {
  const at = new Date(v.at).toISOString();
  return {
    order_id: v.id,
    customer_id: v.customer,
    order_date: at,
    total_price: decimalBytes(v.total),
    status: v.status ?? 'paid',
    created_at: at,
    updated_at: at,
  };
}

/** Base64 of the big-endian two's-complement bytes of the unscaled decimal (Java `BigInteger.toByteArray`). */
function decimalBytes(decimal: string): string {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(decimal);
  if (!m) throw new TypeError(`not a decimal with at most ${PRICE_SCALE} places: ${decimal}`);
  let v = BigInt(`${m[1]}${m[2]}${(m[3] ?? '').padEnd(PRICE_SCALE, '0')}`);
  const out: number[] = [];
  for (;;) {
    const byte = Number(v & 0xffn);
    out.unshift(byte);
    const rest = v >> 8n;
    if ((rest === 0n && (byte & 0x80) === 0) || (rest === -1n && (byte & 0x80) !== 0)) break;
    v = rest;
  }
  return Buffer.from(out).toString('base64');
}
