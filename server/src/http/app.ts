import express, { type Application } from 'express';
import { routeModules as defaultRouteModules } from '../routes/index.js';
import { openApiRoutes } from '../routes/openapi.js';
import type { Services } from '../services/index.js';
import { pageNotFound, pageRouter } from '../pages/routes.js';
import { Views } from '../pages/views.js';
import { errorHandler, unknownApiRoute } from './errors.js';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi.js';
import { registerRoute, type RouteDefinition, type RouteModule } from './route.js';

export interface AppOptions {
  routeModules?: RouteModule[];
  /** Where server errors (5xx) are reported; console.error by default. */
  log?: (message: string, err: unknown) => void;
}

export function createApp(services: Services, options: AppOptions = {}): Application {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // API answers change with every step of a case; an ETag would only cost a hash of every body (seen in the W3 profile).
  app.set('etag', false);
  app.use(express.json({ limit: '5mb' }));

  const routes = (options.routeModules ?? defaultRouteModules).flatMap((module) => module(services));
  let document: OpenApiDocument | undefined;
  const all: RouteDefinition[] = [...routes, ...openApiRoutes(() => (document ??= buildOpenApiDocument(all)))];

  const router = express.Router();
  for (const definition of all) registerRoute(router, definition, services);
  app.use(router);

  app.use('/api', unknownApiRoute);
  const views = new Views();
  app.use(pageRouter(services, views));
  app.use(pageNotFound(views));
  app.use(errorHandler(options.log));
  return app;
}
