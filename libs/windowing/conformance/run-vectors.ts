/**
 * Executes windowing conformance vectors (the shared ../shared/fixtures/windowing/vectors.json, and this repo's
 * own conformance/vectors.json in the same format) against @ecom/windowing. Operator vectors may also hold
 * `{ "expectMetrics": { "unassigned": 1 } }` steps (operator counters so far). One {@link VectorOutcome} per
 * vector: PASS, FAIL (with why) or SKIP (kafka-streams semantics or rules we cannot execute; those are covered by
 * hand-written specs).
 */
import {
  BoundedOutOfOrderness,
  IdlenessTimer,
  MIN_TIMESTAMP,
  WindowingError,
  createWindowOperator,
  session,
  sliding,
  sum,
  tumbling,
  type LateElement,
  type TriggerSpec,
  type WindowAssigner,
  type WindowResult,
} from '../src/index.js';
import { TestClock } from '../src/testing/index.js';

export interface VectorOutcome {
  id: string;
  status: 'PASS' | 'FAIL' | 'SKIP';
  why?: string;
}

type Json = Record<string, unknown>;

/** Runs every vector of a parsed vectors file. */
export function runVectorFile(file: unknown): VectorOutcome[] {
  const vectors = (file as { vectors?: unknown })?.vectors;
  if (!Array.isArray(vectors)) throw new Error('vectors file has no "vectors" array');
  return vectors.map((v: Json) => runVector(v));
}

/** Formats an outcome as the contract line: `PASS <id>`, `FAIL <id>: <why>` or `SKIP <id>: <why>`. */
export function formatOutcome(o: VectorOutcome): string {
  return o.status === 'PASS' ? `PASS ${o.id}` : `${o.status} ${o.id}: ${o.why}`;
}

export function runVector(v: Json): VectorOutcome {
  const id = String(v.id ?? '<no id>');
  const semantics = String(v.semantics ?? '');
  if (semantics === 'kafka-streams') {
    return { id, status: 'SKIP', why: 'kafka-streams semantics (stream time, grace, inclusive sessions); this library follows Flink' };
  }
  try {
    const why = execute(v);
    if (why === undefined) return { id, status: 'PASS' };
    if (why.startsWith('SKIP:')) return { id, status: 'SKIP', why: why.slice(5).trim() };
    return { id, status: 'FAIL', why };
  } catch (e) {
    return { id, status: 'FAIL', why: `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` };
  }
}

/** Returns undefined on success, a failure reason, or 'SKIP: reason'. */
function execute(v: Json): string | undefined {
  if (Array.isArray(v.steps) && v.config) return runOperator(v.config as Json, v.steps as Json[]);
  if (Array.isArray(v.cases) && typeof v.formula === 'string') return runBoundedWatermarks(v.cases as Json[]);
  if (Array.isArray(v.cases) && Array.isArray(v.rules)) return runIdleness(v.cases as Json[]);
  if (Array.isArray(v.cases)) return runAssignment(v.cases as Json[], v.invalid);
  if (v.semantics === 'comparison' && v.input && v.expect) return runComparison(v.input as Json, v.expect as Json);
  return 'SKIP: vector shape not recognised (prose only)';
}

// ───────────────────────────── assignment ─────────────────────────────

function runAssignment(cases: Json[], invalid: unknown): string | undefined {
  for (const c of cases) {
    const size = num(c.size);
    const offset = c.offset === undefined ? 0 : num(c.offset);
    const assigner: WindowAssigner =
      c.slide !== undefined ? sliding({ size, slide: num(c.slide), offset }) : tumbling({ size, offset });
    const got = assigner.assign(null, num(c.ts)).map((w) => [w.start, w.end] as [number, number]);
    const want = (c.windows as [number, number][]).map(([s, e]) => [s, e] as [number, number]);
    if (!sameMultiset(got.map(String), want.map(String))) {
      return `ts ${String(c.ts)} (size ${size}, ${c.slide !== undefined ? `slide ${String(c.slide)}, ` : ''}offset ${offset}): got ${fmt(got)}, want ${fmt(want)}`;
    }
  }
  if (Array.isArray(invalid) && invalid.some((r) => /abs\(offset\) < size/.test(String(r)))) {
    for (const bad of [{ size: 5000, offset: 5000 }, { size: 5000, offset: -5000 }, { size: 0, offset: 0 }, { size: -1, offset: 0 }]) {
      try {
        tumbling(bad);
        return `tumbling(${JSON.stringify(bad)}) was accepted`;
      } catch (e) {
        if (!(e instanceof WindowingError)) return `tumbling(${JSON.stringify(bad)}) threw a non-WindowingError`;
      }
    }
  }
  return undefined;
}

