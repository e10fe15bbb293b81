import { createDecoder } from '../../decoder.js';
import type { ChangeEvent, DecodedEvent, TransactionMarker } from '../../types.js';
import { eventOf } from '../../../test/decode-results.js';
import { createAsyncIteratorSink } from './async-iterator-sink.js';
import { recordOutput } from './cdc-output.js';
import type { CdcRecord } from './cdc-record.js';
import type { EnvelopeSettings } from './envelope-builder.js';
import { PgoutputSourceError } from './errors.js';
import { resolveSourceOptions, type PgoutputSourceOptions } from './source-options.js';
import { buildTableModel } from './table-model.js';
import { TransactionAssembler } from './transaction-assembler.js';

const settings = (schemas: boolean): EnvelopeSettings => ({
  topicPrefix: 'shop',
  database: 'ecom',
  schemas,
  nowUs: () => 1_704_067_201_000_000n,
});
const model = buildTableModel(
  'shop',
  'public',
  'orders',
  'd',
  [
    { name: 'id', typeName: 'integer', notNull: true, primaryKey: true },
    { name: 'total', typeName: 'numeric(12,2)', notNull: true, primaryKey: false },
    { name: 'note', typeName: 'text', notNull: false, primaryKey: false },
  ],
  { placeholder: '__debezium_unavailable_value' },
);
const t = (text: string) => ({ kind: 'text' as const, text });
const decoder = createDecoder();
const decode = (r: CdcRecord): DecodedEvent =>
  eventOf(decoder.decodeSync({ topic: r.topic, key: r.key, value: r.value }));

/** An assembler that emits tombstones, truncates and messages, like the source's defaults. */
function newAssembler(schemas: boolean, transactionMetadata = false) {
  return new TransactionAssembler(recordOutput(settings(schemas)), {
    tombstonesOnDelete: true,
    transactionMetadata,
    emitTruncate: true,
    emitMessages: true,
  });
}

/** Commits the small transaction the single-case tests open (LSN 10) and decodes what it emitted. */
const commitAt10 = (asm: ReturnType<typeof newAssembler>): DecodedEvent[] =>
  asm.commit({ tag: 'commit', flags: 0, commitLsn: 10n, endLsn: 11n, commitTimeUs: 0n }).map(decode);

function assemble(schemas: boolean, transactionMetadata: boolean): CdcRecord[] {
  const asm = newAssembler(schemas, transactionMetadata);
  asm.setModel(16384, model);
  asm.lastCommitLsn = 900n;
  asm.begin({ tag: 'begin', finalLsn: 1000n, commitTimeUs: 1_704_067_200_000_000n, xid: 571 });
  asm.change({ tag: 'insert', relationId: 16384, newTuple: [t('1'), t('129.90'), t('x')] }, 950n);
  asm.change(
    {
      tag: 'update',
      relationId: 16384,
      oldKind: null,
      oldTuple: null,
      newTuple: [t('1'), t('1.5'), { kind: 'unchanged-toast' }],
    },
    960n,
  );
  asm.change(
    {
      tag: 'delete',
      relationId: 16384,
      oldKind: 'K',
      oldTuple: [t('1'), { kind: 'null' }, { kind: 'null' }],
    },
    970n,
  );
  asm.change({ tag: 'truncate', cascade: false, restartIdentity: false, relationIds: [16384] }, 980n);
  asm.change(
    { tag: 'message', transactional: true, lsn: 990n, prefix: 'audit', content: Buffer.from('hi') },
    990n,
  );
  return asm.commit({
    tag: 'commit',
    flags: 0,
    commitLsn: 1000n,
    endLsn: 1010n,
    commitTimeUs: 1_704_067_200_000_000n,
  });
}

