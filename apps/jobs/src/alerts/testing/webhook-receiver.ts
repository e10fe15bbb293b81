// A real webhook receiver for tests: node:http on 127.0.0.1, port 0. Each request is recorded, then answered as the
// test's script says: a status (and body, headers), `hang` (never answer), or `destroy` (close the connection).
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * How the receiver answers one request: a status (with an optional body and headers), `hang` (never answer) or
 * `destroy` (close the connection without an answer).
 *
 * @example
 * const answers: ReceiverAnswer[] = [{ status: 500, body: 'busy' }, 'hang', 'destroy', { status: 204 }];
 */
export type ReceiverAnswer =
  { status: number; body?: string; headers?: Record<string, string> } | 'hang' | 'destroy';

/**
 * One request as the receiver got it.
 *
 * @example
 * declare const request: ReceivedRequest;
 * request.headers['idempotency-key'];
 */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A running receiver: its URL (with a fake secret path), the requests so far, and `close()`.
 *
 * @example
 * declare const receiver: WebhookReceiver;
 * await receiver.close();
 */
export interface WebhookReceiver {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * Starts a receiver on 127.0.0.1, port 0; `answer(n)` decides the reply to the n-th request (0-based).
 *
 * @example
 * const receiver = await startReceiver((n) => (n === 0 ? { status: 500 } : { status: 204 }));
 * receiver.url; // 'http://127.0.0.1:<port>/hooks/secret-token'
 * await receiver.close();
 */
export async function startReceiver(
  answer: (n: number, request: ReceivedRequest) => ReceiverAnswer,
): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      const reply = answer(requests.length - 1, request);
      if (reply === 'hang') return;
      if (reply === 'destroy') return void req.socket.destroy();
      res.writeHead(reply.status, reply.headers).end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/secret-token`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
