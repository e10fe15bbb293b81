/**
 * One poller per process fanning the jobs' outputs out to every dashboard stream: it reads PostgreSQL every
 * `pollIntervalMs` while at least one client is connected (and not at all otherwise), diffs with the previous read
 * and sends each client the changes. Each new client first gets the whole current state (`snapshot`).
 */
import type { Logger } from 'pino';
import type { Queryable } from '../db.js';
import { diffWindows, mergeAlerts, sameTopProducts } from './dashboard-diff.js';
import {
  readAlerts,
  readRawHealth,
  readRevenueWindows,
  readTopProducts,
  REVENUE_JOB,
  TOP_PRODUCTS_JOBS,
  type RawHealth,
} from './dashboard-queries.js';
import type {
  AlertItem,
  DashboardSnapshot,
  PipelineCounters,
  ResultWindow,
  TopProductsWindow,
} from './dashboard-types.js';
import { pipelineHealth } from './pipeline-health.js';

/**
 * A connected stream as the hub sees it (the SSE route implements it over the response).
 *
 * @example
 * const client: DashboardClient = { send: (event, data) => console.log(event, data), comment: () => {}, close: () => {} };
 */
export interface DashboardClient {
  send(event: string, data: unknown, id: number): void;
  comment(text: string): void;
  close(): void;
}

/**
 * Options of {@link DashboardHub}.
 *
 * @example
 * const options: DashboardHubOptions = { db: () => pool, pollIntervalMs: 1000 };
 */
export interface DashboardHubOptions {
  /** Where to read; throws when no database is configured. */
  readonly db: () => Queryable;
  /** Time between two reads while clients are connected (default 1000 ms). */
  readonly pollIntervalMs?: number;
  /** Time between heartbeat comments (default 15 000 ms). */
  readonly heartbeatMs?: number;
  /** Revenue windows kept (default 60: one hour of 1-minute windows). */
  readonly revenueWindows?: number;
  /** Alerts kept, newest first (default 1000). */
  readonly alertLimit?: number;
  /** How far back (ms of event time) each poll looks for new alerts before the newest one seen (default 60 000). */
  readonly alertLookbackMs?: number;
  /** In-process job counters (dead letters, late events), when this process runs the jobs. */
  readonly counters?: () => PipelineCounters | null;
  /** True once shutdown began: the hub then ends every stream so the server can close. */
  readonly isDraining?: () => boolean;
  readonly logger?: Logger;
}

/** Health samples kept for rates: about 10 s at the default poll interval. */
const RATE_SAMPLES = 11;

interface State {
  revenue: ResultWindow[];
  topProducts: TopProductsWindow[];
  alerts: AlertItem[];
  /** The last health samples, oldest first (rates are taken over them: PostgreSQL flushes table statistics in bursts). */
  raw: RawHealth[];
  health: DashboardSnapshot['health'];
}

/**
 * The fan-out. `subscribe` a client, get an unsubscribe function back; `poll` runs one read (the timer calls it).
 *
 * @example
 * const hub = new DashboardHub({ db: () => pool });
 * const unsubscribe = hub.subscribe({ send: (e, d) => console.log(e, d), comment: () => {}, close: () => {} });
 * unsubscribe();
 */
export class DashboardHub {
  readonly #options: Required<Omit<DashboardHubOptions, 'logger' | 'counters' | 'isDraining'>> &
    DashboardHubOptions;
  readonly #clients = new Set<DashboardClient>();
  #state: State | null = null;
  #seq = 0;
  #timer: NodeJS.Timeout | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #polling: Promise<void> | null = null;
  #failing = false;

