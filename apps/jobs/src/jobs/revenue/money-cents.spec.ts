import { isMoney, toMinorUnits } from '@ecom/domain';
import { moneyCents } from './decimal.js';

describe('moneyCents', () => {
  const inputs: unknown[] = [
    '0',
    '0.5',
    '0.05',
    '0.00',
    '7',
    '129.9',
    '129.90',
    '999999999999.99',
    '1000000000000',
    '1000000000000.00',
    '00',
    '01',
    '01.00',
    '-1.00',
    '+1',
    '1.',
    '.5',
    '1.234',
    '1e3',
    '1,000',
    ' 1',
    '1 ',
    '1\n',
    '',
    '.',
    '1..0',
    '1.0.0',
    '１',
    1,
    1.5,
    null,
    undefined,
    12n,
    {},
  ];
  it.each(inputs.map((input) => [input]))('%p matches toMinorUnits of @ecom/domain', (input) => {
    expect(moneyCents(input)).toEqual(isMoney(input) ? toMinorUnits(input) : undefined);
  });
});
