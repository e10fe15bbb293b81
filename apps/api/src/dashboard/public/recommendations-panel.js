// Recommendations for a customer: GET /recommendations/:id (the serving store), product names from /products/:id.
import { apiFetch } from './api-client.js';
import { el } from './dom.js';

async function productName(id) {
  const response = await apiFetch(`/products/${id}`);
  if (!response.ok) return null;
  return (await response.json()).data?.name ?? null;
}

export function recommendationsPanel() {
  const form = document.getElementById('recs-form');
  const input = document.getElementById('recs-customer');
  const status = document.getElementById('recs-status');
  const list = document.getElementById('recs-list');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const id = Number(input.value);
    status.textContent = `Loading recommendations for customer ${id}…`;
    list.replaceChildren();
    const response = await apiFetch(`/recommendations/${id}?k=10`);
    const body = await response.json();
    if (!response.ok) {
      status.textContent = `No recommendations: ${body.error?.message ?? response.status}`;
      return;
    }
    const { items, source, model_id: model } = body.data;
    const names = await Promise.all(items.map((i) => productName(i.product_id).catch(() => null)));
    list.replaceChildren(
      ...items.map((i, n) =>
        el(
          'li',
          { dataset: { product: String(i.product_id) } },
          `${names[n] ?? 'product'} #${i.product_id} — ${i.reason} (score ${i.score.toFixed(3)})`,
        ),
      ),
    );
    status.textContent = `${items.length} for customer ${id} (${source}, model ${model}).`;
  });
}
