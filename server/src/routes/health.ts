import { ok, publicRoute, type RouteModule } from '../http/route.js';

export const healthRoutes: RouteModule = () => [
  publicRoute({
    method: 'get',
    path: '/api/health',
    summary: 'Whether the server accepts requests',
    tags: ['server'],
    responses: {
      200: {
        description: 'The server is up',
        schema: { type: 'object', required: ['status'], properties: { status: { const: 'ok' } } },
      },
    },
    handle: () => ok({ status: 'ok' }),
  }),
];
