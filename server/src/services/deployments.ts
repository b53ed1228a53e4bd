import { createHash, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { compileBpmn, compileDmn, momentOf, type CompiledDecision, type ProcessModel } from '../../../engine/src/index.js';
import { ApiError } from '../http/errors.js';
import { templateProblem } from '../jobs/templates.js';
import { formKeyOfResource, latestDecisionVersions, latestFormDefinitions, latestHashes } from '../persistence/repositories/definitions.js';
import { Forms } from './forms.js';
import { registerStartEvents } from './start-events.js';

export interface ResourceInput {
  name: string;
  content: string;
}

export interface DeploymentProblem {
  resource: string;
  elementId?: string;
  line?: number;
  message: string;
  /** Which problem of a process or decision it is, with its particulars (ModelProblem): the modeler says it in Dutch. */
  code?: string;
  params?: Record<string, string>;
}

export interface DeployedDefinition {
  key: string;
  version: number;
  id: string;
  name: string;
}

export interface DeploymentResult {
  id: string;
  /** False when every resource was identical to its latest version, so nothing new was stored. */
  created: boolean;
  processes: DeployedDefinition[];
  decisions: DeployedDefinition[];
  forms: DeployedDefinition[];
}

export interface DeploymentInput {
  name: string;
  resources: ResourceInput[];
  /**
   * From when the decisions of this deployment decide (a date: midnight in Brussels, or a date-time). Cases whose
   * decision date is earlier keep the version that was in force then. Absent: they decide every case from now on.
   */
  validFrom?: string;
}

function validFromOf(input: DeploymentInput): string | undefined {
  if (input.validFrom === undefined) return undefined;
  const moment = momentOf(input.validFrom);
  if ('problem' in moment) {
    throw new ApiError(400, 'bad-request', `the deployment is not valid: validFrom must be a date or date-time, but ${moment.problem}`, [
      { resource: '', message: `validFrom: ${moment.problem}` },
    ]);
  }
  return moment.at;
}

type Kind = 'bpmn' | 'dmn' | 'form' | 'template';
interface Checked {
  processes: { resource: ResourceInput; model: ProcessModel }[];
  decisions: { resource: ResourceInput; decision: CompiledDecision }[];
  forms: { resource: ResourceInput; key: string; schema: object }[];
  /** Handlebars templates (`*.hbs`, e.g. mail bodies): no key or version, workers find them by resource name. */
  templates: ResourceInput[];
}

/**
 * Deploys BPMN, DMN, forms and templates together or not at all. Every resource is checked first and every
 * problem reported; then, in one transaction, each key whose content changed gets a new version.
 */
export async function deploy(dataSource: DataSource, input: DeploymentInput, user: string): Promise<DeploymentResult> {
  const checked = await check(dataSource.manager, input.resources);
  const validFrom = validFromOf(input);
  // Two deployments of the same key at the same moment both pick the next version; the second one to
  // commit then breaks UNIQUE (key, version). Running it again sees the first one's rows, so identical
  // content keeps that version and changed content gets the one after it, as if they had come in turn.
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction((em) => store(em, input, checked, user, validFrom));
    } catch (err) {
      if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
      if (attempt >= STORE_ATTEMPTS) {
        throw new ApiError(409, 'conflict', 'another deployment of the same keys happened at the same time; try again');
      }
    }
  }
}

const UNIQUE_VIOLATION = '23505';
const STORE_ATTEMPTS = 5;

function kindOf(name: string): Kind | undefined {
  if (name.endsWith('.bpmn')) return 'bpmn';
  if (name.endsWith('.dmn')) return 'dmn';
  if (name.endsWith('.form.json')) return 'form';
  if (name.endsWith('.hbs')) return 'template';
  return undefined;
}

