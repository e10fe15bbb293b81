// Issue 12 §4 "infrastructure faults": while the simulator writes four days of history in four phases, the stack
// restarts the Kafka broker, then PostgreSQL (the shop and the jobs' checkpoints), then Kafka Connect (Debezium,
// JSON), each once while the CDC path and the jobs have work in flight (Kafka and Connect while a day is written). The job processes are never restarted by
// the spec: they wait (Kafka's client retries, a failed batch restarts from the checkpoint) and resume by
// themselves. When they have caught up, every closed window equals SQL over the final tables, as an undisturbed
// run does (stream-equals-batch.int.spec.ts), and nothing was dead-lettered.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startStack, stopStack } from '../../../../libs/cdc/test/stack-services.js';
import { debeziumFeed } from '../testing/cdc-feeds.js';
import { jobsE2e } from '../testing/jobs-e2e.js';

jest.setTimeout(1_200_000);

const DOWN_MS = 8_000;
const day = (seed: number, until: string) => [
  'simulate',
  ...['--historical', '1', '--sessions', '200', '--seed', String(seed), '--until', until],
];

describe('infrastructure faults: Debezium (json) → Kafka → jobs, with Kafka, PostgreSQL and Connect restarted', () => {
  const e2e = jobsE2e(debeziumFeed('json'));

  const pause = () => new Promise((resolve) => setTimeout(resolve, DOWN_MS));

  it('the jobs wait and resume by themselves; outputs equal SQL over the final tables', async () => {
    const instances = [e2e.instance('revenue', 'r'), e2e.instance('top-products', 't')];
    for (const i of instances) i.start();

    // Kafka: stopped with day 1's changes in flight; day 2 is written while it is down (Debezium cannot send).
    await e2e.simulate(day(1, '2026-10-29T00:00:00Z'));
    stopStack(['kafka']);
    await e2e.simulate(day(2, '2026-10-30T00:00:00Z'));
    await pause();
    startStack(['kafka']);
    // PostgreSQL: stopped with day 3's changes in flight (the jobs' commits and claims fail; Debezium's slot
    // connection drops).
    await e2e.simulate(day(3, '2026-10-31T00:00:00Z'));
    stopStack(['postgres']);
    await pause();
    startStack(['postgres']);
    // Kafka Connect: stopped while day 4 is written (the slot keeps the changes; Debezium resumes from the
    // offsets Connect stored in Kafka).
    stopStack(['connect']);
    await e2e.simulate(day(4, '2026-11-01T00:00:00Z'));
    await pause();
    startStack(['connect']);

    await e2e.expectEqual((await e2e.lastOrderTime()) - 12 * 3_600_000, 600_000);
    for (const i of instances) {
      if (!i.running || i.starts !== 1) throw new Error(`${i.job} did not survive the faults\n${e2e.logs()}`);
    }
    expect(await e2e.deadLetters()).toEqual([]);
  });
});