// ───────────────────────────── watermarks ─────────────────────────────

function runBoundedWatermarks(cases: Json[]): string | undefined {
  for (const c of cases) {
    const g = new BoundedOutOfOrderness(num(c.ooo));
    for (const ts of c.events as number[]) g.onEvent(null, ts);
    const want = c.periodicEmit === 'Long.MIN_VALUE' ? MIN_TIMESTAMP : num(c.periodicEmit);
    const emits = c.emitTwice ? 2 : 1;
    for (let i = 0; i < emits; i++) {
      const got = g.currentWatermark();
      if (got !== want) return `ooo ${String(c.ooo)} events ${JSON.stringify(c.events)}: emit #${i + 1} got ${got}, want ${want}`;
    }
  }
  return undefined;
}

function runIdleness(cases: Json[]): string | undefined {
  for (const c of cases) {
    const timeout = num(c.timeout);
    const clock = new TestClock(1_000_000);
    const t = new IdlenessTimer(clock, timeout);
    for (const step of c.steps as string[]) {
      let m: RegExpMatchArray | null;
      if ((m = /^check -> (true|false)/.exec(step))) {
        const got = t.checkIfIdle();
        if (got !== (m[1] === 'true')) return `timeout ${timeout}: step "${step}" got ${got}`;
      } else if (/^check \(start\)$/.test(step)) {
        if (t.checkIfIdle()) return `timeout ${timeout}: step "${step}" reported idle`;
      } else if ((m = /^advance (\d+)ms$/.exec(step))) {
        clock.advance(Number(m[1]));
      } else if (step === 'activity') {
        t.activity();
      } else if (step === 'make idle') {
        t.checkIfIdle();
        clock.advance(timeout + 1);
        if (!t.checkIfIdle()) return `timeout ${timeout}: "make idle" did not make the timer idle`;
      } else {
        return `SKIP: prose step "${step}" not executable (covered by idleness-timer.spec.ts)`;
      }
    }
  }
  return undefined;
}

// ───────────────────────────── comparison ─────────────────────────────

function runComparison(input: Json, expect: Json): string | undefined {
  const flink = String(expect.flink ?? '');
  const m = /\[(-?\d+),\s*(-?\d+)\)/.exec(flink);
  if (!m) return 'SKIP: no Flink expectation to execute';
  const gap = num(input.gap);
  const results: WindowResult<string, number>[] = [];
  const op = createWindowOperator<string, number, number, number>({ assigner: session({ gap }), aggregate: sum(), onResult: (r) => results.push(r) });
  for (const ts of input.events as number[]) op.onElement('k', 1, ts);
  const fireAt = /WM>=(-?\d+)/.exec(flink);
  if (fireAt) {
    op.onWatermark(Number(fireAt[1]) - 1);
    if (results.length) return `fired before the watermark reached ${fireAt[1]}`;
    op.onWatermark(Number(fireAt[1]));
  } else {
    op.onWatermark(Number(m[2]) - 1);
  }
  const got = results.map((r) => `[${r.window.start},${r.window.end})`);
  const want = [`[${m[1]},${m[2]})`];
  return sameMultiset(got, want) ? undefined : `sessions ${got.join(' ')}, want ${want.join(' ')}`;
}

// ───────────────────────────── operator steps ─────────────────────────────

function triggerOf(name: unknown): TriggerSpec {
  const s = String(name ?? 'EventTimeTrigger').replace(/\s+/g, '');
  if (s === 'EventTimeTrigger') return { type: 'event-time' };
  if (s === 'PurgingTrigger(EventTimeTrigger)') return { type: 'purging', trigger: { type: 'event-time' } };
  const count = /^(Purging)?Trigger\(CountTrigger\((\d+)\)\)$|^CountTrigger\((\d+)\)$/.exec(s);
  if (count) {
    const n = Number(count[2] ?? count[3]);
    return count[1] ? { type: 'purging', trigger: { type: 'count', count: n } } : { type: 'count', count: n };
  }
  throw new Error(`unsupported trigger "${String(name)}"`);
}

