// Access control and personal-data masking on EVERY operation of the OpenAPI document the API serves, against a
// REAL PostgreSQL holding the fixture shop (src/testing/fixture.ts). The routes come from the served document, so a
// route added later is walked without touching this file; a path parameter or required query parameter it does not
// know how to fill fails the suite, naming it. See describeWithPostgres in @ecom/domain/testing for skip/CI.
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeWithPostgres } from '@ecom/domain/testing';
import { InMemoryServingStore } from '@ecom/recommendations';
import type { Express } from 'express';
import request from 'supertest';
import { createApp, type ApiDeps } from './app.js';
import { pingPostgres, withPreparedStatements } from './db.js';
import { isPublicPath } from './http/access.js';
import { maskPersonalData, PERSONAL_DATA_FIELDS } from './http/personal-data.js';
import { hintOf, RESOURCES } from './resources/index.js';
import { FIXTURE_SQL } from './testing/fixture.js';
import { createTestDatabase, type TestDatabase } from './testing/test-database.js';

const TOKEN = 'access-walk-token-0123456789abcdef01234567';
const PII_TOKEN = 'access-walk-pii-token-0123456789abcdef0123';
const WRONG_TOKENS = [
  `${TOKEN.slice(0, -1)}8`, // same length, last character wrong
  TOKEN.slice(0, -1), // a prefix
  `${PII_TOKEN}0`, // longer
  'x',
];

/** Values for path parameters that are not a resource's `{id}` (those come from its own listing). */
const PATH_PARAMS: Record<string, string> = { customerId: '1', id: '1' };
/** Values for required query parameters, by name (no documented operation has one yet). */
const REQUIRED_QUERY: Record<string, string> = {};
/** Values sent for a documented parameter named like a personal-data field, to check the 403. */
const PROBE_VALUES: Record<string, string> = { email: 'an.nguyen@example.vn' };

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface OperationDoc {
  parameters?: unknown[];
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

interface Operation {
  /** `GET /customers/{id}` */
  readonly name: string;
  readonly method: Method;
  readonly template: string;
  readonly parameters: readonly {
    name: string;
    in: string;
    required?: boolean;
    schema?: { enum?: unknown[] };
  }[];
  /** Its 200 is a server-sent event stream: read up to its first event, never to the end. */
  readonly stream: boolean;
}

interface Call {
  readonly name: string;
  readonly method: Method;
  readonly url: string;
  readonly public: boolean;
  readonly stream: boolean;
  /** A resource's listing or detail (its status is known: 200, or 404 for the unknown id). */
  readonly resource: boolean;
}

/** What the walk compares of one answer. */
interface Answer {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly text: string;
  readonly body: { error?: { code?: string } } | undefined;
}

/** Every operation of a served OpenAPI document. */
function operationsOf(document: { paths: Record<string, Record<string, OperationDoc>> }): Operation[] {
  return Object.entries(document.paths).flatMap(([template, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'put', 'post', 'delete', 'patch'].includes(method))
      .map(([method, operation]) => ({
        name: `${method.toUpperCase()} ${template}`,
        method: method as Method,
        template,
        parameters: (operation.parameters ?? []) as Operation['parameters'],
        stream: Object.keys(operation.responses?.['200']?.content ?? {}).includes('text/event-stream'),
      })),
  );
}

/** GETs an event stream from a listening server up to its first `data:` event (or 5 s), then hangs up. */
function streamStart(server: Server, url: string, token?: string): Promise<Answer> {
  const { port } = server.address() as AddressInfo;
  const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: url, headers }, (res) => {
      let text = '';
      let settled = false;
      const done = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.destroy();
        let body: Answer['body'];
        try {
          body = JSON.parse(text) as Answer['body'];
        } catch {
          body = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
      };
      const timer = setTimeout(done, 5_000);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (/^data: .*\n\n/m.test(text)) done();
      });
      res.on('end', done);
    });
    req.on('error', (err) => {
      if (!req.destroyed) reject(err);
    });
    req.end();
  });
}

