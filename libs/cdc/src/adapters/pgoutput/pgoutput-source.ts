/**
 * The built-in PostgreSQL CDC source: logical replication with pgoutput over the streaming replication protocol,
 * emitting Debezium-compatible records (or, in process, the decoder's events). At-least-once: an LSN is confirmed to
 * PostgreSQL only after the sink acknowledged every record up to it, so a restart (or a crash) resumes from the last
 * acknowledged transaction.
 */
import type { CdcEventSink, CdcSink } from './cdc-record.js';
import { eventOutput, recordOutput, type CdcOutput } from './cdc-output.js';
import {
  describeTable,
  publicationTables,
  quoteIdent,
  SESSION_OPTIONS,
  slotState,
  TEXT_TYPES,
} from './catalog.js';
import { CopyBothQuery } from './copy-both-query.js';
import { newPgClient, type PgClient, type PgClientConfig } from './pg-client.js';
import { decodePgoutputMessage } from './decode-pgoutput-message.js';
import type { EnvelopeSettings } from './envelope-builder.js';
import { PgoutputSourceError } from './errors.js';
import { formatLsn, parseLsn } from './lsn.js';
import type { PgoutputMessage } from './pgoutput-messages.js';
import { readSnapshot } from './read-snapshot.js';
import { decodeReplicationFrame, encodeStandbyStatus } from './replication-frames.js';
import {
  resolveSourceOptions,
  type PgoutputSourceOptions,
  type ResolvedSourceOptions,
} from './source-options.js';
import { buildTableModel } from './table-model.js';
import { TransactionAssembler } from './transaction-assembler.js';
import { createPublicationSql, type QualifiedTable } from '../../connector/publication-sql.js';
import { currentRole, snapshotPrivilegeSql } from './publication-setup.js';

/** The comment marker written on the publication once a slot's snapshot was acknowledged. */
const SNAPSHOT_MARK = 'ecom-cdc:snapshot-complete:';

/**
 * A running (or runnable) source.
 *
 * @example
 * const source = createPgoutputSource(options);
 * const running = source.run(async (records) => { await publish(records); });
 * // later
 * await source.stop(); await running;
 */
export interface PgoutputSource {
  /**
   * Starts (snapshot if needed, then streaming), delivering Debezium JSON records (for Kafka), and resolves when
   * {@link stop} is called. Rejects with `PgoutputSourceError`. A source runs once (`run` or `runEvents`).
   */
  run(sink: CdcSink): Promise<void>;
  /**
   * Like {@link run}, but delivers the decoder's events instead of JSON text (an in-process consumer, no JSON
   * round trip): each event equals `createDecoder().decode(record)` of the record `run` would deliver at the same
   * position, with embedded schemas (`format: 'json-schema'`), modulo the processing-time `ts_ms/ts_us/ts_ns`.
   * The acknowledgement is the same: a transaction's LSN is confirmed once the sink resolved.
   *
   * @example
   * await source.runEvents(async (events) => {
   *   for (const { event, position } of events) if (event.kind === 'change') apply(event, position.commitLsn);
   * });
   */
  runEvents(sink: CdcEventSink): Promise<void>;
  /** Stops: ends the stream and closes the connections. Nothing unacknowledged is confirmed. */
  stop(): Promise<void>;
  /** The last LSN confirmed to PostgreSQL (null before the first confirmation). */
  readonly confirmedLsn: bigint | null;
  /** Whether the initial snapshot ran in this run. */
  readonly snapshotted: boolean;
}

/**
 * Creates the source. Options are validated now (`INVALID_OPTIONS`); nothing connects until `run`.
 *
 * @example
 * const source = createPgoutputSource({ driver: pg, connection: process.env.PG_URL!, slotName: 'ecom', publicationName: 'ecom', tables: ['public.orders'] });
 */
export function createPgoutputSource(options: PgoutputSourceOptions): PgoutputSource {
  return new Source(resolveSourceOptions(options));
}

/**
 * Creates an output from the source's envelope settings and unchanged-TOAST placeholder.
 *
 * @example
 * const factory: OutputFactory<RecordItem, CdcRecord> = recordOutput;
 */
export type OutputFactory<T, R> = (settings: EnvelopeSettings, placeholder: string) => CdcOutput<T, R>;

/**
 * Runs a source with any output: what `run` (records) and `runEvents` (events) do. Internal: the specs run both
 * outputs of one stream through a combined output with it.
 *
 * @example
 * await runWithOutput(source, recordOutput, async (records) => { await publish(records); });
 */