function assignerOf(config: Json): WindowAssigner<number> {
  const kind = String(config.assigner);
  if (kind === 'tumbling') return tumbling({ size: num(config.size), offset: config.offset === undefined ? 0 : num(config.offset) });
  if (kind === 'sliding') {
    return sliding({ size: num(config.size), slide: num(config.slide), offset: config.offset === undefined ? 0 : num(config.offset) });
  }
  if (kind === 'event-time session' || kind === 'session') return session({ gap: num(config.gap) });
  throw new Error(`unsupported assigner "${kind}"`);
}

function runOperator(config: Json, steps: Json[]): string | undefined {
  if (!/sum/.test(String(config.agg ?? 'sum'))) return `SKIP: aggregation "${String(config.agg)}" not executable`;
  const results: WindowResult<string, number>[] = [];
  const late: LateElement<string, number>[] = [];
  const sideOutput = config.lateOutput === true;
  const op = createWindowOperator<string, number, number, number>({
    assigner: assignerOf(config),
    trigger: triggerOf(config.trigger),
    allowedLateness: config.allowedLateness === undefined ? 0 : num(config.allowedLateness),
    aggregate: sum(),
    onResult: (r) => results.push(r),
    ...(sideOutput ? { onLate: (e: LateElement<string, number>) => late.push(e) } : {}),
  });
  for (const [i, step] of steps.entries()) {
    const where = `step ${i + 1}`;
    if (step.type === 'element') {
      op.onElement(String(step.key), num(step.value), num(step.ts));
    } else if (step.type === 'watermark') {
      op.onWatermark(num(step.ts));
    } else if ('expect' in step) {
      const want = (step.expect as Json[]).map(expectedResult);
      const got = results.splice(0).map((r) => (want.some((w) => w.startsWith('W')) || isSession(config) ? sessionLine(r) : plainLine(r)));
      if (!sameMultiset(got, want)) return `${where}: emitted [${got.join(', ')}], want [${want.join(', ')}]`;
    } else if ('expectMetrics' in step) {
      const want = step.expectMetrics as Record<string, number>;
      const got = op.metrics as unknown as Record<string, number>;
      const off = Object.keys(want).filter((name) => got[name] !== want[name]);
      if (off.length) return `${where}: metrics ${off.map((n) => `${n}=${String(got[n])}`).join(', ')}, want ${off.map((n) => `${n}=${want[n]}`).join(', ')}`;
    } else if ('expectSide' in step) {
      const want = (step.expectSide as Json[]).map((e) => `${String(e.key)}=${String(e.value)}@${String(e.ts)}`);
      const got = late.splice(0).map((e) => `${e.key}=${e.value}@${e.timestamp}`);
      if (!sameMultiset(got, want)) return `${where}: side output [${got.join(', ')}], want [${want.join(', ')}]`;
    } else {
      return `${where}: unknown step ${JSON.stringify(step)}`;
    }
  }
  if (late.length) return `unexpected side output at end: ${late.map((e) => `${e.key}@${e.timestamp}`).join(', ')}`;
  return undefined;
}

function isSession(config: Json): boolean {
  return /session/.test(String(config.assigner));
}

function expectedResult(e: Json): string {
  if (Array.isArray(e.window)) {
    const [key, start, end] = e.window as [string, number, number];
    return `W${key}[${start},${end})=${String(e.sum ?? e.value)}@${String(e.ts)}`;
  }
  return `${String(e.key)}=${String(e.value)}@${String(e.ts)}`;
}

function sessionLine(r: WindowResult<string, number>): string {
  return `W${r.key}[${r.window.start},${r.window.end})=${r.value}@${r.timestamp}`;
}

function plainLine(r: WindowResult<string, number>): string {
  return `${r.key}=${r.value}@${r.timestamp}`;
}

// ───────────────────────────── helpers ─────────────────────────────

function num(x: unknown): number {
  if (typeof x !== 'number') throw new Error(`expected a number, got ${JSON.stringify(x)}`);
  return x;
}

function sameMultiset(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort();
  const y = [...b].sort();
  return x.every((v, i) => v === y[i]);
}

function fmt(ws: [number, number][]): string {
  return ws.map(([s, e]) => `[${s},${e})`).join(' ');
}
