import express from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Services } from '../services/index.js';
import { ApiError, toApiError } from './errors.js';
import { endpoint, type ApiRequest, type Reply, type RouteDefinition } from './route.js';

/** One segment of an endpoint's path: fixed text (lower case), or a parameter's name. */
type Segment = { text: string } | { param: string };

interface Entry {
  segments: Segment[];
  handle: (request: ApiRequest) => Promise<Reply>;
}

export interface ApiRouter {
  /**
   * Answers the request and returns true when it names an endpoint; returns false, having touched nothing,
   * when it names none, so the rest of the app (the pages, the 404 of the API) answers it.
   */
  serve(req: IncomingMessage, res: ServerResponse): boolean;
}

function segmentsOf(openApiPath: string): Segment[] {
  return openApiPath
    .split('/')
    .slice(1)
    .map((part) => {
      const param = /^\{([A-Za-z0-9_]+)\}$/.exec(part)?.[1];
      return param ? { param } : { text: part.toLowerCase() };
    });
}

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new ApiError(400, 'bad-request', `the path segment "${value}" is not valid URL encoding`);
  }
}

/**
 * The API's endpoints on node's own request and response, ahead of express: in a one-route express app, express
 * itself cost some 70 µs of the server's CPU per request where node's http took 25 (W3, six requests a case,
 * spent a quarter of its server thread so). A request is looked up in a table (by method and number of path
 * segments) and matched as express' router did: the first endpoint declared wins, fixed segments ignore case,
 * one trailing slash is allowed, HEAD is answered as GET, and parameters are URL-decoded. The body is read by
 * express' own JSON parser (body-parser), the query string as express' simple query parser reads it.
 */
export function apiRouter(definitions: RouteDefinition[], services: Services, log: (message: string, err: unknown) => void): ApiRouter {
  const table = new Map<string, Entry[]>();
  for (const definition of definitions) {
    const segments = segmentsOf(definition.path);
    const key = `${definition.method.toUpperCase()} ${segments.length}`;
    const entries = table.get(key) ?? [];
    entries.push({ segments, handle: endpoint(definition, services) });
    table.set(key, entries);
  }
  const readJson = express.json({ limit: '5mb' });
  const bodyOf = (req: IncomingMessage, res: ServerResponse) =>
    new Promise<unknown>((resolve, reject) => {
      readJson(req as express.Request, res as express.Response, (err?: unknown) => (err ? reject(err) : resolve((req as { body?: unknown }).body)));
    });

  async function answer(req: IncomingMessage, res: ServerResponse, found: Found | ApiError, queryString: string): Promise<void> {
    try {
      if (found instanceof ApiError) throw found;
      const body = await bodyOf(req, res);
      const query = parseQuery(queryString);
      send(res, await found.entry.handle({ method: req.method!, headers: req.headers, body, query, params: found.params }));
    } catch (err) {
      const apiError = toApiError(err);
      if (apiError.status >= 500) log(`${req.method} ${req.url} failed`, err);
      if (!res.headersSent) sendJson(res, apiError.status, apiError.toBody());
      else res.destroy();
    }
  }

  return {
    serve(req, res) {
      const url = req.url ?? '';
      const queryAt = url.indexOf('?');
      const path = queryAt < 0 ? url : url.slice(0, queryAt);
      if (!path.startsWith('/')) return false;
      const parts = path.split('/').slice(1);
      if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
      const method = req.method === 'HEAD' ? 'GET' : req.method;
      const entries = table.get(`${method} ${parts.length}`);
      if (!entries) return false;
      let found: Found | ApiError | undefined;
      try {
        found = match(entries, parts);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        found = err;
      }
      if (!found) return false;
      void answer(req, res, found, queryAt < 0 ? '' : url.slice(queryAt + 1));
      return true;
    },
  };
}

interface Found {
  entry: Entry;
  params: Record<string, string>;
}

function match(entries: Entry[], parts: string[]): Found | undefined {
  for (const entry of entries) {
    const params: Record<string, string> = {};
    const fits = entry.segments.every((segment, i) => {
      if ('text' in segment) return segment.text === parts[i]!.toLowerCase();
      if (parts[i] === '') return false;
      params[segment.param] = decoded(parts[i]!);
      return true;
    });
    if (fits) return { entry, params };
  }
  return undefined;
}

function sendJson(res: ServerResponse, status: number, json: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(json));
}

function send(res: ServerResponse, reply: Reply): void {
  if ('text' in reply) {
    res.statusCode = reply.status;
    res.setHeader('content-type', /;\s*charset=/i.test(reply.contentType) ? reply.contentType : `${reply.contentType}; charset=utf-8`);
    res.end(reply.text);
  } else if (reply.json === undefined) {
    res.statusCode = reply.status;
    res.end();
  } else sendJson(res, reply.status, reply.json);
}
