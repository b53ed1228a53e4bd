import express, { type Request, type Response, type Router } from 'express';
import { anonymousFormTokenHolds, issueAnonymousFormToken } from '../http/cookie-session.js';
import { normalTrackingCode, type CitizenStatus } from '../services/citizen-status.js';
import { DAY, formBody, LONG_DAY, type PageKit } from './page-kit.js';
import { fill, texts } from './texts.js';

const words = texts.status;

function stepLine(step: CitizenStatus['steps'][number]) {
  const when = step.at ? fill(step.state === 'done' ? words.doneOn : words.since, { date: DAY.format(new Date(step.at)) }) : '';
  // The day something is expected matters most to her: in full, with its weekday.
  const expected = step.expected ? fill(words.expected, { date: LONG_DAY.format(new Date(step.expected)) }) : undefined;
  return { label: step.label, state: step.state, stateLabel: words[step.state], when, at: step.at, expected, expectedAt: step.expected };
}

/** The citizen's pages, without login: look up a case by its tracking code and see where it stands. */
export function statusRouter(kit: PageKit): Router {
  const router = express.Router();

  router.get('/status', (req, res) => {
    const typed = typeof req.query.code === 'string' ? req.query.code.slice(0, 100) : undefined;
    if (typed === undefined) return kit.render(res, 'status-lookup', { title: words.title, citizen: true });
    const code = normalTrackingCode(typed);
    if (!code) return kit.render(res, 'status-lookup', { title: words.title, citizen: true, typed, error: words.invalid }, 400);
    res.redirect(303, `/status/${code}`);
  });

  const show = async (req: Request, res: Response, typed: string, message: { notice?: string; problem?: string } = {}, httpStatus = 200) => {
    const status = await kit.services.citizenStatus.byCode(typed);
    if (!status) {
      return kit.render(res, 'status-lookup', { title: words.notFoundTitle, citizen: true, typed, notFound: fill(words.notFound, { code: typed }) }, 404);
    }
    kit.render(
      res,
      'status',
      {
        title: status.title,
        citizen: true,
        code: fill(words.codeIs, { code: status.trackingCode }),
        summary: words.states[status.status],
        steps: status.steps.map(stepLine),
        actions: status.actions.map((action) => ({ ...action, href: `/status/${status.trackingCode}/acties/${encodeURIComponent(action.id)}` })),
        formToken: status.actions.length > 0 ? issueAnonymousFormToken(req, res) : undefined,
        ...message,
      },
      httpStatus,
    );
  };

  router.get('/status/:code', async (req, res) => {
    await show(req, res, String(req.params.code).slice(0, 100), req.query.gedaan === '1' ? { notice: words.actionDone } : {});
  });

  router.post('/status/:code/acties/:action', formBody, async (req, res) => {
    const typed = String(req.params.code).slice(0, 100);
    if (!anonymousFormTokenHolds(req)) return show(req, res, typed, { problem: words.actionExpired }, 403);
    const outcome = await kit.services.citizenStatus.act(typed, String(req.params.action));
    if (outcome === 'done') return res.redirect(303, `/status/${encodeURIComponent(typed)}?gedaan=1`);
    await show(req, res, typed, { problem: words.actionGone }, outcome === 'unknown-case' ? 404 : 409);
  });

  return router;
}
