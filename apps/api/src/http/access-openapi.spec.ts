import { buildOpenApiDocument } from '../openapi.js';
import { RESOURCES } from '../resources/index.js';
import { isPublicPath } from './access.js';
import { documentAccess } from './access-openapi.js';

describe('documentAccess', () => {
  const doc = documentAccess(buildOpenApiDocument(RESOURCES, '0.1.0'));
  const schemas = doc.components?.schemas as Record<
    string,
    { properties: Record<string, { description?: string }> }
  >;

  it('documents the bearer scheme, required by default', () => {
    expect(doc.components?.securitySchemes?.['bearerAuth']).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.info.description).toMatch(/With `API_TOKEN` set, every route but the health checks/);
  });

  it('marks the public operations and documents 401 on every other one, 403 where personal data is a filter', () => {
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      const operation = item.get;
      if (isPublicPath(path)) {
        expect([path, operation?.security, operation?.responses?.['401']]).toEqual([path, [], undefined]);
      } else {
        expect([path, operation?.security]).toEqual([path, undefined]);
        expect([path, operation?.responses?.['401']]).toEqual([
          path,
          {
            description: expect.any(String),
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        ]);
      }
    }
    expect(['/health', '/healthz', '/readyz'].map((path) => doc.paths?.[path]?.get?.security)).toEqual([
      [],
      [],
      [],
    ]);
    expect(doc.paths?.['/customers']?.get?.responses?.['403']).toBeDefined();
    expect(doc.paths?.['/orders']?.get?.responses?.['403']).toBeUndefined();
  });

  it('notes every personal-data property, and the error codes', () => {
    expect(schemas['Customer']?.properties['email']?.description).toMatch(
      /^Personal data: masked \(`a\*\*\*@example.vn`\) unless/,
    );
    expect(schemas['Customer']?.properties['phone_number']?.description).toMatch(/`\*\*\*4567`/);
    expect(schemas['Shipment']?.properties['zip_code']?.description).toMatch(/^Personal data/);
    expect(schemas['Shipment']?.properties['city']?.description).toBeUndefined();
    const codes = (
      schemas['Error'] as unknown as { properties: { error: { properties: { code: { enum: string[] } } } } }
    ).properties.error.properties.code.enum;
    expect(codes).toEqual(expect.arrayContaining(['unauthorized', 'forbidden']));
  });

  it('is idempotent', () => {
    const twice = documentAccess(documentAccess(buildOpenApiDocument(RESOURCES, '0.1.0')));
    expect(twice).toEqual(doc);
  });
});
