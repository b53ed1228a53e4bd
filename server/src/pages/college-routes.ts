import express, { type Request, type Response, type Router } from 'express';
import { LOKET_ZONE } from '../../../engine/src/index.js';
import { COLLEGE_GROUP } from '../config.js';
import { ApiError } from '../http/errors.js';
import { inboxPage } from '../persistence/repositories/inbox.js';
import { collegeDecisions } from '../persistence/repositories/college.js';
import { FOUR_EYES, isAdmin, type TaskView } from '../services/tasks.js';
import { caseFile } from './case-file.js';
import { actorOf, COLLEGE_ROLES, formBody, LONG_DAY, type PageKit } from './page-kit.js';
import { readableValue } from './task-form.js';
import { fill, texts } from './texts.js';

const AGENDA_SIZE = 200;
const words = texts.college;

/** A meeting day as YYYY-MM-DD in Brussels. */
const ISO_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: LOKET_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

function meetingDay(value: unknown, now: Date): string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T12:00:00Z`)) ? value : ISO_DAY.format(now);
}

function dayTitle(day: string): string {
  return LONG_DAY.format(new Date(`${day}T12:00:00Z`));
}

/**
 * How the agenda decides a college task: its form's first yes/no field is the decision, its first text field
 * the motivation (for the club subsidy: goedgekeurd and opmerking). A form without them is decided on the
 * task page.
 */
function decisionFields(schema: Record<string, unknown> | undefined): { decision: string; motivation: string } | undefined {
  const properties = Object.entries((schema?.properties ?? {}) as Record<string, { type?: unknown; enum?: unknown; format?: unknown }>);
  const decision = properties.find(([, p]) => p.type === 'boolean')?.[0];
  const motivation = properties.find(([, p]) => p.type === 'string' && p.enum === undefined && p.format === undefined)?.[0];
  const required = Array.isArray(schema?.required) ? (schema.required as string[]) : [];
  const others = required.filter((name) => name !== decision && name !== motivation);
  return decision && motivation && others.length === 0 ? { decision, motivation } : undefined;
}

/** The college (/college): the agenda of a meeting, deciding one item or a selection, and the decision list. */
export function collegeRouter(kit: PageKit): Router {
  const router = express.Router();
  const { services } = kit;
  const members = kit.requireRole(COLLEGE_ROLES);

  async function renderAgenda(req: Request, res: Response, day: string, extra: { results?: { text: string; ok: boolean }[]; problem?: string; typed?: Record<string, string> } = {}, status = 200) {
    const actor = actorOf(res);
    const em = services.dataSource.manager;
    const now = services.clock();
    const { rows } = await inboxPage(em, {
      // Her own tasks of the college: a reviewer outside the college department has none to decide.
      username: actor.username,
      groups: actor.groups,
      everything: isAdmin(actor),
      department: COLLEGE_GROUP,
      now,
      soonBefore: now,
      order: 'oldest',
      limit: AGENDA_SIZE,
      offset: 0,
    });
    const endOfDay = new Date(`${day}T23:59:59Z`).getTime() + 2 * 3600 * 1000;
    const onAgenda = rows.filter((row) => new Date(row.created_at).getTime() <= endOfDay);
    const items = await Promise.all(
      onAgenda.map(async (row, index) => {
        const [file, form, earlier] = await Promise.all([
          caseFile(services, row.process_instance_id, () => true),
          services.tasks.formOf({ formKey: row.form_key }),
          services.tasks.earlierStepsBy(em, actor, row),
        ]);
        const caseName = row.business_key ?? file.trackingCode;
        const advice = file.entered.at(-1);
        return {
          id: row.id,
          number: index + 1,
          heading: fill(words.item, { number: index + 1, case: caseName }),
          caseHref: `/zaken/${row.process_instance_id}`,
          taskHref: `/werk/taken/${row.id}`,
          taskName: row.name,
          processName: file.processName,
          requester: file.requester?.value,
          advice,
          explanation: file.decisions.at(-1)?.summary,
          selectLabel: fill(words.select, { case: caseName }),
          motivationLabel: fill(words.motivationFor, { case: caseName }),
          approveLabel: fill(words.approveOne, { case: caseName }),
          rejectLabel: fill(words.rejectOne, { case: caseName }),
          motivation: extra.typed?.[`motivering-${row.id}`] ?? '',
          decidable: decisionFields(form?.schema) !== undefined,
          fourEyes: earlier.length > 0 ? fill(words.fourEyes, { steps: earlier.join(', ') }) : undefined,
        };
      }),
    );
    kit.render(
      res,
      'college',
      {
        title: words.title,
        day,
        agendaFor: fill(words.agendaFor, { date: dayTitle(day) }),
        items,
        results: extra.results ?? [],
        problem: extra.problem,
        selectionMotivation: extra.typed?.['motivering-selectie'] ?? '',
        listHref: `/college/besluitenlijst?vergadering=${day}`,
      },
      status,
    );
  }

  router.get('/college', kit.signedIn, members, async (req, res) => {
    await renderAgenda(req, res, meetingDay(req.query.vergadering, services.clock()));
  });

  router.post('/college', formBody, kit.signedIn, members, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const day = meetingDay(body.vergadering, services.clock());
    const typed = Object.fromEntries(Object.entries(body).filter(([k, v]) => k.startsWith('motivering-') && typeof v === 'string')) as Record<string, string>;
    const [verdict, target] = String(body.beslis ?? '').split(':');
    if ((verdict !== 'goedkeuren' && verdict !== 'afwijzen') || !target) return renderAgenda(req, res, day, { typed, problem: words.nothingChosen }, 400);
    const chosen = target === 'selectie' ? ([] as unknown[]).concat(body.kies ?? []).filter((v): v is string => typeof v === 'string') : [target];
    if (chosen.length === 0) return renderAgenda(req, res, day, { typed, problem: words.nothingChosen }, 400);
    const motivationOf = (id: string) => (typed[`motivering-${id}`]?.trim() || (target === 'selectie' ? typed['motivering-selectie']?.trim() : '') || '');
    if (verdict === 'afwijzen' && chosen.some((id) => motivationOf(id) === '')) return renderAgenda(req, res, day, { typed, problem: words.motivationNeeded }, 400);

    const actor = actorOf(res);
    const results: { text: string; ok: boolean }[] = [];
    // Each item is a step of its own case: one that cannot be decided leaves the others decided.
    for (const id of chosen) {
      let task: TaskView | undefined;
      try {
        task = await services.tasks.get(actor, id);
        const caseName = (await caseNameOf(task)) ?? id;
        const fields = decisionFields((await services.tasks.formOf(task))?.schema);
        if (!fields) {
          results.push({ text: fill(words.notDecided, { case: caseName, reason: words.onTaskPage }), ok: false });
          continue;
        }
        const motivation = motivationOf(id);
        await services.tasks.complete(actor, id, { [fields.decision]: verdict === 'goedkeuren', ...(motivation ? { [fields.motivation]: motivation } : {}) });
        results.push({ text: fill(verdict === 'goedkeuren' ? words.approved : words.rejected, { case: caseName }), ok: true });
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        const caseName = (task && (await caseNameOf(task))) ?? id;
        const fourEyes = err.details.some((d) => (d as { rule?: unknown }).rule === FOUR_EYES);
        const reason = err.status === 409 ? words.gone : fourEyes ? words.fourEyesRefused : words.notAllowed;
        results.push({ text: fill(words.notDecided, { case: caseName, reason }), ok: false });
      }
    }
    await renderAgenda(req, res, day, { results, typed: results.every((r) => r.ok) ? {} : typed });
  });

  async function caseNameOf(task: TaskView): Promise<string | undefined> {
    const instance = await services.instances.get(task.processInstanceId);
    return instance.businessKey ?? instance.trackingCode;
  }

  router.get('/college/besluitenlijst', kit.signedIn, members, async (req, res) => {
    const day = meetingDay(req.query.vergadering, services.clock());
    const decisions = await collegeDecisions(services.dataSource.manager, COLLEGE_GROUP, new Date(`${day}T00:00:00Z`));
    const sameDay = decisions.filter((row) => ISO_DAY.format(new Date(row.completed_at)) === day);
    const names = await services.users.displayNames(sameDay.map((row) => row.completed_by));
    const lines = await Promise.all(
      sameDay.map(async (row, index) => {
        const form = await services.tasks.formOf({ formKey: row.form_key });
        const fields = decisionFields(form?.schema);
        const values = row.values ?? {};
        const file = await caseFile(services, row.process_instance_id, () => false);
        return {
          number: index + 1,
          caseName: row.business_key ?? file.trackingCode,
          processName: file.processName,
          requester: file.requester?.value ?? '',
          decision: fields ? (values[fields.decision] === true ? texts.decisionList.approved : texts.decisionList.rejected) : row.task_name,
          motivation: fields && typeof values[fields.motivation] === 'string' ? String(values[fields.motivation]) : Object.values(values).map((v) => readableValue(v, { yes: texts.task.yes, no: texts.task.no })).join('; '),
          decidedBy: names.get(row.completed_by) ?? row.completed_by,
        };
      }),
    );
    kit.render(res, 'decision-list', {
      title: texts.decisionList.title,
      bodyClass: 'print-page',
      heading: fill(texts.decisionList.heading, { date: dayTitle(day) }),
      lines,
      agendaHref: `/college?vergadering=${day}`,
    });
  });

  return router;
}
