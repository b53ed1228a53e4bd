import type { IncomingHttpHeaders } from 'node:http';
import type { Role } from '../persistence/entities.js';
import type { Services } from '../services/index.js';
import type { AuthenticatedUser } from '../services/users.js';
import { authenticate, requireRole, type Authentication } from './auth.js';
import { check, type JsonSchema, type TypedSchema } from './validate.js';

/*
 * One declaration per endpoint gives its handler chain (auth → validation → handler) and its OpenAPI
 * operation, so the published description cannot drift from what the server checks.
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
  /** Who called; undefined on a public endpoint. */
  auth: Authentication | undefined;
}

/** What an endpoint is given of a request: its headers (for the credentials) and what was read of it. */
export interface ApiRequest {
  method: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  query: Record<string, unknown>;
  params: Record<string, string>;
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
    handle(input: RouteInput<Body, Query> & { auth: Authentication; user: AuthenticatedUser }): Promise<Reply> | Reply;
  },
): RouteDefinition {
  return {
    ...spec,
    handle: (input) => {
      const auth = input.auth!;
      return spec.handle({ ...(input as RouteInput<Body, Query>), auth, user: auth.user });
    },
  };
}

/** A resource's endpoints, given the services they call. One per file in routes/. */
export type RouteModule = (services: Services) => RouteDefinition[];

/** An endpoint's whole chain as one function: authentication, role, validation, the handler. */
export function endpoint(definition: RouteDefinition, services: Services): (request: ApiRequest) => Promise<Reply> {
  const { access } = definition;
  return async (request) => {
    const auth = access === 'public' ? undefined : await authenticate(services.users, request);
    if (auth && Array.isArray(access)) requireRole(auth.user, access);
    return definition.handle({
      body: definition.body ? check(definition.body, request.body, 'body') : request.body,
      query: definition.query ? check(definition.query, request.query, 'query') : request.query,
      params: request.params,
      auth,
    });
  };
}
