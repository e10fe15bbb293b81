/**
 * Turns the decoded pgoutput messages of one transaction into the items of an output (Debezium records or the
 * decoder's events; pure: no I/O). The source feeds it Begin, the changes and Commit, after resolving each Relation
 * message into a {@link TableModel}.
 */
import type { CdcOutput } from './cdc-output.js';
import { tupleToRow, type ChangeOp, type SourcePosition, type TransactionInfo } from './envelope-builder.js';
import { PgoutputSourceError } from './errors.js';
import type { JsonOut } from './json-text.js';
import type { PgoutputMessage } from './pgoutput-messages.js';
import type { TableModel } from './table-model.js';

type Msg<T extends PgoutputMessage['tag']> = Extract<PgoutputMessage, { tag: T }>;

/**
 * Switches of {@link TransactionAssembler}.
 *
 * @example
 * const flags: AssemblerFlags = { tombstonesOnDelete: true, transactionMetadata: false, emitTruncate: true, emitMessages: true };
 */
export interface AssemblerFlags {
  tombstonesOnDelete: boolean;
  transactionMetadata: boolean;
  emitTruncate: boolean;
  emitMessages: boolean;
}

interface OpenTransaction<T> {
  xid: number;
  finalLsn: bigint;
  commitTimeUs: bigint;
  items: { item: T; lsn: bigint }[];
  perCollection: Map<string, number>;
  total: number;
}

/**
 * Assembles transactions. Call {@link begin}, then {@link change} per change message with its WAL position, then
 * {@link commit}, which returns the items to deliver (`R`: records or events, per the output).
 *
 * @example
 * const asm = new TransactionAssembler(recordOutput(settings), flags);
 * asm.begin(beginMsg); asm.change(insertMsg, walStart); const records = asm.commit(commitMsg);
 */
export class TransactionAssembler<T, R> {
  private readonly models = new Map<number, TableModel>();
  private open: OpenTransaction<T> | null = null;
  /** End LSN of the last commit seen (`sequence[0]` of the next events). */
  lastCommitLsn: bigint | null = null;

  constructor(
    private readonly output: CdcOutput<T, R>,
    private readonly flags: AssemblerFlags,
  ) {}

  /** The model of a relation id, if announced. */
  model(relationId: number): TableModel | undefined {
    return this.models.get(relationId);
  }

  /** Registers (or replaces) the model of a relation id. */
  setModel(relationId: number, model: TableModel): void {
    this.models.set(relationId, model);
  }

  /** Whether a transaction is open. */
  get inTransaction(): boolean {
    return this.open !== null;
  }

  begin(m: Msg<'begin'>): void {
    if (this.open)
      throw new PgoutputSourceError(
        'MALFORMED_MESSAGE',
        `Begin of xid ${m.xid} inside open xid ${this.open.xid}`,
      );
    this.open = {
      xid: m.xid,
      finalLsn: m.finalLsn,
      commitTimeUs: m.commitTimeUs,
      items: [],
      perCollection: new Map(),
      total: 0,
    };
  }

  private tx(what: string): OpenTransaction<T> {
    if (!this.open) throw new PgoutputSourceError('MALFORMED_MESSAGE', `${what} outside a transaction`);
    return this.open;
  }

  private requireModel(relationId: number): TableModel {
    const model = this.models.get(relationId);
    if (!model)
      throw new PgoutputSourceError(
        'UNKNOWN_RELATION',
        `change for relation ${relationId}, which no Relation message announced`,
      );
    return model;
  }

  private txId(t: OpenTransaction<unknown>): string {
    return `${t.xid}:${t.finalLsn}`;
  }

  private at(t: OpenTransaction<unknown>, lsn: bigint): SourcePosition {
    return { tsUs: t.commitTimeUs, snapshot: 'false', txId: t.xid, lsn, lastCommitLsn: this.lastCommitLsn };
  }

  private push(
    t: OpenTransaction<T>,
    model: TableModel,
    op: Exclude<ChangeOp, 'r'>,
    before: Record<string, JsonOut> | null,
    after: Record<string, JsonOut> | null,
    lsn: bigint,
  ): void {
    let transaction: TransactionInfo | null = null;
    const collection = `${model.schema}.${model.table}`;
    const perCollection = (t.perCollection.get(collection) ?? 0) + 1;
    t.perCollection.set(collection, perCollection);
    t.total++;
    if (this.flags.transactionMetadata)
      transaction = { id: this.txId(t), total_order: t.total, data_collection_order: perCollection };
    const item = this.output.change({ model, op, before, after, at: this.at(t, lsn), transaction });
    t.items.push({ item, lsn });
    const tombstone = op === 'd' && this.flags.tombstonesOnDelete ? this.output.tombstone(item) : null;
    if (tombstone !== null) t.items.push({ item: tombstone, lsn });
  }

