import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatOutcome, runVectorFile } from '../conformance/run-vectors.js';

const dir = process.env.ECOM_CONFORMANCE_DIR ?? resolve(__dirname, '../../../../shared/fixtures');
const file = join(dir, 'windowing', 'vectors.json');
const present = existsSync(file);

describe('shared windowing conformance vectors', () => {
  if (!present) {
    if (process.env.CI === 'true') {
      it('needs the shared fixtures in CI', () => {
        throw new Error(`conformance vectors missing: ${file} (set ECOM_CONFORMANCE_DIR)`);
      });
    } else {
      console.log(`windowing conformance skipped: ${file} not found (set ECOM_CONFORMANCE_DIR)`);
      it.skip('vectors.json not found', () => undefined);
    }
    return;
  }
  const outcomes = runVectorFile(JSON.parse(readFileSync(file, 'utf8')));

  it.each(outcomes.map((o) => [o.id, o] as const))('%s', (_id, outcome) => {
    expect(formatOutcome(outcome)).not.toMatch(/^FAIL/);
  });

  it('passes every flink vector and skips only kafka-streams ones', () => {
    const vectors = (JSON.parse(readFileSync(file, 'utf8')) as { vectors: { id: string; semantics: string }[] }).vectors;
    for (const v of vectors) {
      const o = outcomes.find((x) => x.id === v.id)!;
      if (v.semantics === 'flink') expect(formatOutcome(o)).toBe(`PASS ${v.id}`);
      if (o.status === 'SKIP') expect(v.semantics).toBe('kafka-streams');
    }
  });
});

describe("this repo's conformance vectors (conformance/vectors.json)", () => {
  const own = JSON.parse(readFileSync(resolve(__dirname, '../conformance/vectors.json'), 'utf8')) as { vectors: { id: string }[] };
  const outcomes = runVectorFile(own);

  it.each(outcomes.map((o) => [o.id, o] as const))('%s passes', (_id, outcome) => {
    expect(formatOutcome(outcome)).toBe(`PASS ${outcome.id}`);
  });

  it('has the slide > size gap vectors', () => {
    expect(own.vectors.map((v) => v.id)).toEqual(expect.arrayContaining(['FLINK-OP-SLIDE-GAP-ONTIME-DROPPED', 'FLINK-OP-SLIDE-GAP-LATE-SIDE-OUTPUT']));
  });
});

describe('conformance runner', () => {
  const vector = {
    id: 'MUTATED',
    semantics: 'flink',
    config: { assigner: 'tumbling', size: 3000, trigger: 'EventTimeTrigger', allowedLateness: 0, agg: 'sum' },
    steps: [
      { type: 'element', key: 'k', value: 1, ts: 10 },
      { type: 'watermark', ts: 2999 },
      { expect: [{ key: 'k', value: 2, ts: 2999 }] },
    ],
  };

  it('reports a FAIL line with the reason when the library disagrees', () => {
    const [o] = runVectorFile({ vectors: [vector] });
    expect(formatOutcome(o)).toBe('FAIL MUTATED: step 3: emitted [k=1@2999], want [k=2@2999]');
  });

  it('skips kafka-streams vectors', () => {
    const [o] = runVectorFile({ vectors: [{ ...vector, semantics: 'kafka-streams' }] });
    expect(o.status).toBe('SKIP');
  });

  it('reports metrics that differ from an expectMetrics step', () => {
    const steps = [{ type: 'element', key: 'k', value: 1, ts: 10 }, { expectMetrics: { elements: 1, unassigned: 1 } }];
    const [o] = runVectorFile({ vectors: [{ ...vector, steps }] });
    expect(formatOutcome(o)).toBe('FAIL MUTATED: step 2: metrics unassigned=0, want unassigned=1');
  });

  it('fails on unexpected trailing side output', () => {
    const steps = [{ type: 'watermark', ts: 5000 }, { type: 'element', key: 'k', value: 1, ts: 10 }];
    const [o] = runVectorFile({ vectors: [{ ...vector, config: { ...vector.config, lateOutput: true }, steps }] });
    expect(o.status).toBe('FAIL');
  });
});
