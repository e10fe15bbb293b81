/**
 * The initial snapshot (op `r`): reads every published table inside a REPEATABLE READ transaction that imported the
 * slot's exported snapshot, so the rows are exactly the state at the slot's consistent point.
 */
import type { PgClient } from './pg-client.js';
import type { SnapshotMarker } from '../../types.js';
import type { CdcOutput } from './cdc-output.js';
import { describeTable, quoteIdent, TEXT_TYPES } from './catalog.js';
import { tupleToRow, type EnvelopeSettings } from './envelope-builder.js';
import type { TupleValue } from './pgoutput-messages.js';
import { buildTableModel, type TableModel } from './table-model.js';

/**
 * Inputs of {@link readSnapshot}.
 *
 * @example
 * const input: SnapshotInput<RecordItem, CdcRecord> = {
 *   client, snapshotName: '00000003-00000002-1', consistentLsn: 0x16b3748n, tables: [{ oid: 16384 }], settings,
 *   output: recordOutput(settings), batchSize: 1000, placeholder: '__debezium_unavailable_value',
 *   deliver: publish, isStopped: () => false,
 * };
 * await readSnapshot(input);
 */
export interface SnapshotInput<T, R> {
  client: PgClient;
  snapshotName: string;
  consistentLsn: bigint;
  tables: readonly { oid: number }[];
  settings: EnvelopeSettings;
  /** Builds the records (or events) of the snapshot rows. */
  output: CdcOutput<T, R>;
  batchSize: number;
  placeholder: string;
  /** Delivers a batch and resolves once the sink acknowledged it. */
  deliver: (batch: readonly R[]) => Promise<void>;
  isStopped: () => boolean;
}

interface Pending {
  model: TableModel;
  row: (string | null)[];
  firstInTable: boolean;
}

/**
 * Reads and delivers the snapshot. Returns the number of rows delivered. The snapshot transaction is committed at the end.
 *
 * @example
 * const rows = await readSnapshot(input);
 */
export async function readSnapshot<T, R>(input: SnapshotInput<T, R>): Promise<number> {
  const { client, settings, output } = input;
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
  try {
    await client.query(`SET TRANSACTION SNAPSHOT ${quoteLiteral(input.snapshotName)}`);
    const readTimeUs = settings.nowUs();
    let index = 0;
    let batch: R[] = [];
    let pending: Pending | null = null;
    let first = true;

    const emit = async (p: Pending, lastInTable: boolean, lastOverall: boolean): Promise<void> => {
      let marker: SnapshotMarker = 'true';
      if (first) marker = 'first';
      else if (lastOverall) marker = 'last';
      else if (p.firstInTable) marker = 'first_in_data_collection';
      else if (lastInTable) marker = 'last_in_data_collection';
      first = false;
      const tuple: TupleValue[] = p.row.map((v) =>
        v === null ? { kind: 'null' } : { kind: 'text', text: v },
      );
      const after = tupleToRow(p.model, tuple);
      const at = {
        tsUs: readTimeUs,
        snapshot: marker,
        txId: null,
        lsn: input.consistentLsn,
        lastCommitLsn: null,
      };
      const item = output.change({ model: p.model, op: 'r', before: null, after, at, transaction: null });
      batch.push(
        output.place(item, {
          commitLsn: input.consistentLsn,
          lsn: input.consistentLsn,
          index: index++,
          snapshot: true,
        }),
      );
      if (batch.length >= input.batchSize || lastOverall) {
        const b = batch;
        batch = [];
        await input.deliver(b);
      }
    };

    for (const t of input.tables) {
      if (input.isStopped()) return index;
      const d = await describeTable(client, t.oid);
      const model = buildTableModel(settings.topicPrefix, d.schema, d.table, d.replicaIdentity, d.columns, {
        placeholder: input.placeholder,
      });
      const cols = d.columns.map((c) => quoteIdent(c.name)).join(', ');
      await client.query(
        `DECLARE ecom_cdc_snapshot NO SCROLL CURSOR FOR SELECT ${cols} FROM ${quoteIdent(d.schema)}.${quoteIdent(d.table)}`,
      );
      let firstInTable = true;
      for (;;) {
        if (input.isStopped()) return index;
        const r = await client.query<(string | null)[]>({
          text: `FETCH ${input.batchSize} FROM ecom_cdc_snapshot`,
          rowMode: 'array',
          types: TEXT_TYPES,
        });
        if (r.rows.length === 0) break;
        for (const row of r.rows) {
          if (pending) await emit(pending, pending.model !== model, false);
          pending = { model, row, firstInTable };
          firstInTable = false;
        }
      }
      await client.query('CLOSE ecom_cdc_snapshot');
    }
    if (pending) await emit(pending, true, true);
    else if (batch.length > 0) await input.deliver(batch);
    return index;
  } finally {
    await client.query('COMMIT').catch(() => undefined);
  }
}

function quoteLiteral(s: string): string {
  return "'" + s.replace(/'/g, "''") + "'";
}
