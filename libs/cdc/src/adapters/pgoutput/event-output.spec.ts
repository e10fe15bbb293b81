/**
 * The in-process output (`runEvents`) against the JSON output (`run`) decoded by `createDecoder`: for every column
 * type, value shape and op the source writes, the event must deep-equal the decoded envelope.
 */
import { createDecoder } from '../../decoder.js';
import { UNAVAILABLE } from '../../unavailable.js';
import { eventOf } from '../../../test/decode-results.js';
import { pairedOutput, type PairedItem } from '../../../test/paired-output.js';
import {
  tupleToRow,
  type EnvelopeSettings,
  type RowChange,
  type SourcePosition,
} from './envelope-builder.js';
import type { JsonOut } from './json-text.js';
import { eventOutput } from './cdc-output.js';
import type { TupleValue } from './pgoutput-messages.js';
import { buildTableModel, type TableModel } from './table-model.js';
import { TransactionAssembler } from './transaction-assembler.js';
import { PgoutputSourceError } from './errors.js';

const PLACEHOLDER = '__debezium_unavailable_value';
const settings: EnvelopeSettings = {
  topicPrefix: 'shop',
  database: 'ecom',
  schemas: true,
  nowUs: () => 1_704_067_201_000_000n,
};

/** Every type the codec knows (and a few it writes as strings), with the value shapes worth checking. */
const SAMPLES: [pgType: string, texts: string[]][] = [
  ['numeric(12,2)', ['129.90', '-1234.11', '0.00', '0.01', '999999999999.99', '-0.01', 'NaN']],
  ['numeric(5,0)', ['128', '-128', '0']],
  ['numeric', ['10.11110', '1000', '-1234.000100', '0', 'NaN', 'Infinity', '-Infinity']],
  ['money', ['$1,234.50', '-$0.01']],
  ['smallint', ['-32768', '32767']],
  ['integer', ['-7', '2147483647', '0']],
  ['bigint', ['9007199254740993', '-9223372036854775808', '9007199254740991', '-9007199254740992', '42']],
  ['oid', ['4294967295']],
  ['real', ['1.5', '-0', 'NaN', 'Infinity', '-Infinity', '3.4028235e+38']],
  ['double precision', ['0.1', '-0', '1e+300', 'NaN', '-Infinity', '2.2250738585072014e-308']],
  ['boolean', ['t', 'f']],
  ['bit(1)', ['1', '0']],
  ['bit(12)', ['101000000001', '000000000000']],
  ['bit varying', ['', '1', '10110']],
  ['text', ['héllo', '', 'a "quoted" \\ back\nslash', PLACEHOLDER]],
  ['character varying(20)', ['abc']],
  ['character(3)', ['ab ']],
  ['jsonb', ['{"a": 1}', '[]', '{"n": 9007199254740993}']],
  ['json', ['{"b":[1,2]}']],
  ['uuid', ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'b68a35a7-17ad-35b3-af2a-ae46edb4545a']],
  ['xml', ['<a>1</a>']],
  ['inet', ['192.168.0.1/24']],
  ['int4range', ['[1,5)']],
  ['mood', ['happy']],
  ['date', ['2024-02-29', '1970-01-01', '0001-01-01', '0044-03-15 BC', '294276-12-31', '5874897-12-31']],
  ['time without time zone', ['13:51:30.123456', '00:00:00', '23:59:59.999999']],
  ['time(3) without time zone', ['13:51:30.123']],
  ['time with time zone', ['01:00:00+02', '23:30:00.5-05:30']],
  [
    'timestamp without time zone',
    ['2024-01-02 03:04:05.123456', '1970-01-01 00:00:00', '0001-01-01 00:00:00 BC', 'infinity', '-infinity'],
  ],
  ['timestamp(3) without time zone', ['2024-01-02 03:04:05.12', 'infinity', '-infinity']],
  ['timestamp with time zone', ['2024-01-02 03:04:05.5+02', '1969-12-31 23:59:59.999999+00', 'infinity']],
  ['timestamp(3) with time zone', ['2024-01-02 03:04:05.5+02']],
  ['timestamp(0) with time zone', ['2024-01-02 03:04:05+00']],
  ['interval', ['P1Y2M3DT4H5M6.78S', 'PT-1.5S', 'P0D', 'P-1M']],
  ['bytea', ['\\x00ff', '\\x', '\\x5f5f646562657a69756d5f756e617661696c61626c655f76616c7565']],
  ['integer[]', ['{1,NULL,3}', '{}']],
  ['bigint[]', ['{9007199254740993,-1}']],
  ['numeric(8,3)[]', ['{1.5,-2.25}']],
  ['text[]', ['{a,"b,c",NULL,"d \\"e\\""}', `{${PLACEHOLDER}}`]],
  ['uuid[]', ['{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}']],
  ['date[]', ['{2024-02-29,NULL}']],
  ['timestamp with time zone[]', ['{"2024-01-02 03:04:05.5+02"}']],
  ['boolean[]', ['{t,f}']],
  ['mood[]', ['{happy,sad}']],
];

