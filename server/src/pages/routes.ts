import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import { LOKET_ZONE } from '../../../engine/src/index.js';
import { MODELER_BUNDLE_DIR, PAGE_VIEWS_DIR } from '../config.js';
import { hasRole } from '../http/auth.js';
import { ApiError } from '../http/errors.js';
import {
  carriesCsrfToken,
  clearSessionCookie,
  csrfTokenFor,
  issueLoginFormToken,
  loginFormTokenHolds,
  SAFE_METHODS,
  sessionTokenOf,
  setSessionCookie,
} from '../http/cookie-session.js';
import type { Role } from '../persistence/entities.js';
import {
  deployedFile,
  deployedVersions,
  latestDecisionVersions,
  latestFormDefinitions,
  latestProcessVersions,
  processVersions,
  type DeployedVersion,
} from '../persistence/repositories/definitions.js';
import type { Services } from '../services/index.js';
import type { AuthenticatedUser } from '../services/users.js';
import { compareProcessVersions, type ElementChange } from '../services/version-comparison.js';
import { fill, texts } from './texts.js';
import { Views, type PageContext, type PageUser } from './views.js';

/** Who may open the modeler. */
const MODELER_ROLES: readonly Role[] = ['process-owner'];

/** What the page routes after `signedIn` find in res.locals.page. */
interface SignedIn {
  user: AuthenticatedUser;
  token: string;
  csrf: string;
}

function signedInOf(res: Response): SignedIn {
  return res.locals.page as SignedIn;
}

function pageUser(user: AuthenticatedUser): PageUser {
  return {
    displayName: user.displayName,
    departments: user.groups,
    canModel: hasRole(user, MODELER_ROLES),
  };
}

/** Dates on the pages are Brussels time, whatever the server's zone. */
const MOMENT = new Intl.DateTimeFormat('nl-BE', { timeZone: LOKET_ZONE, dateStyle: 'medium', timeStyle: 'short' });

const KINDS: readonly DeployedVersion['kind'][] = ['process', 'decision', 'form'];

/** The repository page's sections: per kind, every version, with where to open and download it. */
function repositorySections(versions: DeployedVersion[]) {
  const titles = { process: texts.repository.processes, decision: texts.repository.decisions, form: texts.repository.forms };
  return KINDS.map((kind) => ({
    kind,
    title: titles[kind],
    rows: versions
      .filter((v) => v.kind === kind)
      .map((v, i, all) => {
        const at = new Date(v.deployed_at);
        const path = `/modeler/diensten/${kind}/${encodeURIComponent(v.key)}/${v.version}`;
        return {
          key: v.key,
          name: v.name ?? '',
          version: v.version,
          latest: i === 0 || all[i - 1]!.key !== v.key,
          deployedBy: v.deployed_by,
          deployedAt: MOMENT.format(at),
          deployedAtIso: at.toISOString(),
          deployment: v.deployment_name,
          openHref: kind === 'process' ? `/modeler?proces=${encodeURIComponent(v.key)}&versie=${v.version}` : undefined,
          compareHref: kind === 'process' && v.version > 1 ? `/modeler/diensten/vergelijk/${encodeURIComponent(v.key)}?van=${v.version - 1}&naar=${v.version}` : undefined,
          compareLabel: fill(texts.repository.compareLabel, { key: v.key, version: v.version, previous: v.version - 1 }),
          openLabel: fill(texts.repository.openLabel, { key: v.key, version: v.version }),
          downloadHref: `${path}/bestand`,
          downloadLabel: fill(texts.repository.downloadLabel, { key: v.key, version: v.version }),
        };
      }),
  }));
}

/** Only a path on this site: a login must not send the browser elsewhere. */
function localPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?!\/)[^\\\s]*$/.test(value) ? value : '/';
}

/**
 * The server-rendered pages: login, the start page, the modeler. Every page checks the session and the role
 * here, on the server; a form that changes something must carry the session's CSRF token.
 */
