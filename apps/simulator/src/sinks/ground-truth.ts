import { createWriteStream, type WriteStream } from 'node:fs';
import type { SimOrder } from '../simulation/sim-ops.js';
import type { ShopTastes } from '../simulation/tastes.js';

/**
 * One line of the fraud ground-truth file: an injected order exactly as written to the database.
 *
 * @example
 * ```ts
 * const line: GroundTruthLine = {
 *   pattern: 'burst', scenario_id: 'burst-1', scenario_size: 7, customer_id: 12, order_id: 345,
 *   order_date: '2026-01-30T13:05:04.512Z', total_price: '350000.00',
 *   items: [{ product_id: 3, quantity: 1, price: '350000.00' }],
 * };
 * JSON.stringify(line); // one line of fraud-ground-truth.jsonl
 * ```
 */
export interface GroundTruthLine {
  pattern: string;
  scenario_id: string;
  scenario_size: number;
  customer_id: number;
  order_id: number;
  order_date: string;
  total_price: string;
  items: { product_id: number; quantity: number; price: string }[];
}

/**
 * The ground-truth line of an injected order, with its database id and event time.
 *
 * @example
 * groundTruthLine(order, 345, Date.parse('2026-01-30T13:05:04.512Z'));
 */
export function groundTruthLine(order: SimOrder, orderId: number, at: number): GroundTruthLine | undefined {
  if (!order.fraud) return undefined;
  return {
    pattern: order.fraud.pattern,
    scenario_id: order.fraud.scenarioId,
    scenario_size: order.fraud.scenarioSize,
    customer_id: order.customerId,
    order_id: orderId,
    order_date: new Date(at).toISOString(),
    total_price: order.total,
    items: order.lines.map((l) => ({ product_id: l.productId, quantity: l.quantity, price: l.price })),
  };
}

/**
 * One line of the tastes ground-truth file (`simulate --tastes-out`): a customer's true latent preferences, or a
 * bundle of products often bought together. Distinguished by `kind`.
 *
 * @example
 * ```ts
 * const line: TasteTruthLine = {
 *   kind: 'customer', customer_id: 7, favourite_categories: [3, 11], price_quantile: 0.31,
 *   category_affinity: [{ category_id: 3, affinity: 0.61 }, { category_id: 11, affinity: 0.27 }],
 * };
 * JSON.stringify(line); // one line of tastes-ground-truth.jsonl
 * ```
 */
export type TasteTruthLine =
  | {
      kind: 'customer';
      customer_id: number;
      /** Strongest first. */
      favourite_categories: number[];
      /** Centre of the price band as a price quantile within a category (0 cheapest, 1 dearest). */
      price_quantile: number;
      /** Every category's affinity (sums to 1), strongest first. */
      category_affinity: { category_id: number; affinity: number }[];
    }
  | { kind: 'bundle'; bundle_id: number; product_ids: number[] };

/**
 * The ground-truth lines of the tastes: one per customer (by id), then one per bundle.
 *
 * @example
 * for (const line of tasteTruthLines(tastes)) truth.write(line);
 */
export function tasteTruthLines(tastes: ShopTastes): TasteTruthLine[] {
  const customers = [...tastes.customers].sort((a, b) => a.customerId - b.customerId);
  return [
    ...customers.map((t): TasteTruthLine => ({
      kind: 'customer',
      customer_id: t.customerId,
      favourite_categories: [...t.favouriteCategories],
      price_quantile: Number(t.priceQuantile.toFixed(4)),
      category_affinity: [...t.categoryAffinity]
        .map(([category_id, affinity]) => ({ category_id, affinity: Number(affinity.toFixed(4)) }))
        .sort((a, b) => b.affinity - a.affinity || a.category_id - b.category_id),
    })),
    ...tastes.bundles.map((b): TasteTruthLine => ({
      kind: 'bundle',
      bundle_id: b.bundleId,
      product_ids: [...b.productIds],
    })),
  ];
}

/**
 * Appends JSON lines to a file (created or truncated when opened).
 *
 * @example
 * const file = new JsonLinesFile('fraud-ground-truth.jsonl');
 * file.write({ pattern: 'burst' });
 * await file.close();
 */
export class JsonLinesFile {
  private readonly stream: WriteStream;
  /** Lines written so far. */
  lines = 0;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { flags: 'w', encoding: 'utf8' });
  }

  /** Writes one value as a line. */
  write(value: unknown): void {
    this.stream.write(`${JSON.stringify(value)}\n`);
    this.lines++;
  }

  /** Flushes and closes the file. */
  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }
}
