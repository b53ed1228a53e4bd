import express, { type Response, type Router } from 'express';
import { ApiError } from '../http/errors.js';
import { searchCases } from '../persistence/repositories/case-search.js';
import { processDefinition } from '../persistence/repositories/definitions.js';
import { inboxProcesses } from '../persistence/repositories/inbox.js';
import { isCandidate } from '../services/tasks.js';
import { normalTrackingCode } from '../services/citizen-status.js';
import { CHANNELS, CITIZEN_HERSELF, requesterFields } from '../services/contacts.js';
import { caseFile } from './case-file.js';
import { actorOf, DAY, formBody, MOMENT, WORK_ROLES, type PageKit } from './page-kit.js';
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
          const variable = definition && (await requesterFields(em, await services.catalog.model(definition))).name;
          return variable ? { processKey: key, variable } : undefined;
        }),
      );
      fields = found.filter((f) => f !== undefined);
    }
    const trackingCode = businessKey ? normalTrackingCode(businessKey) : undefined;
    const rows = await searchCases(em, {
      ...(businessKey ? { businessKey, ...(trackingCode ? { trackingCode } : {}) } : {}),
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
        name: row.business_key ?? row.tracking_code,
        openLabel: fill(texts.cases.open, { case: row.business_key ?? row.tracking_code }),
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

  /** The case file, with every contact of its requester on any of her cases. */
  async function renderCase(res: Response, id: string, extra: { error?: string; typed?: Record<string, string>; notice?: string } = {}, status = 200) {
    const actor = actorOf(res);
    try {
      const file = await caseFile(services, id, (task) => isCandidate(actor, task));
      const party = await services.contacts.partyOfCase(id);
      const moments = party ? await services.contacts.ofParty(party.id) : [];
      const em = services.dataSource.manager;
      const otherCases = [...new Set(moments.map((m) => m.processInstanceId).filter((c): c is string => !!c && c !== id))];
      const keys = new Map(
        otherCases.length === 0
          ? []
          : ((await em.query('SELECT id, business_key, tracking_code FROM process_instances WHERE id = ANY($1)', [otherCases])) as { id: string; business_key: string | null; tracking_code: string }[]).map(
              (row) => [row.id, row.business_key ?? row.tracking_code],
            ),
      );
      const names = await services.users.displayNames(moments.map((m) => m.registeredBy));
      const words = texts.contacts;
      kit.render(
        res,
        'case',
        {
          title: file.title,
          bodyClass: 'case-page',
          file,
          notice: extra.notice,
          contacts: {
            heading: file.requester ? fill(words.heading, { party: party?.name ?? file.requester.value }) : words.headingUnknown,
            canRegister: !!file.requester,
            error: extra.error,
            typed: extra.typed ?? {},
            channels: CHANNELS.map((value) => ({ value, label: words.channels[value], selected: extra.typed?.kanaal === value })),
            moments: moments.map((m) => ({
              at: MOMENT.format(new Date(m.at)),
              atIso: m.at,
              channel: words.channels[m.channel],
              subject: m.subject,
              text: m.text,
              who: m.registeredBy === CITIZEN_HERSELF ? words.byCitizen : (names.get(m.registeredBy) ?? m.registeredBy),
              about: m.processInstanceId === id ? words.thisCase : m.processInstanceId ? keys.get(m.processInstanceId) : words.noCase,
              aboutHref: m.processInstanceId && m.processInstanceId !== id ? `/zaken/${m.processInstanceId}` : undefined,
            })),
          },
        },
        status,
      );
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 400)) return kit.notFound(res);
      throw err;
    }
  }

  router.get('/zaken/:id', kit.signedIn, workers, async (req, res) => {
    await renderCase(res, String(req.params.id), req.query.melding === 'contact' ? { notice: texts.contacts.registered } : {});
  });

  router.post('/zaken/:id/contact', formBody, kit.signedIn, workers, async (req, res) => {
    const id = String(req.params.id);
    const body = req.body as Record<string, unknown>;
    const text = (name: string, max: number) => (typeof body[name] === 'string' ? (body[name] as string).trim().slice(0, max) : '');
    const typed = { kanaal: text('kanaal', 20), onderwerp: text('onderwerp', 200), verslag: text('verslag', 4000) };
    const channel = CHANNELS.find((c) => c === typed.kanaal);
    if (!channel || !typed.onderwerp || !typed.verslag) return renderCase(res, id, { error: texts.contacts.missing, typed }, 400);
    try {
      await services.contacts.register({ channel, subject: typed.onderwerp, text: typed.verslag, processInstanceId: id }, actorOf(res).username);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) return renderCase(res, id, { error: texts.contacts.noRequester, typed }, 400);
      if (err instanceof ApiError && err.status === 404) return kit.notFound(res);
      throw err;
    }
    res.redirect(303, `/zaken/${id}?melding=contact#contacten`);
  });

  router.get('/contacten', kit.signedIn, workers, async (_req, res) => {
    const weeks = 12;
    const counts = await services.contacts.perWeek(weeks);
    const byWeek = new Map<string, Map<string, number>>();
    for (const { week, channel, count } of counts) {
      if (!byWeek.has(week)) byWeek.set(week, new Map());
      byWeek.get(week)!.set(channel, count);
    }
    const digital = new Set(['email', 'web', 'chat']);
    kit.render(res, 'contacts', {
      title: texts.contacts.overview,
      intro: fill(texts.contacts.overviewIntro, { weeks }),
      channels: CHANNELS.map((c) => texts.contacts.channels[c]),
      rows: [...byWeek.entries()].map(([week, perChannel]) => {
        const total = [...perChannel.values()].reduce((a, b) => a + b, 0);
        const online = [...perChannel.entries()].filter(([c]) => digital.has(c)).reduce((a, [, n]) => a + n, 0);
        return {
          week: DAY.format(new Date(`${week}T12:00:00Z`)),
          weekIso: week,
          counts: CHANNELS.map((c) => perChannel.get(c) ?? 0),
          total,
          digital: total > 0 ? `${Math.round((online / total) * 100)}%` : '—',
        };
      }),
    });
  });

  return router;
}
