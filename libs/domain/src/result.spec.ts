import { err, ok, type Result } from './result.js';

describe('Result', () => {
  it('ok and err build the two halves', () => {
    expect(ok(1)).toEqual({ ok: true, value: 1 });
    expect(err('x')).toEqual({ ok: false, error: 'x' });
  });

  it('narrows on ok', () => {
    const halve = (n: number): Result<number, string> => (n % 2 === 0 ? ok(n / 2) : err(`${n} is odd`));
    const good = halve(4);
    const bad = halve(3);
    expect(good.ok && good.value).toBe(2);
    expect(!bad.ok && bad.error).toBe('3 is odd');
  });
});
