/**
 * In-process output of the built-in source, CPU only (no server): the same pgoutput transactions (20 changes each on
 * an orders-like table: bigint, numeric(12,2), text, jsonb, timestamptz columns; inserts and updates) turned into
 * events two ways, in the same rounds:
 *
 * - `envelope+decode` (baseline): what an in-process consumer of `source.run` did, JSON records with embedded
 *   schemas (the default) parsed again with `createDecoder().decodeSync`;
 * - `events`: `source.runEvents`' output, the same events built without JSON text;
 * - `envelope` (for reference): the records alone, what the Kafka path costs.
 *
 * Run with `npm run bench -- pgoutput-events` (`CDC_EVENTS_BENCH_TXNS`, default 500 transactions).
 */
import { runSuite } from '../../../../../tools/bench/harness.js';
import { createDecoder } from '../../decoder.js';
import { eventOutput, recordOutput, type CdcOutput } from './cdc-output.js';
import type { EnvelopeSettings } from './envelope-builder.js';
import type { PgoutputMessage, TupleValue } from './pgoutput-messages.js';
import { buildTableModel } from './table-model.js';
import { TransactionAssembler } from './transaction-assembler.js';

const TXNS = Number(process.env['CDC_EVENTS_BENCH_TXNS'] ?? 500);
const PER_TXN = 20;
const PLACEHOLDER = '__debezium_unavailable_value';
const settings: EnvelopeSettings = {
  topicPrefix: 'ecommerce-cdc',
  database: 'ecom',
  schemas: true,
  nowUs: () => BigInt(Date.now()) * 1000n,
};
const model = buildTableModel(
  'ecommerce-cdc',
  'public',
  'orders',
  'd',
  [
    { name: 'id', typeName: 'bigint', notNull: true, primaryKey: true },
    { name: 'customer_id', typeName: 'bigint', notNull: true, primaryKey: false },
    { name: 'status', typeName: 'text', notNull: true, primaryKey: false },
    { name: 'total_price', typeName: 'numeric(12,2)', notNull: true, primaryKey: false },
    { name: 'currency', typeName: 'character(3)', notNull: true, primaryKey: false },
    { name: 'shipping_address', typeName: 'jsonb', notNull: false, primaryKey: false },
    { name: 'note', typeName: 'text', notNull: false, primaryKey: false },
    { name: 'created_at', typeName: 'timestamp with time zone', notNull: true, primaryKey: false },
    { name: 'updated_at', typeName: 'timestamp with time zone', notNull: true, primaryKey: false },
  ],
  { placeholder: PLACEHOLDER },
);

const text = (t: string): TupleValue => ({ kind: 'text', text: t });
function row(id: number, status: string): TupleValue[] {
  return [
    text(String(100_000 + id)),
    text(String(1 + (id % 977))),
    text(status),
    text(`${(id * 37) % 100_000}.${String(id % 100).padStart(2, '0')}`),
    text('EUR'),
    text(`{"city": "Berlin", "street": "Hauptstraße ${id}", "zip": "10115"}`),
    id % 3 === 0 ? { kind: 'null' } : text(`gift wrap, order ${id}`),
    text(`2024-12-16 16:44:00.${String(id % 1_000_000).padStart(6, '0')}+00`),
    text(`2024-12-16 16:45:${String(id % 60).padStart(2, '0')}.5+00`),
  ];
}

/** The messages of the benchmark's transactions: per transaction 15 inserts and 5 status updates. */
const transactions: { begin: PgoutputMessage; changes: PgoutputMessage[]; commit: PgoutputMessage }[] = [];
let id = 0;
for (let t = 0; t < TXNS; t++) {
  const lsn = BigInt(1_000_000 + t * 10_000);
  const changes: PgoutputMessage[] = [];
  for (let i = 0; i < PER_TXN; i++) {
    if (i % 4 === 3) {
      changes.push({
        tag: 'update',
        relationId: 1,
        oldKind: null,
        oldTuple: null,
        newTuple: row(id - 2, 'paid'),
      });
    } else {
      changes.push({ tag: 'insert', relationId: 1, newTuple: row(id++, 'pending') });
    }
  }
  transactions.push({
    begin: { tag: 'begin', finalLsn: lsn, commitTimeUs: 1_734_367_440_000_000n, xid: 1000 + t },
    changes,
    commit: {
      tag: 'commit',
      flags: 0,
      commitLsn: lsn,
      endLsn: lsn + 8n,
      commitTimeUs: 1_734_367_440_000_000n,
    },
  });
}

/** Assembles every transaction with the output and hands each delivered batch to `consume`. */
function assemble<T, R>(output: CdcOutput<T, R>, consume: (batch: R[]) => void): void {
  const asm = new TransactionAssembler(output, {
    tombstonesOnDelete: true,
    transactionMetadata: false,
    emitTruncate: true,
    emitMessages: true,
  });
  asm.setModel(1, model);
  for (const tx of transactions) {
    asm.begin(tx.begin as Extract<PgoutputMessage, { tag: 'begin' }>);
    for (const [i, c] of tx.changes.entries())
      asm.change(c as Extract<PgoutputMessage, { tag: 'insert' | 'update' }>, BigInt(i));
    consume(asm.commit(tx.commit as Extract<PgoutputMessage, { tag: 'commit' }>));
  }
}

let sink = 0;
const ops = TXNS * PER_TXN;
await runSuite(
  'cdc-pgoutput-events',
  [
    {
      name: 'envelope+decode',
      ops,
      run: () => {
        const decoder = createDecoder({ unavailablePlaceholder: PLACEHOLDER });
        assemble(recordOutput(settings), (batch) => {
          for (const r of batch) {
            const d = decoder.decodeSync(r);
            if (!d.ok) throw new Error(d.error.message);
            sink += d.value.kind === 'change' ? 1 : 0;
          }
        });
      },
    },
    {
      name: 'events',
      ops,
      baseline: 'envelope+decode',
      run: () => {
        assemble(eventOutput(settings, PLACEHOLDER), (batch) => {
          for (const e of batch) sink += e.event.kind === 'change' ? 1 : 0;
        });
      },
    },
    {
      name: 'envelope',
      ops,
      baseline: 'envelope+decode',
      run: () => {
        assemble(recordOutput(settings), (batch) => {
          sink += batch.length;
        });
      },
    },
  ],
  { rounds: 7, warmup: 2 },
);
if (sink < 0) console.log(sink);