async function check(em: EntityManager, resources: ResourceInput[]): Promise<Checked> {
  const problems: DeploymentProblem[] = [];
  const checked: Checked = { processes: [], decisions: [], forms: [], templates: [] };
  const seenNames = new Set<string>();
  for (const resource of resources) {
    if (seenNames.has(resource.name)) problems.push({ resource: resource.name, message: 'the deployment has two resources with this name' });
    seenNames.add(resource.name);
    if (!kindOf(resource.name)) {
      problems.push({ resource: resource.name, message: 'unknown kind of resource: name it *.bpmn, *.dmn, *.form.json or *.hbs' });
    }
  }

  for (const resource of resources.filter((r) => kindOf(r.name) === 'form')) {
    let schema: unknown;
    try {
      schema = JSON.parse(resource.content);
    } catch (err) {
      problems.push({ resource: resource.name, message: `the form is not valid JSON: ${(err as Error).message}` });
      continue;
    }
    const formProblems = Forms.problemsOf(schema);
    problems.push(...formProblems.map((message) => ({ resource: resource.name, message })));
    if (formProblems.length === 0) checked.forms.push({ resource, key: formKeyOfResource(resource.name), schema: schema as object });
  }

  for (const resource of resources.filter((r) => kindOf(r.name) === 'template')) {
    const problem = templateProblem(resource.content);
    if (problem) problems.push({ resource: resource.name, ...withoutUndefined({ line: problem.line }), message: `the template is not valid Handlebars: ${problem.message}` });
    else checked.templates.push(resource);
  }

  for (const resource of resources.filter((r) => kindOf(r.name) === 'dmn')) {
    const result = await compileDmn(resource.content);
    problems.push(
      ...result.problems.map((p) => ({ resource: resource.name, ...withoutUndefined({ elementId: p.elementId ?? p.decisionId, line: p.line, code: p.code, params: p.params }), message: p.message })),
    );
    checked.decisions.push(...result.decisions.map((decision) => ({ resource, decision })));
  }

  const deployedDecisions = new Set((await latestDecisionVersions(em)).map((row) => row.key));
  const deployedForms = new Set((await latestFormDefinitions(em)).map((row) => row.key));
  const newDecisions = new Set(checked.decisions.map((d) => d.decision.id));
  const newForms = new Set(checked.forms.map((f) => f.key));
  const newTemplates = new Set(checked.templates.map((t) => t.name));
  const deployedTemplateNames = new Set(
    ((await em.query(`SELECT DISTINCT name FROM deployment_resources WHERE kind = 'template'`)) as { name: string }[]).map((row) => row.name),
  );
  for (const resource of resources.filter((r) => kindOf(r.name) === 'bpmn')) {
    const result = await compileBpmn(resource.content, {
      hasDecision: (id) => newDecisions.has(id) || deployedDecisions.has(id),
      hasForm: (key) => newForms.has(key) || deployedForms.has(key),
      hasTemplate: (name) => newTemplates.has(name) || deployedTemplateNames.has(name),
    });
    problems.push(
      ...result.problems.map((p) => ({ resource: resource.name, ...withoutUndefined({ elementId: p.elementId, line: p.line, code: p.code, params: p.params }), message: p.message })),
    );
    checked.processes.push(...result.processes.map((model) => ({ resource, model })));
  }

  problems.push(...duplicates(checked.processes.map((p) => [p.model.key, p.resource.name]), 'process'));
  problems.push(...duplicates(checked.decisions.map((d) => [d.decision.id, d.resource.name]), 'decision'));
  problems.push(...duplicates(checked.forms.map((f) => [f.key, f.resource.name]), 'form'));
  if (problems.length > 0) {
    throw new ApiError(400, 'bad-request', `the deployment is not valid: ${problems.length} problem${problems.length === 1 ? '' : 's'}, nothing was deployed`, problems);
  }
  return checked;
}

function duplicates(keyed: [string, string][], what: string): DeploymentProblem[] {
  const seen = new Map<string, string>();
  const problems: DeploymentProblem[] = [];
  for (const [key, resource] of keyed) {
    const earlier = seen.get(key);
    if (earlier !== undefined) problems.push({ resource, message: `${what} "${key}" is also defined in ${earlier}` });
    seen.set(key, resource);
  }
  return problems;
}

