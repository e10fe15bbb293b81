import { SHOP_TABLE_NAMES } from '@ecom/domain';
import { buildProgram } from './program.js';

async function run(args: string[]): Promise<string> {
  const out: string[] = [];
  await buildProgram((text) => out.push(text)).parseAsync(args, { from: 'user' });
  return out.join('\n');
}

describe('simulator tables', () => {
  it('lists every shop table from @ecom/domain as JSON', async () => {
    const tables = JSON.parse(await run(['tables', '--json'])) as { table: string; primaryKey: string }[];
    expect(tables.map((t) => t.table).sort()).toEqual([...SHOP_TABLE_NAMES].sort());
    expect(tables.find((t) => t.table === 'orders')?.primaryKey).toBe('order_id');
  });

  it('prints one line per table as text', async () => {
    const text = await run(['tables']);
    expect(text.split('\n')).toHaveLength(SHOP_TABLE_NAMES.length);
    expect(text).toMatch(/^orders \(pk order_id, event time order_date\): /m);
  });

  it('rejects an unknown command', async () => {
    await expect(run(['nope'])).rejects.toThrow(/unknown command 'nope'/);
  });
});
