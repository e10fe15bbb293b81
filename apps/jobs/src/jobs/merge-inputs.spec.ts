import { isEcomError } from '@ecom/domain';
import { MergeInputs } from './merge-inputs.js';

describe('MergeInputs', () => {
  it('combines the minimum of the timed inputs; an untimed input never counts', () => {
    const inputs = new MergeInputs('job', {
      inputs: ['orders:0', 'orders:1', 'products:0'],
      untimed: ['products:0'],
    });
    expect(inputs.watermark('products:0', 9_000_000)).toBe(false);
    expect(inputs.watermark('orders:0', 59_999)).toBe(false);
    expect(inputs.watermark('orders:1', 119_999)).toBe(true);
    expect(inputs.combined).toBe(59_999);
    inputs.activity('products:0'); // known, and still no effect
    expect(inputs.combined).toBe(59_999);
  });

  it('an idle timed input is skipped; the untimed one never holds nor moves the watermark', () => {
    let now = 0;
    const inputs = new MergeInputs('job', {
      inputs: ['orders:0', 'orders:1', 'products:0'],
      untimed: ['products:0'],
      idleTimeoutMs: 1_000,
      clock: { now: () => now },
    });
    inputs.watermark('orders:0', 59_999);
    inputs.watermark('orders:1', 10_000);
    now = 100;
    expect(inputs.checkIdle()).toBe(false); // activity since the last check (Flink's IdlenessTimer)
    now = 200;
    inputs.watermark('orders:0', 119_999);
    now = 300;
    expect(inputs.checkIdle()).toBe(false); // orders:1 silent from here
    now = 1_000;
    inputs.watermark('orders:0', 179_999);
    inputs.watermark('products:0', 99_999_999);
    now = 1_400;
    expect(inputs.checkIdle()).toBe(true); // orders:1 idle: orders:0 alone counts, never products:0
    expect(inputs.combined).toBe(179_999);
  });

  it('refuses unknown inputs and bad lists with INVALID_OPTION', () => {
    const inputs = new MergeInputs('job', { inputs: ['a:0'] });
    expect(() => inputs.activity('b:0')).toThrow(/one of a:0/);
    for (const bad of [
      { inputs: [] },
      { inputs: ['a:0', 'a:0'] },
      { inputs: ['a:0'], untimed: ['a:0'] },
      { inputs: ['a:0'], untimed: ['b:0'] },
      { inputs: ['a:0'], idleTimeoutMs: -1 },
    ]) {
      let error: unknown;
      try {
        new MergeInputs('job', bad);
      } catch (e) {
        error = e;
      }
      expect(isEcomError(error, 'INVALID_OPTION')).toBe(true);
    }
  });
});
