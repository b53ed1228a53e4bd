import express, { type Request, type Response, type Router } from 'express';
import { ApiError } from '../http/errors.js';
import { inboxCounts, inboxPage, inboxProcesses, type InboxQuery, type InboxRow } from '../persistence/repositories/inbox.js';
import { findTask } from '../persistence/repositories/tasks.js';
import { colleaguesIn } from '../persistence/repositories/users.js';
import { isAdmin, isCandidate, type Actor, type CompletedView, type TaskView } from '../services/tasks.js';
import { caseFile } from './case-file.js';
import { actorOf, DAY, formBody, MOMENT, WORK_ROLES, type PageKit } from './page-kit.js';
import { errorLinks, explainProblems, pageFields, readSubmission } from './task-form.js';
import { fill, texts } from './texts.js';

const PAGE_SIZE = 50;
/** A task due within this much time gets the "near" badge. */
const NEAR_DEADLINE_MS = 2 * 24 * 3600 * 1000;

const ORDERS = { termijn: 'due', oudste: 'oldest', nieuwste: 'newest' } as const;
const DUES = { 'te-laat': 'overdue', binnenkort: 'soon' } as const;

/** What a redirect back to the inbox or the task page reports, named in its query. */
const NOTICES = {
  genomen: texts.work.claimed,
  vrijgegeven: texts.work.released,
  afgerond: texts.work.completed,
  bezet: texts.work.takenBy,
  weg: texts.work.gone,
  toegewezen: texts.assign.done,
} as const;
type Notice = keyof typeof NOTICES;

function oneOf<T extends Record<string, string>>(choices: T, value: unknown): T[keyof T] | undefined {
  return typeof value === 'string' && Object.hasOwn(choices, value) ? choices[value as keyof T] : undefined;
}

/** Where a form that changed a task sends the browser back to: the inbox (with its filters) or the task. */
function backTo(value: unknown): string {
  return typeof value === 'string' && /^\/werk(\/taken\/[\w-]+)?(\?[^\\\s]*)?$/.test(value) ? value : '/werk';
}

/** `nextId`: a task the step opened for her, offered beside the notice. */
function withNotice(path: string, notice: Notice, taskId: string, nextId?: string): string {
  const url = new URL(path, 'http://loket');
  url.searchParams.set('melding', notice);
  url.searchParams.set('taak', taskId);
  if (nextId) url.searchParams.set('volgende', nextId);
  return `${url.pathname}${url.search}`;
}

function dueBadge(due: Date | null, now: Date): { label: string; kind: string } | undefined {
  if (!due) return undefined;
  if (due.getTime() < now.getTime()) return { label: texts.work.overdue, kind: 'overdue' };
  if (due.getTime() - now.getTime() < NEAR_DEADLINE_MS) return { label: texts.work.soon, kind: 'soon' };
  return undefined;
}

