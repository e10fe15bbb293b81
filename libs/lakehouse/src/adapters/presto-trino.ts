import { LakehouseError } from '../errors.js';
import type { TrinoQueryPort } from '../trino-port.js';

/**
 * The presto-client `checkInterval` (ms) to construct clients with. presto-client sleeps this long before every
 * poll of a statement's `nextUri`, even when the answer is ready, and a statement takes about four polls: at
 * 200 ms a `SELECT 1` took 821 ms on the stack's Trino, at 10 ms 85 ms (at 1 ms 56 ms; Trino holds each poll
 * until the state changes, so a short interval does not spin). `lake marts build` of the ten marts (31
 * statements) took a median 15.5 s instead of 27.7 s in the same run (`npm run bench -- marts-build`).
 *
 * @example
 * import presto from 'presto-client';
 * new presto.Client({ host: '127.0.0.1', port: 18080, user: 'ecom', engine: 'trino', checkInterval: PRESTO_CHECK_INTERVAL_MS });
 */
export const PRESTO_CHECK_INTERVAL_MS = 10;

/** What presto-client's `execute` takes (the package ships no types). */
export interface PrestoExecuteOptions {
  query: string;
  /** `X-Trino-Session` header: `name=value` pairs separated by commas. */
  session?: string;
  data?: (error: unknown, data: unknown[][], columns: unknown) => void;
  success?: (error: unknown, stats: unknown) => void;
  error?: (error: unknown) => void;
}

/**
 * The part of a presto-client 1.2 `Client` the Trino port uses, typed structurally so that @ecom/lakehouse does
 * not depend on `presto-client`: pass `new presto.Client({ host, port, user, engine: 'trino', catalog })`.
 */
export interface PrestoClientLike {
  execute(options: PrestoExecuteOptions): void;
}

function message(err: unknown): string {
  const e = err as { message?: string; error?: { message?: string; code?: string } | string } | null;
  const inner = typeof e?.error === 'string' ? e.error : (e?.error?.message ?? e?.error?.code);
  const parts = [e?.message, inner].filter((p): p is string => typeof p === 'string' && p !== '');
  return parts.length ? [...new Set(parts)].join(': ') : JSON.stringify(err);
}

/**
 * The {@link TrinoQueryPort} on presto-client. A failure (server down, bad statement) is a `LakehouseError`
 * `TRINO_FAILED` naming the server (`server`, e.g. `http://127.0.0.1:18080`) and the statement.
 *
 * @example
 * import presto from 'presto-client';
 * const trino = prestoTrino(new presto.Client({ host: '127.0.0.1', port: 18080, user: 'ecom', engine: 'trino',
 *   catalog: 'lake' }), 'http://127.0.0.1:18080');
 * await trino.query('SELECT 1'); // [[1]]
 */
export function prestoTrino(client: PrestoClientLike, server: string): TrinoQueryPort {
  return {
    query(sql, options) {
      const session = Object.entries(options?.session ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      const rows: unknown[][] = [];
      return new Promise((resolve, reject) => {
        const fail = (err: unknown) => {
          const statement = sql.length > 300 ? `${sql.slice(0, 300)}…` : sql;
          reject(
            new LakehouseError(
              'TRINO_FAILED',
              `trino at ${server}: ${message(err)} (statement: ${statement})`,
              { cause: err },
            ),
          );
        };
        client.execute({
          query: sql,
          ...(session ? { session } : {}),
          data: (_e, data) => rows.push(...data),
          success: (err) => (err ? fail(err) : resolve(rows)),
          error: fail,
        });
      });
    },
  };
}
