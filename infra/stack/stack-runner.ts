import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { logTail } from './log-tail.js';
import { isAlive, killTree, readPidRecord, removePidRecord, rssMiB, writePidRecord, type PidRecord } from './process-control.js';
import { serviceDir } from './service-definition.js';
import { SERVICES, withDependencies } from './service-registry.js';
import { SERVICE_NAMES, type ServiceName, type StackConfig } from './stack-config.js';
import { StackError } from './stack-error.js';
import { withStackLock } from './stack-lock.js';
import { tcpOpen, waitFor } from './wait-for.js';

/** Budgets from issue 3, shown by `status`. */
export const BUDGET = { rssMiB: 6 * 1024, coldStartMs: 3 * 60_000 } as const;

/** What `up` did for one service. */
export interface UpResult {
  readonly service: ServiceName;
  readonly action: 'started' | 'reused';
  readonly ms: number;
}

/** Timing of the last `up`, kept in `.stack/last-up.json`. */
export interface LastUp {
  readonly at: string;
  readonly services: readonly UpResult[];
  /** wall time of all starts (downloads excluded) */
  readonly startMs: number;
  /** wall time spent on downloads/unpacking (0 when the cache was warm) */
  readonly prepareMs: number;
  /** true when every service was started (none reused): a cold start */
  readonly cold: boolean;
}

const pidFile = (cfg: StackConfig, name: ServiceName) => join(serviceDir(cfg, name), 'pid.json');

function liveRecord(cfg: StackConfig, name: ServiceName): PidRecord | undefined {
  const rec = readPidRecord(pidFile(cfg, name));
  return rec && isAlive(rec.pid, rec.marker) ? rec : undefined;
}