export function pageRouter(services: Services, views: Views): Router {
  const router = express.Router();
  const { users } = services;
  const page = (_req: Request, res: Response, view: string, context: Omit<PageContext, 'user' | 'csrf'> & { title: string }, status = 200) => {
    const signedIn = res.locals.page as SignedIn | undefined;
    views.send(res, view, { ...context, ...(signedIn ? { user: pageUser(signedIn.user), csrf: signedIn.csrf } : {}) }, status);
  };

  const signedIn: RequestHandler = async (req, res, next) => {
    const token = sessionTokenOf(req);
    const user = token ? await users.authenticate(token) : undefined;
    if (!token || !user) {
      res.redirect(303, `/inloggen?terug=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    if (!SAFE_METHODS.has(req.method) && !carriesCsrfToken(req, token)) {
      page(req, res, 'form-expired', { title: texts.formExpired.title }, 403);
      return;
    }
    res.locals.page = { user, token, csrf: csrfTokenFor(token) } satisfies SignedIn;
    next();
  };

  const requireRole = (roles: readonly Role[]): RequestHandler => (req, res, next) => {
    if (hasRole(signedInOf(res).user, roles)) return next();
    page(req, res, 'no-access', { title: texts.noAccess.title, needed: roles.map((role) => texts.roles[role]) }, 403);
  };

  router.use('/assets', express.static(join(dirname(PAGE_VIEWS_DIR), 'assets'), { fallthrough: true, maxAge: '1h' }));
  router.use('/assets/modeler', express.static(MODELER_BUNDLE_DIR, { fallthrough: false, maxAge: '1h' }));
  const forms = express.urlencoded({ extended: false, limit: '100kb' });

  router.get('/inloggen', (req, res) => {
    const notice = req.query.afgemeld === '1' ? texts.login.loggedOut : undefined;
    page(req, res, 'login', { title: texts.login.title, formToken: issueLoginFormToken(req, res), back: localPath(req.query.terug), notice });
  });

  router.post('/inloggen', forms, async (req, res) => {
    const { username, password, terug } = req.body as Record<string, unknown>;
    const back = localPath(terug);
    const again = (error: string, status: number) =>
      page(req, res, 'login', { title: texts.login.title, formToken: issueLoginFormToken(req, res), back, error, username: typeof username === 'string' ? username : '' }, status);
    if (!loginFormTokenHolds(req)) return again(texts.login.formExpired, 403);
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

  router.post('/uitloggen', forms, signedIn, async (req, res) => {
    await users.logout(signedInOf(res).token);
    clearSessionCookie(req, res);
    res.redirect(303, '/inloggen?afgemeld=1');
  });

  router.get('/', signedIn, (req, res) => page(req, res, 'home', { title: texts.home.title }));

  router.get('/modeler', signedIn, requireRole(MODELER_ROLES), async (req, res) => {
    const em = services.dataSource.manager;
    const [processes, decisions, formRows, departments] = await Promise.all([
      latestProcessVersions(em),
      latestDecisionVersions(em),
      latestFormDefinitions(em),
      users.departments(),
    ]);
    page(req, res, 'modeler', {
      title: texts.modeler.title,
      processes: processes.map(({ key, version, name }) => ({ key, version, name: name || key })),
      decisions: decisions.map((decision) => decision.key),
      forms: formRows.map((form) => form.key),
      departments,
      bundled: existsSync(join(MODELER_BUNDLE_DIR, 'modeler.js')),
    });
  });

  router.get('/modeler/diensten', signedIn, requireRole(MODELER_ROLES), async (req, res) => {
    page(req, res, 'repository', { title: texts.repository.title, sections: repositorySections(await deployedVersions(services.dataSource.manager)) });
  });

  router.get('/modeler/diensten/vergelijk/:key', signedIn, requireRole(MODELER_ROLES), async (req, res, next) => {
    const key = String(req.params.key);
    const versions = await processVersions(services.dataSource.manager, key);
    if (versions.length === 0) return next();
    const heading = fill(texts.comparison.heading, { key });
    if (versions.length === 1) return page(req, res, 'compare', { title: texts.comparison.title, heading, onlyOne: true });
    const asked = (name: string, fallback: number) => {
      const value = Number(req.query[name]);
      return versions.includes(value) ? value : fallback;
    };
    const after = asked('naar', versions[0]!);
    const before = asked('van', versions.find((v) => v < after) ?? versions[1]!);
    const comparison = await compareProcessVersions(services.dataSource.manager, key, before, after);
    const idsOf = (kind: ElementChange['change']) => comparison.changes.filter((c) => c.change === kind).map((c) => c.id);
    const version = (v: number) => fill(texts.comparison.version, { version: v });
    page(req, res, 'compare', {
      title: texts.comparison.title,
      heading,
      key,
      versions,
      before,
      after,
      beforeCaption: `${texts.comparison.before}: ${version(before)}`,
      afterCaption: `${texts.comparison.after}: ${version(after)}`,
      ids: { added: idsOf('added'), removed: idsOf('removed'), changed: idsOf('changed'), moved: idsOf('moved') },
      changes: comparison.changes.map((c) => ({
        ...c,
        label: texts.comparison[c.change],
        attributes: c.attributes.map((a) => ({ name: a.name, before: a.before || texts.comparison.empty, after: a.after || texts.comparison.empty })),
      })),
    });
  });

  router.get('/modeler/diensten/:kind/:key/:version/bestand', signedIn, requireRole(MODELER_ROLES), async (req, res, next) => {
    const { kind, key, version } = req.params as Record<string, string>;
    const file =
      (KINDS as readonly string[]).includes(kind!) && /^[1-9]\d{0,8}$/.test(version!)
        ? await deployedFile(services.dataSource.manager, kind as DeployedVersion['kind'], key!, Number(version))
        : undefined;
    if (!file) return next();
    res.type(file.type).attachment(file.name).send(file.content);
  });

  return router;
}

/** After every other route: a page that does not exist, in the same layout. */
export function pageNotFound(views: Views) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api/')) return next();
    views.send(res, 'not-found', { title: texts.notFound.title }, 404);
  };
}