describe('TransactionAssembler', () => {
  it.each([true, false])('emits envelopes the decoder reads back (schemas: %s)', (schemas) => {
    const records = assemble(schemas, false);
    const decoded = records.map(decode);
    expect(decoded.map((d) => (d.kind === 'change' ? d.opCode : d.kind))).toEqual([
      'c',
      'u',
      'd',
      'tombstone',
      't',
      'm',
    ]);
    const [c, u, d] = decoded as ChangeEvent[];
    expect(c!.topic).toBe('shop.public.orders');
    expect(c!.key).toEqual({ id: 1 });
    if (schemas) expect(c!.after).toEqual({ id: 1, total: '129.90', note: 'x' });
    expect(c!.source).toMatchObject({
      connector: 'postgresql',
      name: 'shop',
      db: 'ecom',
      schema: 'public',
      table: 'orders',
      txId: 571n,
      lsn: 950n,
      ts_ms: 1_704_067_200_000,
      ts_ns: 1_704_067_200_000_000_000n,
      snapshot: 'false',
      sequence: '["900","950"]',
    });
    expect(u!.hasUnavailable).toBe(true);
    expect(u!.beforeMissing).toBe(true);
    expect(d!.before).toMatchObject({ id: 1 });
    expect(records.every((r) => r.position.commitLsn === 1010n)).toBe(true);
    expect(records.map((r) => r.position.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(records[3]!.value).toBeNull();
  });

  it('adds BEGIN/END markers and the transaction block with transaction metadata', () => {
    const decoded = assemble(true, true).map(decode);
    const markers = decoded.filter((d): d is TransactionMarker => d.kind === 'transaction');
    expect(markers.map((m) => [m.status, m.id, m.event_count])).toEqual([
      ['BEGIN', '571:1000', null],
      ['END', '571:1000', 4],
    ]);
    expect(markers[1]!.data_collections).toEqual([{ data_collection: 'public.orders', event_count: 4 }]);
    const orders = decoded
      .filter((d): d is ChangeEvent => d.kind === 'change' && d.opCode !== 'm')
      .map((e) => e.transaction);
    expect(orders.map((x) => x?.total_order)).toEqual([1, 2, 3, 4]);
  });

  it('fills an unchanged TOAST value from a full old row (REPLICA IDENTITY FULL), as Debezium does', () => {
    const asm = newAssembler(false);
    asm.setModel(1, model);
    asm.begin({ tag: 'begin', finalLsn: 10n, commitTimeUs: 0n, xid: 1 });
    const unchanged = { kind: 'unchanged-toast' as const };
    asm.change(
      {
        tag: 'update',
        relationId: 1,
        oldKind: 'O',
        oldTuple: [t('1'), t('1'), t('long')],
        newTuple: [t('1'), t('2'), unchanged],
      },
      5n,
    );
    asm.change(
      {
        tag: 'update',
        relationId: 1,
        oldKind: 'K',
        oldTuple: [t('1'), { kind: 'null' }, { kind: 'null' }],
        newTuple: [t('1'), t('3'), unchanged],
      },
      6n,
    );
    const notes = commitAt10(asm).map((d) => (d.kind === 'change' ? d.after?.['note'] : d.kind));
    expect(notes[0]).toBe('long');
    expect(notes[1]).not.toBe('long');
    expect(notes[1]).not.toBeNull();
  });

  it('turns a primary-key change into delete + tombstone + create', () => {
    const asm = newAssembler(true);
    asm.setModel(1, model);
    asm.begin({ tag: 'begin', finalLsn: 10n, commitTimeUs: 0n, xid: 1 });
    asm.change(
      {
        tag: 'update',
        relationId: 1,
        oldKind: 'K',
        oldTuple: [t('1'), { kind: 'null' }, { kind: 'null' }],
        newTuple: [t('2'), t('1'), t('x')],
      },
      5n,
    );
    const rs = commitAt10(asm);
    expect(rs.map((d) => (d.kind === 'change' ? `${d.opCode}${JSON.stringify(d.key)}` : d.kind))).toEqual([
      'd{"id":1}',
      'tombstone',
      'c{"id":2}',
    ]);
  });

  it('reports unknown relations, tuple mismatches and changes outside a transaction with typed errors', () => {
    const asm = newAssembler(true);
    const ins = { tag: 'insert' as const, relationId: 7, newTuple: [t('1')] };
    expect(() => asm.change(ins, 1n)).toThrow(expect.objectContaining({ code: 'MALFORMED_MESSAGE' }));
    asm.begin({ tag: 'begin', finalLsn: 10n, commitTimeUs: 0n, xid: 1 });
    expect(() => asm.change(ins, 1n)).toThrow(expect.objectContaining({ code: 'UNKNOWN_RELATION' }));
    asm.setModel(7, model);
    expect(() => asm.change(ins, 1n)).toThrow(expect.objectContaining({ code: 'TUPLE_MISMATCH' }));
    expect(() => asm.change({ ...ins, newTuple: [t('x'), t('1'), t('a')] }, 1n)).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_VALUE' }),
    );
    expect(() => asm.change({ ...ins, newTuple: [t('1'), t('abc'), t('a')] }, 1n)).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_VALUE' }),
    );
  });
});

describe('createAsyncIteratorSink', () => {
  it('acknowledges a batch only when the consumer asks for the record after it', async () => {
    const { sink, records, close } = createAsyncIteratorSink();
    const rec = (i: number): CdcRecord => ({
      topic: 't',
      key: null,
      value: String(i),
      position: { commitLsn: 1n, lsn: 1n, index: i, snapshot: false },
    });
    let acked = 0;
    void sink([rec(0), rec(1)]).then(() => acked++);
    const it = records[Symbol.asyncIterator]();
    expect((await it.next()).value?.value).toBe('0');
    expect((await it.next()).value?.value).toBe('1');
    await Promise.resolve();
    expect(acked).toBe(0); // the consumer holds record 1
    const pending = it.next();
    await new Promise((r) => setImmediate(r));
    expect(acked).toBe(1);
    close();
    expect((await pending).done).toBe(true);
  });
});

describe('resolveSourceOptions', () => {
  const base = {
    driver: { Client: class {} },
    connection: 'postgres://x',
    slotName: 's1',
    publicationName: 'p1',
  } as unknown as PgoutputSourceOptions;
  it('applies the defaults', () => {
    expect(resolveSourceOptions(base)).toMatchObject({
      topicPrefix: 'ecommerce-cdc',
      snapshot: 'initial',
      schemas: true,
      tombstonesOnDelete: true,
    });
  });
  it.each([
    ['driver', { driver: {} }],
    ['slotName', { slotName: 'Bad-Name' }],
    ['publicationName', { publicationName: '' }],
    ['tables', { tables: ['orders'] }],
    ['topicPrefix', { topicPrefix: 'a b' }],
    ['snapshot', { snapshot: 'always' }],
    ['snapshotBatchSize', { snapshotBatchSize: 0 }],
    ['onRelationChange', { onRelationChange: 'ignore' }],
  ])('names the bad option %s', (name, patch) => {
    let err: unknown;
    try {
      resolveSourceOptions({ ...base, ...patch } as unknown as PgoutputSourceOptions);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PgoutputSourceError);
    expect(err).toMatchObject({ code: 'INVALID_OPTIONS' });
    expect((err as Error).message.startsWith(`${name}:`)).toBe(true);
  });
});
