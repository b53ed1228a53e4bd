import { dirname, join } from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { MODELER_BUNDLE_DIR, PAGE_VIEWS_DIR } from '../config.js';
import { ApiError } from '../http/errors.js';
import { clearSessionCookie, issueAnonymousFormToken, anonymousFormTokenHolds, setSessionCookie } from '../http/cookie-session.js';
import type { Services } from '../services/index.js';
import { adminRouter } from './admin-routes.js';
import { applicationRouter } from './application-routes.js';
import { caseRouter } from './case-routes.js';
import { handOverRouter } from './hand-over-routes.js';
import { collegeRouter } from './college-routes.js';
import { modelerRouter } from './modeler-routes.js';
import { formBody, PageKit, signedInOf } from './page-kit.js';
import { texts } from './texts.js';
import type { Views } from './views.js';
import { statusRouter } from './status-routes.js';
import { workRouter } from './work-routes.js';

/** Only a path on this site: a login must not send the browser elsewhere. */
function localPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?!\/)[^\\\s]*$/.test(value) ? value : '/';
}

/** The server-rendered pages: login and logout, the start page, and each kind of user's own pages. */
export function pageRouter(services: Services, views: Views): Router {
  const router = express.Router();
  const kit = new PageKit(services, views);
  const { users } = services;

  router.use('/assets', express.static(join(dirname(PAGE_VIEWS_DIR), 'assets'), { fallthrough: true, maxAge: '1h' }));
  router.use('/assets/modeler', express.static(MODELER_BUNDLE_DIR, { fallthrough: false, maxAge: '1h' }));

  router.get('/inloggen', (req, res) => {
    const notice = req.query.afgemeld === '1' ? texts.login.loggedOut : undefined;
    kit.render(res, 'login', { title: texts.login.title, formToken: issueAnonymousFormToken(req, res), back: localPath(req.query.terug), notice });
  });

  router.post('/inloggen', formBody, async (req, res) => {
    const { username, password, terug } = req.body as Record<string, unknown>;
    const back = localPath(terug);
    const again = (error: string, status: number) =>
      kit.render(res, 'login', { title: texts.login.title, formToken: issueAnonymousFormToken(req, res), back, error, username: typeof username === 'string' ? username : '' }, status);
    if (!anonymousFormTokenHolds(req)) return again(texts.login.formExpired, 403);
    if (typeof username !== 'string' || typeof password !== 'string' || username === '' || password === '') return again(texts.login.missingFields, 400);
    try {
      const result = await users.login(username, password);
      setSessionCookie(req, res, result.token, new Date(result.expiresAt));
      res.redirect(303, back);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return again(texts.login.wrongCredentials, 401);
      throw err;
    }
  });

  router.post('/uitloggen', formBody, kit.signedIn, async (req, res) => {
    await users.logout(signedInOf(res).token);
    clearSessionCookie(req, res);
    res.redirect(303, '/inloggen?afgemeld=1');
  });

  router.get('/', kit.signedIn, (_req, res) => kit.render(res, 'home', { title: texts.home.title }));

  router.use(modelerRouter(kit));
  router.use(workRouter(kit));
  router.use(handOverRouter(kit));
  router.use(caseRouter(kit));
  router.use(collegeRouter(kit));
  router.use(statusRouter(kit));
  router.use(applicationRouter(kit));
  router.use(adminRouter(kit));
  return router;
}

/** After every other route: a page that does not exist, in the same layout. */
export function pageNotFound(views: Views) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api/')) return next();
    views.send(res, 'not-found', { title: texts.notFound.title }, 404);
  };
}