  /** Adds one change message (insert, update, delete, truncate or transactional message) at WAL position `lsn`. */
  change(m: Msg<'insert' | 'update' | 'delete' | 'truncate' | 'message'>, lsn: bigint): void {
    const t = this.tx(m.tag);
    switch (m.tag) {
      case 'insert': {
        const model = this.requireModel(m.relationId);
        this.push(t, model, 'c', null, tupleToRow(model, m.newTuple), lsn);
        return;
      }
      case 'update': {
        const model = this.requireModel(m.relationId);
        const old = m.oldTuple;
        // Only a full old row ('O', REPLICA IDENTITY FULL) has the values; a key tuple ('K') has nulls elsewhere.
        const full = m.oldKind === 'O' ? old : null;
        // Debezium: with REPLICA IDENTITY FULL the old tuple carries the value of an unchanged TOAST column, and
        // `after` gets it instead of the placeholder (found by the shop differential test).
        const newTuple = full
          ? m.newTuple.map((v, i) =>
              v.kind === 'unchanged-toast' && full[i] && full[i].kind !== 'unchanged-toast' ? full[i] : v,
            )
          : m.newTuple;
        const after = tupleToRow(model, newTuple);
        const before = old ? tupleToRow(model, old) : null;
        if (before && model.keySchema && keyChanged(model, before, after)) {
          // Debezium: a primary-key change is a delete (+ tombstone) of the old key and a create of the new one.
          this.push(t, model, 'd', before, null, lsn);
          this.push(t, model, 'c', null, after, lsn);
        } else {
          this.push(t, model, 'u', before, after, lsn);
        }
        return;
      }
      case 'delete': {
        const model = this.requireModel(m.relationId);
        this.push(t, model, 'd', tupleToRow(model, m.oldTuple), null, lsn);
        return;
      }
      case 'truncate':
        if (!this.flags.emitTruncate) return;
        for (const id of m.relationIds) this.push(t, this.requireModel(id), 't', null, null, lsn);
        return;
      case 'message': {
        if (!this.flags.emitMessages) return;
        t.items.push({ item: this.output.message(m.prefix, m.content, this.at(t, lsn)), lsn });
        return;
      }
    }
  }

  /** Closes the transaction and returns its items (with BEGIN/END markers when transaction metadata is on). */
  commit(m: Msg<'commit'>): R[] {
    const t = this.tx('Commit');
    this.open = null;
    this.lastCommitLsn = m.endLsn;
    const items = t.items;
    if (this.flags.transactionMetadata && t.total > 0) {
      const tsMs = t.commitTimeUs / 1000n;
      const begin = this.output.marker('BEGIN', this.txId(t), tsMs, null);
      const end = this.output.marker('END', this.txId(t), tsMs, {
        total: t.total,
        perCollection: t.perCollection,
      });
      items.unshift({ item: begin, lsn: t.finalLsn });
      items.push({ item: end, lsn: m.endLsn });
    }
    return items.map((it, index) =>
      this.output.place(it.item, { commitLsn: m.endLsn, lsn: it.lsn, index, snapshot: false }),
    );
  }

  /** A non-transactional logical message (outside Begin/Commit): its item, or none when messages are off. */
  nonTransactionalMessage(m: Msg<'message'>, nowUs: bigint): R[] {
    if (!this.flags.emitMessages) return [];
    const at: SourcePosition = {
      tsUs: nowUs,
      snapshot: 'false',
      txId: null,
      lsn: m.lsn,
      lastCommitLsn: this.lastCommitLsn,
    };
    const item = this.output.message(m.prefix, m.content, at);
    return [this.output.place(item, { commitLsn: m.lsn, lsn: m.lsn, index: 0, snapshot: false })];
  }
}

function keyChanged(
  model: TableModel,
  before: Record<string, JsonOut>,
  after: Record<string, JsonOut>,
): boolean {
  for (const f of model.keySchema?.fields ?? []) {
    const b = before[f.field!];
    const a = after[f.field!];
    if (
      JSON.stringify(b, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) !==
      JSON.stringify(a, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
    )
      return true;
  }
  return false;
}
