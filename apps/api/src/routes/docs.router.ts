import { Router } from 'express';
import swaggerUi from 'swagger-ui-express';

/**
 * `GET /openapi.json` (the generated document) and `GET /docs` (Swagger UI loading it). The UI's assets are served
 * under `/docs/`; the page sets `<base href="/docs/">` so `/docs` works without a redirect.
 *
 * @example
 * ```ts
 * app.use(docsRouter(buildOpenApiDocument(RESOURCES, '0.1.0')));
 * ```
 */
export function docsRouter(document: object): Router {
  const router = Router();
  const html = swaggerUi
    .generateHTML(undefined, { swaggerUrl: '/openapi.json', customSiteTitle: '@ecom API' })
    .replace('<head>', '<head>\n  <base href="/docs/">');
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get(['/docs', '/docs/', '/docs/index.html'], (_req, res) => {
    res.type('html').send(html);
  });
  router.use('/docs', swaggerUi.serveFiles(undefined, { swaggerUrl: '/openapi.json' }));
  return router;
}
