import { decodePgoutputMessage } from './decode-pgoutput-message.js';
import { PgoutputSourceError } from './errors.js';
import { formatLsn, parseLsn } from './lsn.js';
import { decodeReplicationFrame, encodeStandbyStatus } from './replication-frames.js';

/** Hand-built wire bytes. */
const u8 = (n: number) => Buffer.from([n]);
const i16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
};
const i32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const i64 = (n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(n);
  return b;
};
const str = (s: string) => Buffer.concat([Buffer.from(s, 'utf8'), u8(0)]);
const ch = (c: string) => Buffer.from(c, 'latin1');
const text = (s: string) => {
  const v = Buffer.from(s, 'utf8');
  return Buffer.concat([ch('t'), i32(v.length), v]);
};
const tuple = (...cols: Buffer[]) => Buffer.concat([i16(cols.length), ...cols]);
const msg = (...parts: Buffer[]) => Buffer.concat(parts);

// 2024-01-01T00:00:00Z in µs since 2000-01-01
const T = 1_704_067_200_000_000n - 946_684_800_000_000n;

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof PgoutputSourceError) return e.code;
    throw e;
  }
  return undefined;
}

describe('decodePgoutputMessage', () => {
  it('decodes Begin and Commit', () => {
    expect(decodePgoutputMessage(msg(ch('B'), i64(0x1_0000_0010n), i64(T), u32(3_000_000_000)))).toEqual({
      tag: 'begin',
      finalLsn: 0x1_0000_0010n,
      commitTimeUs: 1_704_067_200_000_000n,
      xid: 3_000_000_000,
    });
    expect(decodePgoutputMessage(msg(ch('C'), u8(0), i64(100n), i64(120n), i64(T)))).toEqual({
      tag: 'commit',
      flags: 0,
      commitLsn: 100n,
      endLsn: 120n,
      commitTimeUs: 1_704_067_200_000_000n,
    });
  });

  it('decodes Relation, Type and Origin', () => {
    const rel = msg(
      ch('R'),
      u32(16384),
      str('public'),
      str('orders'),
      ch('d'),
      i16(2),
      u8(1),
      str('id'),
      u32(23),
      i32(-1),
      u8(0),
      str('total'),
      u32(1700),
      i32((12 << 16) + 2 + 4),
    );
    expect(decodePgoutputMessage(rel)).toEqual({
      tag: 'relation',
      relationId: 16384,
      namespace: 'public',
      name: 'orders',
      replicaIdentity: 'd',
      columns: [
        { name: 'id', typeOid: 23, typeModifier: -1, isKey: true },
        { name: 'total', typeOid: 1700, typeModifier: (12 << 16) + 6, isKey: false },
      ],
    });
    expect(decodePgoutputMessage(msg(ch('Y'), u32(70000), str('public'), str('mood')))).toEqual({
      tag: 'type',
      typeOid: 70000,
      namespace: 'public',
      name: 'mood',
    });
    expect(decodePgoutputMessage(msg(ch('O'), i64(77n), str('node_a')))).toEqual({
      tag: 'origin',
      originLsn: 77n,
      name: 'node_a',
    });
  });

  it("decodes tuple data with the 'n', 'u', 't' and 'b' markers", () => {
    const ins = msg(
      ch('I'),
      u32(16384),
      ch('N'),
      tuple(text('1'), ch('n'), ch('u'), text('héllo'), msg(ch('b'), i32(2), Buffer.from([0xde, 0xad]))),
    );
    expect(decodePgoutputMessage(ins)).toEqual({
      tag: 'insert',
      relationId: 16384,
      newTuple: [
        { kind: 'text', text: '1' },
        { kind: 'null' },
        { kind: 'unchanged-toast' },
        { kind: 'text', text: 'héllo' },
        { kind: 'binary', bytes: Buffer.from([0xde, 0xad]) },
      ],
    });
  });

  it('decodes Update with and without an old tuple, and Delete', () => {
    expect(decodePgoutputMessage(msg(ch('U'), u32(1), ch('N'), tuple(text('2'))))).toEqual({
      tag: 'update',
      relationId: 1,
      oldKind: null,
      oldTuple: null,
      newTuple: [{ kind: 'text', text: '2' }],
    });
    expect(
      decodePgoutputMessage(msg(ch('U'), u32(1), ch('O'), tuple(text('1')), ch('N'), tuple(text('2')))),
    ).toMatchObject({
      oldKind: 'O',
      oldTuple: [{ kind: 'text', text: '1' }],
      newTuple: [{ kind: 'text', text: '2' }],
    });
    expect(
      decodePgoutputMessage(msg(ch('U'), u32(1), ch('K'), tuple(text('1')), ch('N'), tuple(text('5')))),
    ).toMatchObject({ oldKind: 'K' });
    expect(decodePgoutputMessage(msg(ch('D'), u32(1), ch('K'), tuple(text('9'), ch('n'))))).toEqual({
      tag: 'delete',
      relationId: 1,
      oldKind: 'K',
      oldTuple: [{ kind: 'text', text: '9' }, { kind: 'null' }],
    });
  });

  it('decodes Truncate and logical Message', () => {
    expect(decodePgoutputMessage(msg(ch('T'), i32(2), u8(3), u32(10), u32(11)))).toEqual({
      tag: 'truncate',
      cascade: true,
      restartIdentity: true,
      relationIds: [10, 11],
    });
    expect(
      decodePgoutputMessage(msg(ch('M'), u8(1), i64(500n), str('audit'), i32(3), Buffer.from('abc'))),
    ).toEqual({
      tag: 'message',
      transactional: true,
      lsn: 500n,
      prefix: 'audit',
      content: Buffer.from('abc'),
    });
  });

  it('rejects malformed input with typed errors', () => {
    expect(codeOf(() => decodePgoutputMessage(Buffer.alloc(0)))).toBe('MALFORMED_MESSAGE');
    expect(codeOf(() => decodePgoutputMessage(msg(ch('B'), i64(1n))))).toBe('MALFORMED_MESSAGE');
    expect(codeOf(() => decodePgoutputMessage(msg(ch('Z'))))).toBe('MALFORMED_MESSAGE');
    expect(codeOf(() => decodePgoutputMessage(msg(ch('S'), u32(1), u8(1))))).toBe('UNSUPPORTED_MESSAGE');
    expect(codeOf(() => decodePgoutputMessage(msg(ch('I'), u32(1), ch('N'), tuple(ch('x')))))).toBe(
      'MALFORMED_MESSAGE',
    );
    expect(
      codeOf(() =>
        decodePgoutputMessage(msg(ch('I'), u32(1), ch('N'), i16(1), ch('t'), i32(10), Buffer.from('ab'))),
      ),
    ).toBe('MALFORMED_MESSAGE');
    expect(codeOf(() => decodePgoutputMessage(msg(ch('I'), u32(1), ch('X'), tuple())))).toBe(
      'MALFORMED_MESSAGE',
    );
    expect(
      codeOf(() => decodePgoutputMessage(msg(ch('R'), u32(1), str('s'), str('t'), ch('q'), i16(0)))),
    ).toBe('MALFORMED_MESSAGE');
    expect(codeOf(() => decodePgoutputMessage(msg(ch('Y'), u32(1), Buffer.from('no-nul'))))).toBe(
      'MALFORMED_MESSAGE',
    );
    expect(codeOf(() => decodePgoutputMessage(msg(ch('C'), u8(0), i64(1n), i64(2n), i64(3n), u8(9))))).toBe(
      'MALFORMED_MESSAGE',
    );
  });
});