  constructor(options: DashboardHubOptions) {
    this.#options = {
      pollIntervalMs: 1000,
      heartbeatMs: 15_000,
      revenueWindows: 60,
      alertLimit: 1000,
      alertLookbackMs: 60_000,
      ...options,
    };
  }

  /** Connected clients. */
  get clients(): number {
    return this.#clients.size;
  }

  /** The current state as a snapshot, or `null` before the first successful read. */
  snapshot(): DashboardSnapshot | null {
    const s = this.#state;
    if (s === null) return null;
    return {
      revenue: s.revenue,
      topProducts: s.topProducts,
      alerts: s.alerts,
      alertLimit: this.#options.alertLimit,
      health: s.health,
    };
  }

  /** Adds a client: it gets the snapshot (now, or after the first read) and then every change. */
  subscribe(client: DashboardClient): () => void {
    this.#clients.add(client);
    const snapshot = this.snapshot();
    if (snapshot !== null) client.send('snapshot', snapshot, this.#seq);
    if (this.#clients.size === 1) this.#start();
    return () => {
      this.#clients.delete(client);
      if (this.#clients.size === 0) this.#stop();
    };
  }

  /** One read and fan-out; concurrent calls share the read in flight. */
  poll(): Promise<void> {
    this.#polling ??= this.#read().finally(() => {
      this.#polling = null;
    });
    return this.#polling;
  }

  #start(): void {
    const loop = async () => {
      if (this.#options.isDraining?.()) {
        for (const client of [...this.#clients]) client.close();
        this.#clients.clear();
        this.#stop();
        return;
      }
      await this.poll();
      if (this.#clients.size > 0) {
        this.#timer = setTimeout(() => void loop(), this.#options.pollIntervalMs);
        this.#timer.unref();
      }
    };
    void loop();
    this.#heartbeat = setInterval(() => {
      for (const client of this.#clients) client.comment('heartbeat');
    }, this.#options.heartbeatMs);
    this.#heartbeat.unref();
  }

  #stop(): void {
    clearTimeout(this.#timer);
    clearInterval(this.#heartbeat);
    this.#timer = undefined;
    this.#heartbeat = undefined;
  }

  #broadcast(event: string, data: unknown): void {
    this.#seq += 1;
    for (const client of this.#clients) client.send(event, data, this.#seq);
  }

  async #read(): Promise<void> {
    const o = this.#options;
    let next: Omit<State, 'alerts'> & { readAlerts: AlertItem[] };
    try {
      const db = o.db();
      const previous = this.#state;
      const newest = previous?.alerts[0]?.event_time;
      const since =
        newest === undefined ? undefined : new Date(Date.parse(newest) - o.alertLookbackMs).toISOString();
      const [revenue, topProducts, alerts, raw] = await Promise.all([
        readRevenueWindows(db, o.revenueWindows),
        readTopProducts(db, Object.values(TOP_PRODUCTS_JOBS)),
        readAlerts(db, since === undefined ? { limit: o.alertLimit } : { limit: o.alertLimit, since }),
        readRawHealth(db, [REVENUE_JOB, ...Object.values(TOP_PRODUCTS_JOBS)]),
      ]);
      const samples = [...(previous?.raw ?? []), raw].slice(-RATE_SAMPLES);
      const health = pipelineHealth(raw, samples.length > 1 ? samples[0] : undefined, o.counters?.() ?? null);
      next = { revenue, topProducts, readAlerts: alerts, raw: samples, health };
    } catch (err) {
      if (!this.#failing) o.logger?.warn({ err }, 'dashboard poll failed');
      this.#failing = true;
      this.#broadcast('status', { ok: false, message: err instanceof Error ? err.message : String(err) });
      return;
    }
    if (this.#failing) this.#broadcast('status', { ok: true });
    this.#failing = false;
    const previous = this.#state;
    const { added, feed } = mergeAlerts(previous?.alerts ?? [], next.readAlerts, o.alertLimit);
    this.#state = {
      revenue: next.revenue,
      topProducts: next.topProducts,
      alerts: feed,
      raw: next.raw,
      health: next.health,
    };
    if (previous === null) {
      this.#broadcast('snapshot', this.snapshot());
      return;
    }
    const revenue = diffWindows(previous.revenue, next.revenue);
    if (revenue.upserts.length > 0 || revenue.removed.length > 0) this.#broadcast('revenue', revenue);
    if (!sameTopProducts(previous.topProducts, next.topProducts))
      this.#broadcast('top-products', { windows: next.topProducts });
    if (added.length > 0) this.#broadcast('alerts', { alerts: added });
    this.#broadcast('health', next.health);
  }
}