export function runWithOutput<T, R>(
  source: PgoutputSource,
  makeOutput: OutputFactory<T, R>,
  sink: (items: readonly R[]) => Promise<void>,
): Promise<void> {
  if (!(source instanceof Source))
    throw new PgoutputSourceError('INVALID_OPTIONS', 'source: not created by createPgoutputSource');
  return source.runWith(makeOutput, sink);
}

function clientConfig(connection: string | PgClientConfig, replication: boolean): PgClientConfig {
  const base: PgClientConfig =
    typeof connection === 'string' ? { connectionString: connection } : { ...connection };
  return {
    ...base,
    options: [base.options, SESSION_OPTIONS].filter(Boolean).join(' '),
    ...(replication ? { replication: 'database' } : {}),
  } as PgClientConfig;
}

function pgCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e
    ? String((e as { code: unknown }).code)
    : undefined;
}

class Source implements PgoutputSource {
  confirmedLsn: bigint | null = null;
  snapshotted = false;
  private ctl: PgClient | null = null;
  private repl: PgClient | null = null;
  private stream: CopyBothQuery | null = null;
  private stopped = false;
  private started = false;
  private stopSignal!: () => void;
  private readonly stopPromise = new Promise<void>((resolve) => {
    this.stopSignal = resolve;
  });
  private readonly settings: EnvelopeSettings;

  constructor(private readonly o: ResolvedSourceOptions) {
    this.settings = { topicPrefix: o.topicPrefix, database: '', schemas: o.schemas, nowUs: o.clock };
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.stopSignal();
    this.stream?.end();
    await Promise.allSettled([this.repl?.end(), this.ctl?.end()]);
  }

  run(sink: CdcSink): Promise<void> {
    return this.runWith(recordOutput, sink);
  }

  runEvents(sink: CdcEventSink): Promise<void> {
    return this.runWith(eventOutput, sink);
  }

  async runWith<T, R>(
    makeOutput: OutputFactory<T, R>,
    sink: (items: readonly R[]) => Promise<void>,
  ): Promise<void> {
    const output = makeOutput(this.settings, this.o.unavailablePlaceholder);
    if (this.started)
      throw new PgoutputSourceError(
        'INVALID_OPTIONS',
        'run: a source runs once; create a new one to restart',
      );
    this.started = true;
    try {
      await this.runInner(output, sink);
    } catch (e) {
      if (this.stopped && !(e instanceof PgoutputSourceError && e.code === 'SINK_FAILED')) return;
      throw e instanceof PgoutputSourceError
        ? e
        : new PgoutputSourceError('REPLICATION_FAILED', (e as Error)?.message ?? String(e), { cause: e });
    } finally {
      await this.stop();
    }
  }

  /** Delivers to the sink; a stop while the sink is busy abandons the batch (it is not confirmed). */
  private async deliver<R>(
    sink: (items: readonly R[]) => Promise<void>,
    records: readonly R[],
  ): Promise<boolean> {
    if (records.length === 0) return true;
    let sinkPromise: Promise<void>;
    try {
      sinkPromise = Promise.resolve(sink(records));
    } catch (e) {
      throw new PgoutputSourceError('SINK_FAILED', `sink threw: ${(e as Error)?.message ?? String(e)}`, {
        cause: e,
      });
    }
    const outcome = await Promise.race([
      sinkPromise.then(
        () => 'acked' as const,
        (e: unknown) => {
          throw new PgoutputSourceError(
            'SINK_FAILED',
            `sink rejected: ${(e as Error)?.message ?? String(e)}`,
            { cause: e },
          );
        },
      ),
      this.stopPromise.then(() => 'stopped' as const),
    ]);
    return outcome === 'acked';
  }

