import type { Request, Response } from 'express';
import type { Role } from '../persistence/entities.js';
import type { AuthenticatedUser, UserService } from '../services/users.js';
import { carriesCsrfToken, SAFE_METHODS, sessionTokenOf } from './cookie-session.js';
import { forbidden, unauthorized } from './errors.js';

/** What `authenticate` leaves in `res.locals.auth` for the handlers after it. */
export interface Authentication {
  user: AuthenticatedUser;
  token: string;
}

export function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization');
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/**
 * Loads the user of the bearer token, or of the session cookie of Loket's own pages (the modeler calls the
 * API so), into `res.locals.auth`; 401 when there is none, or it is unknown or expired. With the cookie, a
 * request that changes something must carry the session's CSRF token.
 */
export async function authenticate(users: UserService, req: Request, res: Response): Promise<void> {
  const bearer = bearerToken(req);
  const token = bearer ?? sessionTokenOf(req);
  if (!token) throw unauthorized();
  if (!bearer && !SAFE_METHODS.has(req.method) && !carriesCsrfToken(req, token)) {
    throw forbidden('a request with the session cookie must carry its CSRF token in the x-csrf-token header');
  }
  const user = await users.authenticate(token);
  if (!user) throw unauthorized('the token is unknown or has expired; log in again');
  const auth: Authentication = { user, token };
  res.locals.auth = auth;
}

export function authenticationOf(res: Response): Authentication {
  const auth = res.locals.auth as Authentication | undefined;
  if (!auth) throw new Error('authenticationOf() called on a route without authenticate()');
  return auth;
}

export function currentUser(res: Response): AuthenticatedUser {
  return authenticationOf(res).user;
}

/** An administrator may do everything; anyone else needs one of the roles. */
export function hasRole(user: Pick<AuthenticatedUser, 'roles'>, roles: readonly Role[]): boolean {
  return user.roles.includes('admin') || roles.some((role) => user.roles.includes(role));
}

/** After `authenticate`: 403 unless the user has one of these roles (admin always passes). */
export function requireRole(res: Response, roles: readonly Role[]): void {
  const user = currentUser(res);
  if (!hasRole(user, roles)) throw forbidden(`this needs the role ${roles.join(' or ')}`);
}
