import { column } from './column-hint.js';

describe('column', () => {
  it('builds frozen hints with format_type() names', () => {
    expect(column.money()).toEqual({
      kind: 'decimal',
      sqlType: 'numeric(14,2)',
      nullable: false,
      precision: 14,
      scale: 2,
    });
    expect(column.varchar(100, true)).toEqual({
      kind: 'text',
      sqlType: 'character varying(100)',
      nullable: true,
      maxLength: 100,
    });
    expect(column.timestamptz().sqlType).toBe('timestamp with time zone');
    expect(column.bigint().kind).toBe('bigint');
    expect(column.date(true)).toEqual({ kind: 'date', sqlType: 'date', nullable: true });
    expect(column.uuid().sqlType).toBe('uuid');
    expect(column.boolean().sqlType).toBe('boolean');
    expect(column.text().sqlType).toBe('text');
    expect(Object.isFrozen(column.integer())).toBe(true);
  });
});
