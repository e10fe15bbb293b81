/**
 * The revenue job's snapshot: JSON with money as decimal strings, read back with every field checked.
 *
 * ```jsonc
 * {
 *   "format": "ecom-jobs/revenue/2",
 *   "config": { "windowSize": 60000, "correctionHorizon": 86400000 },
 *   "watermark": 1764000059999,
 *   "windows": [
 *     { "start": 1763999940000, "count": 3, "revenue": "300.00" },                     // past the horizon: figures only
 *     { "start": 1764000000000, "orders": [[1, "129.90", 7]], "emitted": { "metric": "revenue", … } }
 *   ],
 *   "pending": [],                                                                     // results not drained yet
 *   "changed": [1764000000000],                                                        // fired windows to correct at the next drain
 *   "tooLate": [],                                                                     // reports not drained yet
 *   "metrics": { "records": 1, "results": 1, "corrections": 0, "retractions": 0, "tooLate": 0 }
 * }
 * ```
 *
 * Format 1 (before corrections were coalesced per drain) had no `changed`; it is read as `changed: []`.
 */
import { toMinorUnits } from '@ecom/domain';
import type { JobResult, JsonValue } from '../../runtime/stream-job.js';
import { formatHundredths, parseHundredths } from '../decimal.js';
import { invalidSnapshot, snapshotMismatch } from '../job-error.js';
import { REVENUE_JOB_NAME, type RevenueJobConfig } from './options.js';
import type { RevenueJobMetrics, TooLateChange } from './revenue-job-types.js';
import type { RevenueValue } from './revenue-value.js';
import { RevenueWindows, type OrderEntry, type RevenueWindow } from './revenue-windows.js';

/**
 * The format id of a revenue job snapshot (restore also reads `ecom-jobs/revenue/1`).
 *
 * @example
 * const format: string = REVENUE_SNAPSHOT_FORMAT; // 'ecom-jobs/revenue/2'
 */
export const REVENUE_SNAPSHOT_FORMAT = 'ecom-jobs/revenue/2';
const READABLE_FORMATS: readonly unknown[] = ['ecom-jobs/revenue/1', REVENUE_SNAPSHOT_FORMAT];

/**
 * Everything a revenue job holds.
 *
 * @example
 * const state: RevenueState = {
 *   windows: new RevenueWindows(),
 *   watermark: Number.MIN_SAFE_INTEGER,
 *   pending: [],
 *   changed: new Set(),
 *   tooLate: [],
 *   metrics: { records: 0, results: 0, corrections: 0, retractions: 0, tooLate: 0 },
 * };
 */
export interface RevenueState {
  windows: RevenueWindows;
  watermark: number;
  pending: JobResult[];
  /** Fired windows to correct at the next drain (see `RevenueEmission`). */
  changed: Set<number>;
  tooLate: TooLateChange[];
  metrics: RevenueJobMetrics;
}

type JsonObject = { readonly [key: string]: JsonValue };
const METRICS = ['records', 'results', 'corrections', 'retractions', 'tooLate'] as const;

function windowJson(w: RevenueWindow): JsonValue {
  if (w.orders === null) return { start: w.start, count: w.count, revenue: formatHundredths(w.cents) };
  const orders = [...w.orders].map(([id, o]) => [id, formatHundredths(o.cents), o.customer]);
  return { start: w.start, orders, emitted: w.emitted };
}

/**
 * The JSON-safe snapshot of a revenue job's state (copies: later changes of the state do not show in it).
 *
 * @example
 * const state: RevenueState = {
 *   windows: new RevenueWindows(),
 *   watermark: 0,
 *   pending: [],
 *   changed: new Set(),
 *   tooLate: [],
 *   metrics: { records: 0, results: 0, corrections: 0, retractions: 0, tooLate: 0 },
 * };
 * const json = JSON.stringify(encodeRevenueState(state, { windowSize: 60_000, correctionHorizon: 86_400_000 }));
 */
export function encodeRevenueState(state: RevenueState, config: RevenueJobConfig): JsonValue {
  return structuredClone({
    format: REVENUE_SNAPSHOT_FORMAT,
    config: { windowSize: config.windowSize, correctionHorizon: config.correctionHorizon },
    watermark: state.watermark,
    windows: state.windows.all().map(windowJson),
    pending: state.pending as unknown as JsonValue[],
    changed: [...state.changed].sort((a, b) => a - b),
    tooLate: state.tooLate as unknown as JsonValue[],
    metrics: { ...state.metrics },
  });
}

function bad(what: string): never {
  throw invalidSnapshot(REVENUE_JOB_NAME, what);
}

function object(v: unknown, what: string): JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as JsonObject)
    : bad(`${what} is not an object`);
}

function array(v: unknown, what: string): readonly JsonValue[] {
  return Array.isArray(v) ? (v as JsonValue[]) : bad(`${what} is not an array`);
}

