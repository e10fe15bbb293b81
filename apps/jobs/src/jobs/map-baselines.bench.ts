/**
 * The spec-complete hand-written `Map` aggregations that jobs.bench.ts measures the job cores against (issue 12
 * §5). Not a benchmark itself (running it does nothing): jobs.bench.ts imports it.
 *
 * Each does what the job's README demands with plain Maps and nothing else (no validation, no typed errors, no
 * too-late reports, no snapshots): each order once at its latest version, updates and cancellations retracted,
 * items joined to their orders (either may come first), corrections of fired windows at the next watermark,
 * retractions, every output field (trends; trending, categories and names), only changed results emitted, state
 * dropped at the 24 h correction horizon. jobs.bench.ts checks, before timing, that each emits the same latest
 * value per result id as its core on the same stream.
 */
import type { DomainRecord } from '@ecom/cdc';
import { divideHalfEven as halfEven, formatHundredths } from './decimal.js';

/** The bench's window size, correction horizon and ranking length (the cores' defaults). */
const WINDOW = 60_000;
const HORIZON = 24 * 3_600_000;
const TOP_N = 10;

/**
 * A stream of records with the watermark to send after each (`NaN`: none).
 *
 * @example
 * const empty: Stream = { records: [], watermarks: new Float64Array(0) };
 */
export interface Stream {
  readonly records: DomainRecord[];
  readonly watermarks: Float64Array;
}

/**
 * Where a baseline's results go: the result key (`<window start>/<key>`) and value (`null`: retracted; top-products
 * rows as their JSON text, as the baseline keeps them). The timed runs only count them; the equality check
 * collects them.
 *
 * @example
 * const latest = new Map<string, unknown>();
 * const sink: ResultSink = (key, value) => latest.set(key, value);
 */
export type ResultSink = (key: string, value: object | string | null) => void;

const ignore: ResultSink = () => undefined;

/**
 * `'129.90'` → 12990n without validation (the baselines trust their input).
 *
 * @example
 * hundredths('5.5'); // 550n
 */
export function hundredths(text: string): bigint {
  const dot = text.indexOf('.');
  return dot < 0 ? BigInt(text) * 100n : BigInt(text.slice(0, dot) + text.slice(dot + 1).padEnd(2, '0'));
}

const iso = (ms: number): string => new Date(ms).toISOString();
const startOf = (t: number): number => t - (((t % WINDOW) + WINDOW) % WINDOW);

/** The windows of `dirty` that the watermark has reached, ascending, taken out of `dirty`. */
function takeReady(dirty: Set<number>, watermark: number): number[] {
  const out: number[] = [];
  for (const start of dirty) if (start + WINDOW - 1 <= watermark) out.push(start);
  for (const start of out) dirty.delete(start);
  return out.sort((a, b) => a - b);
}

// ---- revenue --------------------------------------------------------------------------------------------------

interface HeldOrder {
  readonly window: number;
  readonly cents: bigint;
  readonly customer: number;
}

interface RevenueWindow {
  count: number;
  cents: bigint;
  /** customer → orders in the window */
  readonly customers: Map<number, number>;
  /** The window's orders; `null` past the horizon (its figures are kept for the next window's trend). */
  orders: Set<number> | null;
  emitted: Record<string, unknown> | null;
}

const sameFields = (a: Record<string, unknown> | null, b: Record<string, unknown> | null): boolean =>
  a === b || (a !== null && b !== null && Object.keys(a).every((k) => a[k] === b[k]));

function revenueValue(
  start: number,
  w: RevenueWindow,
  prev: RevenueWindow | undefined,
): Record<string, unknown> {
  const p = prev !== undefined && prev.count > 0 ? prev : undefined;
  const diff = p === undefined ? 0n : w.cents - p.cents;
  return {
    metric: 'revenue',
    window_start: iso(start),
    window_end: iso(start + WINDOW),
    total_orders: w.count,
    total_revenue: formatHundredths(w.cents),
    window_duration_minutes: WINDOW / 60_000,
    average_order_value: formatHundredths(halfEven(w.cents, BigInt(w.count))),
    unique_customers: w.customers.size,
    trend_revenue_abs: p === undefined ? null : formatHundredths(diff),
    trend_revenue_pct:
      p === undefined || p.cents === 0n ? null : formatHundredths(halfEven(diff * 10_000n, p.cents)),
    trend_orders_abs: p === undefined ? null : w.count - p.count,
  };
}

