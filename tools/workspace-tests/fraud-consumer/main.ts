// A service that embeds the fraud detector behind its own Kafka consumer, with @ecom/cdc and @ecom/fraud only
// (issue 13 §1): no apps/jobs, kafkajs or pg. The packaging test installs the packed tarballs into a fresh project,
// compiles this file with tsc (strict, nodenext) and runs it with node; it prints one JSON line.
import { createDecoder, toDomainRecord } from '@ecom/cdc';
import { createFraudDetector, type FraudAlert, type FraudDetectorSnapshot } from '@ecom/fraud';

/** What any Kafka client hands over (kafkajs' `EachMessagePayload` fits): here, Debezium JSON envelopes. */
interface KafkaMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string;
}

const t0 = Date.UTC(2026, 0, 1, 12, 0, 40);
const envelope = (orderId: number, totalPrice: string, at: number): KafkaMessage => ({
  topic: 'ecommerce-cdc.public.orders',
  partition: 0,
  offset: String(orderId),
  key: JSON.stringify({ order_id: orderId }),
  value: JSON.stringify({
    before: null,
    after: {
      order_id: orderId,
      customer_id: 42,
      order_date: new Date(at).toISOString(),
      total_price: totalPrice,
      status: 'pending',
      created_at: new Date(at).toISOString(),
      updated_at: new Date(at).toISOString(),
    },
    source: { connector: 'postgresql', schema: 'public', table: 'orders', ts_ms: at + 5 },
    op: 'c',
    ts_ms: at + 10,
  }),
});
// Six orders of one customer within 30 s, straddling 12:01:00; the last one is large.
const messages = [1, 2, 3, 4, 5, 6].map((i) =>
  envelope(i, i === 6 ? '12500000.00' : '150000.00', t0 + i * 5_000),
);

// Schemaless JSON with decimal.handling.mode=string: totals arrive as exact decimal strings.
const decoder = createDecoder();
const rules = [
  { id: 'velocity-1m', kind: 'velocity', params: { maxOrders: 5, windowMinutes: 1 } },
  { id: 'high-value', kind: 'high-value', params: { threshold: '10000000.00' } },
];

/** The service's message handler: decode, validate against the shop tables, detect. */
function handle(detector: ReturnType<typeof createFraudDetector>, message: KafkaMessage): FraudAlert[] {
  const decoded = decoder.decodeSync(message);
  if (!decoded.ok) throw decoded.error;
  if (decoded.value.kind !== 'change') return [];
  const record = toDomainRecord(decoded.value);
  if (!record.ok) throw record.error;
  return detector.onRecord(record.value);
}

const detector = createFraudDetector({ rules });
const alerts = messages.flatMap((m) => handle(detector, m));

// Checkpoint next to the offsets, "crash", restore and replay the last message: nothing is alerted twice.
const checkpoint: FraudDetectorSnapshot = JSON.parse(JSON.stringify(detector.snapshot()));
const restarted = createFraudDetector({ rules });
restarted.restore(checkpoint);
const replayed = handle(restarted, messages[messages.length - 1]);

const summary: { alerts: string[]; evidence: readonly number[]; replayed: number } = {
  alerts: alerts.map((a) => a.id),
  evidence: alerts[0]?.evidence.orderIds ?? [],
  replayed: replayed.length,
};
console.log(JSON.stringify(summary));
