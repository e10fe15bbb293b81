import { connect } from 'node:net';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `probe` until it returns true; throws after `timeoutMs`, or at once when `abortIf` returns a reason.
 *
 * @example
 * ```ts
 * await waitFor(() => tcpOpen(19092), { timeoutMs: 30_000, what: 'kafka port' });
 * ```
 */
export async function waitFor(
  probe: () => Promise<boolean>,
  opts: { timeoutMs: number; what: string; intervalMs?: number; abortIf?: () => string | undefined },
): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  let lastError = '';
  for (;;) {
    const reason = opts.abortIf?.();
    if (reason) throw new Error(reason);
    try {
      if (await probe()) return;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${opts.timeoutMs} ms waiting for ${opts.what}${lastError ? ` (last error: ${lastError})` : ''}`);
    }
    await sleep(opts.intervalMs ?? 500);
  }
}

/**
 * True when something accepts TCP connections on 127.0.0.1:`port` (1 s timeout).
 *
 * @example
 * ```ts
 * if (await tcpOpen(55432)) console.log('taken');
 * ```
 */
export function tcpOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * GET a URL with a timeout; resolves to status and body text, never hangs.
 *
 * @example
 * ```ts
 * const { status } = await httpGet('http://127.0.0.1:18083/');
 * ```
 */
export async function httpGet(url: string, timeoutMs = 3000): Promise<{ status: number; body: string }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  return { status: res.status, body: await res.text() };
}