describe('replication frames and LSNs', () => {
  it('decodes XLogData and keepalive frames', () => {
    const payload = msg(ch('C'), u8(0), i64(1n), i64(2n), i64(0n));
    const f = decodeReplicationFrame(msg(ch('w'), i64(10n), i64(20n), i64(T), payload));
    expect(f).toEqual({
      tag: 'xlog',
      walStart: 10n,
      walEnd: 20n,
      sendTimeUs: 1_704_067_200_000_000n,
      payload,
    });
    expect(decodeReplicationFrame(msg(ch('k'), i64(30n), i64(T), u8(1)))).toEqual({
      tag: 'keepalive',
      walEnd: 30n,
      sendTimeUs: 1_704_067_200_000_000n,
      replyRequested: true,
    });
    expect(codeOf(() => decodeReplicationFrame(msg(ch('q'))))).toBe('MALFORMED_MESSAGE');
  });

  it('encodes a standby status update with write = flush = apply', () => {
    const b = encodeStandbyStatus(0x1_0000_00ffn, 1_704_067_200_000);
    expect(b.length).toBe(34);
    expect(b.toString('latin1', 0, 1)).toBe('r');
    expect(b.readBigUInt64BE(1)).toBe(0x1_0000_00ffn);
    expect(b.readBigUInt64BE(9)).toBe(0x1_0000_00ffn);
    expect(b.readBigUInt64BE(17)).toBe(0x1_0000_00ffn);
    expect(b.readBigInt64BE(25)).toBe(T);
    expect(b[33]).toBe(0);
  });

  it('parses and formats LSNs', () => {
    expect(parseLsn('0/16B3748')).toBe(23_803_720n);
    expect(parseLsn('16/B374D848')).toBe(0x16_b374_d848n);
    expect(formatLsn(0x16_b374_d848n)).toBe('16/B374D848');
    expect(codeOf(() => parseLsn('nope'))).toBe('MALFORMED_MESSAGE');
  });
});
