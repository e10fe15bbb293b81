/**
 * `nx graph --file` must show the layering: apps depend on libs, never the other way round, and no app
 * depends on another app. Also pins the project list: the 6 publishable libs and the 3 apps.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PUBLISHABLE_LIBS, WORKSPACE_ROOT } from './workspace-root.js';

const APPS = ['api', 'jobs', 'simulator'];

interface Graph {
  graph: {
    nodes: Record<string, { type: string; data: { tags?: string[] } }>;
    dependencies: Record<string, { target: string }[]>;
  };
}

describe('project graph', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecom-graph-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const file = join(dir, 'graph.json');
  execFileSync(join(WORKSPACE_ROOT, 'node_modules/.bin/nx'), ['graph', `--file=${file}`], {
    cwd: WORKSPACE_ROOT,
    stdio: 'pipe',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  const { graph } = JSON.parse(readFileSync(file, 'utf8')) as Graph;
  const internal = (project: string) =>
    (graph.dependencies[project] ?? []).map((d) => d.target).filter((t) => t in graph.nodes);

  it('holds exactly the 6 libs and 3 apps', () => {
    expect(Object.keys(graph.nodes).sort()).toEqual([...APPS, ...PUBLISHABLE_LIBS].sort());
    for (const app of APPS) expect(graph.nodes[app].type).toBe('app');
    for (const lib of PUBLISHABLE_LIBS) expect(graph.nodes[lib].type).toBe('lib');
  });

  it.each([...PUBLISHABLE_LIBS])('lib %s depends on no app', (lib) => {
    expect(internal(lib).filter((t) => APPS.includes(t))).toEqual([]);
  });

  it.each(APPS)('app %s depends only on libs', (app) => {
    expect(internal(app).filter((t) => APPS.includes(t))).toEqual([]);
  });

  it('windowing depends on no other project', () => {
    expect(internal('windowing')).toEqual([]);
  });
});
