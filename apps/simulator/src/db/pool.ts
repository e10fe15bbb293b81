import pg from 'pg';

// NUMERIC stays an exact string (pg's default); bigint (customer_events.event_id) too. Only int8 counts are parsed
// where the code asks for them explicitly with ::int.

/**
 * Opens a small `pg` pool for `url`, runs `work` and always closes the pool.
 *
 * @example
 * const count = await withPool(url, async (pool) => (await pool.query('SELECT 1 AS one')).rows[0].one);
 */
export async function withPool<T>(url: string, work: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: url, max: 4, application_name: 'ecom-simulator' });
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}

/**
 * Runs `work` in one transaction on a pooled client: COMMIT on success, ROLLBACK (and rethrow) on error.
 *
 * @example
 * await inTransaction(pool, (client) => client.query('UPDATE products SET stock = stock - 1 WHERE product_id = 1'));
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
