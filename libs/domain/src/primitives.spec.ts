import {
  bigIdSchema,
  countSchema,
  idSchema,
  quantitySchema,
  timestampSchema,
  varchar,
} from './primitives.js';

describe('idSchema', () => {
  it('accepts positive int4', () => {
    expect(idSchema.parse(1)).toBe(1);
    expect(idSchema.parse(2_147_483_647)).toBe(2_147_483_647);
  });
  it.each([0, -1, 1.5, 2_147_483_648, '1', null, Number.NaN])('rejects %p', (value) => {
    expect(idSchema.safeParse(value).success).toBe(false);
  });
});

describe('bigIdSchema', () => {
  it('outputs exact decimal strings', () => {
    expect(bigIdSchema.parse('42')).toBe('42');
    expect(bigIdSchema.parse(7)).toBe('7');
    expect(bigIdSchema.parse(9007199254740993n)).toBe('9007199254740993');
  });
  it.each(['0', '-1', '01', '1.0', 'abc', 0, -5, 1.5, 0n, null])('rejects %p', (value) => {
    expect(bigIdSchema.safeParse(value).success).toBe(false);
  });
});

describe('countSchema and quantitySchema', () => {
  it('stock may be zero, quantities may not', () => {
    expect(countSchema.parse(0)).toBe(0);
    expect(countSchema.safeParse(-1).success).toBe(false);
    expect(quantitySchema.parse(1)).toBe(1);
    expect(quantitySchema.safeParse(0).success).toBe(false);
    expect(quantitySchema.safeParse(2.5).success).toBe(false);
    expect(quantitySchema.safeParse('2').success).toBe(false);
  });
});

describe('timestampSchema', () => {
  it('accepts Dates and ISO strings with an offset, outputs Date', () => {
    expect(timestampSchema.parse('2025-01-31T17:00:00+07:00')).toEqual(new Date('2025-01-31T10:00:00.000Z'));
    expect(timestampSchema.parse('2025-01-31T10:00:00.123456Z')).toEqual(
      new Date('2025-01-31T10:00:00.123Z'),
    );
    const now = new Date();
    expect(timestampSchema.parse(now)).toBe(now);
  });
  it.each([
    ['no offset', '2025-01-31T17:00:00'],
    ['space separator', '2025-01-31 17:00:00+07'],
    ['epoch number', 1738342800000],
    ['invalid Date', new Date('nope')],
    ['garbage', 'yesterday'],
    ['null', null],
  ])('rejects %s', (_label, value) => {
    expect(timestampSchema.safeParse(value).success).toBe(false);
  });
});

describe('varchar', () => {
  it('bounds length and rejects empty strings', () => {
    const city = varchar(5);
    expect(city.parse('Huế')).toBe('Huế');
    expect(city.safeParse('').success).toBe(false);
    expect(city.safeParse('Hà Nội').success).toBe(false);
  });
});
