/**
 * Reads a Parquet file back with hyparquet, a reader independent of every writer under test, into exact JS values:
 * DECIMAL as exact strings (from the stored unscaled integers, not hyparquet's float conversion), TIMESTAMP as ISO
 * UTC with six fraction digits, DATE as `YYYY-MM-DD`, INT64 as decimal strings. Also returns the schema elements
 * and the first row group's column metadata for the logical-type checks.
 */
import { parquetMetadata, parquetReadObjects, type ColumnMetaData, type SchemaElement } from 'hyparquet';

export interface ReadBack {
  schema: SchemaElement[];
  columns: ColumnMetaData[];
  rowGroups: number;
  rows: Record<string, unknown>[];
}

function twosComplement(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return bytes.length > 0 && bytes[0]! & 0x80 ? v - (1n << BigInt(bytes.length * 8)) : v;
}

function exactDecimal(raw: unknown, scale: number): string {
  const unscaled = raw instanceof Uint8Array ? twosComplement(raw) : BigInt(raw as number | bigint);
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${text}` : text;
}

function isoMicros(us: bigint): string {
  const ms = us / 1000n - (us % 1000n < 0n ? 1n : 0n);
  const rest = us - ms * 1000n;
  return `${new Date(Number(ms)).toISOString().slice(0, -1)}${String(rest).padStart(3, '0')}Z`;
}

export async function readParquet(bytes: Uint8Array): Promise<ReadBack> {
  const file = bytes.slice().buffer;
  const metadata = parquetMetadata(file);
  const decimals = new Map<string, number>();
  // A copy of the footer without the DECIMAL annotations, so hyparquet hands over the stored integers.
  const raw = {
    ...metadata,
    schema: metadata.schema.map((e) => {
      if (e.converted_type !== 'DECIMAL') return e;
      decimals.set(e.name, e.scale ?? 0);
      const { converted_type: _c, logical_type: _l, ...plain } = e;
      return plain;
    }),
  };
  const objects = (await parquetReadObjects({
    file,
    metadata: raw,
    parsers: {
      timestampFromMicroseconds: (us: bigint) => isoMicros(us),
      dateFromDays: (days: number) => new Date(days * 86_400_000).toISOString().slice(0, 10),
    },
  })) as Record<string, unknown>[];
  const rows = objects.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => {
        if (v === null || v === undefined) return [k, null];
        if (decimals.has(k)) return [k, exactDecimal(v, decimals.get(k)!)];
        return [k, typeof v === 'bigint' ? v.toString() : v];
      }),
    ),
  );
  return {
    schema: metadata.schema.slice(1),
    columns: metadata.row_groups[0]?.columns.map((c) => c.meta_data!) ?? [],
    rowGroups: metadata.row_groups.length,
    rows,
  };
}