/**
 * Types whose values never reach the WAL as unchanged TOAST: fixed-length types, plus two varlena types whose
 * placeholder shape the decoder does not read (a VariableScaleDecimal struct, bit(1) as boolean; values that large
 * do not occur in practice).
 */
const NEVER_TOASTED = new Set([
  'smallint',
  'integer',
  'bigint',
  'oid',
  'real',
  'double precision',
  'boolean',
  'money',
  'uuid',
  'mood',
  'date',
  'interval',
  'time without time zone',
  'time(3) without time zone',
  'time with time zone',
  'timestamp without time zone',
  'timestamp(3) without time zone',
  'timestamp with time zone',
  'timestamp(3) with time zone',
  'timestamp(0) with time zone',
  'numeric',
  'bit(1)',
]);

const text = (t: string): TupleValue => ({ kind: 'text', text: t });
const NULL: TupleValue = { kind: 'null' };
const TOAST: TupleValue = { kind: 'unchanged-toast' };

function modelFor(typeName: string, keyed: 'id' | 'column' | 'none'): TableModel {
  return buildTableModel(
    'shop',
    'public',
    'samples',
    keyed === 'none' ? 'f' : 'd',
    [
      { name: 'id', typeName: 'integer', notNull: true, primaryKey: keyed === 'id' },
      { name: 'v', typeName, notNull: false, primaryKey: keyed === 'column' },
    ],
    { placeholder: PLACEHOLDER },
  );
}

const decoder = createDecoder({ unavailablePlaceholder: PLACEHOLDER });

/** Every event equals the decoded record at the same position. */
function expectSameAsDecoded(items: readonly PairedItem[]): void {
  expect(items.length).toBeGreaterThan(0);
  for (const { record, event } of items) {
    expect(event.position).toEqual(record.position);
    expect(event.event).toStrictEqual(eventOf(decoder.decodeSync(record)));
  }
}

function assembler(transactionMetadata: boolean) {
  return new TransactionAssembler(pairedOutput(settings, PLACEHOLDER), {
    tombstonesOnDelete: true,
    transactionMetadata,
    emitTruncate: true,
    emitMessages: true,
  });
}

let lsn = 1000n;
/** One transaction with the given changes on relation 1, committed; its paired items. */
function transaction(
  asm: ReturnType<typeof assembler>,
  changes: Parameters<ReturnType<typeof assembler>['change']>[0][],
): PairedItem[] {
  const finalLsn = (lsn += 100n);
  asm.begin({ tag: 'begin', finalLsn, commitTimeUs: 1_704_067_200_123_456n, xid: Number(lsn) });
  for (const c of changes) asm.change(c, (lsn += 1n));
  return asm.commit({
    tag: 'commit',
    flags: 0,
    commitLsn: finalLsn,
    endLsn: finalLsn + 8n,
    commitTimeUs: 1_704_067_200_123_456n,
  });
}

