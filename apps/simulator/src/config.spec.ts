import { loadConfig } from './config.js';
import { isSimulatorError } from './errors.js';
import { buildProgram } from './program.js';

describe('loadConfig', () => {
  it('accepts a postgres URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/shop' }).databaseUrl).toBe(
      'postgres://postgres@127.0.0.1:5432/shop',
    );
  });

  it.each([
    {},
    { DATABASE_URL: '' },
    { DATABASE_URL: 'mysql://x' },
    { DATABASE_URL: 'postgres://' + ' bad' },
  ])('refuses %p naming DATABASE_URL (exit code 2)', (env) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(isSimulatorError(error, 'invalid_config')).toBe(true);
    expect((error as Error).message).toMatch(/DATABASE_URL/);
    expect((error as { exitCode: number }).exitCode).toBe(2);
  });

  it('is checked before any database command runs', async () => {
    const program = buildProgram(() => undefined, { env: {} });
    await expect(program.parseAsync(['generate'], { from: 'user' })).rejects.toThrow(
      /DATABASE_URL is required/,
    );
    await expect(
      buildProgram(() => undefined, { env: {} }).parseAsync(['simulate', '--historical', '1'], {
        from: 'user',
      }),
    ).rejects.toThrow(/DATABASE_URL/);
  });

  it('rejects bad option values before connecting', async () => {
    const env = { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' };
    await expect(
      buildProgram(() => undefined, { env }).parseAsync(['generate', '--products', '-3'], { from: 'user' }),
    ).rejects.toThrow(/Expected an integer/);
    await expect(
      buildProgram(() => undefined, { env }).parseAsync(['simulate', '--until', 'yesterday'], {
        from: 'user',
      }),
    ).rejects.toThrow(/ISO-8601/);
  });
});
