import { LakehouseError, type TrinoQueryPort } from '@ecom/lakehouse';
import request from 'supertest';
import { createApp } from '../app.js';
import type { AnalyticsSource } from './run-analytics.js';

/** A Trino that answers each statement with `answer(sql)` and records the statements. */
function fakeTrino(answer: (sql: string) => unknown[][]): { source: AnalyticsSource; statements: string[] } {
  const statements: string[] = [];
  const trino: TrinoQueryPort = {
    query: async (sql) => {
      statements.push(sql);
      return answer(sql);
    },
  };
  return { source: { trino, marts: { catalog: 'lake', schema: 'marts' } }, statements };
}

/** A Trino whose every statement fails as the lakehouse adapter fails (`TRINO_FAILED`). */
const failingTrino = (message: string): AnalyticsSource => ({
  marts: { catalog: 'lake', schema: 'marts' },
  trino: {
    query: async () => {
      throw new LakehouseError('TRINO_FAILED', message);
    },
  },
});

// revenue_monthly's columns as Trino prints them (CAST … AS VARCHAR), then analysis_date.
const month = (m: string, day = '2026-11-30') => [
  `${m}-01`,
  '12',
  '5',
  '125980000.00',
  '10498333.33',
  '25196000.00',
  '2.4000',
  null,
  null,
  null,
  day,
];

