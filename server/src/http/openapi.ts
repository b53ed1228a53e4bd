import type { JsonSchema } from './validate.js';
import type { RouteDefinition } from './route.js';

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, unknown> };
  /** Applies to each operation unless it says `security: []` (the public ones). */
  security: Record<string, string[]>[];
}

export const errorSchema: JsonSchema = {
  type: 'object',
  required: ['error', 'message', 'details'],
  properties: {
    error: { type: 'string', enum: ['bad-request', 'unauthorized', 'forbidden', 'not-found', 'conflict', 'internal'] },
    message: { type: 'string' },
    details: { type: 'array', items: {} },
  },
};

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is not valid; `details` lists each problem',
  401: 'No token, or an unknown or expired one',
  403: 'Logged in, but not allowed',
  404: 'Not found',
  409: 'Conflicts with the current state',
};

function jsonContent(schema: JsonSchema, contentType = 'application/json') {
  return { [contentType]: { schema } };
}

function parameters(route: RouteDefinition): unknown[] {
  const inPath = [...route.path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const querySchema = route.query as { properties?: Record<string, JsonSchema>; required?: string[] } | undefined;
  const inQuery = Object.entries(querySchema?.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: querySchema?.required?.includes(name) ?? false,
    schema,
  }));
  return [...inPath, ...inQuery];
}

function responses(route: RouteDefinition): Record<string, unknown> {
  const all: Record<number, { description: string; schema?: JsonSchema; contentType?: string }> = { ...route.responses };
  const implied: number[] = [];
  if (route.body || route.query) implied.push(400);
  if (route.access !== 'public') implied.push(401);
  if (Array.isArray(route.access)) implied.push(403);
  for (const status of implied) all[status] ??= { description: ERROR_DESCRIPTIONS[status] };
  return Object.fromEntries(
    Object.entries(all).map(([status, spec]) => {
      const isError = Number(status) >= 400;
      const schema = isError ? { $ref: '#/components/schemas/Error' } : spec.schema;
      return [status, { description: spec.description, ...(schema ? { content: jsonContent(schema, spec.contentType) } : {}) }];
    }),
  );
}

function operation(route: RouteDefinition) {
  const roles = Array.isArray(route.access) ? ` Roles: ${['admin', ...route.access].join(', ')}.` : '';
  const description = `${route.description ?? ''}${roles}`.trim();
  const params = parameters(route);
  return {
    summary: route.summary,
    ...(description ? { description } : {}),
    tags: route.tags,
    ...(route.access === 'public' ? { security: [] } : {}),
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(route.body ? { requestBody: { required: true, content: jsonContent(route.body) } } : {}),
    responses: responses(route),
  };
}

/** The OpenAPI 3.1 description of exactly the routes the app serves. */
export function buildOpenApiDocument(routes: readonly RouteDefinition[], version = '1'): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    paths[route.path][route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Loket',
      version,
      description: 'Loket runs the services of a municipality as BPMN processes. Every call but a few carries `Authorization: Bearer <token>` from `POST /api/auth/login`.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
    security: [{ bearer: [] }],
  };
}
