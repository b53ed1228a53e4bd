import type { Request, Response } from 'express';
import type { Role } from '../persistence/entities.js';
import type { Services } from '../services/index.js';
import type { AuthenticatedUser } from '../services/users.js';
import { authenticate, currentUser, requireRole } from './auth.js';
import { check, type JsonSchema, type TypedSchema } from './validate.js';

/*
 * One declaration per endpoint gives its express handler chain (auth → validation → handler) and its
 * OpenAPI operation, so the published description cannot drift from what the server checks.
 */

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call: anyone, any logged-in user, or users with one of these roles (admin always may). */
export type Access = 'public' | 'authenticated' | readonly Role[];

export interface ResponseSpec {
  description: string;
  /** The JSON body; omit for error statuses (they get the error schema) and empty bodies. */
  schema?: JsonSchema;
  /** Other content than JSON, e.g. `application/xml`. */
  contentType?: string;
}

/** What a handler answers; build it with `ok`, `created` or `text`. */
export type Reply = { status: number; json: unknown } | { status: number; text: string; contentType: string };

export const ok = (json: unknown): Reply => ({ status: 200, json });
export const created = (json: unknown): Reply => ({ status: 201, json });
export const text = (body: string, contentType: string, status = 200): Reply => ({ status, text: body, contentType });

export interface RouteInput<Body, Query> {
  body: Body;
  query: Query;
  params: Record<string, string>;
  req: Request;
  res: Response;
}

interface RouteSpec<Body, Query> {
  method: HttpMethod;
  /** In OpenAPI form and in full: `/api/users/{id}`. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  body?: TypedSchema<Body>;
  query?: TypedSchema<Query>;
  /** Keyed by status. 400/401/403 are added where they apply; list 404/409 yourself. */
  responses: Record<number, ResponseSpec>;
}

/** A route with its types erased: what route modules hand to the app and to the OpenAPI builder. */
export interface RouteDefinition {
  method: HttpMethod;
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  access: Access;
  body?: JsonSchema;
  query?: JsonSchema;
  responses: Record<number, ResponseSpec>;
  handle(input: RouteInput<unknown, unknown>): Promise<Reply> | Reply;
}

/** An endpoint for anyone. */
export function publicRoute<Body = undefined, Query = Record<string, never>>(
  spec: RouteSpec<Body, Query> & { handle(input: RouteInput<Body, Query>): Promise<Reply> | Reply },
): RouteDefinition {
  return { ...spec, access: 'public', handle: spec.handle as RouteDefinition['handle'] };
}

/** An endpoint for logged-in users (`access: 'authenticated'`) or for some roles only (`access: ['process-owner']`). */
export function route<Body = undefined, Query = Record<string, never>>(
  spec: RouteSpec<Body, Query> & {
    access: Exclude<Access, 'public'>;
    handle(input: RouteInput<Body, Query> & { user: AuthenticatedUser }): Promise<Reply> | Reply;
  },
): RouteDefinition {
  return {
    ...spec,
    handle: (input) => spec.handle({ ...(input as RouteInput<Body, Query>), user: currentUser(input.res) }),
  };
}

/** A resource's endpoints, given the services they call. One per file in routes/. */
export type RouteModule = (services: Services) => RouteDefinition[];

function send(res: Response, reply: Reply): void {
  if ('text' in reply) res.status(reply.status).type(reply.contentType).send(reply.text);
  else if (reply.json === undefined) res.status(reply.status).end();
  else {
    // What res.json does, without its detours through res.send; node sets the length.
    res.statusCode = reply.status;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(reply.json));
  }
}

/** An endpoint's whole chain as one function: authentication, role, validation, the handler, the reply. */
export function endpoint(definition: RouteDefinition, services: Services): (req: Request, res: Response) => Promise<void> {
  const { access } = definition;
  return async (req, res) => {
    if (access !== 'public') await authenticate(services.users, req, res);
    if (Array.isArray(access)) requireRole(res, access);
    const input: RouteInput<unknown, unknown> = {
      body: definition.body ? check(definition.body, req.body, 'body') : req.body,
      query: definition.query ? check(definition.query, req.query, 'query') : req.query,
      params: req.params as Record<string, string>,
      req,
      res,
    };
    send(res, await definition.handle(input));
  };
}
