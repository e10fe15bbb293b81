import { ConnectorSetupError } from '../connector/connector-setup-error.js';
import { CdcEnvError, loadConnectorEnv } from './connector-env.js';
import { createPublicationAdmin, publicationAdminFromEnv } from './publication-admin.js';
import type { PgDriver } from './pgoutput/pg-client.js';

/** A pg-shaped driver whose clients record their config and queries; `failOn` makes one statement fail. */
function fakeDriver(behaviour: { refuseConnect?: boolean; failOn?: string } = {}) {
  const log: { config: unknown; queries: string[]; ended: boolean }[] = [];
  class Client {
    readonly entry: (typeof log)[number];
    constructor(config: unknown) {
      this.entry = { config, queries: [], ended: false };
      log.push(this.entry);
    }
    async connect() {
      if (behaviour.refuseConnect) throw new Error('connect ECONNREFUSED 127.0.0.1:5');
    }
    on() {
      return this;
    }
    async query(q: string | { text: string }) {
      const text = typeof q === 'string' ? q : q.text;
      this.entry.queries.push(text);
      if (text === behaviour.failOn) throw Object.assign(new Error('permission denied'), { code: '42501' });
      return { rows: [], rowCount: 0 };
    }
    async end() {
      this.entry.ended = true;
    }
  }
  return { driver: { Client } as unknown as PgDriver, log };
}

describe('createPublicationAdmin (pg adapter of the register port)', () => {
  test('runs the statements in one transaction, on one lazily opened connection', async () => {
    const { driver, log } = fakeDriver();
    const admin = createPublicationAdmin({ driver, url: 'postgres://postgres@db/ecom', via: 'DATABASE_URL' });
    expect(admin.canExecute).toBe(true);
    expect(log).toHaveLength(0);
    await admin.execute([
      'CREATE PUBLICATION "p" FOR TABLE "public"."t";',
      'GRANT SELECT ON "public"."t" TO "r";',
    ]);
    expect(log).toHaveLength(1);
    expect(log[0]!.config).toMatchObject({ connectionString: 'postgres://postgres@db/ecom' });
    expect(log[0]!.queries).toEqual([
      'BEGIN',
      'CREATE PUBLICATION "p" FOR TABLE "public"."t";',
      'GRANT SELECT ON "public"."t" TO "r";',
      'COMMIT',
    ]);
    await admin.close();
    expect(log[0]!.ended).toBe(true);
    await admin.close(); // nothing open: no-op
  });

  test('a failing statement rolls back and rejects with the driver error', async () => {
    const { driver, log } = fakeDriver({ failOn: 'GRANT x' });
    const admin = createPublicationAdmin({
      driver: async () => driver,
      url: 'postgres://o@db/ecom',
      via: 'DATABASE_URL',
    });
    await expect(admin.execute(['CREATE y', 'GRANT x', 'never'])).rejects.toMatchObject({ code: '42501' });
    expect(log[0]!.queries).toEqual(['BEGIN', 'CREATE y', 'GRANT x', 'ROLLBACK']);
  });

  test('a refused connection is POSTGRES_UNREACHABLE, naming the variable, without the password', async () => {
    const { driver } = fakeDriver({ refuseConnect: true });
    const admin = createPublicationAdmin({
      driver,
      url: 'postgres://cdc:s3cret@db:5/ecom',
      via: 'CDC_DATABASE_URL',
    });
    expect(admin.canExecute).toBe(false);
    const e = await admin.inspect({ role: 'cdc', publication: 'p', tables: [] }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConnectorSetupError);
    expect(e).toMatchObject({ code: 'POSTGRES_UNREACHABLE', retriable: true });
    expect((e as Error).message).toContain('CDC_DATABASE_URL postgres://cdc:***@db:5/ecom');
    expect((e as Error).message).not.toContain('s3cret');
  });
});

describe('publicationAdminFromEnv', () => {
  const { driver } = fakeDriver();
  test('DATABASE_URL when set (the owner may run the fix), else CDC_DATABASE_URL (it only looks)', () => {
    expect(publicationAdminFromEnv(loadConnectorEnv({}), driver).via).toBe('CDC_DATABASE_URL');
    const owner = loadConnectorEnv({ DATABASE_URL: 'postgres://postgres@127.0.0.1:55432/ecom' });
    expect(publicationAdminFromEnv(owner, driver)).toMatchObject({ via: 'DATABASE_URL', canExecute: true });
  });

  test('a DATABASE_URL of another database than the captured one is an env error naming DATABASE_URL', () => {
    const env = loadConnectorEnv({ DATABASE_URL: 'postgres://postgres@127.0.0.1:55432/other' });
    expect(() => publicationAdminFromEnv(env, driver)).toThrow(CdcEnvError);
    expect(() => publicationAdminFromEnv(env, driver)).toThrow(/DATABASE_URL: names database "other"/);
  });
});
