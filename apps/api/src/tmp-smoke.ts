import request from 'supertest';
import { createApp } from './app.js';
import { FIXTURE_SQL } from './testing/fixture.js';
import { createTestDatabase } from './testing/test-database.js';
const db = await createTestDatabase(FIXTURE_SQL);
try {
  const app = createApp({ db: db.pool });
  for (const u of ['/', '/orders?limit=2', '/orders/3', '/customers?limit=1', '/orders?sort=-order_date&limit=2', '/products?active=false', '/orders?offset=1&limit=2&status=paid,shipped', '/customer_events?limit=2&sort=-event_time', '/orders?limit=0', '/nope', '/orders/999', '/orders/abc', '/docs', '/readyz', '/products?q=%25']) {
    const r = await request(app).get(u);
    console.log(u, r.status, r.headers['content-type'], JSON.stringify(r.body).slice(0, 600));
  }
  const r1 = await request(app).get('/orders?sort=-order_date&limit=2');
  const r2 = await request(app).get('/orders?sort=-order_date&limit=2&cursor=' + r1.body.page.next_cursor);
  console.log(r2.body.data.map((o: any) => o.order_id), r2.body.page);
  const r3 = await request(app).get('/orders?sort=order_date&limit=1');
  const r4 = await request(app).get('/orders?sort=order_date&limit=1&cursor=' + r3.body.page.next_cursor);
  console.log(r3.body.data.map((o: any) => o.order_id), r4.body.data.map((o: any) => o.order_id));
} finally { await db.drop(); }
