import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { gracefulShutdown } from './shutdown.js';

const logger = pino({ level: 'silent' });

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

function get(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path: '/' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    })
      .on('error', reject)
      .end();
  });
}

describe('gracefulShutdown', () => {
  it('marks draining, lets the in-flight request finish, then closes resources (exit 0)', async () => {
    const order: string[] = [];
    const server = createServer((_req, res) => {
      setTimeout(() => res.end('done'), 100);
    });
    const port = await listen(server);
    const inFlight = get(port);
    await new Promise((r) => setTimeout(r, 20));
    const code = await gracefulShutdown({
      server,
      logger,
      timeoutMs: 5_000,
      markDraining: () => order.push('draining'),
      closeResources: async () => {
        order.push('closed');
      },
    });
    expect(await inFlight).toBe(200);
    expect(code).toBe(0);
    expect(order).toEqual(['draining', 'closed']);
    expect(server.listening).toBe(false);
  });

  it('gives up after the timeout with exit code 1', async () => {
    const server = createServer(() => {
      /* never answers */
    });
    const port = await listen(server);
    const hanging = get(port).catch(() => 0);
    await new Promise((r) => setTimeout(r, 20));
    const code = await gracefulShutdown({
      server,
      logger,
      timeoutMs: 100,
      markDraining: () => undefined,
      closeResources: async () => undefined,
    });
    expect(code).toBe(1);
    await hanging;
  });
});
