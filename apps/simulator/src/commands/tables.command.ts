import { shopTables } from '@ecom/domain';

/**
 * Describes the shop tables from @ecom/domain: name, primary key, event-time column and column kinds.
 *
 * @example
 * describeShopTables({ json: false });
 * // orders (pk order_id, event time order_date): order_id int, customer_id int, ...
 */
export function describeShopTables(options: { json: boolean }): string {
  const tables = Object.values(shopTables).map((t) => ({
    table: t.name,
    primaryKey: t.primaryKey,
    eventTimeColumn: t.eventTimeColumn,
    columns: Object.fromEntries(Object.entries(t.columns).map(([name, hint]) => [name, hint.kind])),
  }));
  if (options.json) return JSON.stringify(tables, null, 2);
  return tables
    .map(
      (t) =>
        `${t.table} (pk ${t.primaryKey}, event time ${t.eventTimeColumn}): ` +
        Object.entries(t.columns)
          .map(([name, kind]) => `${name} ${kind}`)
          .join(', '),
    )
    .join('\n');
}
