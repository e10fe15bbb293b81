import { isMoney, toMinorUnits } from './money.js';

/** The reference: split at the dot, two BigInts (what toMinorUnits did before its one-pass parse). */
function reference(value: string): bigint {
  const [units = '0', fraction = ''] = value.split('.');
  return BigInt(units) * 100n + BigInt(fraction.padEnd(2, '0'));
}

describe('toMinorUnits (one-pass parse)', () => {
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
  it.each(inputs.map((input) => [input]))('%p: the reference value, or invalid_money', (input) => {
    if (isMoney(input)) expect(toMinorUnits(input)).toBe(reference(input));
    else expect(() => toMinorUnits(input)).toThrow(expect.objectContaining({ code: 'invalid_money' }));
  });
});
