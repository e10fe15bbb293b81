import { TimerQueue } from './timer-queue.js';

/** Fires every timer up to `limit` and returns `owner@time` in firing order. */
function fireAll<T>(q: TimerQueue<T>, limit: number, onFire?: (owner: T, time: number) => void): string[] {
  const fired: string[] = [];
  q.fireUntil(limit, (owner, time) => {
    fired.push(`${String(owner)}@${time}`);
    onFire?.(owner, time);
  });
  return fired;
}

describe('TimerQueue', () => {
  it('fires in time order, owners of one time in registration order, each (time, owner) once', () => {
    const q = new TimerQueue<string>();
    expect(q.add(20, 'b')).toBe(true);
    expect(q.add(10, 'a')).toBe(true);
    expect(q.add(20, 'a')).toBe(true);
    expect(q.add(20, 'b')).toBe(false);
    expect(q.add(10, 'a')).toBe(false);
    expect(q.size()).toBe(3);
    expect(q.peek()).toBe(10);
    expect(fireAll(q, 15)).toEqual(['a@10']);
    expect(fireAll(q, 100)).toEqual(['b@20', 'a@20']);
    expect(q.size()).toBe(0);
    expect(q.peek()).toBe(Infinity);
  });

  it('deletes single owners and owners of a list (holes are skipped, and a deleted pair can come back)', () => {
    const q = new TimerQueue<string>();
    q.add(5, 'x');
    expect(q.delete(5, 'x')).toBe(true);
    expect(q.delete(5, 'x')).toBe(false);
    expect(q.delete(6, 'x')).toBe(false);
    q.add(7, 'a');
    q.add(7, 'b');
    q.add(7, 'c');
    expect(q.delete(7, 'b')).toBe(true);
    expect(q.delete(7, 'zz')).toBe(false);
    expect(q.size()).toBe(2);
    expect(q.entries()).toEqual([[7, ['a', 'c']]]);
    expect(q.add(7, 'b')).toBe(true);
    expect(q.add(5, 'x')).toBe(true);
    expect(fireAll(q, 10)).toEqual(['x@5', 'a@7', 'c@7', 'b@7']);
    expect(q.times).toBe(0);
  });

  it('keeps dedupe and order past the scan limit (indexed lists)', () => {
    const q = new TimerQueue<number>();
    for (let i = 0; i < 40; i++) expect(q.add(1, i)).toBe(true);
    for (let i = 0; i < 40; i++) expect(q.add(1, i)).toBe(false);
    for (let i = 0; i < 40; i += 2) expect(q.delete(1, i)).toBe(true);
    expect(q.size()).toBe(20);
    expect(fireAll(q, 1)).toEqual(Array.from({ length: 20 }, (_, i) => `${2 * i + 1}@1`));
  });

  it('fires timers registered while firing in the same pass (same time, or earlier than the limit)', () => {
    const single = new TimerQueue<string>();
    single.add(10, 'a');
    expect(
      fireAll(single, 20, (owner, time) => {
        if (owner === 'a' && time === 10) {
          single.add(10, 'b');
          single.add(15, 'c');
          single.add(30, 'late');
        }
      }),
    ).toEqual(['a@10', 'b@10', 'c@15']);
    expect(single.entries()).toEqual([[30, ['late']]]);

    const list = new TimerQueue<string>();
    list.add(10, 'a');
    list.add(10, 'b');
    expect(
      fireAll(list, 20, (owner) => {
        if (owner === 'a') {
          expect(list.add(10, 'b')).toBe(false); // not fired yet: still registered
          list.add(10, 'c');
          list.delete(10, 'b');
        }
      }),
    ).toEqual(['a@10', 'c@10']);
    expect(list.size()).toBe(0);
  });

  it('lists entries sorted by time with owners in firing order, and clears', () => {
    const q = new TimerQueue<string>();
    q.add(3, 'c');
    q.add(1, 'a');
    q.add(3, 'd');
    q.add(2, 'b');
    q.delete(2, 'b');
    expect(q.entries()).toEqual([
      [1, ['a']],
      [3, ['c', 'd']],
    ]);
    q.clear();
    expect(q.size()).toBe(0);
    expect(q.entries()).toEqual([]);
    expect(fireAll(q, 100)).toEqual([]);
  });
});
