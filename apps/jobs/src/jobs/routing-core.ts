/**
 * The common part of a routing stage (phase one of a job that re-keys, like top products' and fraud's routers): it
 * turns each record into routed results for the next stage and keeps nothing but what it has not drained yet.
 */
import type { DomainRecord } from '@ecom/cdc';
import type { ShopTableName } from '@ecom/domain';
import type { JobResult, JsonValue, StreamJobCore } from '../runtime/stream-job.js';
import { invalidSnapshot, invalidWatermark } from './job-error.js';

/**
 * A routing core: subclasses say which records become which routed results (`route`); the pending list, the
 * watermark check and the snapshot (format-tagged) are here.
 *
 * @example
 * class Echo extends RoutingCore {
 *   readonly tables = ['orders'] as const;
 *   protected route(): JobResult[] {
 *     return [];
 *   }
 * }
 * new Echo('echo', 'ecom-jobs/echo/1').drain(); // []
 */
export abstract class RoutingCore implements StreamJobCore {
  abstract readonly tables: readonly ShopTableName[];
  private pending: JobResult[] = [];

  constructor(
    readonly name: string,
    private readonly format: string,
  ) {}

  /** The routed results of one record (none for a record the next stage does not need). */
  protected abstract route(record: DomainRecord): readonly JobResult[];

  onRecord(record: DomainRecord): void {
    this.pending.push(...this.route(record));
  }

  onWatermark(watermark: number): void {
    if (!Number.isSafeInteger(watermark)) throw invalidWatermark(this.name, watermark);
  }

  drain(): JobResult[] {
    return this.pending.splice(0);
  }

  drainTooLate(): readonly object[] {
    return [];
  }

  snapshot(): JsonValue {
    return { format: this.format, pending: structuredClone(this.pending) as unknown as JsonValue };
  }

  restore(snapshot: JsonValue): void {
    const s = snapshot as { format?: unknown; pending?: unknown } | null;
    if (typeof s !== 'object' || s === null || s.format !== this.format || !Array.isArray(s.pending))
      throw invalidSnapshot(this.name, `not a ${this.format} snapshot`);
    this.pending = s.pending as JobResult[];
  }
}
