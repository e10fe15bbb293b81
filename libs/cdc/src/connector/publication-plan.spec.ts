import { publicTables, replicationOnlyFacts } from '../../test/publication-fakes.js';
import { ConnectorSetupError } from './connector-setup-error.js';
import { planPublication, type PublicationAction } from './publication-plan.js';
import type { QualifiedTable } from './publication-sql.js';
import { SHOP_CDC_TABLES } from './shop-cdc-tables.js';

const tables = publicTables('orders', 'order_items');
const request = { role: 'ecom_cdc', publication: 'shop_pub', tables, snapshot: true };
const CREATE = 'CREATE PUBLICATION "shop_pub" FOR TABLE "public"."orders", "public"."order_items";';
const GRANTS = [
  'GRANT SELECT ON "public"."orders" TO "ecom_cdc"; -- the snapshot reads it',
  'GRANT SELECT ON "public"."order_items" TO "ecom_cdc"; -- the snapshot reads it',
];
const refusal = (r: ReturnType<typeof planPublication>): ConnectorSetupError => {
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.value)}`);
  expect(r.error).toBeInstanceOf(ConnectorSetupError);
  return r.error;
};

describe('planPublication: who makes the publication, and what the owner runs first', () => {
  const readable = { select: true };
  const ALTER = 'ALTER PUBLICATION "shop_pub" SET TABLE "public"."orders", "public"."order_items";';
  const published = (over: { owned?: boolean; tables?: QualifiedTable[] } = {}) => ({
    allTables: false,
    owned: over.owned ?? false,
    tables: over.tables ?? tables,
  });
  test.each<[string, Parameters<typeof replicationOnlyFacts>[1], boolean, PublicationAction, string[]]>([
    [
      'the newcomer: REPLICATION only, no publication → the owner creates it and grants',
      {},
      true,
      'create',
      [CREATE, ...GRANTS],
    ],
    ['no snapshot (never, no_data): no grants', {}, false, 'create', [CREATE]],
    [
      'owns every table, CREATE on the database → Debezium creates it',
      { table: { owned: true, select: true } },
      true,
      'debezium',
      [],
    ],
    [
      'owns the tables but no CREATE on the database → the owner creates it',
      { role: { createInDatabase: false }, table: { owned: true, select: true } },
      true,
      'create',
      [CREATE],
    ],
    [
      'a superuser (even without REPLICATION) needs nothing',
      { role: { superuser: true, replication: false }, table: { select: true, owned: true } },
      true,
      'debezium',
      [],
    ],
    [
      'a publication with exactly the tables (any order) is used; the grants remain',
      { publication: published({ tables: [...tables].reverse() }) },
      true,
      'ready',
      GRANTS,
    ],
    [
      '… and with SELECT too: nothing to run',
      { table: readable, publication: published() },
      true,
      'ready',
      [],
    ],
    [
      'a publication with other tables (db reset dropped them) → the owner sets them',
      { table: readable, publication: published({ owned: true, tables: [] }) },
      true,
      'update',
      [ALTER],
    ],
    [
      '… unless the role owns it and the tables: Debezium updates it',
      {
        table: { select: true, owned: true },
        publication: published({ owned: true, tables: publicTables('orders') }),
      },
      true,
      'debezium',
      [],
    ],
  ])('%s', (_name, overrides, snapshot, publication, ownerSql) => {
    expect(planPublication(replicationOnlyFacts(tables, overrides), { ...request, snapshot })).toEqual({
      ok: true,
      value: { publication, ownerSql },
    });
  });

  test('the default connector: all ten shop tables in one CREATE PUBLICATION, then one GRANT per table', () => {
    const shop = publicTables(...SHOP_CDC_TABLES);
    const r = planPublication(replicationOnlyFacts(shop), { ...request, tables: shop });
    if (!r.ok) throw r.error;
    expect(r.value.ownerSql).toHaveLength(11);
    expect(r.value.ownerSql[0]).toBe(
      `CREATE PUBLICATION "shop_pub" FOR TABLE ${shop.map((t) => `"public"."${t.table}"`).join(', ')};`,
    );
  });

  test('USAGE on a schema the role lacks comes once, before the SELECT grants', () => {
    const facts = replicationOnlyFacts(tables, { table: { schemaUsage: false } });
    const r = planPublication(facts, request);
    if (!r.ok) throw r.error;
    expect(r.value.ownerSql).toEqual([
      CREATE,
      'GRANT USAGE ON SCHEMA "public" TO "ecom_cdc"; -- the snapshot reads its tables',
      ...GRANTS,
    ]);
  });

  test('identifiers are quoted', () => {
    const odd = [{ schema: 'shop', table: 'we"ird' }];
    const r = planPublication(replicationOnlyFacts(odd, { role: { name: 'cdc"role' } }), {
      ...request,
      role: 'cdc"role',
      tables: odd,
    });
    if (!r.ok) throw r.error;
    expect(r.value.ownerSql).toEqual([
      'CREATE PUBLICATION "shop_pub" FOR TABLE "shop"."we""ird";',
      'GRANT SELECT ON "shop"."we""ird" TO "cdc""role"; -- the snapshot reads it',
    ]);
  });

  test('refuses: a FOR ALL TABLES publication (filtered mode will not alter it)', () => {
    const facts = replicationOnlyFacts(tables, { publication: { allTables: true, owned: false, tables } });
    const e = refusal(planPublication(facts, request));
    expect(e.code).toBe('PUBLICATION_CONFLICT');
    expect(e.message).toContain('--publication');
    expect(e.sql).toEqual(['DROP PUBLICATION "shop_pub";']);
  });

  test('refuses: a captured table that does not exist yet, with the command that creates the schema', () => {
    const facts = replicationOnlyFacts(tables);
    const e = refusal(
      planPublication(
        { ...facts, tables: [facts.tables[0]!, { ...facts.tables[1]!, exists: false }] },
        request,
      ),
    );
    expect(e.code).toBe('CDC_TABLES_MISSING');
    expect(e.message).toContain('public.order_items');
    expect(e.message).toContain('npm run simulator -- db init');
  });

  test('refuses: no such role, or a role without REPLICATION, with what a superuser runs', () => {
    const gone = refusal(planPublication(replicationOnlyFacts(tables, { role: { exists: false } }), request));
    expect(gone).toMatchObject({
      code: 'CDC_ROLE_INVALID',
      sql: ['CREATE ROLE "ecom_cdc" WITH LOGIN REPLICATION;'],
    });
    const plain = refusal(
      planPublication(replicationOnlyFacts(tables, { role: { replication: false } }), request),
    );
    expect(plain).toMatchObject({
      code: 'CDC_ROLE_INVALID',
      sql: ['ALTER ROLE "ecom_cdc" WITH REPLICATION;'],
    });
  });
});