describe('GET /analytics/* (Trino faked)', () => {
  it('answers 503 when no Trino is configured', async () => {
    const res = await request(createApp()).get('/analytics/revenue/monthly');
    expect(res.status).toBe(503);
    expect(res.body.error).toEqual({
      code: 'unavailable',
      message: 'No Trino configured for analytics (TRINO_URL)',
    });
  });

  it('reads the latest build by default; money as exact strings, counts as numbers', async () => {
    const { source, statements } = fakeTrino(() => [month('2026-10'), month('2026-11')]);
    const res = await request(createApp({ analytics: source })).get('/analytics/revenue/monthly');
    expect(res.status).toBe(200);
    expect(res.body.analysis_date).toBe('2026-11-30');
    expect(res.body.page).toEqual({ limit: 50, next_cursor: null });
    expect(res.body.data[1]).toEqual({
      order_month: '2026-11-01',
      total_orders: 12,
      unique_customers: 5,
      total_revenue: '125980000.00',
      avg_order_value: '10498333.33',
      avg_revenue_per_customer: '25196000.00',
      orders_per_customer: '2.4000',
      prev_month_revenue: null,
      revenue_growth_pct: null,
      customer_growth_pct: null,
      analysis_date: '2026-11-30',
    });
    expect(statements).toEqual([
      expect.stringContaining(
        `FROM "lake"."marts"."revenue_monthly" WHERE analysis_date = (SELECT max(analysis_date) FROM "lake"."marts"."revenue_monthly$partitions") ORDER BY "order_month" ASC LIMIT 51`,
      ),
    ]);
  });

  it('pages with a cursor that keeps the first page’s analysis date and sort', async () => {
    const { source, statements } = fakeTrino((sql) =>
      sql.includes('> DATE') ? [month('2026-11')] : [month('2026-09'), month('2026-10'), month('2026-11')],
    );
    const app = createApp({ analytics: source });
    const first = await request(app).get('/analytics/revenue/monthly?limit=2');
    expect(first.body.data.map((r: { order_month: string }) => r.order_month)).toEqual([
      '2026-09-01',
      '2026-10-01',
    ]);
    const cursor = first.body.page.next_cursor as string;
    expect(cursor).toEqual(expect.any(String));
    const second = await request(app).get(`/analytics/revenue/monthly?limit=2&cursor=${cursor}`);
    expect(second.status).toBe(200);
    expect(second.body.page.next_cursor).toBeNull();
    expect(statements[1]).toContain(
      `WHERE analysis_date = DATE '2026-11-30' AND "order_month" > DATE '2026-10-01' ORDER BY "order_month" ASC LIMIT 3`,
    );
    const other = await request(app).get(`/analytics/revenue/monthly?sort=-order_month&cursor=${cursor}`);
    expect(other.status).toBe(400);
    const otherDay = await request(app).get(
      `/analytics/revenue/monthly?analysis_date=2026-11-15&cursor=${cursor}`,
    );
    expect(otherDay.status).toBe(400);
    expect(otherDay.body.error.issues[0].path).toEqual(['analysis_date']);
  });

  it('offset mode: one build for both statements, and the total', async () => {
    const { source, statements } = fakeTrino((sql) =>
      sql.startsWith('SELECT CAST(max') ? [['2026-11-30']] : sql.startsWith('SELECT count') ? [['7']] : [],
    );
    const res = await request(createApp({ analytics: source })).get(
      `/analytics/customers/segments?offset=5&limit=2&rfm_segment=Can't%20Lose%20Them`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: [],
      analysis_date: '2026-11-30',
      page: { limit: 2, offset: 5, total: 7 },
    });
    expect(statements[1]).toContain(
      `WHERE analysis_date = DATE '2026-11-30' AND "rfm_segment" = 'Can''t Lose Them' ORDER BY "customer_id" ASC OFFSET 5 ROWS LIMIT 2`,
    );
    expect(statements[2]).toContain(`SELECT count(*) FROM "lake"."marts"."customer_segments" WHERE`);
  });

  it('converts timestamps to ISO-8601 UTC with microseconds and booleans to booleans', async () => {
    const { source } = fakeTrino(() => [
      ['2026-11-29', '7', 'Sunday', 'true', '10.00', '1', '1', '10.00', '10.00', '2026-11-30'],
    ]);
    const daily = await request(createApp({ analytics: source })).get('/analytics/revenue/daily');
    expect(daily.body.data[0]).toMatchObject({ day_of_week: 7, is_weekend: true, daily_revenue: '10.00' });
    const { source: segments } = fakeTrino(() => [
      [
        '7',
        'Nguyen',
        'a@b.vn',
        '2',
        '150000000.00',
        '75000000.00',
        '2026-10-01 01:02:03.123456',
        '2026-11-01 00:00:00.000001',
        '31',
        '31.00',
        '29',
        'High Value',
        '5',
        '3',
        '5',
        'Potential Loyalists',
        '2026-11-30',
      ],
    ]);
    const res = await request(createApp({ analytics: segments })).get('/analytics/customers/segments');
    expect(res.body.data[0]).toMatchObject({
      customer_id: 7,
      first_order_at: '2026-10-01T01:02:03.123456Z',
      last_order_at: '2026-11-01T00:00:00.000001Z',
      value_segment: 'High Value',
    });
  });

  it('answers 400 for bad parameters before asking Trino', async () => {
    const { source, statements } = fakeTrino(() => []);
    const app = createApp({ analytics: source });
    for (const query of [
      'colour=red',
      'limit=0',
      'limit=501',
      'analysis_date=2026-02-30',
      'analysis_date=yesterday',
      'sort=total_revenue',
      'offset=1&cursor=abc',
      'cursor=not-a-cursor',
    ]) {
      const res = await request(app).get(`/analytics/products/top?${query}`);
      expect([query, res.status, res.body.error.code]).toEqual([query, 400, 'invalid_request']);
    }
    expect((await request(app).get('/analytics/customers/segments?value_segment=Rich')).status).toBe(400);
    expect(statements).toEqual([]);
  });

  it('answers 404 for an analysis date never built, 503 for a mart never built', async () => {
    const { source } = fakeTrino((sql) => (sql.startsWith('SELECT count(*)') ? [['0']] : []));
    const res = await request(createApp({ analytics: source })).get(
      '/analytics/categories?analysis_date=2026-01-01',
    );
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      'Mart category_performance has no build for analysis_date=2026-01-01',
    );
    const { source: empty } = fakeTrino((sql) => (sql.startsWith('SELECT CAST(max') ? [[null]] : []));
    const none = await request(createApp({ analytics: empty })).get('/analytics/categories');
    expect(none.status).toBe(503);
    const missing = failingTrino(
      "trino at http://127.0.0.1:18080 (TRINO_URL): line 1:1: Table 'lake.marts.category_performance' does not exist",
    );
    const never = await request(createApp({ analytics: missing })).get('/analytics/categories');
    expect(never.status).toBe(503);
    expect(never.body.error.message).toBe(
      'Mart category_performance was never built (npm run lake -- marts build)',
    );
  });

  it('answers 503 when Trino is unreachable, without leaking the statement', async () => {
    const down = failingTrino('trino at http://127.0.0.1:1: connect ECONNREFUSED (statement: …)');
    const res = await request(createApp({ analytics: down })).get('/analytics/revenue/daily');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: { code: 'unavailable', message: 'Trino unavailable' } });
  });
});