  private async runInner<T, R>(
    output: CdcOutput<T, R>,
    sink: (items: readonly R[]) => Promise<void>,
  ): Promise<void> {
    const o = this.o;
    this.ctl = newPgClient(this.o.driver, clientConfig(o.connection, false));
    this.repl = newPgClient(this.o.driver, clientConfig(o.connection, true));
    this.ctl.on('error', () => undefined);
    this.repl.on('error', () => undefined);
    await this.ctl.connect();
    await this.repl.connect();
    const ctl = this.ctl;
    const repl = this.repl;
    this.settings.database = (await ctl.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db;

    await this.ensurePublication(ctl);
    const tables = await publicationTables(ctl, o.publicationName);
    if (o.requireReplicaIdentity) {
      const bad = tables.filter(
        (t) => t.replicaIdentity === 'n' || (t.replicaIdentity === 'd' && !t.hasPrimaryKey),
      );
      if (bad.length > 0) {
        throw new PgoutputSourceError(
          'REPLICA_IDENTITY',
          `table(s) without a usable replica identity: ${bad.map((t) => `${t.schema}.${t.table} (${t.replicaIdentity === 'n' ? 'REPLICA IDENTITY NOTHING' : 'no primary key'})`).join(', ')}; ` +
            'add a primary key or run ALTER TABLE … REPLICA IDENTITY FULL (or set requireReplicaIdentity: false)',
        );
      }
    }

    // The slot: reuse (resume from its confirmed LSN) or create it with an exported snapshot.
    let startLsn = 0n;
    let slot = await slotState(ctl, o.slotName);
    if (slot) {
      if (slot.active)
        throw new PgoutputSourceError(
          'SLOT_IN_USE',
          `replication slot ${o.slotName} is in use by PID ${slot.activePid}`,
        );
      if (slot.slotType !== 'logical' || slot.plugin !== 'pgoutput') {
        throw new PgoutputSourceError(
          'SLOT_PLUGIN_MISMATCH',
          `replication slot ${o.slotName} is ${slot.slotType}/${slot.plugin ?? 'none'}, not logical/pgoutput`,
        );
      }
      if (slot.database !== this.settings.database) {
        throw new PgoutputSourceError(
          'SLOT_PLUGIN_MISMATCH',
          `replication slot ${o.slotName} belongs to database ${slot.database}, not ${this.settings.database}`,
        );
      }
      if (slot.walStatus === 'lost') {
        throw new PgoutputSourceError(
          'SLOT_LAGGING',
          `replication slot ${o.slotName} lost required WAL (wal_status = lost, max_slot_wal_keep_size exceeded); drop it and start over with a new snapshot`,
        );
      }
      if (o.snapshot === 'initial' && !(await this.snapshotMarked(ctl))) {
        // A previous run died during its snapshot: the exported snapshot is gone, so start over.
        await ctl.query('SELECT pg_drop_replication_slot($1)', [o.slotName]);
        slot = null;
      } else if (slot.confirmedFlushLsn) {
        startLsn = parseLsn(slot.confirmedFlushLsn);
        this.confirmedLsn = startLsn;
      }
    }
    if (!slot) {
      if (o.snapshot === 'initial') await this.checkSnapshotPrivileges(ctl, tables);
      let created;
      try {
        created = await repl.query<{ consistent_point: string; snapshot_name: string | null }>(
          `CREATE_REPLICATION_SLOT ${quoteIdent(o.slotName)} LOGICAL pgoutput ${o.snapshot === 'initial' ? 'EXPORT_SNAPSHOT' : 'NOEXPORT_SNAPSHOT'}`,
        );
      } catch (e) {
        if (pgCode(e) === '42710')
          throw new PgoutputSourceError(
            'SLOT_IN_USE',
            `replication slot ${o.slotName} was created concurrently by another session`,
            { cause: e },
          );
        throw e;
      }
      const row = created.rows[0]!;
      startLsn = parseLsn(row.consistent_point);
      if (o.snapshot === 'initial' && row.snapshot_name) {
        const snap = newPgClient(this.o.driver, clientConfig(o.connection, false));
        snap.on('error', () => undefined);
        await snap.connect();
        try {
          await readSnapshot({
            client: snap,
            snapshotName: row.snapshot_name,
            consistentLsn: startLsn,
            tables,
            settings: this.settings,
            output,
            batchSize: o.snapshotBatchSize,
            placeholder: o.unavailablePlaceholder,
            deliver: async (records) => {
              if (!(await this.deliver(sink, records)))
                throw new PgoutputSourceError('REPLICATION_FAILED', 'stopped during the snapshot');
            },
            isStopped: () => this.stopped,
          });
        } finally {
          await snap.end().catch(() => undefined);
        }
        if (this.stopped) return;
        await this.markSnapshot(ctl);
        this.snapshotted = true;
      }
    }
    if (this.stopped) return;
    await this.stream_(output, sink, startLsn);
  }

  private async ensurePublication(ctl: PgClient): Promise<void> {
    const o = this.o;
    const exists = await ctl.query('SELECT 1 FROM pg_publication WHERE pubname = $1', [o.publicationName]);
    if (exists.rowCount) return;
    if (!o.createPublication)
      throw new PgoutputSourceError(
        'INVALID_OPTIONS',
        `publicationName: publication ${o.publicationName} does not exist and createPublication is false`,
      );
    const tables = o.tables.map((t): QualifiedTable => {
      const [schema, table] = t.split('.') as [string, string];
      return { schema, table };
    });
    const create = createPublicationSql(o.publicationName, tables);
    try {
      await ctl.query(create);
    } catch (e) {
      if (pgCode(e) === '42710') return; // created concurrently
      if (pgCode(e) === '42501') {
        // PostgreSQL lets only the tables' owner create a FOR TABLE publication (a superuser FOR ALL TABLES).
        const more =
          o.snapshot === 'initial' ? await snapshotPrivilegeSql(ctl, o.publicationName, tables, false) : [];
        throw await this.privilegeError(
          ctl,
          `cannot create publication ${o.publicationName} (${(e as Error).message}): PostgreSQL lets only the owner of the tables create a publication FOR TABLE, and only a superuser FOR ALL TABLES`,
          [`${create};`, ...more],
          e,
        );
      }
      throw new PgoutputSourceError(
        'INVALID_OPTIONS',
        `tables: cannot create publication ${o.publicationName}: ${(e as Error).message}`,
        { cause: e },
      );
    }
  }

  /** Before a slot is created for an initial snapshot: the role must own the publication and read the tables. */
  private async checkSnapshotPrivileges(ctl: PgClient, tables: readonly QualifiedTable[]): Promise<void> {
    const sql = await snapshotPrivilegeSql(ctl, this.o.publicationName, tables, true);
    if (sql.length === 0) return;
    throw await this.privilegeError(
      ctl,
      `cannot take the initial snapshot for publication ${this.o.publicationName}`,
      sql,
    );
  }

  private async privilegeError(
    ctl: PgClient,
    problem: string,
    sql: readonly string[],
    cause?: unknown,
  ): Promise<PgoutputSourceError> {
    const role = await currentRole(ctl);
    return new PgoutputSourceError(
      'INSUFFICIENT_PRIVILEGE',
      `role ${role}: ${problem}. As the tables' owner or a superuser, run:\n` +
        sql.map((l) => `  ${l}\n`).join('') +
        'then start the source again (or connect as a role that has these rights).',
      cause === undefined ? undefined : { cause },
    );
  }

  private async snapshotMarked(ctl: PgClient): Promise<boolean> {
    const r = await ctl.query<{ c: string | null }>({
      text: `SELECT obj_description(oid, 'pg_publication') AS c FROM pg_publication WHERE pubname = $1`,
      values: [this.o.publicationName],
      types: TEXT_TYPES,
    });
    return (r.rows[0]?.c ?? '').split('\n').includes(SNAPSHOT_MARK + this.o.slotName);
  }

  private async markSnapshot(ctl: PgClient): Promise<void> {
    const r = await ctl.query<{ c: string | null }>({
      text: `SELECT obj_description(oid, 'pg_publication') AS c FROM pg_publication WHERE pubname = $1`,
      values: [this.o.publicationName],
      types: TEXT_TYPES,
    });
    const lines = (r.rows[0]?.c ?? '')
      .split('\n')
      .filter((l) => l !== '' && l !== SNAPSHOT_MARK + this.o.slotName);
    lines.push(SNAPSHOT_MARK + this.o.slotName);
    const text = lines.join('\n').replace(/'/g, "''");
    await ctl.query(`COMMENT ON PUBLICATION ${quoteIdent(this.o.publicationName)} IS '${text}'`);
  }

  private sendStatus(): void {
    if (this.stream && this.confirmedLsn !== null)
      this.stream.send(encodeStandbyStatus(this.confirmedLsn, Date.now()));
  }

  private async stream_<T, R>(
    output: CdcOutput<T, R>,
    sink: (items: readonly R[]) => Promise<void>,
    startLsn: bigint,
  ): Promise<void> {
    const o = this.o;
    const repl = this.repl!;
    const ctl = this.ctl!;
    const asm = new TransactionAssembler(output, {
      tombstonesOnDelete: o.tombstonesOnDelete,
      transactionMetadata: o.transactionMetadata,
      emitTruncate: o.emitTruncate,
      emitMessages: o.emitMessages,
    });
    asm.lastCommitLsn = startLsn === 0n ? null : startLsn;
    const frames: Buffer[] = [];
    let wake: (() => void) | null = null;
    let paused = false;
    const sql =
      `START_REPLICATION SLOT ${quoteIdent(o.slotName)} LOGICAL ${formatLsn(startLsn)} ` +
      `(proto_version '1', publication_names '${quoteIdent(o.publicationName).replace(/'/g, "''")}', messages '${o.emitMessages ? 'true' : 'false'}')`;
    const stream = new CopyBothQuery(sql, (chunk) => {
      frames.push(chunk);
      if (frames.length >= o.maxBufferedFrames && !paused) {
        paused = true;
        stream.pause();
      }
      wake?.();
    });
    this.stream = stream;
    repl.query(stream as never);
    let streamError: unknown = null;
    const ended = stream.done.then(
      () => undefined,
      (e: unknown) => {
        streamError = e;
      },
    );
    void ended.then(() => wake?.());
    await stream.started;
    if (streamError) throw this.mapStreamError(streamError);
    const timer = setInterval(() => this.sendStatus(), o.statusIntervalMs);
    timer.unref();
    let streamEnded = false;
    void ended.then(() => {
      streamEnded = true;
    });
    try {
      for (;;) {
        if (this.stopped) return;
        const chunk = frames.shift();
        if (!chunk) {
          if (streamError) throw this.mapStreamError(streamError);
          if (streamEnded) return;
          if (paused) {
            paused = false;
            stream.resume();
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = null;
          continue;
        }
        const frame = decodeReplicationFrame(chunk);
        if (frame.tag === 'keepalive') {
          // Nothing buffered and no open transaction: everything up to walEnd was delivered and acknowledged.
          if (
            !asm.inTransaction &&
            frames.length === 0 &&
            (this.confirmedLsn === null || frame.walEnd > this.confirmedLsn)
          ) {
            this.confirmedLsn = frame.walEnd;
          }
          if (frame.replyRequested) this.sendStatus();
          continue;
        }
        const m: PgoutputMessage = decodePgoutputMessage(frame.payload);
        switch (m.tag) {
          case 'begin':
            asm.begin(m);
            break;
          case 'relation': {
            const d = await describeTable(ctl, m.relationId).catch(() => null);
            const columns = m.columns.map((c) => {
              const known = d?.columns.find((x) => x.name === c.name);
              return {
                name: c.name,
                typeName: known?.typeName ?? 'text',
                notNull: known?.notNull ?? false,
                primaryKey: known?.primaryKey ?? c.isKey,
              };
            });
            // Resolve type names from the message's own oids/typmods (the catalog may already be newer).
            const names = await ctl.query<{ n: string; e: string }>({
              text: `SELECT format_type(t.oid, x.typmod) AS n, t.typtype AS e
                       FROM unnest($1::oid[], $2::int[]) WITH ORDINALITY AS x(oid, typmod, i) JOIN pg_type t ON t.oid = x.oid ORDER BY x.i`,
              values: [m.columns.map((c) => c.typeOid), m.columns.map((c) => c.typeModifier)],
              types: TEXT_TYPES,
            });
            names.rows.forEach((r, i) => {
              if (columns[i]) columns[i]!.typeName = r.e === 'e' ? 'enum' : r.n;
            });
            const model = buildTableModel(o.topicPrefix, m.namespace, m.name, m.replicaIdentity, columns, {
              placeholder: o.unavailablePlaceholder,
            });
            const previous = asm.model(m.relationId);
            if (previous && previous.signature !== model.signature && o.onRelationChange === 'error') {
              throw new PgoutputSourceError(
                'RELATION_CHANGED',
                `${m.namespace}.${m.name} changed mid-stream: [${previous.signature}] → [${model.signature}]`,
              );
            }
            asm.setModel(m.relationId, model);
            break;
          }
          case 'insert':
          case 'update':
          case 'delete':
          case 'truncate':
            asm.change(m, frame.walStart);
            break;
          case 'message':
            if (m.transactional) {
              asm.change(m, frame.walStart);
            } else if (!(await this.deliver(sink, asm.nonTransactionalMessage(m, o.clock())))) {
              return;
            }
            break;
          case 'commit': {
            const records = asm.commit(m);
            if (!(await this.deliver(sink, records))) return;
            this.confirmedLsn = m.endLsn;
            this.sendStatus();
            break;
          }
          case 'type':
          case 'origin':
            break;
        }
      }
    } finally {
      clearInterval(timer);
    }
  }

  private mapStreamError(e: unknown): PgoutputSourceError {
    const code = pgCode(e);
    const msg = (e as Error)?.message ?? String(e);
    if (code === '55006')
      return new PgoutputSourceError('SLOT_IN_USE', `replication slot ${this.o.slotName} is in use: ${msg}`, {
        cause: e,
      });
    if (code === '42704')
      return new PgoutputSourceError(
        'SLOT_PLUGIN_MISMATCH',
        `replication slot ${this.o.slotName} does not exist: ${msg}`,
        { cause: e },
      );
    if (/requested WAL segment .* has already been removed|can no longer get changes/i.test(msg)) {
      return new PgoutputSourceError(
        'SLOT_LAGGING',
        `replication slot ${this.o.slotName} lags too far behind: ${msg}`,
        { cause: e },
      );
    }
    return new PgoutputSourceError('REPLICATION_FAILED', msg, { cause: e });
  }
}