/** Per name, the template resource of the newest deployment that has one of that name. */
async function latestTemplateResources(em: EntityManager, names: string[]): Promise<Map<string, { content: string; deployment_id: string }>> {
  if (names.length === 0) return new Map();
  const rows: { name: string; content: string; deployment_id: string }[] = await em.query(
    `SELECT DISTINCT ON (r.name) r.name, r.content, r.deployment_id FROM deployment_resources r JOIN deployments d ON d.id = r.deployment_id
      WHERE r.kind = 'template' AND r.name = ANY($1) ORDER BY r.name, d.created_at DESC, d.id DESC`,
    [names],
  );
  return new Map(rows.map((row) => [row.name, row]));
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const hash = (content: string) => createHash('sha256').update(content).digest('hex');

async function store(em: EntityManager, input: DeploymentInput, checked: Checked, user: string, validFrom: string | undefined): Promise<DeploymentResult> {
  const deploymentId = randomUUID();
  const now = new Date().toISOString();
  const result: DeploymentResult = { id: deploymentId, created: false, processes: [], decisions: [], forms: [] };
  const resourceIds = new Map(input.resources.map((resource) => [resource.name, randomUUID()]));
  const pending: (() => Promise<void>)[] = [];

  const plan = async (
    table: 'process_definitions' | 'decision_definitions' | 'form_definitions',
    items: { key: string; name: string; content: string; insert: (id: string, version: number, contentHash: string) => Promise<void> }[],
    into: DeployedDefinition[],
  ) => {
    const latest = await latestHashes(em, table, items.map((item) => item.key));
    for (const item of items) {
      const contentHash = hash(item.content);
      const current = latest.get(item.key);
      if (current && current.content_hash === contentHash) {
        into.push({ key: item.key, version: current.version, id: current.id, name: item.name });
        continue;
      }
      const id = randomUUID();
      const version = (current?.version ?? 0) + 1;
      into.push({ key: item.key, version, id, name: item.name });
      pending.push(() => item.insert(id, version, contentHash));
    }
  };

  await plan(
    'process_definitions',
    checked.processes.map(({ resource, model }) => ({
      key: model.key,
      name: model.name,
      content: resource.content,
      insert: async (id, version, contentHash) => {
        await em.query(
          'INSERT INTO process_definitions (id, key, version, name, deployment_id, xml, content_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
          [id, model.key, version, model.name, deploymentId, resource.content, contentHash, now],
        );
        await registerStartEvents(em, { id, key: model.key }, model, now);
      },
    })),
    result.processes,
  );
  await plan(
    'decision_definitions',
    checked.decisions.map(({ resource, decision }) => ({
      key: decision.id,
      name: decision.name,
      // The same rules taking effect from another date are another version.
      content: validFrom === undefined ? resource.content : `${resource.content}\0validFrom=${validFrom}`,
      insert: (id, version, contentHash) =>
        em.query(
          'INSERT INTO decision_definitions (id, key, version, name, deployment_id, dmn_resource_id, content_hash, created_at, valid_from) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
          [id, decision.id, version, decision.name, deploymentId, resourceIds.get(resource.name), contentHash, now, validFrom ?? null],
        ),
    })),
    result.decisions,
  );
  await plan(
    'form_definitions',
    checked.forms.map(({ resource, key, schema }) => ({
      key,
      name: (schema as { title?: string }).title ?? key,
      content: resource.content,
      insert: (id, version, contentHash) =>
        em.query(
          'INSERT INTO form_definitions (id, key, version, schema, deployment_id, content_hash, created_at) VALUES ($1, $2, $3, $4::json, $5, $6, $7)',
          [id, key, version, JSON.stringify(schema), deploymentId, contentHash, now],
        ),
    })),
    result.forms,
  );

  // A template has no versions of its own; it is new when it differs from the latest one of that name.
  const latestTemplates = await latestTemplateResources(em, checked.templates.map((t) => t.name));
  const templatesChanged = checked.templates.some((t) => latestTemplates.get(t.name)?.content !== t.content);

  if (pending.length === 0 && !templatesChanged) {
    // Nothing new: answer with the deployment the current versions came from.
    const existing: { deployment_id: string }[] = await em.query(
      `SELECT deployment_id FROM process_definitions WHERE id = ANY($1)
       UNION ALL SELECT deployment_id FROM decision_definitions WHERE id = ANY($1)
       UNION ALL SELECT deployment_id FROM form_definitions WHERE id = ANY($1) LIMIT 1`,
      [[...result.processes, ...result.decisions, ...result.forms].map((d) => d.id)],
    );
    const templateDeployment = latestTemplates.values().next().value?.deployment_id;
    return { ...result, id: existing[0]?.deployment_id ?? templateDeployment ?? deploymentId };
  }
  await em.query('INSERT INTO deployments (id, name, created_at, created_by) VALUES ($1, $2, $3, $4)', [deploymentId, input.name, now, user]);
  for (const resource of input.resources) {
    await em.query('INSERT INTO deployment_resources (id, deployment_id, name, content, kind) VALUES ($1, $2, $3, $4, $5)', [
      resourceIds.get(resource.name),
      deploymentId,
      resource.name,
      resource.content,
      kindOf(resource.name),
    ]);
  }
  for (const insert of pending) await insert();
  return { ...result, created: true };
}
