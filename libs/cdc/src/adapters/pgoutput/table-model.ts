/**
 * What the source knows about a published table: its columns with their codecs, key columns and the Connect
 * schemas of its key and value, built once per Relation message (or catalog read for the snapshot).
 */
import type { ConnectSchema } from '../../connect-schema.js';
import { columnCodec, type ColumnCodec } from './column-codec.js';
import type { ReplicaIdentity } from './pgoutput-messages.js';

/**
 * A column as described by the catalog: `format_type()` name, NOT NULL, primary-key membership.
 *
 * @example
 * const c: ColumnDescription = { name: 'id', typeName: 'integer', notNull: true, primaryKey: true };
 */
export interface ColumnDescription {
  name: string;
  typeName: string;
  notNull: boolean;
  primaryKey: boolean;
}

/**
 * A table ready for envelope building.
 *
 * @example
 * model.topic // 'ecommerce-cdc.public.orders'
 */
export interface TableModel {
  schema: string;
  table: string;
  topic: string;
  replicaIdentity: ReplicaIdentity;
  columns: { name: string; codec: ColumnCodec; primaryKey: boolean }[];
  /** Key struct schema (`<prefix>.<schema>.<table>.Key`), or null for a table without a primary key. */
  keySchema: ConnectSchema | null;
  /** Row struct schema (`<prefix>.<schema>.<table>.Value`). */
  valueSchema: ConnectSchema;
  /** Signature of the column list, to notice relation changes. */
  signature: string;
}

/**
 * Replaces characters Avro names do not allow (Debezium's default `schema.name.adjustment.mode`) with `_`.
 *
 * @example
 * adjustName('my-prefix.public.orders') // 'my_prefix.public.orders'
 */
export function adjustName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.]/g, '_').replace(/^(?=[0-9])/, '_');
}

/**
 * Builds a {@link TableModel}.
 *
 * @example
 * buildTableModel('ecommerce-cdc', 'public', 'orders', 'd', columns, { placeholder: '__debezium_unavailable_value' })
 */
export function buildTableModel(
  topicPrefix: string,
  schema: string,
  table: string,
  replicaIdentity: ReplicaIdentity,
  columns: readonly ColumnDescription[],
  options: { placeholder: string },
): TableModel {
  const topic = `${topicPrefix}.${schema}.${table}`;
  const name = adjustName(topic);
  const cols = columns.map((c) => ({
    name: c.name,
    codec: columnCodec(c.typeName, options),
    primaryKey: c.primaryKey,
  }));
  const fieldSchema = (c: ColumnDescription, codec: ColumnCodec): ConnectSchema => ({
    ...codec.schema,
    // Only key columns are required: a delete or key update under REPLICA IDENTITY DEFAULT carries nulls for the
    // other columns, and Debezium's NOT NULL → optional:false would make such a `before` invalid for its own schema.
    optional: !c.primaryKey,
    field: c.name,
  });
  const keyCols = columns.map((c, i) => [c, cols[i]!.codec] as const).filter(([c]) => c.primaryKey);
  return {
    schema,
    table,
    topic,
    replicaIdentity,
    columns: cols,
    keySchema:
      keyCols.length === 0
        ? null
        : {
            type: 'struct',
            fields: keyCols.map(([c, codec]) => fieldSchema(c, codec)),
            optional: false,
            name: `${name}.Key`,
          },
    valueSchema: {
      type: 'struct',
      fields: columns.map((c, i) => fieldSchema(c, cols[i]!.codec)),
      optional: true,
      name: `${name}.Value`,
    },
    signature: columns.map((c) => `${c.name}:${c.typeName}:${c.primaryKey ? 'k' : ''}`).join(','),
  };
}
