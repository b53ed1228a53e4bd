import express, { type Application } from 'express';
import { routeModules as defaultRouteModules } from '../routes/index.js';
import { openApiRoutes } from '../routes/openapi.js';
import type { Services } from '../services/index.js';
import { pageNotFound, pageRouter } from '../pages/routes.js';
import { Views } from '../pages/views.js';
import { TRUST_PROXY } from '../config.js';
import { texts } from '../pages/texts.js';
import { errorHandler, unknownApiRoute } from './errors.js';
import { applicationLimit, lookupLimits, tooManyLookups } from './rate-limits.js';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi.js';
import { apiRouter } from './api-router.js';
import type { RouteDefinition, RouteModule } from './route.js';

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
  if (TRUST_PROXY !== undefined) app.set('trust proxy', /^\d+$/.test(TRUST_PROXY) ? Number(TRUST_PROXY) : TRUST_PROXY);
  app.use(express.json({ limit: '5mb' }));
  const views = new Views();

  // The citizen's lookups by tracking code, the API's and the page's, share one count per address.
  app.use(
    ['/api/status', '/status'],
    lookupLimits((req, res) => {
      if (req.originalUrl.startsWith('/api/')) res.status(429).json(tooManyLookups().toBody());
      else views.send(res, 'too-many', { title: texts.status.tooManyTitle, citizen: true }, 429);
    }),
  );
  app.post(
    '/aanvraag/:processKey',
    applicationLimit((_req, res) => {
      views.send(res, 'too-many', { title: texts.status.tooManyTitle, citizen: true, message: texts.application.tooMany }, 429);
    }),
  );

  const routes = (options.routeModules ?? defaultRouteModules).flatMap((module) => module(services));
  let document: OpenApiDocument | undefined;
  const all: RouteDefinition[] = [...routes, ...openApiRoutes(() => (document ??= buildOpenApiDocument(all)))];

  app.use(apiRouter(all, services));

  app.use('/api', unknownApiRoute);
  app.use(pageRouter(services, views));
  app.use(pageNotFound(views));
  app.use(errorHandler(options.log));
  return app;
}