describeWithPostgres({ describe, it }, 'access on every route of the OpenAPI document', () => {
  let db: TestDatabase;
  let open: Express;
  let guarded: Express;
  const servers = new Map<Express, Server>();
  let operations: Operation[];
  /** Each operation as requests: the fixture's first row and, for a `{id}` path, an unknown id too. */
  let calls: Call[];
  /** Every personal-data value of the fixture (customers' e-mails, phones, addresses; shipments' addresses). */
  let personalValues: string[];

  const send = async (
    app: Express,
    call: { method: Method; url: string; stream?: boolean },
    token?: string,
  ): Promise<Answer> => {
    const server = servers.get(app);
    if (call.stream && server) return streamStart(server, call.url, token);
    const req = request(app)[call.method](call.url);
    const res = await (token === undefined ? req : req.set('Authorization', `Bearer ${token}`));
    return { status: res.status, headers: res.headers, text: res.text, body: res.body as Answer['body'] };
  };

  /** The concrete URLs of an operation: the fixture's first row and, for a resource's `{id}`, an unknown id. */
  async function urlsOf(operation: Operation): Promise<string[]> {
    const missing: string[] = [];
    const query = operation.parameters
      .filter((p) => p.in === 'query' && p.required)
      .map((p) => {
        if (!(p.name in REQUIRED_QUERY)) missing.push(`required query parameter ${p.name}`);
        return `${encodeURIComponent(p.name)}=${encodeURIComponent(REQUIRED_QUERY[p.name] ?? '')}`;
      });
    const names = [...operation.template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
    const listing = operation.template.replace(/\/\{id\}$/, '');
    const resource = RESOURCES.find((r) => r.paths.includes(listing));
    let known: Record<string, string> = {};
    let unknown: Record<string, string> | undefined;
    if (resource && names.length === 1 && names[0] === 'id') {
      // A resource's {id}: the first row of its own listing (text, int4 and int8 keys alike), and one not there.
      const { primaryKey } = resource.table;
      const first = (await request(open).get(`${listing}?limit=1&sort=${primaryKey}`)).body.data[0];
      known = { id: String(first[primaryKey]) };
      unknown = { id: hintOf(resource.table, primaryKey).kind === 'text' ? 'no-such-id' : '99999' };
    } else {
      for (const name of names) {
        if (!(name in PATH_PARAMS)) missing.push(`path parameter {${name}}`);
        known[name] = PATH_PARAMS[name] ?? '';
      }
    }
    if (missing.length > 0)
      throw new Error(
        `${operation.name}: add a fixture value for ${missing.join(', ')} to access.int.spec.ts`,
      );
    const fill = (values: Record<string, string>) =>
      operation.template.replace(/\{([^}]+)\}/g, (_m, name: string) =>
        encodeURIComponent(values[name] ?? ''),
      ) + (query.length > 0 ? `?${query.join('&')}` : '');
    return unknown ? [fill(known), fill(unknown)] : [fill(known)];
  }

  beforeAll(async () => {
    db = await createTestDatabase(FIXTURE_SQL);
    const recommendations = new InMemoryServingStore();
    const item = (productId: number) => ({ productId, score: 1, reason: 'popular' as const });
    await recommendations.publish({
      modelId: 'access-walk',
      publishedAtMs: Date.parse('2025-03-08T00:00:00Z'),
      customers: new Map([[1, [item(3)]]]),
      similar: new Map([[1, [item(2)]]]),
      trending: new Map([[0, [item(4)]]]),
      popular: [item(1)],
    });
    const deps: ApiDeps = {
      db: withPreparedStatements(db.pool),
      readiness: { postgres: pingPostgres(db.pool) },
      recommendations,
    };
    open = createApp(deps);
    guarded = createApp({ ...deps, access: { token: TOKEN, personalDataToken: PII_TOKEN } });
    for (const app of [open, guarded]) {
      const server = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      servers.set(app, server);
    }
    // The document the protected API serves, without a token (it is public): what clients and Swagger UI see.
    const served = await request(guarded).get('/openapi.json');
    expect(served.status).toBe(200);
    operations = operationsOf(served.body);
    calls = [];
    for (const operation of operations)
      for (const url of await urlsOf(operation))
        calls.push({
          name: `${operation.name} → ${url}`,
          method: operation.method,
          url,
          public: isPublicPath(operation.template),
          stream: operation.stream,
          resource: RESOURCES.some((r) => r.paths.some((p) => [p, `${p}/{id}`].includes(operation.template))),
        });
    const { rows } = await db.pool.query<{ value: string }>(
      `SELECT v AS value FROM customers, unnest(ARRAY[email, phone_number, address]) AS v WHERE v IS NOT NULL
       UNION SELECT v FROM shipments, unnest(ARRAY[address, zip_code]) AS v WHERE v IS NOT NULL`,
    );
    personalValues = rows.map((row) => row.value);
  }, 120_000);

  afterAll(async () => {
    for (const server of servers.values()) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await db?.drop();
  });

  it('walks the whole document: every data path, alias and detail, the recommendations and the health checks', () => {
    const templates = new Set(operations.map((o) => o.template));
    for (const resource of RESOURCES)
      for (const path of resource.paths) {
        expect(templates).toContain(path);
        expect(templates).toContain(`${path}/{id}`);
      }
    expect([...templates]).toEqual(
      expect.arrayContaining(['/health', '/healthz', '/readyz', '/recommendations/{customerId}']),
    );
    expect(personalValues.length).toBeGreaterThanOrEqual(5);
  });

  it('the open API (no API_TOKEN) serves every call: data 200 (404 for unknown ids), never a 500', async () => {
    for (const call of calls) {
      const res = await send(open, call);
      const unknownId = call.url.endsWith('/99999') || call.url.endsWith('/no-such-id');
      if (call.resource) expect([call.name, res.status]).toEqual([call.name, unknownId ? 404 : 200]);
      else expect([call.name, res.status]).not.toEqual([call.name, 500]);
    }
  });

  it('without a token: 401 with WWW-Authenticate on every operation but the public ones', async () => {
    for (const call of calls) {
      const res = await send(guarded, call);
      if (call.public) {
        expect([call.name, res.status]).toEqual([call.name, (await send(open, call)).status]);
        continue;
      }
      expect([call.name, res.status, res.headers['www-authenticate']]).toEqual([
        call.name,
        401,
        'Bearer realm="@ecom API"',
      ]);
      expect([call.name, res.body?.error?.code]).toEqual([call.name, 'unauthorized']);
      expect(res.text).not.toMatch(/customer_id|email/);
    }
  });

  it('with a wrong token: 401 invalid_token on every operation but the public ones', async () => {
    for (const call of calls.filter((c) => !c.public))
      for (const wrong of WRONG_TOKENS) {
        const res = await send(guarded, call, wrong);
        expect([call.name, res.status, res.headers['www-authenticate']]).toEqual([
          call.name,
          401,
          'Bearer realm="@ecom API", error="invalid_token"',
        ]);
      }
  });

  it('with API_TOKEN: the same status and body as the open API, with every personal-data value masked', async () => {
    const seen = new Set<string>();
    for (const call of calls) {
      const [baseline, res] = [await send(open, call), await send(guarded, call, TOKEN)];
      expect([call.name, res.status]).toEqual([call.name, baseline.status]);
      for (const value of personalValues) {
        if (baseline.text.includes(value)) seen.add(value);
        expect([call.name, res.text.includes(value) ? value : null]).toEqual([call.name, null]);
      }
      // An event stream's first event may differ between two connections (rates, lags); the rest must not.
      if (!call.stream) expect([call.name, res.body]).toEqual([call.name, maskPersonalData(baseline.body)]);
    }
    // Every personal value of the fixture is served by some route, so the walk did see (and mask) each of them.
    expect([...seen].sort()).toEqual([...personalValues].sort());
  });

  it('with API_PII_TOKEN: exactly what the open API answers, personal data unmasked', async () => {
    for (const call of calls) {
      const [baseline, res] = [await send(open, call), await send(guarded, call, PII_TOKEN)];
      expect([call.name, res.status]).toEqual([call.name, baseline.status]);
      if (!call.stream) expect([call.name, res.body]).toEqual([call.name, baseline.body]);
    }
  });

  it('filters or sorts by personal data: 403 with API_TOKEN, as the open API with API_PII_TOKEN', async () => {
    let probes = 0;
    for (const operation of operations) {
      const [url = ''] = await urlsOf(operation);
      for (const parameter of operation.parameters.filter((p) => p.in === 'query')) {
        const values =
          parameter.name === 'sort'
            ? (parameter.schema?.enum ?? [])
                .map(String)
                .filter((value) => value.replace(/^-/, '') in PERSONAL_DATA_FIELDS)
            : parameter.name in PERSONAL_DATA_FIELDS
              ? [PROBE_VALUES[parameter.name] ?? 'x']
              : [];
        for (const value of values) {
          probes += 1;
          const separator = url.includes('?') ? '&' : '?';
          const probe = {
            method: operation.method,
            url: `${url}${separator}${parameter.name}=${encodeURIComponent(value)}`,
            stream: operation.stream,
          };
          const res = await send(guarded, probe, TOKEN);
          expect([probe.url, res.status, res.body?.error?.code]).toEqual([probe.url, 403, 'forbidden']);
          const full = await send(guarded, probe, PII_TOKEN);
          expect([probe.url, full.status]).toEqual([probe.url, (await send(open, probe)).status]);
        }
      }
    }
    expect(probes).toBeGreaterThanOrEqual(3); // /customers?email=, ?sort=email, ?sort=-email
  });
});
