/**
 * What the job last emitted per window, so a recomputed window emits only what changed: new and changed rows,
 * and a retraction (`value: null`) for each result that disappeared. Together with the compacted topic this keeps
 * the latest truth per ResultId.
 */
import type { JobResult, ResultId } from '../../runtime/stream-job.js';
import { markEarly } from '../early-results.js';
import type { TopProductsRow } from './window-rows.js';

/**
 * The output topic, the original's.
 *
 * @example
 * const topic: string = TOP_PRODUCTS_TOPIC; // 'statistics_top_product'
 */
export const TOP_PRODUCTS_TOPIC = 'statistics_top_product';

/**
 * Last emitted rows per window start: result key → the row's JSON text.
 *
 * @example
 * const emitted = new EmittedResults('top-products', 60_000);
 * emitted.replace(0, new Map([['quantity/1', { metric: 'top_product_window', rank: 1 }]])); // one result
 * emitted.replace(0, new Map()); // one retraction: { topic, id: { …, key: 'quantity/1' }, value: null }
 */
export class EmittedResults {
  readonly windows = new Map<number, Map<string, string>>();

  constructor(
    private readonly job: string,
    private readonly windowSize: number,
  ) {}

  private id(start: number, key: string): ResultId {
    return { job: this.job, windowStart: start, windowEnd: start + this.windowSize, key };
  }

  /** Makes `rows` the window's emitted rows; returns the results that change the sink, in row order. */
  replace(start: number, rows: ReadonlyMap<string, TopProductsRow>): JobResult[] {
    const last = this.windows.get(start) ?? new Map<string, string>();
    const next = new Map<string, string>();
    const out: JobResult[] = [];
    for (const [key, row] of rows) {
      const text = JSON.stringify(row);
      next.set(key, text);
      if (last.get(key) !== text)
        out.push({ topic: TOP_PRODUCTS_TOPIC, id: this.id(start, key), value: row });
    }
    for (const key of last.keys()) {
      if (!next.has(key)) out.push({ topic: TOP_PRODUCTS_TOPIC, id: this.id(start, key), value: null });
    }
    if (next.size === 0) this.windows.delete(start);
    else this.windows.set(start, next);
    return out;
  }

  /** Forgets a window closed for corrections (its results stay in the sink). */
  forget(start: number): void {
    this.windows.delete(start);
  }
}

/**
 * Makes `rows` a window's emitted rows and appends what changed to `out.output`, counting results and retractions.
 *
 * @example
 * const out = { output: [], metrics: { results: 0, retractions: 0 } };
 * emitWindow(new EmittedResults('top-products', 60_000), 0, new Map([['quantity/1', { rank: 1 }]]), out);
 * out.metrics.results; // 1
 */
export function emitWindow(
  emitted: EmittedResults,
  start: number,
  rows: ReadonlyMap<string, TopProductsRow>,
  out: { readonly output: JobResult[]; readonly metrics: { results: number; retractions: number } },
): void {
  for (const result of emitted.replace(start, rows)) {
    if (result.value === null) out.metrics.retractions++;
    else out.metrics.results++;
    out.output.push(result);
  }
}

/**
 * Makes `rows`, marked early (`final: false`), an open window's emitted rows and appends what changed to `output`:
 * early rows, and retractions of the early rows that disappeared. Not counted in the metrics. The window's firing
 * replaces them (final rows differ from early ones by the mark).
 *
 * @example
 * const output: JobResult[] = [];
 * emitEarlyWindow(new EmittedResults('top-products', 60_000), 0, new Map([['quantity/1', { rank: 1 }]]), output);
 * output[0]?.value; // { rank: 1, final: false }
 */
export function emitEarlyWindow(
  emitted: EmittedResults,
  start: number,
  rows: ReadonlyMap<string, TopProductsRow>,
  output: JobResult[],
): void {
  const early = new Map([...rows].map(([key, row]) => [key, markEarly(row)]));
  output.push(...emitted.replace(start, early));
}
