import { isEarly, markEarly } from './early-results.js';

describe('early results: the mark', () => {
  it('marks a copy final: false, last, and tells early values from final ones and retractions', () => {
    const value = { total_orders: 3 };
    const early = markEarly(value);
    expect(early).toEqual({ total_orders: 3, final: false });
    expect(Object.keys(early)).toEqual(['total_orders', 'final']);
    expect(value).toEqual({ total_orders: 3 });
    expect(isEarly(early)).toBe(true);
    expect(isEarly(value)).toBe(false);
    expect(isEarly(null)).toBe(false);
  });
});
