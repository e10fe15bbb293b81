// Alerts through the runtime's JSON-lines file sink: one line per alert id, however often a batch is replayed,
// also after reopening the file (a restart).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResultLines } from '../runtime/sinks/json-lines.js';
import { JsonLinesFileSink } from '../runtime/sinks/json-lines-file-sink.js';
import type { AlertRecord } from './alert-record.js';
import { ALERT_TOPIC, alertResult, resultAlert } from './alert-results.js';

const alert = (id: string): AlertRecord => ({
  id,
  ruleId: 'velocity',
  customerId: 7,
  severity: 'medium',
  eventTime: '2026-01-01T07:00:00.250+07:00',
  summary: '6 orders in 1 minute',
  evidence: { total: '99.90' },
});

describe('alerts in a JSON-lines file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecom-alerts-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('maps an alert onto a result keyed by its id, at its event-time millisecond', () => {
    expect(alertResult(alert('a'))).toEqual({
      topic: ALERT_TOPIC,
      id: {
        job: 'fraud',
        windowStart: Date.parse('2026-01-01T00:00:00.250Z'),
        windowEnd: Date.parse('2026-01-01T00:00:00.251Z'),
        key: 'a',
      },
      value: alert('a'),
    });
    expect(resultAlert(alertResult(alert('a')))).toEqual(alert('a'));
  });

  it('writes each alert once, across replays and a reopen', async () => {
    const path = join(dir, 'fraud_alerts.jsonl');
    let sink = await JsonLinesFileSink.open(path);
    await sink.write([alertResult(alert('a')), alertResult(alert('b'))]);
    await sink.write([alertResult(alert('b'))]);
    await sink.close();
    sink = await JsonLinesFileSink.open(path);
    await sink.write([alertResult(alert('a')), alertResult(alert('c'))]);
    await sink.close();
    const { results } = await readResultLines(path);
    expect(results.map(resultAlert).map((a) => a.id)).toEqual(['a', 'b', 'c']);
    expect((await readFile(path, 'utf8')).split('\n')).toHaveLength(4);
  });
});
