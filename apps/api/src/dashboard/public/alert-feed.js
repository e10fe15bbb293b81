// The fraud alert feed, newest first. It keeps up to the server's limit (1000) in memory but renders only the
// newest ROWS list items, rebuilt at most once per animation frame: 1000 alerts arriving at once cost one sort
// and ROWS nodes, never 1000 DOM insertions.
import { el, frameScheduler } from './dom.js';
import { formatDecimal, formatTime } from './format.js';

export const ROWS = 100;

const newestFirst = (a, b) =>
  a.event_time !== b.event_time
    ? a.event_time < b.event_time
      ? 1
      : -1
    : a.id < b.id
      ? 1
      : a.id > b.id
        ? -1
        : 0;

function evidenceText(evidence) {
  const parts = [];
  for (const [key, value] of Object.entries(evidence)) {
    if (value === null) continue;
    if (key === 'amounts' && Array.isArray(value))
      parts.push(`amounts: ${value.map(formatDecimal).join(', ')}`);
    else if (key === 'window' && typeof value === 'object')
      parts.push(
        `window: ${formatTime(new Date(value.start).toISOString())} → ${formatTime(new Date(value.end).toISOString())}`,
      );
    else
      parts.push(
        `${key}: ${Array.isArray(value) ? value.join(', ') : typeof value === 'object' ? JSON.stringify(value) : value}`,
      );
  }
  return parts.join(' · ');
}

export function alertFeed() {
  let alerts = [];
  let limit = 1000;
  const list = document.getElementById('alert-feed');
  const count = document.getElementById('alert-count');

  const item = (a) =>
    el(
      'li',
      { dataset: { id: a.id, rule: a.rule_id, customer: String(a.customer_id) } },
      el(
        'div',
        {},
        el('time', { dateTime: a.event_time }, formatTime(a.event_time)),
        ' ',
        el('span', { className: 'rule' }, a.rule_id),
        ' ',
        el('span', { className: `severity-${a.severity}` }, a.severity),
        ` · customer ${a.customer_id}`,
      ),
      el('div', {}, a.summary),
      el('div', { className: 'evidence' }, evidenceText(a.evidence)),
    );

  const render = frameScheduler(() => {
    const shown = alerts.slice(0, ROWS);
    list.replaceChildren(...shown.map(item));
    list.dataset.count = String(alerts.length);
    count.textContent =
      alerts.length === 0
        ? 'No alerts yet.'
        : `${alerts.length} alert${alerts.length === 1 ? '' : 's'} held (newest ${limit} kept), newest ${shown.length} shown.`;
  });

  return {
    snapshot(list_, limit_) {
      limit = limit_;
      alerts = [...list_].sort(newestFirst).slice(0, limit);
      render();
    },
    add(added) {
      const known = new Set(alerts.map((a) => a.id));
      alerts = [...added.filter((a) => !known.has(a.id)), ...alerts].sort(newestFirst).slice(0, limit);
      render();
    },
  };
}
