/**
 * What changed between two reads of the jobs' outputs: the pure part of the dashboard hub.
 */
import type { AlertItem, ResultWindow, TopProductsWindow } from './dashboard-types.js';

/**
 * Revenue windows added or changed (by window start) and the starts no longer present (retracted, or older than
 * the newest `limit`).
 *
 * @example
 * const a = [{ start: 0, end: 60_000, key: 'all', value: { total_revenue: '1.00' } }];
 * const b = [{ start: 0, end: 60_000, key: 'all', value: { total_revenue: '2.00' } }];
 * diffWindows(a, b); // { upserts: [b[0]], removed: [] }
 */
export function diffWindows(
  before: readonly ResultWindow[],
  after: readonly ResultWindow[],
): { upserts: ResultWindow[]; removed: number[] } {
  const old = new Map(before.map((w) => [w.start, JSON.stringify(w)]));
  const upserts = after.filter((w) => old.get(w.start) !== JSON.stringify(w));
  const kept = new Set(after.map((w) => w.start));
  const removed = before.filter((w) => !kept.has(w.start)).map((w) => w.start);
  return { upserts, removed };
}

/**
 * Whether the top-products windows differ (they are small: sent whole when they do).
 *
 * @example
 * sameTopProducts([], []); // true
 */
export function sameTopProducts(a: readonly TopProductsWindow[], b: readonly TopProductsWindow[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Newest first: event time descending, then id descending (the order of `/fraud/alerts` and of the feed).
 *
 * @example
 * declare const alerts: AlertItem[];
 * alerts.sort(compareAlerts); // newest first
 */
export function compareAlerts(a: AlertItem, b: AlertItem): number {
  if (a.event_time !== b.event_time) return a.event_time < b.event_time ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Merges freshly read alerts into the feed: returns the alerts not in it yet (newest first) and the feed with
 * them, capped to `limit`. A read alert older than a full feed's oldest is not new (it fell out of the cap).
 *
 * @example
 * declare const feed: AlertItem[], freshlyRead: AlertItem[];
 * const { added, feed: next } = mergeAlerts(feed, freshlyRead, 1000);
 */
export function mergeAlerts(
  feed: readonly AlertItem[],
  read: readonly AlertItem[],
  limit: number,
): { added: AlertItem[]; feed: AlertItem[] } {
  const known = new Set(feed.map((a) => a.id));
  const oldest = feed.length >= limit ? feed[feed.length - 1] : undefined;
  const added = read
    .filter((a) => !known.has(a.id) && (oldest === undefined || compareAlerts(a, oldest) < 0))
    .sort(compareAlerts);
  if (added.length === 0) return { added, feed: [...feed] };
  return { added, feed: [...added, ...feed].sort(compareAlerts).slice(0, limit) };
}
