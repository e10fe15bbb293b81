import type { JobDefinition } from './job.js';
import { buildProgram } from './program.js';

async function run(jobs: JobDefinition[], args: string[]): Promise<string> {
  const out: string[] = [];
  await buildProgram(jobs, (text) => out.push(text)).parseAsync(args, { from: 'user' });
  return out.join('\n');
}

describe('jobs', () => {
  const job: JobDefinition = { name: 'demo', description: 'a demo job', start: async () => async () => undefined };

  it('lists registered jobs', async () => {
    expect(await run([job], ['list'])).toBe('demo\ta demo job');
    expect(await run([], ['list'])).toBe('No jobs are registered.');
  });

  it('refuses to run an unknown job, naming the known ones', async () => {
    await expect(run([job], ['run', 'nope'])).rejects.toThrow('unknown job "nope"; known jobs: demo');
  });
});
