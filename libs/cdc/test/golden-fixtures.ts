/**
 * Loads the golden fixtures captured from real Debezium (src/__fixtures__/golden, written by
 * scripts/capture-golden.ts) and decodes them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDecoder } from '../src/decoder.js';
import { InMemorySchemaRegistry, type AvroSchema } from '../src/schema-registry.js';
import { typeMapFromShopTables } from '../src/shop-type-map.js';
import type { DecodeResult } from '../src/types.js';

export const GOLDEN_DIR = join(__dirname, '../src/__fixtures__/golden');
export const GOLDEN_FORMS = ['json-schema', 'json-schemaless', 'unwrapped', 'avro'] as const;
export type GoldenForm = (typeof GOLDEN_FORMS)[number];

export interface GoldenFile {
  form: GoldenForm;
  topic: string;
  encoding: 'utf8' | 'base64';
  connector: Record<string, string>;
  schemas?: Record<string, AvroSchema>;
  records: {
    partition: number;
    offset: string;
    key: string | null;
    value: string | null;
    headers: Record<string, string>;
  }[];
}

export function goldenTables(form: GoldenForm): string[] {
  return readdirSync(join(GOLDEN_DIR, form))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

export function loadGolden(form: GoldenForm, table: string): GoldenFile {
  return JSON.parse(readFileSync(join(GOLDEN_DIR, form, `${table}.json`), 'utf8')) as GoldenFile;
}

const bytes = (text: string | null, encoding: 'utf8' | 'base64') =>
  text === null ? null : Buffer.from(text, encoding);

/** Decodes every record of one golden file, in offset order. */
export async function decodeGolden(form: GoldenForm, table: string): Promise<DecodeResult[]> {
  const file = loadGolden(form, table);
  const decoder = createDecoder({
    registry: file.schemas
      ? new InMemorySchemaRegistry(Object.entries(file.schemas).map(([id, s]) => [Number(id), s] as const))
      : undefined,
    typeMap: form === 'json-schemaless' ? typeMapFromShopTables() : undefined,
  });
  const out: DecodeResult[] = [];
  for (const r of file.records) {
    out.push(
      await decoder.decode({
        topic: file.topic,
        partition: r.partition,
        offset: r.offset,
        key: bytes(r.key, file.encoding),
        value: bytes(r.value, file.encoding),
        headers: r.headers,
      }),
    );
  }
  return out;
}
