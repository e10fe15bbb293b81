import { FakePublicationAdmin, publicTables, replicationOnlyFacts } from '../../test/publication-fakes.js';
import { ConnectorSetupError } from './connector-setup-error.js';
import { preparePublication } from './prepare-publication.js';

const tables = publicTables('orders');
const request = { role: 'ecom_cdc', publication: 'shop_pub', tables, snapshot: true };
const OWNER_SQL = [
  'CREATE PUBLICATION "shop_pub" FOR TABLE "public"."orders";',
  'GRANT SELECT ON "public"."orders" TO "ecom_cdc"; -- the snapshot reads it',
];

describe('preparePublication: run the owner statements through DATABASE_URL, or refuse with them', () => {
  test('through DATABASE_URL: runs exactly the planned statements, in one call (one transaction)', async () => {
    const admin = new FakePublicationAdmin('DATABASE_URL', replicationOnlyFacts(tables));
    await expect(preparePublication(admin, request)).resolves.toEqual({
      checkedVia: 'DATABASE_URL',
      role: 'ecom_cdc',
      publication: 'create',
      ran: OWNER_SQL,
    });
    expect(admin.executed).toEqual([OWNER_SQL]);
    expect(admin.requests).toEqual([{ ...request }]);
  });

  test('through the CDC role itself: refuses with INSUFFICIENT_PRIVILEGE and the statements, runs nothing', async () => {
    const admin = new FakePublicationAdmin('CDC_DATABASE_URL', replicationOnlyFacts(tables));
    const e = await preparePublication(admin, request).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConnectorSetupError);
    expect(e).toMatchObject({ code: 'INSUFFICIENT_PRIVILEGE', sql: OWNER_SQL });
    expect((e as Error).message).toContain('role ecom_cdc may not create publication shop_pub');
    expect((e as Error).message).toContain('DATABASE_URL');
    expect(admin.executed).toEqual([]);
  });

  test('only a grant missing: the message says so', async () => {
    const facts = replicationOnlyFacts(tables, { publication: { allTables: false, owned: false, tables } });
    const e = await preparePublication(new FakePublicationAdmin('CDC_DATABASE_URL', facts), request).catch(
      (x: unknown) => x as ConnectorSetupError,
    );
    expect(e).toMatchObject({ code: 'INSUFFICIENT_PRIVILEGE', sql: OWNER_SQL.slice(1) });
    expect((e as Error).message).toContain('may not read every captured table for the snapshot');
  });

  test('nothing missing: nothing runs, whichever connection checked', async () => {
    const facts = replicationOnlyFacts(tables, {
      table: { select: true },
      publication: { allTables: false, owned: false, tables },
    });
    const admin = new FakePublicationAdmin('CDC_DATABASE_URL', facts);
    await expect(preparePublication(admin, request)).resolves.toMatchObject({
      publication: 'ready',
      ran: [],
    });
    expect(admin.executed).toEqual([]);
  });

  test('DATABASE_URL refused the statements too (42501): INSUFFICIENT_PRIVILEGE with the statements and the cause', async () => {
    const admin = new FakePublicationAdmin('DATABASE_URL', replicationOnlyFacts(tables));
    admin.executeError = Object.assign(new Error('must be owner of table orders'), { code: '42501' });
    const e = await preparePublication(admin, request).catch((x: unknown) => x as ConnectorSetupError);
    expect(e).toMatchObject({ code: 'INSUFFICIENT_PRIVILEGE', sql: OWNER_SQL });
    expect((e as Error).message).toContain('must be owner of table orders');
    expect((e as ConnectorSetupError).cause).toBe(admin.executeError);
  });

  test('another execution failure is passed on unchanged; a plan refusal is thrown as it is', async () => {
    const admin = new FakePublicationAdmin('DATABASE_URL', replicationOnlyFacts(tables));
    admin.executeError = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    await expect(preparePublication(admin, request)).rejects.toBe(admin.executeError);
    admin.facts = replicationOnlyFacts(tables, { role: { exists: false } });
    await expect(preparePublication(admin, request)).rejects.toMatchObject({ code: 'CDC_ROLE_INVALID' });
  });
});
