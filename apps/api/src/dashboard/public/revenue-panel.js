// Revenue per window: a uPlot chart of revenue and average order value, and the newest window's exact figures
// (revenue, orders, AOV, unique customers, trend against the previous window).
import { figure, frameScheduler } from './dom.js';
import { formatChange, formatDecimal, formatMinute } from './format.js';

/**
 * uPlot's columns: window starts (seconds) and the two series. A window the job did not emit between two it did
 * (no orders) is a gap (null), not an invented zero; past MAX_SLOTS slots the windows are plotted as they are.
 * The conversion to numbers is for drawing only; the figures next to the chart show the exact strings.
 */
const MAX_SLOTS = 1440;
function chartData(sorted) {
  const first = sorted[0];
  const last = sorted.at(-1);
  const size = first === undefined ? 0 : first.end - first.start;
  const filled =
    first !== undefined && size > 0 && (last.start - first.start) / size < MAX_SLOTS
      ? Array.from({ length: (last.start - first.start) / size + 1 }, (_x, i) => first.start + i * size)
      : sorted.map((w) => w.start);
  const byStart = new Map(sorted.map((w) => [w.start, w.value]));
  const column = (field) =>
    filled.map((start) => (byStart.has(start) ? Number(byStart.get(start)[field]) : null));
  return [filled.map((start) => start / 1000), column('total_revenue'), column('average_order_value')];
}

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
    chart.setData(chartData(sorted));
    container.dataset.points = String(sorted.length);
    const newest = sorted.at(-1);
    // For tests and scripts: the newest window as it is drawn (start ms, exact revenue, orders).
    container.dataset.newest =
      newest === undefined
        ? ''
        : `${newest.start}/${newest.value.total_revenue}/${newest.value.total_orders}`;
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