async function probeOnce(cfg: StackConfig, name: ServiceName, timeoutMs = 5000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([SERVICES[name].healthy(cfg).catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function startOne(cfg: StackConfig, name: ServiceName, log: (line: string) => void): Promise<UpResult> {
  const def = SERVICES[name];
  const t0 = Date.now();
  const running = liveRecord(cfg, name);
  if (running) {
    await waitFor(() => probeOnce(cfg, name), {
      timeoutMs: cfg.startTimeoutMs,
      what: `${name} (already running, pid ${running.pid}) to be healthy`,
      abortIf: () => (isAlive(running.pid, running.marker) ? undefined : `${name} pid ${running.pid} died`),
    }).catch((err: Error) => {
      throw new StackError(name, err.message, logTail(def.logFile(cfg)));
    });
    await def.afterHealthy?.(cfg);
    log(`${name}: reusing pid ${running.pid} at ${def.endpoint(cfg)}`);
    return { service: name, action: 'reused', ms: Date.now() - t0 };
  }
  removePidRecord(pidFile(cfg, name));
  for (const port of def.ports(cfg)) {
    if (await tcpOpen(port)) {
      throw new StackError(
        name,
        `port ${port} is already taken by a process this stack did not start (free it, or set the ECOM_STACK_${name.toUpperCase()}_PORT env var)`,
      );
    }
  }
  mkdirSync(serviceDir(cfg, name), { recursive: true });
  const logFile = def.logFile(cfg);
  const logStart = existsSync(logFile) ? readFileSync(logFile).length : 0;
  const { pid, marker } = await def.start(cfg).catch((err: unknown) => {
    if (err instanceof StackError) throw err;
    throw new StackError(name, `start failed: ${(err as Error).message}`, logTail(logFile));
  });
  writePidRecord(pidFile(cfg, name), { pid, marker, startedAt: new Date().toISOString() });
  try {
    await waitFor(() => probeOnce(cfg, name), {
      timeoutMs: cfg.startTimeoutMs,
      what: `${name} to become healthy`,
      intervalMs: 500,
      abortIf: () => (isAlive(pid, marker) ? undefined : `${name} (pid ${pid}) exited during start-up`),
    });
    await def.afterHealthy?.(cfg);
  } catch (err) {
    const tail = logTail(logFile, 60);
    await stopOne(cfg, name).catch(() => undefined);
    const fresh = readFileSync(logFile, 'utf8').slice(logStart);
    throw new StackError(name, (err as Error).message, fresh.trim() ? fresh.split('\n').slice(-60).join('\n') : tail);
  }
  const ms = Date.now() - t0;
  writePidRecord(pidFile(cfg, name), { pid, marker, startedAt: new Date(t0).toISOString(), startupMs: ms });
  log(`${name}: started pid ${pid} in ${(ms / 1000).toFixed(1)} s at ${def.endpoint(cfg)}`);
  return { service: name, action: 'started', ms };
}

/**
 * Starts the requested services (and their dependencies) in order, reusing healthy ones.
 * Downloads everything first (cached), then starts JVMs one at a time.
 *
 * @example
 * ```ts
 * await stackUp(loadStackConfig(), ['kafka', 's3']);
 * ```
 */
export async function stackUp(
  cfg: StackConfig,
  requested: readonly ServiceName[] = SERVICE_NAMES,
  log: (line: string) => void = (l) => console.error(l),
): Promise<LastUp> {
  const names = withDependencies(requested);
  return withStackLock(cfg.stackDir, cfg.startTimeoutMs * names.length + 30 * 60_000, async () => {
    const p0 = Date.now();
    for (const name of names) {
      if (!liveRecord(cfg, name)) await SERVICES[name].prepare(cfg);
    }
    const prepareMs = Date.now() - p0;
    const s0 = Date.now();
    const results: UpResult[] = [];
    for (const name of names) results.push(await startOne(cfg, name, log));
    const last: LastUp = {
      at: new Date().toISOString(),
      services: results,
      startMs: Date.now() - s0,
      prepareMs,
      cold: results.every((r) => r.action === 'started'),
    };
    writeFileSync(join(cfg.stackDir, 'last-up.json'), JSON.stringify(last, null, 2) + '\n');
    if (last.cold && names.length === SERVICE_NAMES.length) {
      writeFileSync(join(cfg.stackDir, 'last-full-cold-start.json'), JSON.stringify(last, null, 2) + '\n');
    }
    return last;
  });
}

/**
 * Downloads and unpacks everything the requested services need (Maven artifacts into `~/.m2` and the stack cache),
 * without starting anything. CI runs it as an install step, so test timeouts never include downloads.
 *
 * @example
 * ```ts
 * const ms = await stackFetch(loadStackConfig());
 * ```
 */
export async function stackFetch(cfg: StackConfig, requested: readonly ServiceName[] = SERVICE_NAMES): Promise<number> {
  const names = withDependencies(requested);
  return withStackLock(cfg.stackDir, 30 * 60_000, async () => {
    const t0 = Date.now();
    for (const name of names) await SERVICES[name].prepare(cfg);
    return Date.now() - t0;
  });
}

async function stopOne(cfg: StackConfig, name: ServiceName): Promise<number | undefined> {
  const rec = readPidRecord(pidFile(cfg, name));
  if (!rec) return undefined;
  if (isAlive(rec.pid, rec.marker)) {
    await SERVICES[name].stop?.(cfg, rec).catch(() => undefined);
    if (isAlive(rec.pid)) await killTree(rec.pid, name === 'trino' ? 20_000 : 15_000);
  }
  removePidRecord(pidFile(cfg, name));
  return rec.pid;
}

/**
 * Stops the given services (default: all) in reverse start order; leaves no process behind.
 *
 * @example
 * ```ts
 * await stackDown(cfg); // everything
 * ```
 */
export async function stackDown(
  cfg: StackConfig,
  names: readonly ServiceName[] = SERVICE_NAMES,
  opts: { purge?: boolean; log?: (line: string) => void } = {},
): Promise<void> {
  const log = opts.log ?? ((l: string) => console.error(l));
  await withStackLock(cfg.stackDir, 10 * 60_000, async () => {
    for (const name of [...SERVICE_NAMES].reverse()) {
      if (!names.includes(name)) continue;
      const pid = await stopOne(cfg, name);
      if (pid) log(`${name}: stopped pid ${pid}`);
      if (opts.purge) rmSync(serviceDir(cfg, name), { recursive: true, force: true });
    }
  });
}

/** One service in `status`. */
export interface ServiceStatus {
  readonly endpoint: string;
  readonly version: string;
  readonly pid: number | null;
  readonly health: 'healthy' | 'unhealthy' | 'down';
  readonly rssMiB: number;
  readonly startupMs: number | null;
  readonly log: string;
}

/** The JSON printed by `stack status`. */
export interface StackStatus {
  readonly stackDir: string;
  readonly services: Readonly<Record<ServiceName, ServiceStatus>>;
  readonly totals: {
    readonly rssMiB: number;
    readonly rssBudgetMiB: number;
    readonly withinRssBudget: boolean;
    readonly lastUp: LastUp | null;
    readonly lastFullColdStartMs: number | null;
    readonly coldStartBudgetMs: number;
  };
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

/**
 * Endpoint, pid, health and RSS of every service (health probed for real, 5 s max each).
 *
 * @example
 * ```ts
 * const s = await stackStatus(cfg);
 * s.services.kafka.health; // 'healthy'
 * ```
 */
export async function stackStatus(cfg: StackConfig): Promise<StackStatus> {
  const services = {} as Record<ServiceName, ServiceStatus>;
  let total = 0;
  for (const name of SERVICE_NAMES) {
    const def = SERVICES[name];
    const rec = liveRecord(cfg, name);
    const rss = rec ? rssMiB(rec.pid) : 0;
    total += rss;
    services[name] = {
      endpoint: def.endpoint(cfg),
      version: def.version,
      pid: rec?.pid ?? null,
      health: rec ? ((await probeOnce(cfg, name)) ? 'healthy' : 'unhealthy') : 'down',
      rssMiB: rss,
      startupMs: rec?.startupMs ?? null,
      log: def.logFile(cfg),
    };
  }
  const lastUp = readJson<LastUp>(join(cfg.stackDir, 'last-up.json'));
  const full = readJson<LastUp>(join(cfg.stackDir, 'last-full-cold-start.json'));
  return {
    stackDir: cfg.stackDir,
    services,
    totals: {
      rssMiB: total,
      rssBudgetMiB: BUDGET.rssMiB,
      withinRssBudget: total <= BUDGET.rssMiB,
      lastUp,
      lastFullColdStartMs: full?.startMs ?? null,
      coldStartBudgetMs: BUDGET.coldStartMs,
    },
  };
}
