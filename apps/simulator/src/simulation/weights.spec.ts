import { isSimulatorError } from '../errors.js';
import { DEFAULT_WEIGHTS, parseWeights } from './weights.js';

describe('parseWeights', () => {
  it('defaults to the original weights', () => {
    expect(parseWeights(undefined)).toEqual({
      view_product: 0.4,
      add_to_cart: 0.2,
      add_to_wishlist: 0.15,
      remove_from_cart: 0.1,
      place_order: 0.1,
      browse_category: 0.05,
    });
    expect(parseWeights(undefined)).toBe(DEFAULT_WEIGHTS);
  });

  it('merges given weights (names or aliases) with the defaults and normalises', () => {
    const w = parseWeights('{"order": 0.3, "browse_category": 0}');
    expect(w.browse_category).toBe(0);
    expect(w.place_order).toBeCloseTo(0.3 / 1.15);
    expect(Object.values(w).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });

  it.each([
    ['not json', /not valid JSON/],
    ['[1, 2]', /JSON object/],
    ['{"view_product": -1}', /JSON object/],
    ['{"view_product": "0.5"}', /JSON object/],
    ['{"checkout": 1}', /unknown action "checkout"/],
    ['{"view":0,"cart_add":0,"wishlist":0,"cart_remove":0,"order":0,"browse":0}', /must not all be 0/],
  ])('refuses %s with a typed error', (json, message) => {
    let error: unknown;
    try {
      parseWeights(json);
    } catch (e) {
      error = e;
    }
    expect(isSimulatorError(error, 'invalid_option')).toBe(true);
    expect((error as Error).message).toMatch(message);
  });
});
