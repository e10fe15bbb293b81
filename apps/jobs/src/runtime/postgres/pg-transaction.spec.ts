import { JobRuntimeError } from '../errors.js';
import { storeError } from './pg-transaction.js';

describe('storeError', () => {
  it.each<[string, unknown, string, boolean]>([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      'STORE_UNAVAILABLE',
      true,
    ],
    [
      'an admin shutdown',
      Object.assign(new Error('terminating connection'), { code: '57P01' }),
      'STORE_UNAVAILABLE',
      true,
    ],
    [
      'a lost connection',
      Object.assign(new Error('no connection'), { code: '08006' }),
      'STORE_UNAVAILABLE',
      true,
    ],
    [
      'a deadlock',
      Object.assign(new Error('deadlock detected'), { code: '40P01' }),
      'STORE_UNAVAILABLE',
      true,
    ],
    ['pg terminating the socket', new Error('Connection terminated unexpectedly'), 'STORE_UNAVAILABLE', true],
    [
      'a missing table',
      Object.assign(new Error('relation "job_results" does not exist'), { code: '42P01' }),
      'STORE_FAILED',
      false,
    ],
    [
      'a check violation',
      Object.assign(new Error('violates check constraint'), { code: '23514' }),
      'STORE_FAILED',
      false,
    ],
  ])('%s', (_what, error, code, retriable) => {
    const mapped = storeError(error, 'commit revenue');
    expect(mapped).toMatchObject({ code, retriable, cause: error });
    expect(mapped.message).toMatch(/^commit revenue: /);
  });

  it('passes the runtime errors through', () => {
    const fenced = new JobRuntimeError('FENCED', 'stale');
    expect(storeError(fenced, 'commit')).toBe(fenced);
  });
});
