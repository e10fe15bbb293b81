// The load generator of list.bench.ts, in its own process (forked with a large young generation) so that neither the
// bench harness nor the load generator's own GC pauses land in the servers' latency figures. It answers each IPC
// message {port, path, amount, connections} with {reqPerSec, p50, p99} or {error}.
import autocannon from 'autocannon';

/**
 * One load run: exactly `amount` requests to `path` over `connections` keep-alive connections.
 *
 * @example
 * ```ts
 * import { fork } from 'node:child_process';
 * const child = fork('apps/api/src/testing/load-worker.ts', { execArgv: ['--import', 'tsx'] });
 * child.send({ port: 8000, path: '/orders?limit=50', amount: 3000, connections: 50 } satisfies LoadRequest);
 * ```
 */
export interface LoadRequest {
  readonly port: number;
  readonly path: string;
  readonly amount: number;
  readonly connections: number;
}

/**
 * The answer to a {@link LoadRequest}: throughput from our own clock (start to last response) and autocannon's
 * latency percentiles in ms.
 *
 * @example
 * ```ts
 * const result: LoadResult = { reqPerSec: 2800, p50: 17, p99: 31 };
 * ```
 */
export interface LoadResult {
  readonly reqPerSec: number;
  readonly p50: number;
  readonly p99: number;
}

/**
 * Sends exactly `amount` requests and times them from the start to the last response. autocannon checks `amount`
 * only on its sampling tick, so the tick is 20 ms and the run is stopped at the last response; the figure comes from
 * our own clock, not rounded to autocannon's ticks. Any non-2xx answer, error or timeout fails the run.
 */
function load({ port, path, amount, connections }: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    let responses = 0;
    let lastResponseAt = 0;
    const startedAt = performance.now();
    const instance = autocannon(
      { url: `http://127.0.0.1:${port}${path}`, connections, amount, timeout: 10, sampleInt: 20 },
      (err, result) => {
        if (err) return reject(err);
        if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
          return reject(
            new Error(
              `${path}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
            ),
          );
        }
        const seconds = (lastResponseAt - startedAt) / 1000;
        resolve({ reqPerSec: amount / seconds, p50: result.latency.p50, p99: result.latency.p99 });
      },
    );
    instance.on('response', () => {
      responses += 1;
      if (responses === amount) {
        lastResponseAt = performance.now();
        instance.stop();
      }
    });
  });
}

process.on('message', (message: LoadRequest) => {
  load(message).then(
    (result) => process.send?.(result),
    (err: unknown) => process.send?.({ error: err instanceof Error ? err.message : String(err) }),
  );
});
