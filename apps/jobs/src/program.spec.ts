import type { JobDefinition } from './job.js';
import { buildProgram, type JobsOps } from './program.js';

async function run(jobs: JobDefinition[], args: string[], ops?: JobsOps): Promise<string> {
  const out: string[] = [];
  await buildProgram(jobs, (text) => out.push(text), ops).parseAsync(args, { from: 'user' });
  return out.join('\n');
}

describe('jobs', () => {
  const job: JobDefinition = {
    name: 'demo',
    description: 'a demo job',
    start: async () => async () => undefined,
  };

  it('lists registered jobs', async () => {
    expect(await run([job], ['list'])).toBe('demo\ta demo job');
    expect(await run([], ['list'])).toBe('No jobs are registered.');
  });

  it('refuses to run an unknown job, naming the known ones', async () => {
    await expect(run([job], ['run', 'nope'])).rejects.toThrow('unknown job "nope"; known jobs: demo');
  });

  it('status and topics peek call the operations with their arguments', async () => {
    const calls: unknown[] = [];
    const ops: JobsOps = {
      status: async (j) => (calls.push(['status', j]), 'ok'),
      peek: async (topic, options, write) => (calls.push(['peek', topic, options]), write('line'), 1),
      rules: async () => 'unused',
    };
    expect(await run([], ['status', 'revenue'], ops)).toBe('ok');
    expect(
      await run([], ['topics', 'peek', 'statistics_revenue', '--from-beginning', '--limit', '5'], ops),
    ).toBe('line');
    await run([], ['topics', 'peek', 't'], ops);
    expect(calls).toEqual([
      ['status', 'revenue'],
      ['peek', 'statistics_revenue', { fromBeginning: true, limit: 5 }],
      ['peek', 't', { fromBeginning: false, limit: 20 }],
    ]);
    await expect(run([], ['topics', 'peek', 't', '--limit', '0'], ops)).rejects.toThrow(
      '--limit must be a positive integer',
    );
  });

  it('rules list | put | pause | resume | delete call the operations with their arguments', async () => {
    const calls: unknown[] = [];
    const ops: JobsOps = {
      status: async () => 'unused',
      peek: async () => 0,
      rules: async (command) => (calls.push(command), 'done'),
    };
    for (const args of [['list'], ['put', 'rules.json'], ['pause', 'v'], ['resume', 'v'], ['delete', 'v']])
      expect(await run([], ['rules', ...args], ops)).toBe('done');
    expect(calls).toEqual([
      { action: 'list' },
      { action: 'put', file: 'rules.json' },
      { action: 'pause', id: 'v' },
      { action: 'resume', id: 'v' },
      { action: 'delete', id: 'v' },
    ]);
    await expect(run([], ['rules', 'pause'], ops)).rejects.toThrow(/missing required argument 'id'/);
  });
});
