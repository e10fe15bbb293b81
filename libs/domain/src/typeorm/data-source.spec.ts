import { isDomainError } from '../index.js';
import {
  ALL_MIGRATIONS,
  SHOP_ENTITY_LIST,
  SHOP_MIGRATIONS_TABLE,
  createShopDataSource,
  shopEntities,
} from './index.js';
import { shopTables } from '../index.js';

describe('createShopDataSource', () => {
  it('wires entities and migrations with synchronize off, without connecting', () => {
    const dataSource = createShopDataSource({ url: 'postgres://nobody@127.0.0.1:1/none' });
    expect(dataSource.isInitialized).toBe(false);
    expect(dataSource.options).toMatchObject({
      type: 'postgres',
      synchronize: false,
      migrationsTableName: SHOP_MIGRATIONS_TABLE,
    });
    expect(dataSource.options.migrations).toEqual([...ALL_MIGRATIONS]);
    expect(dataSource.options.entities).toEqual(SHOP_ENTITY_LIST);
  });

  it.each(['synchronize', 'entities', 'migrations', 'migrationsTableName', 'type'])(
    'refuses %s with invalid_option',
    (key) => {
      try {
        createShopDataSource({ [key]: key === 'synchronize' ? true : [] } as never);
        throw new Error('expected a throw');
      } catch (error) {
        expect(isDomainError(error, 'invalid_option')).toBe(true);
        expect((error as Error).message).toContain(key);
      }
    },
  );
});

describe('shop entities', () => {
  it('map every table with the same column names as the zod schemas', () => {
    expect(Object.keys(shopEntities)).toEqual(Object.keys(shopTables));
    for (const [name, entity] of Object.entries(shopEntities)) {
      const table = shopTables[name as keyof typeof shopTables];
      expect(entity.options.tableName).toBe(name);
      expect(Object.keys(entity.options.columns)).toEqual(Object.keys(table.columns));
      expect(entity.options.columns[table.primaryKey as never]).toMatchObject({
        primary: true,
        generated: 'increment',
      });
    }
  });

  it('use numeric(14,2) for money and varchar lengths from the hints', () => {
    expect(shopEntities.orders.options.columns.total_price).toMatchObject({
      type: 'numeric',
      precision: 14,
      scale: 2,
    });
    expect(shopEntities.customers.options.columns.email).toMatchObject({
      type: 'varchar',
      length: 255,
      nullable: false,
    });
    expect(shopEntities.customer_events.options.columns.event_id).toMatchObject({ type: 'bigint' });
  });
});

describe('migrations', () => {
  it('are ordered by their timestamps and named like their classes', () => {
    const names = ALL_MIGRATIONS.map((Migration) => new Migration().name);
    expect(names).toEqual(ALL_MIGRATIONS.map((Migration) => Migration.name));
    const stamps = names.map((name) => Number(name.slice(-13)));
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
  });
});