/**
 * The revenue job by hand: per order its window, cents and customer; per window the count, cents, customers (with
 * their order counts), its orders and the value last emitted. Returns the number of results.
 *
 * @example
 * revenueMap({ records: [], watermarks: new Float64Array(0) }); // 0
 */
export function revenueMap({ records, watermarks }: Stream, sink: ResultSink = ignore): number {
  const held = new Map<number, HeldOrder>();
  const windows = new Map<number, RevenueWindow>();
  const dirty = new Set<number>(); // changed windows (and the window after each: its trend)
  let watermark = -Infinity;
  let results = 0;

  const remove = (id: number, old: HeldOrder): void => {
    const w = windows.get(old.window) as RevenueWindow;
    w.count -= 1;
    w.cents -= old.cents;
    const n = (w.customers.get(old.customer) as number) - 1;
    if (n === 0) w.customers.delete(old.customer);
    else w.customers.set(old.customer, n);
    w.orders?.delete(id);
    held.delete(id);
    dirty.add(old.window).add(old.window + WINDOW);
  };
  const add = (id: number, next: HeldOrder): void => {
    let w = windows.get(next.window);
    if (w === undefined) {
      w = { count: 0, cents: 0n, customers: new Map(), orders: new Set(), emitted: null };
      windows.set(next.window, w);
    }
    w.count += 1;
    w.cents += next.cents;
    w.customers.set(next.customer, (w.customers.get(next.customer) ?? 0) + 1);
    w.orders?.add(id);
    held.set(id, next);
    dirty.add(next.window).add(next.window + WINDOW);
  };
  const advance = (wm: number): void => {
    watermark = wm;
    for (const start of takeReady(dirty, wm)) {
      const w = windows.get(start);
      if (w === undefined || w.orders === null) continue;
      const value = w.count === 0 ? null : revenueValue(start, w, windows.get(start - WINDOW));
      if (!sameFields(value, w.emitted)) {
        w.emitted = value;
        sink(`${start}/all`, value);
        results++;
      }
    }
    for (const [start, w] of windows) {
      if (w.orders !== null && start + WINDOW - 1 + HORIZON <= wm) {
        for (const id of w.orders) held.delete(id);
        w.orders = null;
      }
      const empty = w.count === 0 && w.emitted === null && !dirty.has(start);
      if (empty || start + 2 * WINDOW - 1 + HORIZON <= wm) windows.delete(start);
    }
  };

  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (r.table === 'orders') {
      const id = (r.after ?? r.before)?.order_id as number;
      const a = r.after !== null && r.after.status !== 'cancelled' ? r.after : null;
      const next = a && {
        window: startOf(r.eventTime),
        cents: hundredths(a.total_price),
        customer: a.customer_id,
      };
      const old = held.get(id);
      const same =
        old !== undefined &&
        next !== null &&
        old.window === next.window &&
        old.cents === next.cents &&
        old.customer === next.customer;
      const tooLate = next !== null && windows.get(next.window)?.orders === null;
      if (!same && !tooLate) {
        if (old !== undefined) remove(id, old);
        if (next !== null) add(id, next);
      }
    }
    const wm = watermarks[i];
    if (wm === wm && wm > watermark) advance(wm);
  }
  advance(Number.MAX_SAFE_INTEGER);
  return results;
}

// ---- top products ---------------------------------------------------------------------------------------------

interface Line {
  readonly orderId: number;
  readonly productId: number;
  readonly quantity: number;
  readonly cents: bigint;
}

interface PlacedOrder {
  readonly window: number;
  readonly counted: boolean;
}

interface ProductFigures {
  lines: number;
  quantity: number;
  cents: bigint;
}

/** A short list of the best `TOP_N` (score, product id): higher score first, ties by ascending id. */
type Best<S> = [S, number][];

function offer<S extends number | bigint>(best: Best<S>, score: S, id: number): void {
  const last = best[best.length - 1];
  if (best.length === TOP_N && last !== undefined && (score < last[0] || (score === last[0] && id > last[1])))
    return;
  let j = best.length;
  while (j > 0 && (score > best[j - 1][0] || (score === best[j - 1][0] && id < best[j - 1][1]))) j--;
  best.splice(j, 0, [score, id]);
  if (best.length > TOP_N) best.pop();
}

