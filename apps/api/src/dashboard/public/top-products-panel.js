// Top products of the newest window of the chosen window size: by quantity and by revenue (the ranked
// `quantity/<rank>` and `revenue/<rank>` rows of the top-products jobs).
import { el } from './dom.js';
import { formatDecimal, formatMinute } from './format.js';

const JOBS = { '1m': 'top-products', '5m': 'top-products-5m', '1h': 'top-products-1h' };

export function topProductsPanel() {
  let windows = [];
  let chosen = '1m';
  const caption = document.getElementById('top-window');
  const quantity = document.getElementById('top-quantity');
  const revenue = document.getElementById('top-revenue');

  const row = (r, first, second) =>
    el(
      'tr',
      {},
      el('td', {}, String(r.value.rank)),
      el('td', {}, r.value.product_name ?? `#${r.value.product_id}`),
      el('td', {}, first),
      el('td', {}, second),
    );

  const render = () => {
    const job = JOBS[chosen];
    const w = windows.find((x) => x.job === job);
    if (w === undefined) {
      caption.textContent = `No results from the ${job} job yet.`;
      quantity.replaceChildren();
      revenue.replaceChildren();
      return;
    }
    const early = w.rows.some((r) => r.value.final === false);
    caption.textContent = `Window ${formatMinute(w.start)}–${formatMinute(w.end)} UTC${early ? ' (provisional)' : ''}, job ${job}.`;
    const rows = (prefix) => w.rows.filter((r) => r.key.startsWith(prefix));
    quantity.replaceChildren(
      ...rows('quantity/').map((r) =>
        row(r, String(r.value.total_quantity), formatDecimal(r.value.total_revenue)),
      ),
    );
    revenue.replaceChildren(
      ...rows('revenue/').map((r) =>
        row(r, formatDecimal(r.value.total_revenue), String(r.value.total_quantity)),
      ),
    );
  };

  for (const input of document.querySelectorAll('input[name="top-window"]'))
    input.addEventListener('change', () => {
      chosen = input.value;
      render();
    });

  return {
    update(list) {
      windows = list;
      render();
    },
  };
}
