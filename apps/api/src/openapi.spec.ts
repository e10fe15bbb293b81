import { ANALYTICS_ROUTES } from './analytics/analytics-routes.js';
import { buildOpenApiDocument } from './openapi.js';
import { RESOURCES } from './resources/index.js';

describe('buildOpenApiDocument', () => {
  const doc = buildOpenApiDocument(RESOURCES, '0.1.0');
  const operations = Object.values(doc.paths ?? {}).flatMap((item) => (item.get ? [item.get] : []));

  it('documents every path and alias with a unique operation id (the original repeated get_categories)', () => {
    const paths = RESOURCES.flatMap((r) => r.paths.flatMap((p) => [p, `${p}/{id}`]));
    expect(Object.keys(doc.paths ?? {})).toEqual(expect.arrayContaining(paths));
    const ids = operations.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('documents the query parameters from the zod schemas', () => {
    const params = (doc.paths?.['/orders']?.get?.parameters ?? []) as {
      name: string;
      schema: { maximum?: number };
    }[];
    expect(params.map((p) => p.name)).toEqual(
      expect.arrayContaining(['limit', 'offset', 'cursor', 'sort', 'customer_id', 'status', 'from', 'to']),
    );
    expect(params.find((p) => p.name === 'limit')?.schema.maximum).toBe(500);
    const alerts = (doc.paths?.['/fraud/alerts']?.get?.parameters ?? []) as { name: string }[];
    expect(alerts.map((p) => p.name)).toEqual(
      expect.arrayContaining(['limit', 'cursor', 'sort', 'customer_id', 'rule_id', 'from', 'to']),
    );
    expect(doc.paths?.['/fraud/rules/{id}']?.get?.operationId).toBe('get_fraud_rules');
  });

  it('describes money as a string and customers without a password', () => {
    const schemas = doc.components?.schemas as Record<
      string,
      { type?: unknown; properties: Record<string, { type?: unknown }> }
    >;
    expect(schemas['Order']?.properties['total_price']?.type).toBe('string');
    expect(schemas['Customer']?.properties).not.toHaveProperty('password');
    expect(schemas['OrderDetail']?.properties).toHaveProperty('items');
    expect(JSON.stringify(doc)).not.toContain('"password"');
    expect(schemas['Payment']?.type).toBe('object');
    expect(schemas['OrderDetail']?.properties['payment']).toEqual({
      anyOf: [{ $ref: '#/components/schemas/Payment' }, { type: 'null' }],
    });
    const params = (doc.paths?.['/orders']?.get?.parameters ?? []) as {
      name: string;
      schema: { type?: unknown };
    }[];
    expect(params.find((p) => p.name === 'offset')?.schema.type).toBe('integer');
  });

  it('documents every analytics route with its parameters, row schema and errors', () => {
    const schemas = doc.components?.schemas as Record<
      string,
      { properties: Record<string, { type?: unknown }> }
    >;
    for (const route of ANALYTICS_ROUTES) {
      const op = doc.paths?.[route.path]?.get;
      expect(op?.operationId).toBe(`analytics_${route.operationId}`);
      expect(Object.keys(op?.responses ?? {}).sort()).toEqual(['200', '400', '404', '503']);
      const params = (op?.parameters ?? []) as { name: string }[];
      expect(params.map((p) => p.name)).toEqual(
        expect.arrayContaining(['limit', 'offset', 'cursor', 'sort', 'analysis_date']),
      );
    }
    expect(schemas['RevenueMonthly']?.properties['total_revenue']?.type).toEqual(['string', 'null']);
    expect(schemas['CustomerSegments']?.properties['customer_id']?.type).toBe('integer');
    const segments = (doc.paths?.['/analytics/customers/segments']?.get?.parameters ?? []) as {
      name: string;
    }[];
    expect(segments.map((p) => p.name)).toEqual(expect.arrayContaining(['value_segment', 'rfm_segment']));
  });
});
