import type { Request, RequestHandler, Response } from 'express';
import type { Services } from '../services/index.js';
import { ApiError } from './errors.js';
import { endpoint, type RouteDefinition } from './route.js';

/** One segment of an endpoint's path: fixed text (lower case), or a parameter's name. */
type Segment = { text: string } | { param: string };

interface Entry {
  segments: Segment[];
  handle: (req: Request, res: Response) => Promise<void>;
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
 * The API's endpoints behind one middleware that looks a request up in a table (by method and number of path
 * segments) instead of express trying each of some ninety route patterns in turn (in a plain express app,
 * eighty routes before the one asked for cost a sixth of the requests per second it answered). It matches as
 * express' router did: the first endpoint declared wins, fixed segments ignore case, one trailing slash is
 * allowed, HEAD is answered as GET, and parameters are URL-decoded into `req.params`. A request that matches
 * no endpoint goes on to the next middleware.
 */
export function apiRouter(definitions: RouteDefinition[], services: Services): RequestHandler {
  const table = new Map<string, Entry[]>();
  for (const definition of definitions) {
    const segments = segmentsOf(definition.path);
    const key = `${definition.method.toUpperCase()} ${segments.length}`;
    const entries = table.get(key) ?? [];
    entries.push({ segments, handle: endpoint(definition, services) });
    table.set(key, entries);
  }
  return (req, res, next) => {
    const parts = req.path.split('/').slice(1);
    if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const entries = table.get(`${method} ${parts.length}`);
    const found = entries && match(entries, parts);
    if (!found) return next();
    req.params = found.params;
    found.entry.handle(req, res).catch(next);
  };
}

function match(entries: Entry[], parts: string[]): { entry: Entry; params: Record<string, string> } | undefined {
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
