import type { OpenApiDocument } from '../http/openapi.js';
import { ok, publicRoute, type RouteDefinition } from '../http/route.js';

/** Serves the description of every other route; app.ts builds the document once all routes are known. */
export function openApiRoutes(document: () => OpenApiDocument): RouteDefinition[] {
  return [
    publicRoute({
      method: 'get',
      path: '/api/openapi.json',
      summary: 'This API, described in OpenAPI 3.1',
      tags: ['server'],
      responses: { 200: { description: 'The OpenAPI document', schema: { type: 'object' } } },
      handle: () => ok(document()),
    }),
  ];
}
