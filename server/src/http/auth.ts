import type { Role } from '../persistence/entities.js';
import type { AuthenticatedUser, UserService } from '../services/users.js';
import { carriesCsrfToken, SAFE_METHODS, sessionTokenOf, type HeadersAndBody } from './cookie-session.js';
import { forbidden, unauthorized } from './errors.js';

/** Who called, and with which token. */
export interface Authentication {
  user: AuthenticatedUser;
  token: string;
}

export function bearerToken(req: HeadersAndBody): string | undefined {
  const match = req.headers.authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/**
 * The user of the bearer token, or of the session cookie of Loket's own pages (the modeler calls the API so);
 * 401 when there is none, or it is unknown or expired. With the cookie, a request that changes something must
 * carry the session's CSRF token.
 */
export async function authenticate(users: UserService, req: HeadersAndBody & { method?: string }): Promise<Authentication> {
  const bearer = bearerToken(req);
  const token = bearer ?? sessionTokenOf(req);
  if (!token) throw unauthorized();
  if (!bearer && !SAFE_METHODS.has(req.method ?? '') && !carriesCsrfToken(req, token)) {
    throw forbidden('a request with the session cookie must carry its CSRF token in the x-csrf-token header');
  }
  const user = await users.authenticate(token);
  if (!user) throw unauthorized('the token is unknown or has expired; log in again');
  return { user, token };
}

/** An administrator may do everything; anyone else needs one of the roles. */
export function hasRole(user: Pick<AuthenticatedUser, 'roles'>, roles: readonly Role[]): boolean {
  return user.roles.includes('admin') || roles.some((role) => user.roles.includes(role));
}

/** 403 unless the user has one of these roles (admin always passes). */
export function requireRole(user: Pick<AuthenticatedUser, 'roles'>, roles: readonly Role[]): void {
  if (!hasRole(user, roles)) throw forbidden(`this needs the role ${roles.join(' or ')}`);
}
