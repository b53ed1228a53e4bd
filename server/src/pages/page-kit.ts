import type { Request, RequestHandler, Response } from 'express';
import express from 'express';
import { LOKET_ZONE } from '../../../engine/src/index.js';
import { hasRole } from '../http/auth.js';
import { carriesCsrfToken, csrfTokenFor, SAFE_METHODS, sessionTokenOf } from '../http/cookie-session.js';
import type { Role } from '../persistence/entities.js';
import type { Services } from '../services/index.js';
import type { Actor } from '../services/tasks.js';
import type { AuthenticatedUser } from '../services/users.js';
import { texts } from './texts.js';
import type { PageContext, PageUser, Views } from './views.js';

/** Who may open the modeler. */
export const MODELER_ROLES: readonly Role[] = ['process-owner'];
/** Who works on tasks: the inbox, the task pages, the case files. */
export const WORK_ROLES: readonly Role[] = ['staff', 'reviewer'];
/** Who sits in the college. */
export const COLLEGE_ROLES: readonly Role[] = ['reviewer'];

/** What the page routes after `signedIn` find in res.locals.page. */
export interface SignedIn {
  user: AuthenticatedUser;
  token: string;
  csrf: string;
}

export function signedInOf(res: Response): SignedIn {
  return res.locals.page as SignedIn;
}

export function actorOf(res: Response): Actor {
  const { user } = signedInOf(res);
  return { username: user.username, roles: user.roles, groups: user.groups };
}

function pageUser(user: AuthenticatedUser): PageUser {
  return {
    displayName: user.displayName,
    departments: user.groups,
    canModel: hasRole(user, MODELER_ROLES),
    canWork: hasRole(user, WORK_ROLES),
    inCollege: hasRole(user, COLLEGE_ROLES),
    isAdmin: user.roles.includes('admin'),
  };
}

/** Dates on the pages are Brussels time, whatever the server's zone. */
export const MOMENT = new Intl.DateTimeFormat('nl-BE', { timeZone: LOKET_ZONE, dateStyle: 'medium', timeStyle: 'short' });
export const DAY = new Intl.DateTimeFormat('nl-BE', { timeZone: LOKET_ZONE, dateStyle: 'medium' });
export const LONG_DAY = new Intl.DateTimeFormat('nl-BE', { timeZone: LOKET_ZONE, dateStyle: 'full' });

/** The urlencoded body of a page's form; small, as a person types it. */
export const formBody = express.urlencoded({ extended: false, limit: '200kb' });

/**
 * What every page router needs: render a view in the layout (with the user and the CSRF token when signed
 * in), and the guards. Every page checks the session and the role here, on the server; a form that changes
 * something must carry the session's CSRF token.
 */
export class PageKit {
  constructor(
    readonly services: Services,
    private readonly views: Views,
  ) {}

  render(res: Response, view: string, context: Omit<PageContext, 'user' | 'csrf'> & { title: string }, status = 200): void {
    const signedIn = res.locals.page as SignedIn | undefined;
    this.views.send(res, view, { ...context, ...(signedIn ? { user: pageUser(signedIn.user), csrf: signedIn.csrf } : {}) }, status);
  }

  readonly signedIn: RequestHandler = async (req, res, next) => {
    const token = sessionTokenOf(req);
    const user = token ? await this.services.users.authenticate(token) : undefined;
    if (!token || !user) {
      const back = req.method === 'GET' ? req.originalUrl : '/';
      res.redirect(303, `/inloggen?terug=${encodeURIComponent(back)}`);
      return;
    }
    if (!SAFE_METHODS.has(req.method) && !carriesCsrfToken(req, token)) {
      this.render(res, 'form-expired', { title: texts.formExpired.title }, 403);
      return;
    }
    res.locals.page = { user, token, csrf: csrfTokenFor(token) } satisfies SignedIn;
    next();
  };

  requireRole(roles: readonly Role[]): RequestHandler {
    return (_req: Request, res, next) => {
      if (hasRole(signedInOf(res).user, roles)) return next();
      this.noAccess(res, roles);
    };
  }

  noAccess(res: Response, roles: readonly Role[], reason?: string): void {
    this.render(res, 'no-access', { title: texts.noAccess.title, needed: roles.map((role) => texts.roles[role]), reason }, 403);
  }

  notFound(res: Response): void {
    this.render(res, 'not-found', { title: texts.notFound.title }, 404);
  }
}
