/**
 * `lake marts build [--date YYYY-MM-DD] [--marts m1,m2,…]`: builds the marts in Trino over the registered shop
 * views, for one analysis date (default: today in the shop's time zone).
 */
import { parseArgs } from 'node:util';
import { LakehouseError } from '../errors.js';
import { buildMarts, checkAnalysisDate } from '../marts/build-marts.js';
import { MARTS, findMart } from '../marts/marts.js';
import type { ObjectStore } from '../object-store.js';
import type { TrinoQueryPort } from '../trino-port.js';
import type { LakeConfig } from './lake-config.js';

/** What the marts command needs from the CLI (a subset of its services and io). */
export interface MartsCommandIo {
  readonly trino: TrinoQueryPort;
  readonly store: ObjectStore;
  /** Throws `STORE_FAILED` when the bucket cannot be reached. */
  checkStore(): Promise<void>;
  stdout(text: string): void;
  now?(): number;
}

/**
 * Today's date (`YYYY-MM-DD`) in a time zone.
 *
 * @example
 * localDate(Date.UTC(2026, 10, 30, 18), 'Asia/Ho_Chi_Minh'); // '2026-12-01'
 */
export function localDate(epochMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(epochMs);
}

/**
 * Runs `marts build` with the arguments after `marts`.
 *
 * @throws {@link LakehouseError} `USAGE` for a bad sub-command or option, `UNKNOWN_MART` for an unknown name.
 *
 * @example
 * import { loadLakeConfig } from './lake-config.js';
 * declare const io: MartsCommandIo;
 * await runMartsCommand(['build', '--date', '2026-12-01'], loadLakeConfig(process.env), io);
 */
export async function runMartsCommand(
  args: readonly string[],
  config: LakeConfig,
  io: MartsCommandIo,
): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'build')
    throw new LakehouseError('USAGE', `unknown marts command ${JSON.stringify(sub ?? '')}`);
  let values: { date?: string; marts?: string[] };
  try {
    ({ values } = parseArgs({
      args: [...rest],
      options: { date: { type: 'string' }, marts: { type: 'string', multiple: true } },
      strict: true,
    }));
  } catch (e) {
    throw new LakehouseError('USAGE', (e as Error).message);
  }
  const names = (values.marts ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  const marts = names.length
    ? names.map((name) => {
        const mart = findMart(name);
        if (!mart) {
          throw new LakehouseError(
            'UNKNOWN_MART',
            `${JSON.stringify(name)} is not a mart (marts: ${MARTS.map((m) => m.name).join(', ')})`,
          );
        }
        return mart;
      })
    : MARTS;
  const now = io.now ?? Date.now;
  const analysisDate = values.date ?? localDate(now(), config.timeZone);
  checkAnalysisDate(analysisDate);
  await io.checkStore();
  const target = { catalog: config.trino.catalog, schema: config.marts.schema };
  const results = await buildMarts({
    trino: io.trino,
    source: { catalog: config.trino.catalog, schema: config.trino.schema },
    target,
    store: io.store,
    bucket: config.s3.bucket,
    prefix: config.marts.prefix,
    marts,
    analysisDate,
    timeZone: config.timeZone,
    now,
  });
  for (const r of results) {
    io.stdout(
      `built ${target.catalog}.${target.schema}.${r.mart} analysis_date=${analysisDate} (${config.timeZone}): ` +
        `${r.rows} rows (${(r.ms / 1000).toFixed(2)} s)\n`,
    );
  }
}
