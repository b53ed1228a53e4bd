import express, { type Request, type Response, type Router } from 'express';
import { anonymousFormTokenHolds, issueAnonymousFormToken } from '../http/cookie-session.js';
import { ApiError } from '../http/errors.js';
import { latestFormDefinition, processDefinitionId } from '../persistence/repositories/definitions.js';
import type { Services } from '../services/index.js';
import { formBody, type PageKit } from './page-kit.js';
import { errorLinks, explainProblems, pageFields, readSubmission } from './task-form.js';
import { fill, texts } from './texts.js';

/** The field a person leaves empty because she never sees it; a bot that fills in everything does not. */
const HONEYPOT = 'website';

interface PublicService {
  key: string;
  title: string;
  form: { id: string; schema: Record<string, unknown> };
}

/**
 * A service citizens apply for without logging in: its start event has a form and a label for citizens
 * (loket:publicLabel), which is how the process owner says the start is theirs.
 */
async function publicService(services: Services, key: string): Promise<PublicService | undefined> {
  const em = services.dataSource.manager;
  const id = await processDefinitionId(em, key);
  const definition = id ? await services.catalog.definition(em, id) : undefined;
  if (!definition) return undefined;
  const model = await services.catalog.model(definition);
  const start = model.elements.get(model.startEventIds[0] ?? '');
  if (start?.kind !== 'startEvent' || !start.formKey || !start.publicLabel) return undefined;
  const form = await latestFormDefinition(em, start.formKey);
  if (!form) return undefined;
  const schema = form.schema as Record<string, unknown>;
  return { key, title: typeof schema.title === 'string' ? schema.title : definition.name || key, form: { id: form.id, schema } };
}

/** The public application forms (/aanvraag/{processKey}): fill in, check, start the case, give the tracking code. */
export function applicationRouter(kit: PageKit): Router {
  const router = express.Router();
  const { services } = kit;

  const show = (req: Request, res: Response, service: PublicService, state: { typed?: Record<string, string>; errors?: Map<string, string>; problem?: string } = {}, status = 200) => {
    const fields = pageFields(service.form.schema, {}, state.typed, state.errors ?? new Map());
    kit.render(
      res,
      'application',
      {
        title: service.title,
        citizen: true,
        key: service.key,
        description: typeof service.form.schema.description === 'string' ? service.form.schema.description : '',
        formToken: issueAnonymousFormToken(req, res),
        fields,
        problem: state.problem,
        errorLinks: errorLinks(fields),
        honeypot: HONEYPOT,
      },
      status,
    );
  };

  router.get('/aanvraag/:processKey', async (req, res) => {
    const service = await publicService(services, String(req.params.processKey));
    if (!service) return kit.render(res, 'not-found', { title: texts.notFound.title, citizen: true }, 404);
    show(req, res, service);
  });

  router.post('/aanvraag/:processKey', formBody, async (req, res) => {
    const service = await publicService(services, String(req.params.processKey));
    if (!service) return kit.render(res, 'not-found', { title: texts.notFound.title, citizen: true }, 404);
    const body = req.body as Record<string, unknown>;
    const { variables, typed } = readSubmission(service.form.schema, body);
    if (!anonymousFormTokenHolds(req)) return show(req, res, service, { typed, problem: texts.application.formExpired }, 403);
    if (typeof body[HONEYPOT] === 'string' && body[HONEYPOT] !== '') return show(req, res, service, { typed, problem: texts.application.refused }, 400);
    const problems = explainProblems(service.form.schema, services.forms.errors(service.form.id, service.form.schema, variables), texts.formErrors);
    if (problems.fields.size > 0 || problems.general.length > 0) {
      return show(req, res, service, { typed, errors: problems.fields, ...(problems.general[0] ? { problem: problems.general[0] } : {}) }, 400);
    }
    try {
      const started = await services.instances.start({ processKey: service.key, variables });
      kit.render(res, 'application-received', {
        title: texts.application.receivedTitle,
        citizen: true,
        received: fill(texts.application.received, { title: service.title }),
        trackingCode: started.trackingCode,
        statusHref: `/status/${started.trackingCode}`,
      });
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) return show(req, res, service, { typed, problem: texts.application.refused }, 400);
      throw err;
    }
  });

  return router;
}