/** The civil servant's inbox (/werk) and task pages (/werk/taken/{id}): claim, release, fill in, complete. */
export function workRouter(kit: PageKit): Router {
  const router = express.Router();
  const { services } = kit;
  const workers = kit.requireRole(WORK_ROLES);

  /** A notice named in the query, about a task this user may see; with the next step of the case, when that is hers and open. */
  async function noticeOf(req: Request, actor: Actor): Promise<{ text: string; next?: { label: string; href: string } } | undefined> {
    const notice = typeof req.query.melding === 'string' && Object.hasOwn(NOTICES, req.query.melding) ? (req.query.melding as Notice) : undefined;
    if (!notice || typeof req.query.taak !== 'string') return undefined;
    const task = await findTask(services.dataSource.manager, req.query.taak).catch(() => undefined);
    if (!task || !isCandidate(actor, task)) return undefined;
    const holder = task.assignee ? ((await services.users.displayNames([task.assignee])).get(task.assignee) ?? task.assignee) : '';
    const text = fill(NOTICES[notice], { task: task.name, who: holder });
    const next = typeof req.query.volgende === 'string' ? await findTask(services.dataSource.manager, req.query.volgende).catch(() => undefined) : undefined;
    if (!next || next.state !== 'open' || !isCandidate(actor, next)) return { text };
    return { text, next: { label: fill(texts.work.nextStep, { task: next.name }), href: `/werk/taken/${encodeURIComponent(next.id)}` } };
  }

  router.get('/werk', kit.signedIn, workers, async (req, res) => {
    const actor = actorOf(res);
    const now = services.clock();
    const page = Math.max(1, Math.min(10_000, Number.parseInt(String(req.query.pagina ?? '1'), 10) || 1));
    const departments = isAdmin(actor) ? undefined : actor.groups;
    const department = typeof req.query.afdeling === 'string' && (isAdmin(actor) || actor.groups.includes(req.query.afdeling)) ? req.query.afdeling : undefined;
    const processKey = typeof req.query.dienst === 'string' && req.query.dienst !== '' ? req.query.dienst : undefined;
    const due = oneOf(DUES, req.query.termijn);
    const order = oneOf(ORDERS, req.query.volgorde) ?? 'due';
    const mine = req.query.mijn === '1';
    const query: InboxQuery = {
      username: actor.username,
      groups: actor.groups,
      everything: isAdmin(actor),
      ...(processKey ? { processKey } : {}),
      ...(department ? { department } : {}),
      ...(due ? { due } : {}),
      mine,
      now,
      soonBefore: new Date(now.getTime() + NEAR_DEADLINE_MS),
      order,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    };
    const em = services.dataSource.manager;
    const [{ rows, total }, counts, processes, notice] = await Promise.all([
      inboxPage(em, query),
      inboxCounts(em, actor.username, departments ?? actor.groups),
      inboxProcesses(em),
      noticeOf(req, actor),
    ]);
    const names = await services.users.displayNames(rows.map((row) => row.assignee ?? '').filter(Boolean));
    const filters = new URLSearchParams();
    if (processKey) filters.set('dienst', processKey);
    if (department) filters.set('afdeling', department);
    if (typeof req.query.termijn === 'string' && due) filters.set('termijn', req.query.termijn);
    if (mine) filters.set('mijn', '1');
    if (order !== 'due') filters.set('volgorde', String(req.query.volgorde));
    const pageHref = (n: number) => {
      const params = new URLSearchParams(filters);
      if (n > 1) params.set('pagina', String(n));
      return `/werk${params.size > 0 ? `?${params}` : ''}`;
    };
    const here = pageHref(page);
    kit.render(res, 'inbox', {
      title: texts.work.title,
      notice,
      back: here,
      counts: {
        departments: (departments ?? [...counts.departments.keys()].sort()).map((name) => ({
          name,
          count: counts.departments.get(name) ?? 0,
          href: `/werk?afdeling=${encodeURIComponent(name)}`,
          current: name === department,
        })),
        mine: counts.mine,
      },
      filter: {
        processes: processes.map((p) => ({ ...p, selected: p.key === processKey })),
        departments: (departments ?? [...counts.departments.keys()].sort()).map((name) => ({ name, selected: name === department })),
        dueOverdue: due === 'overdue',
        dueSoon: due === 'soon',
        mine,
        orderDue: order === 'due',
        orderOldest: order === 'oldest',
        orderNewest: order === 'newest',
        active: filters.size > 0,
      },
      tasks: rows.map((row) => inboxLine(row, actor, now, names)),
      total,
      shown: total === 0 ? '' : fill(texts.work.shown, { from: (page - 1) * PAGE_SIZE + 1, to: (page - 1) * PAGE_SIZE + rows.length, total }),
      previous: page > 1 ? pageHref(page - 1) : undefined,
      next: page * PAGE_SIZE < total ? pageHref(page + 1) : undefined,
    });
  });

  function inboxLine(row: InboxRow, actor: Actor, now: Date, names: Map<string, string>) {
    // A case the front desk did not number goes by the code its citizen has: she gives it on the phone.
    const caseName = row.business_key ?? row.tracking_code;
    const due = row.due_date ? new Date(row.due_date) : null;
    return {
      id: row.id,
      name: row.name || row.element_id,
      href: `/werk/taken/${row.id}`,
      caseName,
      caseHref: `/zaken/${row.process_instance_id}`,
      processName: row.process_name || row.process_key,
      departments: row.candidate_groups.join(', '),
      holder: row.assignee ? (row.assignee === actor.username ? texts.task.heldByYou : (names.get(row.assignee) ?? row.assignee)) : texts.work.nobody,
      mayClaim: !row.assignee,
      mayRelease: row.assignee === actor.username,
      claimLabel: fill(texts.work.claimLabel, { task: row.name, case: caseName }),
      releaseLabel: fill(texts.work.releaseLabel, { task: row.name, case: caseName }),
      due: due ? DAY.format(due) : texts.work.noDueDate,
      dueIso: due?.toISOString(),
      badge: dueBadge(due, now),
      created: MOMENT.format(new Date(row.created_at)),
      createdIso: new Date(row.created_at).toISOString(),
    };
  }

  const changeTask = (change: 'claim' | 'unclaim', done: Notice) =>
    [
      formBody,
      kit.signedIn,
      workers,
      async (req: Request, res: Response) => {
        const id = String(req.params.id);
        const back = backTo((req.body as Record<string, unknown>).terug);
        try {
          await services.tasks[change](actorOf(res), id);
          res.redirect(303, withNotice(back, done, id));
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          if (err.status === 404) return kit.notFound(res);
          if (err.status === 409) return res.redirect(303, withNotice(back, err.message.includes('no longer open') ? 'weg' : 'bezet', id));
          return kit.noAccess(res, WORK_ROLES, await notYours(actorOf(res), id));
        }
      },
    ] as const;
  router.post('/werk/taken/:id/nemen', ...changeTask('claim', 'genomen'));
  router.post('/werk/taken/:id/vrijgeven', ...changeTask('unclaim', 'vrijgegeven'));

  async function notYours(actor: Actor, id: string): Promise<string> {
    const task = await findTask(services.dataSource.manager, id);
    return fill(texts.work.notYours, {
      departments: task ? task.candidate_groups.concat(task.candidate_users).join(', ') || texts.caseFile.everyone : '',
      yours: actor.groups.join(', ') || texts.layout.noDepartments,
    });
  }

  /** The task as its page needs it; or the 404 / 403 page has been sent and it is undefined. */
  async function visibleTask(res: Response, id: string): Promise<(TaskView & { variables: Record<string, unknown> }) | undefined> {
    try {
      return await services.tasks.get(actorOf(res), id);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 404) kit.notFound(res);
      else kit.noAccess(res, WORK_ROLES, await notYours(actorOf(res), id));
      return undefined;
    }
  }

  interface TaskPageState {
    typed?: Record<string, string>;
    errors?: Map<string, string>;
    general?: string[];
    conflict?: string;
    status?: number;
  }

  async function renderTask(req: Request, res: Response, task: TaskView & { variables: Record<string, unknown> }, state: TaskPageState = {}) {
    const actor = actorOf(res);
    const em = services.dataSource.manager;
    const [form, file, row, notice] = await Promise.all([
      services.tasks.formOf(task),
      caseFile(services, task.processInstanceId, (t) => isCandidate(actor, t)),
      findTask(em, task.id),
      noticeOf(req, actor),
    ]);
    const fourEyes = row && task.state === 'open' ? await services.tasks.earlierStepsBy(em, actor, row) : [];
    const heads = isAdmin(actor) || (actor.roles.includes('department-head') && task.candidateGroups.some((group) => actor.groups.includes(group)));
    const takers = heads && row && task.state === 'open' ? (await colleaguesIn(em, task.candidateGroups)).filter((c) => isCandidate(c, { ...row, assignee: null })) : [];
    const names = await services.users.displayNames([task.assignee ?? '', task.completedBy ?? ''].filter(Boolean));
    const holder = task.assignee ? (names.get(task.assignee) ?? task.assignee) : undefined;
    const open = task.state === 'open';
    const ended = row?.state === 'terminated';
    const doneBy = task.completedBy ? fill(texts.task.alreadyDoneShort, { who: names.get(task.completedBy) ?? task.completedBy, at: MOMENT.format(new Date(task.completedAt!)) }) : undefined;
    const errorCount = state.errors?.size ?? 0;
    const fields = form ? pageFields(form.schema, task.variables, state.typed, state.errors ?? new Map()) : [];
    kit.render(
      res,
      'task',
      {
        title: task.name,
        bodyClass: 'task-page',
        task: {
          id: task.id,
          name: task.name,
          due: task.dueDate ? fill(texts.task.due, { date: DAY.format(new Date(task.dueDate)) }) : undefined,
          holderText: task.assignee === actor.username ? texts.task.heldByYou : holder ? fill(texts.task.heldBy, { who: holder }) : texts.task.free,
          mayClaim: open && !task.assignee,
          mayRelease: open && task.assignee === actor.username,
          // Someone else holds it, or four eyes: the form is shown, but cannot be sent.
          locked: !open || (!!task.assignee && task.assignee !== actor.username) || fourEyes.length > 0 || !!state.conflict,
          claimFirst: open && !task.assignee,
        },
        notice,
        assign: takers.length > 0 ? { options: takers.map((c) => ({ username: c.username, name: c.display_name || c.username, selected: c.username === task.assignee })) } : undefined,
        closedText: open ? undefined : ended ? texts.task.ended : doneBy,
        fourEyes: fourEyes.length > 0 ? fill(texts.task.fourEyes, { steps: fourEyes.join(', ') }) : undefined,
        conflict: state.conflict,
        form: form && {
          // The page's heading already names the task.
          title: typeof form.schema.title === 'string' && form.schema.title !== task.name ? form.schema.title : '',
          description: typeof form.schema.description === 'string' ? form.schema.description : '',
          fields,
        },
        errorSummary: errorCount > 0 ? (errorCount === 1 ? texts.task.problemOne : fill(texts.task.problemCount, { count: errorCount })) : undefined,
        errorLinks: errorLinks(fields),
        general: state.general ?? [],
        back: `/werk/taken/${task.id}`,
        // Beside a form the short form of each decision reads best; the case file has the whole explanation.
        file: { ...file, decisions: file.decisions.map((decision) => ({ ...decision, explanation: decision.summary })) },
      },
      state.status ?? 200,
    );
  }

  router.post('/werk/taken/:id/toewijzen', formBody, kit.signedIn, workers, async (req, res) => {
    const id = String(req.params.id);
    const to = String((req.body as Record<string, unknown>).aan ?? '');
    try {
      await services.tasks.assign(actorOf(res), id, to);
      res.redirect(303, withNotice(`/werk/taken/${id}`, 'toegewezen', id));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 404) return kit.notFound(res);
      if (err.status === 409) return res.redirect(303, withNotice(`/werk/taken/${id}`, 'weg', id));
      if (err.status === 403) return kit.noAccess(res, ['department-head']);
      const task = await visibleTask(res, id);
      if (task) await renderTask(req, res, task, { conflict: fill(texts.assign.refused, { who: to || '?' }), status: 400 });
    }
  });

  router.get('/werk/taken/:id', kit.signedIn, workers, async (req, res) => {
    const task = await visibleTask(res, String(req.params.id));
    if (task) await renderTask(req, res, task);
  });

  router.post('/werk/taken/:id', formBody, kit.signedIn, workers, async (req, res) => {
    const actor = actorOf(res);
    const task = await visibleTask(res, String(req.params.id));
    if (!task) return;
    const form = await services.tasks.formOf(task);
    const { variables, typed } = form ? readSubmission(form.schema, req.body as Record<string, unknown>) : { variables: {}, typed: {} };
    if (form) {
      const problems = explainProblems(form.schema, services.forms.errors(form.id, form.schema, variables), texts.formErrors);
      if (problems.fields.size > 0 || problems.general.length > 0) {
        return renderTask(req, res, task, { typed, errors: problems.fields, general: problems.general, status: 400 });
      }
    }
    let completed: CompletedView;
    try {
      completed = await services.tasks.complete(actor, task.id, variables);
    } catch (err) {
      if (!(err instanceof ApiError) || (err.status !== 409 && err.status !== 403)) throw err;
      // Somebody else was quicker: say so, and keep what she typed on the page.
      const now = await services.tasks.get(actor, task.id).catch(() => task);
      const names = await services.users.displayNames([now.completedBy ?? '', now.assignee ?? ''].filter(Boolean));
      const conflict =
        now.state !== 'open'
          ? now.completedBy
            ? fill(texts.task.alreadyDone, { who: names.get(now.completedBy) ?? now.completedBy, at: MOMENT.format(new Date(now.completedAt!)) })
            : texts.task.ended
          : now.assignee && now.assignee !== actor.username
            ? fill(texts.task.takenMeanwhile, { who: names.get(now.assignee) ?? now.assignee })
            : undefined;
      // Otherwise four eyes: the page says why she cannot decide on this case.
      return renderTask(req, res, now, conflict ? { typed, conflict, status: 409 } : { typed, status: err.status });
    }
    // The completion may have opened the case's next step for her: the inbox offers it at once.
    res.redirect(303, withNotice('/werk', 'afgerond', task.id, completed.openedTasks[0]?.id));
  });

  return router;
}
