import express, { type Response, type Router } from 'express';
import { ApiError } from '../http/errors.js';
import { inboxCounts } from '../persistence/repositories/inbox.js';
import { colleaguesIn } from '../persistence/repositories/users.js';
import { actorOf, formBody, WORK_ROLES, type PageKit } from './page-kit.js';
import { fill, texts } from './texts.js';

/** Substitutes (/werk/overdragen): while she is away, her open tasks go to a colleague of her department. */
export function handOverRouter(kit: PageKit): Router {
  const router = express.Router();
  const { services } = kit;
  const workers = kit.requireRole(WORK_ROLES);

  router.get('/werk/overdragen', kit.signedIn, workers, async (req, res) => {
    await renderHandOver(res);
  });

  router.post('/werk/overdragen', formBody, kit.signedIn, workers, async (req, res) => {
    const actor = actorOf(res);
    const to = (req.body as Record<string, unknown>).aan;
    if (typeof to !== 'string' || to === '') return renderHandOver(res, { error: texts.handOver.chooseFirst }, 400);
    const who = (await services.users.displayNames([to])).get(to) ?? to;
    try {
      const { handed, kept } = await services.tasks.handOver(actor, to);
      const done = handed.length === 1 ? fill(texts.handOver.handedOne, { who }) : fill(texts.handOver.handed, { count: handed.length, who });
      const stayed = kept.length > 0 ? fill(texts.handOver.kept, { who, tasks: kept.map((task) => task.name).join(', ') }) : undefined;
      await renderHandOver(res, { done, stayed });
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 400) throw err;
      await renderHandOver(res, { error: fill(texts.handOver.refused, { who }) }, 400);
    }
  });

  async function renderHandOver(res: Response, result: { done?: string; stayed?: string; error?: string } = {}, status = 200) {
    const actor = actorOf(res);
    const em = services.dataSource.manager;
    const [colleagues, counts] = await Promise.all([colleaguesIn(em, actor.groups), inboxCounts(em, actor.username, actor.groups)]);
    const held = counts.mine;
    kit.render(
      res,
      'hand-over',
      {
        title: texts.handOver.title,
        ...result,
        holding: held === 0 ? texts.handOver.holdingNone : held === 1 ? texts.handOver.holdingOne : fill(texts.handOver.holding, { count: held }),
        held,
        colleagues: colleagues
          .filter((c) => c.username !== actor.username && c.roles.some((role) => role === 'staff' || role === 'reviewer'))
          .map((c) => ({ username: c.username, name: c.display_name || c.username, departments: c.groups.filter((g) => actor.groups.includes(g)).join(', ') })),
      },
      status,
    );
  }

  return router;
}
