/**
 * The port through which the lakehouse talks to Trino: one statement in, every row out. The adapter
 * (`prestoTrino` in `@ecom/lakehouse/adapters`) uses presto-client with `engine: 'trino'`; a failure there is a
 * `LakehouseError` `TRINO_FAILED` naming the server and the statement.
 *
 * @example
 * const trino: TrinoQueryPort = { query: async (sql) => (sql === 'SELECT 1' ? [[1]] : []) };
 * await trino.query('SELECT 1'); // [[1]]
 */
export interface TrinoQueryPort {
  query(sql: string, options?: TrinoQueryOptions): Promise<unknown[][]>;
}

/**
 * Per-statement options: session properties (`{ 'lake.insert_existing_partitions_behavior': 'OVERWRITE' }`).
 *
 * @example
 * const options: TrinoQueryOptions = { session: { 'lake.insert_existing_partitions_behavior': 'OVERWRITE' } };
 */
export interface TrinoQueryOptions {
  readonly session?: Readonly<Record<string, string>>;
}
