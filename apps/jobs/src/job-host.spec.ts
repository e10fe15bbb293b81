// What the jobs of one process share: opened once per key, closed last-opened first, a failed open retried.
import { createJobHost } from './job-host.js';

describe('createJobHost', () => {
  it('opens each key once, closes in reverse order, and retries a failed open', async () => {
    const host = createJobHost();
    const events: string[] = [];
    const open = (name: string) => async () => {
      events.push(`open ${name}`);
      return { value: name, close: async () => void events.push(`close ${name}`) };
    };
    expect(await Promise.all([host.shared('a', open('a')), host.shared('a', open('a2'))])).toEqual([
      'a',
      'a',
    ]);
    await expect(host.shared('b', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await host.shared('b', open('b'))).toBe('b');
    await host.close();
    expect(events).toEqual(['open a', 'open b', 'close b', 'close a']);
  });
});