/**
 * The top-products job by hand: orders (window, counted), line items (order, product, quantity, cents) and the
 * item ids per order, per window and product the running quantity and revenue, the products and categories as
 * tables, per window the rows last emitted (as JSON text). Returns the number of results.
 *
 * @example
 * topProductsMap({ records: [], watermarks: new Float64Array(0) }); // 0
 */
export function topProductsMap({ records, watermarks }: Stream, sink: ResultSink = ignore): number {
  const orders = new Map<number, PlacedOrder>();
  const lines = new Map<number, Line>();
  const linesOf = new Map<number, number[]>(); // order → its item ids
  const ordersIn = new Map<number, Set<number>>(); // window → its orders
  const sums = new Map<number, Map<number, ProductFigures>>(); // window → product → figures
  const products = new Map<number, { name: string; category: number }>();
  const categories = new Map<number, string>();
  const emitted = new Map<number, Map<string, string>>();
  const dirty = new Set<number>();
  let watermark = -Infinity;
  let results = 0;

  const count = (window: number, line: Line, sign: 1 | -1): void => {
    let figures = sums.get(window);
    if (figures === undefined) sums.set(window, (figures = new Map()));
    const f = figures.get(line.productId);
    if (f === undefined)
      figures.set(line.productId, { lines: 1, quantity: line.quantity, cents: line.cents });
    else if (sign === -1 && f.lines === 1)
      figures.delete(line.productId); // its last line
    else {
      f.lines += sign;
      f.quantity += sign * line.quantity;
      f.cents += sign === 1 ? line.cents : -line.cents;
    }
    dirty.add(window).add(window + WINDOW);
  };
  const countedIn = (orderId: number): number | undefined => {
    const o = orders.get(orderId);
    return o !== undefined && o.counted ? o.window : undefined;
  };
  const setOrder = (id: number, next: PlacedOrder | undefined): void => {
    const old = orders.get(id);
    if (old !== undefined) ordersIn.get(old.window)?.delete(id);
    const from = countedIn(id);
    if (next === undefined) orders.delete(id);
    else {
      orders.set(id, next);
      let set = ordersIn.get(next.window);
      if (set === undefined) ordersIn.set(next.window, (set = new Set()));
      set.add(id);
    }
    const to = countedIn(id);
    if (from === to) return;
    for (const itemId of linesOf.get(id) ?? []) {
      const line = lines.get(itemId) as Line;
      if (from !== undefined) count(from, line, -1);
      if (to !== undefined) count(to, line, 1);
    }
  };
  const setLine = (id: number, next: Line | undefined): void => {
    const old = lines.get(id);
    if (old !== undefined) {
      const w = countedIn(old.orderId);
      if (w !== undefined) count(w, old, -1);
      const ids = linesOf.get(old.orderId) as number[];
      ids.splice(ids.indexOf(id), 1);
      lines.delete(id);
    }
    if (next === undefined) return;
    lines.set(id, next);
    const ids = linesOf.get(next.orderId);
    if (ids === undefined) linesOf.set(next.orderId, [id]);
    else ids.push(id);
    const w = countedIn(next.orderId);
    if (w !== undefined) count(w, next, 1);
  };
  const markAll = (): void => {
    for (const window of sums.keys()) dirty.add(window);
  };
  const rowsOf = (start: number): Map<string, string> => {
    const rows = new Map<string, string>();
    const figures = sums.get(start);
    if (figures === undefined || figures.size === 0) return rows;
    const before = sums.get(start - WINDOW);
    const window_start = iso(start);
    const window_end = iso(start + WINDOW);
    const row = (metric: string, rank: number, id: number, extra: object = {}): string => {
      const f = figures.get(id) as ProductFigures;
      const p = products.get(id);
      return JSON.stringify({
        metric,
        window_start,
        window_end,
        product_id: id,
        total_quantity: f.quantity,
        rank,
        window_duration_minutes: WINDOW / 60_000,
        total_revenue: formatHundredths(f.cents),
        product_name: p?.name ?? null,
        category_id: p?.category ?? null,
        category_name: p === undefined ? null : (categories.get(p.category) ?? null),
        ...extra,
      });
    };
    const byQuantity: Best<number> = [];
    const byRevenue: Best<bigint> = [];
    const byGrowth: Best<number> = [];
    const perCategory = new Map<number | null, { quantity: number; cents: bigint }>();
    figures.forEach((f, id) => {
      offer(byQuantity, f.quantity, id);
      offer(byRevenue, f.cents, id);
      const growth = f.quantity - (before?.get(id)?.quantity ?? 0);
      if (growth > 0) offer(byGrowth, growth, id);
      const category = products.get(id)?.category ?? null;
      const c = perCategory.get(category);
      if (c === undefined) perCategory.set(category, { quantity: f.quantity, cents: f.cents });
      else {
        c.quantity += f.quantity;
        c.cents += f.cents;
      }
    });
    byQuantity.forEach(([, id], i) => rows.set(`quantity/${i + 1}`, row('top_product_window', i + 1, id)));
    byRevenue.forEach(([, id], i) =>
      rows.set(`revenue/${i + 1}`, row('top_product_revenue_window', i + 1, id)),
    );
    byGrowth.forEach(([growth, id], i) => {
      const extra = { previous_quantity: (figures.get(id) as ProductFigures).quantity - growth, growth };
      rows.set(`trending/${i + 1}`, row('trending_product_window', i + 1, id, extra));
    });
    for (const [category_id, c] of [...perCategory].sort(([a], [b]) => (a ?? Infinity) - (b ?? Infinity))) {
      rows.set(
        `category/${category_id ?? 'unknown'}`,
        JSON.stringify({
          metric: 'category_window',
          window_start,
          window_end,
          product_id: null,
          total_quantity: c.quantity,
          rank: null,
          window_duration_minutes: WINDOW / 60_000,
          total_revenue: formatHundredths(c.cents),
          product_name: null,
          category_id,
          category_name: category_id === null ? null : (categories.get(category_id) ?? null),
        }),
      );
    }
    return rows;
  };
  const advance = (wm: number): void => {
    watermark = wm;
    for (const start of takeReady(dirty, wm)) {
      const last = emitted.get(start) ?? new Map<string, string>();
      const next = rowsOf(start);
      for (const [key, text] of next) {
        if (last.get(key) === text) continue;
        sink(`${start}/${key}`, text);
        results++;
      }
      for (const key of last.keys()) {
        if (next.has(key)) continue;
        sink(`${start}/${key}`, null);
        results++;
      }
      if (next.size === 0) emitted.delete(start);
      else emitted.set(start, next);
    }
    for (const start of emitted.keys()) if (start + WINDOW - 1 + HORIZON <= wm) emitted.delete(start);
    for (const [start, ids] of ordersIn) {
      if (start + 2 * WINDOW - 1 + HORIZON > wm) continue;
      for (const orderId of ids) {
        for (const itemId of linesOf.get(orderId) ?? []) lines.delete(itemId);
        linesOf.delete(orderId);
        orders.delete(orderId);
      }
      ordersIn.delete(start);
      sums.delete(start);
    }
  };

  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    switch (r.table) {
      case 'orders': {
        const id = (r.after ?? r.before)?.order_id as number;
        setOrder(
          id,
          r.after === null
            ? undefined
            : { window: startOf(r.eventTime), counted: r.after.status !== 'cancelled' },
        );
        break;
      }
      case 'order_items': {
        const a = r.after;
        const id = (a ?? r.before)?.order_item_id as number;
        setLine(
          id,
          a === null
            ? undefined
            : {
                orderId: a.order_id,
                productId: a.product_id,
                quantity: a.quantity,
                cents: hundredths(a.price) * BigInt(a.quantity),
              },
        );
        break;
      }
      case 'products':
        if (r.after === null) products.delete(r.before?.product_id as number);
        else products.set(r.after.product_id, { name: r.after.name, category: r.after.category_id });
        markAll();
        break;
      case 'categories':
        if (r.after === null) categories.delete(r.before?.category_id as number);
        else categories.set(r.after.category_id, r.after.name);
        markAll();
        break;
      default:
        break;
    }
    const wm = watermarks[i];
    if (wm === wm && wm > watermark) advance(wm);
  }
  advance(Number.MAX_SAFE_INTEGER);
  return results;
}
