// Revenue per window: a uPlot chart of revenue and average order value, and the newest window's exact figures
// (revenue, orders, AOV, unique customers, trend against the previous window).
import { figure, frameScheduler } from './dom.js';
import { formatChange, formatDecimal, formatMinute } from './format.js';

export function revenuePanel() {
  const windows = new Map(); // window start (ms) → { start, end, value }
  const container = document.getElementById('revenue-chart');
  const latest = document.getElementById('revenue-latest');
  let chart = null;

  const makeChart = () => {
    const width = Math.max(300, container.clientWidth);
    chart = new window.uPlot(
      {
        width,
        height: 240,
        tzDate: (seconds) => window.uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
        scales: { x: { time: true }, aov: { auto: true } },
        series: [
          { label: 'Window (UTC)', value: (_u, v) => (v === null ? '—' : formatMinute(v * 1000)) },
          {
            label: 'Revenue',
            stroke: '#2364aa',
            width: 2,
            fill: 'rgba(35,100,170,0.08)',
            points: { show: true },
          },
          {
            label: 'Average order value',
            stroke: '#ea7317',
            width: 1.5,
            scale: 'aov',
            dash: [6, 4],
            points: { show: true },
          },
        ],
        axes: [
          {
            incrs: [60, 300, 600, 900, 1800, 3600],
            values: (_u, splits) => splits.map((seconds) => formatMinute(seconds * 1000)),
          },
          { label: 'Revenue', size: 95, labelGap: 8 },
          { label: 'AOV', side: 1, scale: 'aov', size: 95, labelGap: 8, grid: { show: false } },
        ],
      },
      [[], [], []],
      container,
    );
    new ResizeObserver(() =>
      chart.setSize({ width: Math.max(300, container.clientWidth), height: 240 }),
    ).observe(container);
  };

  const render = frameScheduler(() => {
    if (chart === null) makeChart();
    const sorted = [...windows.values()].sort((a, b) => a.start - b.start).slice(-60);
    // uPlot plots numbers: the conversion is for drawing only; the figures below show the exact strings.
    chart.setData([
      sorted.map((w) => w.start / 1000),
      sorted.map((w) => Number(w.value.total_revenue)),
      sorted.map((w) => Number(w.value.average_order_value)),
    ]);
    container.dataset.points = String(sorted.length);
    const newest = sorted.at(-1);
    if (newest === undefined) {
      latest.replaceChildren(figure('Newest window', 'no results yet'));
      return;
    }
    const v = newest.value;
    const pct = v.trend_revenue_pct;
    const trendClass = pct === null ? '' : pct.startsWith('-') ? 'down' : 'up';
    latest.replaceChildren(
      figure(
        'Newest window (UTC)',
        `${formatMinute(newest.start)}–${formatMinute(newest.end)}${v.final === false ? ' (provisional)' : ''}`,
      ),
      figure('Revenue', formatDecimal(v.total_revenue)),
      figure('Orders', String(v.total_orders)),
      figure('Average order value', formatDecimal(v.average_order_value)),
      figure('Unique customers', String(v.unique_customers)),
      figure('Trend vs previous', pct === null ? '—' : `${formatChange(pct)} %`, trendClass),
      figure('Revenue change', formatChange(v.trend_revenue_abs), trendClass),
    );
  });

  return {
    snapshot(list) {
      windows.clear();
      for (const w of list) windows.set(w.start, w);
      render();
    },
    update({ upserts, removed }) {
      for (const start of removed) windows.delete(start);
      for (const w of upserts) windows.set(w.start, w);
      render();
    },
  };
}
