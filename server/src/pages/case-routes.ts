import express, { type Router } from 'express';
import { ApiError } from '../http/errors.js';
import { searchCases } from '../persistence/repositories/case-search.js';
import { processDefinition } from '../persistence/repositories/definitions.js';
import { inboxProcesses } from '../persistence/repositories/inbox.js';
import { isCandidate } from '../services/tasks.js';
import { caseFile, requesterFieldOf } from './case-file.js';
import { actorOf, MOMENT, WORK_ROLES, type PageKit } from './page-kit.js';
import { fill, texts } from './texts.js';

const RESULTS = 100;
const STATES = ['active', 'incident', 'completed', 'terminated'] as const;

/** A text from the query, trimmed and of a sane length, or undefined. */
function searchText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 200) : undefined;
}

/**
 * The case files: search (/zaken) and one case (/zaken/{id}). Every civil servant sees every case, so the
 * front desk can tell a citizen where her request is; only the tasks stay with their departments.
 */
export function caseRouter(kit: PageKit): Router {
  const router = express.Router();
  const { services } = kit;
  const workers = kit.requireRole(WORK_ROLES);

  router.get('/zaken', kit.signedIn, workers, async (req, res) => {
    const em = services.dataSource.manager;
    const processes = await inboxProcesses(em);
    const businessKey = searchText(req.query.zaaknummer);
    const requester = searchText(req.query.aanvrager);
    const processKey = processes.some((p) => p.key === req.query.dienst) ? String(req.query.dienst) : undefined;
    const state = (STATES as readonly string[]).includes(String(req.query.stand)) ? String(req.query.stand) : undefined;
    let fields: { processKey: string; variable: string }[] = [];
    if (requester) {
      const found = await Promise.all(
        processes.map(async ({ key }) => {
          const definition = await processDefinition(em, key);
          const variable = definition && (await requesterFieldOf(services, await services.catalog.model(definition)));
          return variable ? { processKey: key, variable } : undefined;
        }),
      );
      fields = found.filter((f) => f !== undefined);
    }
    const rows = await searchCases(em, {
      ...(businessKey ? { businessKey } : {}),
      ...(requester ? { requester: { text: requester, fields } } : {}),
      ...(processKey ? { processKey } : {}),
      ...(state ? { state } : {}),
      limit: RESULTS,
    });
    kit.render(res, 'cases', {
      title: texts.cases.title,
      query: { businessKey: businessKey ?? '', requester: requester ?? '' },
      processes: processes.map((p) => ({ ...p, selected: p.key === processKey })),
      states: STATES.map((value) => ({ value, label: texts.caseFile.states[value], selected: value === state })),
      cases: rows.slice(0, RESULTS).map((row) => ({
        href: `/zaken/${row.id}`,
        name: row.business_key ?? texts.cases.noBusinessKey,
        openLabel: fill(texts.cases.open, { case: row.business_key ?? row.id }),
        processName: row.process_name || row.process_key,
        requester: row.requester ?? '',
        state: row.status,
        stateLabel: texts.caseFile.states[row.status as (typeof STATES)[number]] ?? row.status,
        started: MOMENT.format(new Date(row.created_at)),
        startedIso: new Date(row.created_at).toISOString(),
      })),
      shown: rows.length > RESULTS ? fill(texts.cases.capped, { count: RESULTS }) : rows.length === 1 ? texts.cases.shownOne : fill(texts.cases.shown, { count: rows.length }),
    });
  });

  router.get('/zaken/:id', kit.signedIn, workers, async (req, res) => {
    const actor = actorOf(res);
    const id = String(req.params.id);
    try {
      const file = await caseFile(services, id, (task) => isCandidate(actor, task));
      kit.render(res, 'case', { title: file.title, bodyClass: 'case-page', file });
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 400)) return kit.notFound(res);
      throw err;
    }
  });

  return router;
}
