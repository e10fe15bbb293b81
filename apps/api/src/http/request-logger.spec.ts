import { Writable } from 'node:stream';
import request from 'supertest';
import { createApp } from '../app.js';
import type { Queryable } from '../db.js';
import { createLogger } from './request-logger.js';

/** A logger writing JSON lines into an array. */
function captureLogger(): { lines: Record<string, unknown>[]; logger: ReturnType<typeof createLogger> } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line));
      callback();
    },
  });
  return { lines, logger: createLogger('info', sink) };
}

const oneOrder: Queryable = {
  query: async <Row extends Record<string, unknown>>() => ({
    rows: [
      { order_id: 1, customer_id: 1, order_date: '2025-03-01T09:00:00.000000Z', total_price: '1.00' },
    ] as unknown as Row[],
  }),
};

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

describe('request logging', () => {
  it('logs one line per request with the echoed request id, method, URL, status and response time', async () => {
    const { lines, logger } = captureLogger();
    const app = createApp({ db: oneOrder, logger });
    const res = await request(app).get('/orders?limit=1').set('x-request-id', 'req-42');
    await request(app).get('/orders?colour=red');
    await flush();
    expect(res.headers['x-request-id']).toBe('req-42');
    expect(lines[0]).toMatchObject({
      level: 30,
      req: { id: 'req-42', method: 'GET', url: '/orders?limit=1' },
      res: { statusCode: 200 },
      msg: 'request completed',
    });
    expect(typeof lines[0]?.['responseTime']).toBe('number');
    expect(lines[1]).toMatchObject({ level: 40, res: { statusCode: 400 } });
  });

  it('logs unexpected errors with the request id and never the error in the body', async () => {
    const { lines, logger } = captureLogger();
    const failing: Queryable = { query: () => Promise.reject(new Error('boom')) };
    const res = await request(createApp({ db: failing, logger }))
      .get('/orders')
      .set('x-request-id', 'req-7');
    await flush();
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('boom');
    const errorLine = lines.find((l) => l['msg'] === 'unhandled error');
    expect(errorLine).toMatchObject({ level: 50, req: { id: 'req-7' }, err: { message: 'boom' } });
    expect(lines.at(-1)).toMatchObject({ level: 50, res: { statusCode: 500 }, msg: 'request completed' });
  });
});
