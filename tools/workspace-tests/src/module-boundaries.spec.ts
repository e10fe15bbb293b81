/**
 * Proves that the module-boundary rules bite: each deliberately bad import below, linted as if it were a
 * source file at the given path, must fail with the expected rule and message; each good one must pass.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './workspace-root.js';

interface Case {
  what: string;
  file: string;
  code: string;
  rule?: string;
  message?: RegExp;
}

const bad: Case[] = [
  {
    what: 'windowing imports another @ecom lib',
    file: 'libs/windowing/src/bad-fixture.ts',
    code: "import { hivePartition } from '@ecom/lakehouse';\nexport const x = hivePartition;\n",
    rule: '@nx/enforce-module-boundaries',
    message: /can only depend on libs tagged with/,
  },
  {
    what: 'windowing imports any external package',
    file: 'libs/windowing/src/bad-fixture.ts',
    code: "import { z } from 'zod';\nexport const x = z;\n",
    rule: '@nx/enforce-module-boundaries',
    message: /tagged with "scope:standalone" is not allowed to import "zod"/,
  },
  {
    what: 'a core lib imports kafkajs',
    file: 'libs/fraud/src/bad-fixture.ts',
    code: "import { Kafka } from 'kafkajs';\nexport const x = Kafka;\n",
    rule: '@nx/enforce-module-boundaries',
    message: /tagged with "type:core" is not allowed to import "kafkajs"/,
  },
  {
    what: 'the cdc decoder core imports kafkajs',
    file: 'libs/cdc/src/bad-fixture.ts',
    code: "import { Kafka } from 'kafkajs';\nexport const x = Kafka;\n",
    rule: 'no-restricted-imports',
    message: /The @ecom\/cdc core is pure/,
  },
  {
    what: 'the cdc decoder core imports pg',
    file: 'libs/cdc/src/decoder/bad-fixture.ts',
    code: "import pg from 'pg';\nexport const x = pg;\n",
    rule: 'no-restricted-imports',
    message: /The @ecom\/cdc core is pure/,
  },
  {
    what: 'the cdc decoder core imports its adapters',
    file: 'libs/cdc/src/bad-fixture.ts',
    code: "import * as a from './adapters/index.js';\nexport const x = a;\n",
    rule: 'no-restricted-imports',
    message: /must not import its adapters/,
  },
  {
    what: 'the zod entry of @ecom/domain imports typeorm',
    file: 'libs/domain/src/bad-fixture.ts',
    code: "import { EntitySchema } from 'typeorm';\nexport const x = EntitySchema;\n",
    rule: 'no-restricted-imports',
    message: /Only @ecom\/domain\/typeorm and @ecom\/domain\/testing may load TypeORM/,
  },
  {
    what: 'the zod entry of @ecom/domain imports the testing entry',
    file: 'libs/domain/src/bad-fixture.ts',
    code: "import { probePostgres } from './testing/index.js';\nexport const x = probePostgres;\n",
    rule: 'no-restricted-imports',
    message: /must not import the testing entry/,
  },
  {
    what: 'the @ecom/lakehouse core imports pg',
    file: 'libs/lakehouse/src/bad-fixture.ts',
    code: "import pg from 'pg';\nexport const x = pg;\n",
    rule: 'no-restricted-imports',
    message: /The @ecom\/lakehouse core is pure/,
  },
  {
    // An app that does not depend on the lib: importing one that does (the api depends on @ecom/lakehouse) is
    // reported as a circular dependency first.
    what: 'a lib imports an app',
    file: 'libs/lakehouse/src/bad-fixture.ts',
    code: "import * as sim from '@ecom/simulator';\nexport const x = sim;\n",
    rule: '@nx/enforce-module-boundaries',
    message: /Imports of apps are forbidden/,
  },
  {
    what: 'an app imports another app',
    file: 'apps/api/src/bad-fixture.ts',
    code: "import * as sim from '@ecom/simulator';\nexport const x = sim;\n",
    rule: '@nx/enforce-module-boundaries',
    message: /Imports of apps are forbidden/,
  },
];

const good: Case[] = [
  {
    what: 'a cdc adapter imports kafkajs',
    file: 'libs/cdc/src/adapters/good-fixture.ts',
    code: "import { Kafka } from 'kafkajs';\nexport const x = Kafka;\n",
  },
  {
    what: 'an app imports a lib',
    file: 'apps/jobs/src/good-fixture.ts',
    code: "import { hivePartition } from '@ecom/lakehouse';\nexport const x = hivePartition;\n",
  },
  {
    what: 'a windowing test uses fast-check',
    file: 'libs/windowing/src/good-fixture.spec.ts',
    code: "import fc from 'fast-check';\nexport const x = fc;\n",
  },
];

interface LintMessage {
  ruleId: string | null;
  message: string;
  severity: number;
}

/** Lints `c.code` with the ESLint CLI exactly as `nx lint` would, as if it were saved at `c.file`. */
async function lint(c: Case): Promise<LintMessage[]> {
  const projectDir = join(WORKSPACE_ROOT, c.file.split('/').slice(0, 2).join('/'));
  const eslintBin = join(WORKSPACE_ROOT, 'node_modules/eslint/bin/eslint.js');
  const run = spawnSync(
    process.execPath,
    [eslintBin, '--format', 'json', '--stdin', '--stdin-filename', join(WORKSPACE_ROOT, c.file)],
    { cwd: projectDir, input: c.code, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } },
  );
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`eslint crashed (exit ${run.status}): ${run.stderr}`);
  }
  const [result] = JSON.parse(run.stdout) as { messages: LintMessage[] }[];
  return result.messages.filter((m) => m.severity === 2);
}

describe('module boundaries', () => {
  it.each(bad.map((c) => [c.what, c] as const))('rejects: %s', async (_what, c) => {
    const errors = await lint(c);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ruleId: c.rule, message: expect.stringMatching(c.message!) }),
      ]),
    );
  });

  it.each(good.map((c) => [c.what, c] as const))('allows: %s', async (_what, c) => {
    expect(await lint(c)).toEqual([]);
  });
});
