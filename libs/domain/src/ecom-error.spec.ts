import { EcomError, isEcomError } from './ecom-error.js';
import { DomainError } from './errors.js';

describe('EcomError', () => {
  it('carries code, retriable, raw and cause', () => {
    const cause = new Error('ECONNRESET');
    const error = new EcomError('REGISTRY_DOWN', 'registry unreachable', {
      retriable: true,
      raw: 'x',
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('EcomError');
    expect(error.code).toBe('REGISTRY_DOWN');
    expect(error.retriable).toBe(true);
    expect(error.raw).toBe('x');
    expect(error.cause).toBe(cause);
  });

  it('defaults to not retriable, without raw or cause', () => {
    const error = new EcomError('BAD', 'bad');
    expect(error.retriable).toBe(false);
    expect(error.raw).toBeUndefined();
    expect(error.cause).toBeUndefined();
  });

  it('DomainError is an EcomError', () => {
    const error = new DomainError('unknown_table', 'nope', { raw: { id: 1 } });
    expect(error).toBeInstanceOf(EcomError);
    expect(error.raw).toEqual({ id: 1 });
    expect(isEcomError(error, 'unknown_table')).toBe(true);
  });
});

describe('isEcomError', () => {
  it('matches the shape, not the class', () => {
    class ShapedError extends Error {
      readonly code = 'INVALID_SIZE';
      readonly retriable = false;
    }
    expect(isEcomError(new ShapedError('size 0'))).toBe(true);
    expect(isEcomError(new ShapedError('size 0'), 'INVALID_SIZE')).toBe(true);
    expect(isEcomError(new ShapedError('size 0'), 'INVALID_GAP')).toBe(false);
  });

  it('refuses non-errors and errors without the fields', () => {
    expect(isEcomError({ code: 'X', retriable: false, message: 'm' })).toBe(false);
    expect(isEcomError(new Error('plain'))).toBe(false);
    expect(isEcomError(Object.assign(new Error('m'), { code: 'X' }))).toBe(false);
    expect(isEcomError(Object.assign(new Error('m'), { code: 1, retriable: false }))).toBe(false);
    expect(isEcomError(null)).toBe(false);
  });
});
