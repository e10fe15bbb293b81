/**
 * The proof that `npm install @ecom/*` works: build every publishable lib, `npm pack` it, install the
 * tarballs into a fresh project outside the workspace, import each package from plain Node (ESM and
 * require), and type-check a consumer file against the installed declarations with `tsc --noEmit`. Then a
 * second project that depends on @ecom/fraud and @ecom/cdc only (issue 13 §1: another team's service with its own
 * Kafka consumer, without apps/jobs, kafkajs or pg) is compiled with tsc and run with node.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PUBLISHABLE_LIBS, WORKSPACE_ROOT } from './workspace-root.js';

interface PackResult {
  filename: string;
  files: { path: string }[];
}

/** Every subpath entry point besides the root one. */
const SUBPATHS = [
  '@ecom/domain/typeorm',
  '@ecom/domain/testing',
  '@ecom/windowing/testing',
  '@ecom/cdc/adapters',
];

/** The optional peer dependencies a user installs to use the subpaths, at the ranges the libs declare. */
const OPTIONAL_PEERS = ['typeorm', 'pg'].map((name) => {
  const manifest = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'libs/domain/package.json'), 'utf8'));
  return `${name}@${manifest.peerDependencies[name]}`;
});

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Compiles `file` in `dir` with the workspace's tsc (strict, nodenext, no ambient types); returns its output. */
function tsc(dir: string, file: string, options: { noEmit: true } | { outDir: string }): string {
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        types: [],
        skipLibCheck: false,
        ...options,
      },
      files: [file],
    }),
  );
  try {
    execFileSync(
      process.execPath,
      [join(WORKSPACE_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'],
      {
        cwd: dir,
        encoding: 'utf8',
        stdio: 'pipe',
      },
    );
    return '';
  } catch (err) {
    return String((err as { stdout?: string }).stdout ?? err);
  }
}

describe('packaging: npm pack → install in a fresh project → import and type-check', () => {
  const work = mkdtempSync(join(tmpdir(), 'ecom-packaging-'));
  const tarballs = join(work, 'tarballs');
  const consumer = join(work, 'consumer');
  const packed = new Map<string, PackResult>();

  beforeAll(() => {
    mkdirSync(tarballs);
    mkdirSync(consumer);
    execFileSync(
      join(WORKSPACE_ROOT, 'node_modules/.bin/nx'),
      ['run-many', '-t', 'build', '-p', PUBLISHABLE_LIBS.join(','), '--outputStyle=static'],
      { cwd: WORKSPACE_ROOT, stdio: 'pipe', env: { ...process.env, NX_DAEMON: 'false' } },
    );
    for (const lib of PUBLISHABLE_LIBS) {
      const [result] = JSON.parse(
        npm(['pack', '--json', '--pack-destination', tarballs], join(WORKSPACE_ROOT, 'libs', lib)),
      ) as PackResult[];
      packed.set(lib, result);
    }
    writeFileSync(
      join(consumer, 'package.json'),
      JSON.stringify({ name: 'ecom-consumer', version: '1.0.0', private: true, type: 'module' }, null, 2),
    );
    npm(
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        ...PUBLISHABLE_LIBS.map((lib) => join(tarballs, packed.get(lib)!.filename)),
        // the optional peers that @ecom/domain/typeorm needs
        ...OPTIONAL_PEERS,
      ],
      consumer,
    );
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.each(PUBLISHABLE_LIBS)(
    '@ecom/%s packs built JavaScript, declarations and a README, but no sources or tests',
    (lib) => {
      const files = packed.get(lib)!.files.map((f) => f.path);
      expect(files).toEqual(
        expect.arrayContaining(['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts']),
      );
      expect(files.filter((f) => f.startsWith('src/') || /\.spec\.|\.bench\.|tsbuildinfo/.test(f))).toEqual(
        [],
      );
    },
  );

  it.each(PUBLISHABLE_LIBS)('@ecom/%s depends on other @ecom packages by real semver ranges', (lib) => {
    const manifest = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'libs', lib, 'package.json'), 'utf8'));
    for (const [name, range] of Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies })) {
      if (name.startsWith('@ecom/'))
        expect([name, range]).toEqual([name, expect.stringMatching(/^\^\d+\.\d+\.\d+$/)]);
    }
  });

  it('@ecom/windowing has no runtime dependencies', () => {
    const manifest = JSON.parse(
      readFileSync(join(consumer, 'node_modules/@ecom/windowing/package.json'), 'utf8'),
    );
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.peerDependencies ?? {}).toEqual({});
  });

  it.each(PUBLISHABLE_LIBS)('@ecom/%s imports from plain Node, as ESM and through require()', (lib) => {
    const esm = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import('@ecom/${lib}'); console.log(Object.keys(m).length);`,
      ],
      { cwd: consumer, encoding: 'utf8' },
    );
    expect(Number(esm.trim())).toBeGreaterThan(0);
    const cjs = execFileSync(
      process.execPath,
      ['--no-warnings', '-e', `console.log(Object.keys(require('@ecom/${lib}')).length)`],
      { cwd: consumer, encoding: 'utf8' },
    );
    expect(Number(cjs.trim())).toBe(Number(esm.trim()));
  });

  it.each(SUBPATHS)('%s imports from plain Node', (entry) => {
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import('${entry}'); console.log(Object.keys(m).length);`,
      ],
      { cwd: consumer, encoding: 'utf8' },
    );
    expect(Number(out.trim())).toBeGreaterThan(0);
  });

  it('the root entry of @ecom/domain works without typeorm and pg installed', () => {
    const hidden = ['typeorm', 'pg'].map((name) => join(consumer, 'node_modules', name));
    for (const dir of hidden) renameSync(dir, `${dir}.hidden`);
    try {
      const out = execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          "const m = await import('@ecom/domain'); console.log(typeof m.moneySchema.parse);",
        ],
        { cwd: consumer, encoding: 'utf8' },
      );
      expect(out.trim()).toBe('function');
    } finally {
      for (const dir of hidden) renameSync(`${dir}.hidden`, dir);
    }
  });

  it('runs a consumer script against the installed packages', () => {
    copyFileSync(join(__dirname, '../consumer/consumer.mjs'), join(consumer, 'consumer.mjs'));
    const out = execFileSync(process.execPath, ['consumer.mjs'], { cwd: consumer, encoding: 'utf8' });
    expect(out.trim()).toBe('consumer ok');
  });

  it('type-checks a TypeScript consumer against the installed declarations (tsc --noEmit)', () => {
    copyFileSync(join(__dirname, '../consumer/consumer.ts'), join(consumer, 'consumer.ts'));
    const output = tsc(consumer, 'consumer.ts', { noEmit: true });
    expect(output).toBe('');
  });

  it('embeds @ecom/fraud behind its own consumer with @ecom/cdc only: tsc, then node, alerts', () => {
    const service = join(work, 'fraud-service');
    mkdirSync(service);
    const tarball = (lib: string) => `file:${join(tarballs, packed.get(lib)!.filename)}`;
    writeFileSync(
      join(service, 'package.json'),
      JSON.stringify(
        {
          name: 'fraud-service',
          version: '1.0.0',
          private: true,
          type: 'module',
          dependencies: { '@ecom/cdc': tarball('cdc'), '@ecom/fraud': tarball('fraud') },
          // Not on a registry: their transitive @ecom dependencies come from the tarballs too.
          overrides: { '@ecom/domain': tarball('domain'), '@ecom/windowing': tarball('windowing') },
        },
        null,
        2,
      ),
    );
    npm(['install', '--no-audit', '--no-fund', '--prefer-offline'], service);
    for (const absent of ['kafkajs', 'pg', 'avsc', '@ecom/jobs', '@ecom/lakehouse'])
      expect([absent, existsSync(join(service, 'node_modules', absent))]).toEqual([absent, false]);

    copyFileSync(join(__dirname, '../fraud-consumer/main.ts'), join(service, 'main.ts'));
    const output = tsc(service, 'main.ts', { outDir: 'out' });
    expect(output).toBe('');

    const run = execFileSync(process.execPath, ['out/main.js'], { cwd: service, encoding: 'utf8' });
    expect(JSON.parse(run)).toEqual({
      alerts: ['velocity-1m/42/o6', 'high-value/42/o6'],
      evidence: [1, 2, 3, 4, 5, 6],
      replayed: 0,
    });
  });
});
