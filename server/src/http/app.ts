import express from 'express';
import type { RequestListener } from 'node:http';
import { routeModules as defaultRouteModules } from '../routes/index.js';
import { openApiRoutes } from '../routes/openapi.js';
import type { Services } from '../services/index.js';
import { pageNotFound, pageRouter } from '../pages/routes.js';
import { Views } from '../pages/views.js';
import { TRUST_PROXY } from '../config.js';
import { texts } from '../pages/texts.js';
import { defaultLog, errorHandler, unknownApiRoute } from './errors.js';
import { applicationLimit, lookupLimits, tooManyLookups } from './rate-limits.js';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi.js';
import { apiRouter } from './api-router.js';
import type { RouteDefinition, RouteModule } from './route.js';

export interface AppOptions {
  routeModules?: RouteModule[];
  /** Where server errors (5xx) are reported; console.error by default. */
  log?: (message: string, err: unknown) => void;
}

/** The citizen's lookups by tracking code, the API's and the page's, share one count per address. */
const LOOKUP_PATHS = ['/api/status', '/status'];
const API_LOOKUP = /^\/api\/status(\/|\?|$)/i;

/**
 * The whole server's request handler: the API's endpoints on node's own request and response (see apiRouter),
 * everything else through express, the pages and the API's lookups by tracking code, whose limits are express
 * middleware they share with the status page.
 */
export function createApp(services: Services, options: AppOptions = {}): RequestListener {
  const log = options.log ?? defaultLog;
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Answers change with every step of a case; an ETag would only cost a hash of every body.
  app.set('etag', false);
  if (TRUST_PROXY !== undefined) app.set('trust proxy', /^\d+$/.test(TRUST_PROXY) ? Number(TRUST_PROXY) : TRUST_PROXY);
  const views = new Views();

  app.use(
    LOOKUP_PATHS,
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
  const api = apiRouter(all, services, log);

  // The lookups by tracking code, past their limits; every other API request was answered before express.
  app.use((req, res, next) => {
    if (!API_LOOKUP.test(req.url) || !api.serve(req, res)) next();
  });
  app.use(express.json({ limit: '5mb' }));
  app.use('/api', unknownApiRoute);
  app.use(pageRouter(services, views));
  app.use(pageNotFound(views));
  app.use(errorHandler(log));
  return (req, res) => {
    if (API_LOOKUP.test(req.url ?? '') || !api.serve(req, res)) app(req, res);
  };
}
