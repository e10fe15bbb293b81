import { orderSchema } from './entities/order.js';
import { DomainError, invalidRecordError, isDomainError } from './errors.js';

describe('DomainError', () => {
  it('carries code, details, issues and cause', () => {
    const cause = new Error('root');
    const error = new DomainError('invalid_record', 'bad row', {
      details: { table: 'orders' },
      issues: [{ path: ['total_price'], message: 'Invalid money' }],
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DomainError');
    expect(error.code).toBe('invalid_record');
    expect(error.retriable).toBe(false);
    expect(error.details).toEqual({ table: 'orders' });
    expect(error.issues).toEqual([{ path: ['total_price'], message: 'Invalid money' }]);
    expect(error.cause).toBe(cause);
    expect(error.message).toBe('bad row');
  });

  it('defaults details and issues to empty', () => {
    const error = new DomainError('unknown_table', 'nope');
    expect(error.details).toEqual({});
    expect(error.issues).toEqual([]);
    expect(error.cause).toBeUndefined();
  });

  it('isDomainError narrows by class and optionally code', () => {
    const error = new DomainError('invalid_money', 'x');
    expect(isDomainError(error)).toBe(true);
    expect(isDomainError(error, 'invalid_money')).toBe(true);
    expect(isDomainError(error, 'unknown_table')).toBe(false);
    expect(isDomainError(new Error('x'))).toBe(false);
    expect(isDomainError({ code: 'invalid_money' })).toBe(false);
    expect(isDomainError(null)).toBe(false);
  });
});

describe('invalidRecordError', () => {
  it('turns zod issues into DomainIssues and keeps the row', () => {
    const row = { order_id: 0 };
    const parsed = orderSchema.safeParse(row);
    if (parsed.success) throw new Error('expected a failure');
    const error = invalidRecordError('orders', row, parsed.error);
    expect(error.code).toBe('invalid_record');
    expect(error.raw).toBe(row);
    expect(error.cause).toBe(parsed.error);
    expect(error.details).toEqual({ table: 'orders' });
    expect(error.issues.map((issue) => issue.path.join('.'))).toContain('order_id');
    expect(error.message).toMatch(/^Invalid orders record: order_id: /);
  });

  it('accepts an error without issues', () => {
    const error = invalidRecordError('widgets', 1, new Error('not a row'));
    expect(error.issues).toEqual([{ path: [], message: 'not a row' }]);
    expect(error.message).toBe('Invalid widgets record: (row): not a row');
  });
});
