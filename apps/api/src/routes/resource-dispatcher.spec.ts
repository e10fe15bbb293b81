import request from 'supertest';
import { createApp } from '../app.js';
import type { Queryable } from '../db.js';

const oneOrder: Queryable = {
  query: async <Row extends Record<string, unknown>>() => ({
    rows: [
      { order_id: 1, customer_id: 1, order_date: '2025-03-01T09:00:00.000000Z', total_price: '1.00' },
    ] as unknown as Row[],
  }),
};

describe('resourceDispatcher', () => {
  it('matches data paths like Express routes: case-insensitive, one trailing slash, GET and HEAD only', async () => {
    const app = createApp({ db: oneOrder });
    expect((await request(app).get('/ORDERS/')).status).toBe(200);
    expect((await request(app).get('/order')).body.data).toHaveLength(1);
    const head = await request(app).head('/orders');
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('application/json; charset=utf-8');
    expect((await request(app).post('/orders')).status).toBe(404);
    expect((await request(app).get('/orders//')).status).toBe(404);
    expect((await request(app).get('/orders/1/2')).status).toBe(404);
    expect((await request(app).get('/orders/%E0%A4%A')).status).toBe(400);
    expect((await request(app).get('/orders/abc')).body.error.code).toBe('invalid_request');
    // A listing of several segments, and its detail (a text id, percent-encoded).
    expect((await request(app).get('/Fraud/Alerts/')).status).toBe(200);
    expect((await request(app).get('/fraud/alerts/hv%2F7%2Fo1')).status).toBe(200);
    expect((await request(app).get('/fraud')).status).toBe(404);
    expect((await request(app).get('/fraud/nope/1')).status).toBe(404);
  });

  it('memoises a repeated query string to the same SQL, and never memoises a refusal', async () => {
    const seen: { text: string; values: unknown[] }[] = [];
    const recording: Queryable = {
      query: async <Row extends Record<string, unknown>>(text: string, values: unknown[] = []) => {
        seen.push({ text, values });
        return { rows: [] as Row[] };
      },
    };
    const app = createApp({ db: recording });
    for (let i = 0; i < 2; i++) {
      expect((await request(app).get('/orders?status=paid&sort=-order_date')).status).toBe(200);
      expect((await request(app).get('/orders?limit=0')).status).toBe(400);
    }
    expect(seen).toHaveLength(2);
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[0]?.values).toEqual([['paid'], 51]);
    await request(app).get('/orders?status=pending');
    expect(seen[2]?.values).toEqual([['pending'], 51]);
  });
});
