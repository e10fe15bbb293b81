/**
 * The process that keeps `npm start`'s embedded PostgreSQL (src/platform/start-platform.ts starts it, detached, with
 * an IPC channel). It lives in its own process group, so a terminal's Ctrl-C reaches the platform first, which
 * stops the simulator, the jobs (their last checkpoint) and the API before it asks this process to stop the server.
 * When the platform dies without asking (SIGKILL), the channel closes and the server is stopped cleanly all the
 * same. Messages: it sends `{ ready: url }` or `{ failed: message }`; it obeys `'stop'`.
 */
import { startEmbeddedPostgres } from './embedded-postgres.js';

const send = (message: object) => process.send?.(message);

async function keep(): Promise<void> {
  const dataDir = process.env['ECOM_DATA_DIR'] ?? '.ecom';
  const port = Number(process.env['ECOM_PG_PORT'] ?? '0');
  let pg;
  try {
    pg = await startEmbeddedPostgres({ dataDir, port, onLog: (line) => process.stdout.write(`${line}\n`) });
  } catch (e) {
    send({ failed: e instanceof Error ? e.message : String(e) });
    process.exit(1);
  }
  const running = pg;
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void running.stop().finally(() => process.exit(0));
  };
  process.on('message', (m) => m === 'stop' && stop());
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.on('SIGINT', () => undefined); // a terminal's Ctrl-C is the platform's to handle
  send({ ready: running.url });
}

void keep();
