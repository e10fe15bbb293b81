// The dashboard's pure parts and the hub's fan-out over an in-memory Queryable (the SQL itself runs against a
// real PostgreSQL in dashboard.browser.int.spec.ts).
import type { Queryable } from '../db.js';
import { compareAlerts, diffWindows, mergeAlerts } from './dashboard-diff.js';
import { DashboardHub } from './dashboard-hub.js';
import type { RawHealth } from './dashboard-queries.js';
import type { AlertItem, ResultWindow } from './dashboard-types.js';
import { pipelineHealth } from './pipeline-health.js';
import { formatSseComment, formatSseEvent } from './sse.js';

const w = (start: number, revenue: string): ResultWindow => ({
  start,
  end: start + 60_000,
  key: 'all',
  value: { total_revenue: revenue },
});
const alert = (id: string, time: string): AlertItem => ({
  id,
  rule_id: 'velocity-1m',
  customer_id: 7,
  severity: 'high',
  event_time: time,
  created_at: time,
  summary: 's',
  evidence: {},
});

describe('dashboard diff', () => {
  it('finds upserted and removed windows', () => {
    expect(diffWindows([w(0, '1.00'), w(60_000, '2.00')], [w(60_000, '3.00'), w(120_000, '1.00')])).toEqual({
      upserts: [w(60_000, '3.00'), w(120_000, '1.00')],
      removed: [0],
    });
    expect(diffWindows([w(0, '1.00')], [w(0, '1.00')])).toEqual({ upserts: [], removed: [] });
  });

  it('merges alerts newest first, without duplicates, capped', () => {
    const a = alert('a', '2026-01-01T00:00:01.000Z');
    const b = alert('b', '2026-01-01T00:00:02.000Z');
    const c = alert('c', '2026-01-01T00:00:03.000Z');
    expect(mergeAlerts([b, a], [c, b], 10)).toEqual({ added: [c], feed: [c, b, a] });
    expect(mergeAlerts([b, a], [c], 2)).toEqual({ added: [c], feed: [c, b] });
    // Older than a full feed's oldest: it fell out of the cap, not new.
    expect(mergeAlerts([c, b], [a], 2).added).toEqual([]);
    expect([a, c, b].sort(compareAlerts).map((x) => x.id)).toEqual(['c', 'b', 'a']);
  });
});

describe('sse framing', () => {
  it('formats events and comments', () => {
    expect(formatSseEvent('health', { a: 'x\ny' }, 3)).toBe('id: 3\nevent: health\ndata: {"a":"x\\ny"}\n\n');
    expect(formatSseComment('a\nb')).toBe(': a b\n\n');
  });
});

describe('pipelineHealth', () => {
  const raw = (nowMs: number, changes: string, offsets: string | null): RawHealth => ({
    nowMs,
    shopChanges: changes,
    slots: [{ name: 'ecom', active: true, lagBytes: '128' }],
    checkpoints: [
      { job: 'revenue.partials', partitions: 2, lastCommitMs: nowMs - 1000, kafkaOffsets: offsets },
    ],
    finalWindowEnds: [{ job: 'revenue', endMs: nowMs - 30_000 }],
    outbox: 1,
    alertDeliveries: { pending: 0, deadLettered: 2 },
  });

  it('computes rates between two samples, none on the first, none across a reset', () => {
    const first = pipelineHealth(raw(10_000, '100', '50'), undefined, null);
    expect(first.eventsPerSecond).toBeNull();
    const second = pipelineHealth(raw(12_000, '125', '90'), raw(10_000, '100', '50'), {
      deadLetters: 1,
      lateEvents: 0,
    });
    expect(second.eventsPerSecond).toBe(12.5);
    expect(second.jobs[0]?.offsetsPerSecond).toBe(20);
    expect(second.resultDelays[0]?.delaySeconds).toBe(30);
    expect(second.counters).toEqual({ deadLetters: 1, lateEvents: 0 });
    expect(pipelineHealth(raw(12_000, '5', null), raw(10_000, '100', '50'), null).eventsPerSecond).toBeNull();
  });
});

describe('DashboardHub', () => {
  /** A Queryable answering each dashboard statement from `tables` (by a word of its SQL). */
  const fakeDb = (tables: { revenue: unknown[]; alerts: unknown[] }): Queryable => ({
    query: async <Row extends Record<string, unknown>>(text: string) => {
      const rows = text.includes("key = 'all'")
        ? tables.revenue
        : text.includes('FROM fraud_alerts')
          ? tables.alerts
          : text.includes('clock_timestamp')
            ? [{ now_ms: String(Date.now()), changes: '0' }]
            : text.includes('alert_deliveries')
              ? [{ outbox: 0, pending: 0, dead: 0 }]
              : [];
      return { rows: rows as Row[] };
    },
  });

  it('sends a snapshot first, then only the changes, and stops polling without clients', async () => {
    const tables = {
      revenue: [{ start_ms: '0', end_ms: '60000', key: 'all', value: { total_revenue: '1.00' } }],
      alerts: [] as unknown[],
    };
    const hub = new DashboardHub({ db: () => fakeDb(tables), pollIntervalMs: 60_000 });
    const events: { event: string; data: unknown }[] = [];
    const unsubscribe = hub.subscribe({
      send: (event, data) => events.push({ event, data }),
      comment: () => undefined,
      close: () => undefined,
    });
    await hub.poll();
    expect(events[0]?.event).toBe('snapshot');
    tables.revenue.push({
      start_ms: '60000',
      end_ms: '120000',
      key: 'all',
      value: { total_revenue: '2.00' },
    });
    const at = new Date('2026-01-01T00:00:00Z');
    tables.alerts.push({ ...alert('a', ''), event_time: at, created_at: at });
    await hub.poll();
    expect(events.slice(1).map((e) => e.event)).toEqual(['revenue', 'alerts', 'health']);
    expect(events[1]?.data).toEqual({ upserts: [w(60_000, '2.00')], removed: [] });
    unsubscribe();
    expect(hub.clients).toBe(0);
  });

  it('reports a failing database as a status event and recovers', async () => {
    let fail = true;
    const ok = fakeDb({ revenue: [], alerts: [] });
    const hub = new DashboardHub({
      db: () => ({
        query: (text, values) => (fail ? Promise.reject(new Error('down')) : ok.query(text, values)),
      }),
      pollIntervalMs: 60_000,
    });
    const events: string[] = [];
    const unsubscribe = hub.subscribe({
      send: (e) => events.push(e),
      comment: () => undefined,
      close: () => undefined,
    });
    await hub.poll();
    fail = false;
    await hub.poll();
    expect(events).toEqual(['status', 'status', 'snapshot']);
    unsubscribe();
  });
});