function int(v: unknown, what: string, min = Number.MIN_SAFE_INTEGER): number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= min
    ? v
    : bad(`${what} is not an integer ≥ ${min}`);
}

function decodeWindow(v: JsonValue, config: RevenueJobConfig): RevenueWindow {
  const o = object(v, 'a window');
  const start = int(o['start'], 'a window start');
  if (start % config.windowSize !== 0)
    bad(`window start ${start} is not on the ${config.windowSize} ms grid`);
  if (o['orders'] === undefined) {
    const cents = parseHundredths(o['revenue']);
    if (cents === undefined) bad(`window ${start}: revenue is not a decimal with 2 places`);
    const count = int(o['count'], `window ${start}: count`, 0);
    return { start, count, cents, customers: new Map(), orders: null, frozen: true, emitted: null };
  }
  const w: RevenueWindow = {
    start,
    count: 0,
    cents: 0n,
    customers: new Map(),
    orders: new Map(),
    frozen: false,
    emitted: null,
  };
  for (const entry of array(o['orders'], `window ${start}: orders`)) {
    const [id, amount, customer] = array(entry, `window ${start}: an order`);
    const order: OrderEntry = {
      cents: money(amount, start),
      customer: int(customer, `window ${start}: a customer`),
    };
    w.orders?.set(int(id, `window ${start}: an order id`, 1), order);
    w.count += 1;
    w.cents += order.cents;
    w.customers.set(order.customer, (w.customers.get(order.customer) ?? 0) + 1);
  }
  if (w.count !== w.orders?.size) bad(`window ${start}: an order id is repeated`);
  const emitted = o['emitted'];
  if (emitted !== null) w.emitted = object(emitted, `window ${start}: emitted`) as RevenueValue;
  return w;
}

function money(v: unknown, start: number): bigint {
  try {
    return toMinorUnits(v);
  } catch {
    return bad(`window ${start}: an order amount is not money`);
  }
}

function decodeResult(v: JsonValue): JobResult {
  const r = object(v, 'a pending result');
  const id = object(r['id'], 'a pending result id');
  if (typeof r['topic'] !== 'string' || typeof id['job'] !== 'string' || typeof id['key'] !== 'string') {
    bad('a pending result has no topic, job or key');
  }
  int(id['windowStart'], 'a pending result window start');
  int(id['windowEnd'], 'a pending result window end');
  if (r['value'] !== null) object(r['value'], 'a pending result value');
  return r as unknown as JobResult;
}

function decodeTooLate(v: JsonValue): TooLateChange {
  const t = object(v, 'a too-late report');
  int(t['orderId'], 'a too-late order id', 1);
  int(t['eventTime'], 'a too-late event time');
  int(t['watermark'], 'a too-late watermark');
  array(t['windows'], 'too-late windows').forEach((w) => int(w, 'a too-late window'));
  if (typeof t['op'] !== 'string') bad('a too-late report has no op');
  return t as unknown as TooLateChange;
}

/**
 * Reads a snapshot {@link encodeRevenueState} wrote, for a job with `config`. Throws `INVALID_SNAPSHOT` for
 * anything else and `SNAPSHOT_MISMATCH` for a snapshot of other options.
 *
 * @example
 * const config = { windowSize: 60_000, correctionHorizon: 86_400_000 };
 * const snapshot = createRevenueJob(config).snapshot();
 * const state: RevenueState = decodeRevenueState(snapshot, config); // state.watermark: MIN_TIMESTAMP
 */
export function decodeRevenueState(snapshot: JsonValue, config: RevenueJobConfig): RevenueState {
  const s = object(structuredClone(snapshot), 'the snapshot');
  if (!READABLE_FORMATS.includes(s['format'])) bad(`format is ${JSON.stringify(s['format'])}`);
  const c = object(s['config'], 'config');
  if (c['windowSize'] !== config.windowSize || c['correctionHorizon'] !== config.correctionHorizon) {
    throw snapshotMismatch(REVENUE_JOB_NAME, c, config);
  }
  const windows = new RevenueWindows();
  for (const w of array(s['windows'], 'windows')) {
    const window = decodeWindow(w, config);
    if (!windows.load(window)) bad(`window ${window.start} or one of its orders appears twice`);
  }
  const m = object(s['metrics'], 'metrics');
  const metrics = Object.fromEntries(METRICS.map((k) => [k, int(m[k], `metrics.${k}`, 0)]));
  return {
    windows,
    watermark: int(s['watermark'], 'watermark'),
    pending: array(s['pending'], 'pending').map(decodeResult),
    changed: new Set(array(s['changed'] ?? [], 'changed').map((w) => int(w, 'a changed window'))),
    tooLate: array(s['tooLate'], 'tooLate').map(decodeTooLate),
    metrics: metrics as unknown as RevenueJobMetrics,
  };
}