describe('eventOutput: the events equal createDecoder() of the JSON records', () => {
  describe.each(SAMPLES)('%s', (typeName, texts) => {
    it.each([false, true])(
      'insert, update, TOAST, delete, PK change, truncate (transaction metadata %s)',
      (tm) => {
        const asm = assembler(tm);
        asm.setModel(1, modelFor(typeName, 'id'));
        asm.lastCommitLsn = 900n;
        const toast = !NEVER_TOASTED.has(typeName);
        const items: PairedItem[] = [];
        for (const [i, t] of texts.entries()) {
          const id = text(String(i + 1));
          const v = text(t);
          items.push(
            ...transaction(asm, [
              { tag: 'insert', relationId: 1, newTuple: [id, v] },
              { tag: 'insert', relationId: 1, newTuple: [text(String(i + 100)), NULL] },
              {
                tag: 'update',
                relationId: 1,
                oldKind: null,
                oldTuple: null,
                newTuple: [id, toast ? TOAST : v],
              },
              {
                tag: 'update',
                relationId: 1,
                oldKind: 'O',
                oldTuple: [id, v],
                newTuple: [id, toast ? TOAST : NULL],
              },
              {
                tag: 'update',
                relationId: 1,
                oldKind: 'K',
                oldTuple: [id, NULL],
                newTuple: [text('77'), text(t)],
              },
              { tag: 'delete', relationId: 1, oldKind: 'K', oldTuple: [text('77'), NULL] },
              { tag: 'delete', relationId: 1, oldKind: 'O', oldTuple: [id, text(t)] },
            ]),
          );
        }
        items.push(
          ...transaction(asm, [
            { tag: 'truncate', cascade: false, restartIdentity: false, relationIds: [1] },
          ]),
        );
        expectSameAsDecoded(items);
        if (toast) {
          const toasted = items.filter(
            (x) => x.event.event.kind === 'change' && x.event.event.hasUnavailable,
          );
          expect(toasted[0]?.event.event).toMatchObject({ after: { v: UNAVAILABLE } });
        }
      },
    );

    it('as the primary key, and in a table without one', () => {
      for (const keyed of ['column', 'none'] as const) {
        const asm = assembler(false);
        const model = modelFor(typeName, keyed);
        asm.setModel(1, model);
        // A key column is required: values written as null (numeric NaN) cannot be keys.
        const keys = texts.filter((t) => model.columns[1]!.codec.fromText(t) !== null);
        const items = keys.flatMap((t, i) =>
          transaction(asm, [
            { tag: 'insert', relationId: 1, newTuple: [text(String(i)), text(t)] },
            {
              tag: 'update',
              relationId: 1,
              oldKind: 'O',
              oldTuple: [text(String(i)), text(t)],
              newTuple: [text('5'), text(t)],
            },
            { tag: 'delete', relationId: 1, oldKind: 'O', oldTuple: [text('5'), text(t)] },
          ]),
        );
        expectSameAsDecoded(items);
      }
    });

    it('snapshot reads with every snapshot marker', () => {
      const output = pairedOutput(settings, PLACEHOLDER);
      const model = modelFor(typeName, 'id');
      const markers = [
        'first',
        'first_in_data_collection',
        'true',
        'last_in_data_collection',
        'last',
      ] as const;
      const items = markers.flatMap((snapshot, i) =>
        texts.map((t, j) => {
          const at: SourcePosition = {
            tsUs: 1_704_067_200_000_001n,
            snapshot,
            txId: null,
            lsn: 5000n,
            lastCommitLsn: null,
          };
          const after = tupleToRow(model, [text(String(i * 100 + j)), text(t)]);
          const change: RowChange = { model, op: 'r', before: null, after, at, transaction: null };
          return output.place(output.change(change), {
            commitLsn: 5000n,
            lsn: 5000n,
            index: i * 100 + j,
            snapshot: true,
          });
        }),
      );
      expectSameAsDecoded(items);
    });
  });

  it('logical messages, in and outside a transaction, and BEGIN/END markers over several tables', () => {
    const asm = assembler(true);
    asm.setModel(1, modelFor('numeric(12,2)', 'id'));
    asm.setModel(
      2,
      buildTableModel(
        'shop',
        'sales',
        'lines',
        'd',
        [{ name: 'sku', typeName: 'text', notNull: true, primaryKey: true }],
        { placeholder: PLACEHOLDER },
      ),
    );
    const items = transaction(asm, [
      { tag: 'insert', relationId: 1, newTuple: [text('1'), text('1.50')] },
      { tag: 'message', transactional: true, lsn: 0n, prefix: 'audit', content: Buffer.from('héllo') },
      { tag: 'insert', relationId: 2, newTuple: [text('A-1')] },
      { tag: 'message', transactional: true, lsn: 0n, prefix: PLACEHOLDER, content: Buffer.alloc(0) },
      { tag: 'delete', relationId: 2, oldKind: 'K', oldTuple: [text('A-1')] },
    ]);
    items.push(
      ...asm.nonTransactionalMessage(
        { tag: 'message', transactional: false, lsn: 7777n, prefix: 'ping', content: Buffer.from([0, 255]) },
        1_704_067_209_000_000n,
      ),
    );
    expectSameAsDecoded(items);
    expect(items.map((x) => x.event.event.kind)).toEqual([
      'transaction',
      'change',
      'change',
      'change',
      'change',
      'change',
      'tombstone',
      'transaction',
      'change',
    ]);
  });

  /** An insert of `{ id: 1, v }` into a one-column table of the type. */
  const insert = (typeName: string, v: JsonOut): RowChange => ({
    model: modelFor(typeName, 'id'),
    op: 'c',
    before: null,
    after: { id: 1, v },
    at: { tsUs: 1n, snapshot: 'false', txId: 1, lsn: 2n, lastCommitLsn: null },
    transaction: null,
  });

  it('gives the embedded-schema events whatever settings.schemas says', () => {
    const change = insert('numeric(12,2)', 'AJw=');
    const withSchemas = eventOutput(settings, PLACEHOLDER).change(change);
    const without = eventOutput({ ...settings, schemas: false }, PLACEHOLDER).change(change);
    expect(without).toStrictEqual(withSchemas);
    expect(without).toMatchObject({ format: 'json-schema', after: { id: 1, v: '1.56' } });
  });

  it('turns a value its schema rejects (an envelope the decoder would refuse) into UNSUPPORTED_VALUE', () => {
    const err = (() => {
      try {
        eventOutput(settings, PLACEHOLDER).change(insert('integer', 'not an int'));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(PgoutputSourceError);
    expect(err).toMatchObject({ code: 'UNSUPPORTED_VALUE' });
    expect((err as Error).message).toContain('public.samples: SCHEMA_MISMATCH at after.v');
  });
});
