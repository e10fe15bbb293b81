// The webhook sink with a delivery ledger, over REAL HTTP (the node:http receiver of the sink's own spec) and an
// in-memory ledger (the PostgreSQL one has its own int spec): accepted alerts are recorded before they are queued,
// each outcome is settled, a close leaves what is undelivered pending, and a new sink resumes it.
import type { DeadLetter } from '../runtime/run/dead-letters.js';
import type { AlertRecord } from './alert-record.js';
import { sampleAlert } from './testing/sample-alert.js';
import { startReceiver, type ReceiverAnswer, type WebhookReceiver } from './testing/webhook-receiver.js';
import type { DeliveryOutcome, WebhookLedger } from './webhook-ledger.js';
import { WebhookAlertSink } from './webhook-sink.js';

const alert = sampleAlert;

/** The ledger in a Map: sink → alert id → its record and outcome (`pending` until settled). */
function memoryLedger(): WebhookLedger & { rows: Map<string, { alert: AlertRecord; state: string }> } {
  const rows = new Map<string, { alert: AlertRecord; state: string }>();
  const key = (sink: string, id: string) => `${sink} ${id}`;
  return {
    rows,
    accept: async (sink, alerts) => {
      const fresh = new Set<string>();
      for (const a of alerts)
        if (!rows.has(key(sink, a.id))) {
          rows.set(key(sink, a.id), { alert: a, state: 'pending' });
          fresh.add(a.id);
        }
      return fresh;
    },
    pending: async (sink) =>
      [...rows.entries()]
        .filter(([k, r]) => k.startsWith(`${sink} `) && r.state === 'pending')
        .map(([, r]) => r.alert),
    settle: async (sink, outcome: DeliveryOutcome) => {
      const row = rows.get(key(sink, outcome.alertId));
      if (row) row.state = outcome.state;
    },
  };
}

describe('WebhookAlertSink with a delivery ledger', () => {
  let receiver: WebhookReceiver | undefined;
  const sinks: WebhookAlertSink[] = [];
  let letters: DeadLetter[] = [];

  afterEach(async () => {
    for (const s of sinks.splice(0)) await s.close({ graceMs: 0 });
    await receiver?.close();
    receiver = undefined;
    letters = [];
  });

  const sinkOn = (url: string, ledger: WebhookLedger, retries = 0) => {
    const sink = new WebhookAlertSink({
      config: {
        url,
        format: 'json',
        timeoutMs: 60_000,
        retries,
        backoffMs: 1,
        maxBackoffMs: 1,
        ratePerSec: 1_000,
        queueSize: 100,
        dedupeSize: 100,
      },
      deadLetters: { send: async (batch) => void letters.push(...batch) },
      ledger,
    });
    sinks.push(sink);
    return sink;
  };
  const start = async (answer: (n: number) => ReceiverAnswer) => (receiver = await startReceiver(answer));
  const states = (ledger: ReturnType<typeof memoryLedger>) =>
    Object.fromEntries([...ledger.rows.values()].map((r) => [r.alert.id, r.state]));

  it('records before queueing, sends what the ledger already held only once, and settles each outcome', async () => {
    const { url } = await start((n) => (n === 1 ? { status: 400 } : { status: 204 }));
    const ledger = memoryLedger();
    const sink = sinkOn(url, ledger);
    expect(await sink.accept([alert('a'), alert('b')])).toEqual({ queued: 2, duplicates: 0, overflowed: 0 });
    expect(await sink.accept([alert('a'), alert('c')])).toEqual({ queued: 1, duplicates: 1, overflowed: 0 });
    await sink.drain();
    expect(states(ledger)).toEqual({ a: 'delivered', b: 'dead_lettered', c: 'delivered' });
    expect(letters.map((l) => l.headers['ecom.alert.id'])).toEqual(['b']);
  });

  it('a close leaves undelivered alerts pending (no dead letter); the next sink resumes and delivers them', async () => {
    let hang = true;
    const { url } = await start(() => (hang ? 'hang' : { status: 204 }));
    const ledger = memoryLedger();
    const first = sinkOn(url, ledger);
    await first.accept([alert('a'), alert('b')]);
    await new Promise((resolve) => setTimeout(resolve, 50)); // 'a' reaches the hanging receiver
    await first.close({ graceMs: 20 });
    expect(letters).toEqual([]);
    expect(states(ledger)).toEqual({ a: 'pending', b: 'pending' });

    hang = false;
    const next = sinkOn(url, ledger);
    expect(await next.resume()).toEqual({ queued: 2, duplicates: 0, overflowed: 0 });
    await next.drain();
    expect(states(ledger)).toEqual({ a: 'delivered', b: 'delivered' });
    const delivered = receiver?.requests.filter((r) => r.headers['x-ecom-alert-id'] !== undefined).slice(-2);
    expect(delivered?.map((r) => r.headers['x-ecom-alert-id'])).toEqual(['a', 'b']);
  });

  it('without a ledger, accept is send and resume queues nothing', async () => {
    const { url } = await start(() => ({ status: 204 }));
    const sink = new WebhookAlertSink({
      config: {
        url,
        format: 'json',
        timeoutMs: 1_000,
        retries: 0,
        backoffMs: 1,
        maxBackoffMs: 1,
        ratePerSec: 1_000,
        queueSize: 10,
        dedupeSize: 10,
      },
      deadLetters: { send: async () => undefined },
    });
    sinks.push(sink);
    expect(await sink.resume()).toEqual({ queued: 0, duplicates: 0, overflowed: 0 });
    expect(await sink.accept([alert('a')])).toEqual({ queued: 1, duplicates: 0, overflowed: 0 });
  });
});
