import type { FlowElement, ProcessModel } from '../../../engine/src/index.js';
import type { HistoryRow } from '../persistence/repositories/instances.js';
import { instanceHistory } from '../persistence/repositories/instances.js';
import { latestFormDefinition } from '../persistence/repositories/definitions.js';
import { listTasks, type TaskRow } from '../persistence/repositories/tasks.js';
import type { Services } from '../services/index.js';
import { requesterIn } from '../services/contacts.js';
import type { InstanceView } from '../services/instances.js';
import { DAY, MOMENT } from './page-kit.js';
import { readableValue } from './task-form.js';
import { fill, texts } from './texts.js';

/** A case as the case file and the task page show it: everything about it, in readable form. */
export interface CaseFile {
  id: string;
  title: string;
  processKey: string;
  processName: string;
  version: number;
  businessKey: string | null;
  trackingCode: string;
  state: InstanceView['state'];
  stateLabel: string;
  startedAt: string;
  endedAt?: string;
  requester?: { label: string; value: string };
  openSteps: { taskId: string; name: string; departments: string; holder: string; due?: string; mayOpen: boolean }[];
  incidents: string[];
  variables: { name: string; label: string; value: string }[];
  entered: { heading: string; values: { label: string; value: string }[] }[];
  /** Per decision its explanation line by line, and the short form (the rules that decided, the outcome). */
  decisions: { heading: string; explanation: string[]; summary: string[] }[];
  timeline: { at: string; atIso: string; who: string; what: string }[];
  markers: { active: string[]; completed: string[]; incident: string[] };
}

const EVENTS = texts.caseFile.events;
type ShownEvent = keyof typeof EVENTS;
const yesNo = { yes: texts.task.yes, no: texts.task.no };

/** The forms of a process: their labels and the order of their fields. */
interface ProcessForms {
  /** Variable → label, in the order of the forms: the start form first, then the tasks' as the model lists them. */
  labels: Map<string, string>;
  /** Form key → its fields' names, in order. */
  fields: Map<string, string[]>;
}

async function processForms(services: Services, model: ProcessModel): Promise<ProcessForms> {
  const keys = new Set<string>();
  const start = model.elements.get(model.startEventIds[0] ?? '');
  if (start?.kind === 'startEvent' && start.formKey) keys.add(start.formKey);
  for (const element of model.elements.values()) {
    if ((element.kind === 'userTask' || element.kind === 'startEvent') && element.formKey) keys.add(element.formKey);
  }
  const labels = new Map<string, string>();
  const fields = new Map<string, string[]>();
  const em = services.dataSource.manager;
  for (const form of await Promise.all([...keys].map((key) => latestFormDefinition(em, key)))) {
    if (!form) continue;
    const properties = (form.schema as { properties?: Record<string, { title?: unknown }> }).properties ?? {};
    fields.set(form.key, Object.keys(properties));
    for (const [name, property] of Object.entries(properties)) {
      if (typeof property.title === 'string' && !labels.has(name)) labels.set(name, property.title);
    }
  }
  return { labels, fields };
}

function stepName(model: ProcessModel, elementId: string | null): string {
  if (!elementId) return '';
  const element: FlowElement | undefined = model.elements.get(elementId);
  return element?.name || elementId;
}

function departmentsText(groups: string[], users: string[]): string {
  const all = [...groups, ...users];
  return all.length > 0 ? all.join(', ') : texts.caseFile.everyone;
}

/** One history event as a line of the timeline; undefined for the engine's inner moves (flows, gateways). */
function timelineLine(model: ProcessModel, event: HistoryRow, names: Map<string, string>): CaseFile['timeline'][number] | undefined {
  if (!(event.type in EVENTS)) return undefined;
  const data = (event.data ?? {}) as Record<string, unknown>;
  const what = fill(EVENTS[event.type as ShownEvent], {
    step: stepName(model, event.element_id),
    departments: departmentsText((data.candidateGroups as string[] | undefined) ?? [], []),
    names: Array.isArray(data.names) ? (data.names as string[]).join(', ') : '',
    to: typeof data.to === 'string' ? (names.get(data.to) ?? data.to) : '',
  });
  const at = new Date(event.at);
  return { at: MOMENT.format(at), atIso: at.toISOString(), who: event.user_name ? (names.get(event.user_name) ?? event.user_name) : texts.caseFile.system, what };
}

/**
 * Everything about one case: its summary, where it is now and who holds it, its data with the labels of its
 * forms, what was entered in which form, the decisions with their explanation, and its timeline.
 * `mayOpen` says which open tasks this user may open (those of her departments).
 */
export async function caseFile(services: Services, id: string, mayOpen: (task: TaskRow) => boolean): Promise<CaseFile> {
  const em = services.dataSource.manager;
  const instance = await services.instances.get(id);
  // The case's own version, which never changes: the catalog keeps it.
  const { definition } = (await services.catalog.processDefinition(em, instance.processKey, instance.version))!;
  const model = await services.catalog.model(definition);
  const [history, tasks, forms, requester] = await Promise.all([
    instanceHistory(em, id),
    listTasks(em, { processInstanceId: id }),
    processForms(services, model),
    requesterIn(em, model, instance.variables),
  ]);
  const names = await services.users.displayNames([
    ...history.flatMap((e) => [e.user_name ?? '', typeof e.data?.to === 'string' ? e.data.to : '']).filter(Boolean),
    ...tasks.map((t) => t.assignee ?? '').filter(Boolean),
  ]);
  const nameOf = (user: string | null | undefined) => (user ? (names.get(user) ?? user) : '');
  const label = (name: string) => forms.labels.get(name) ?? name;
  // In the order the forms ask for them (the database keeps no order of its own), then the rest by name.
  const inFormOrder = (values: Record<string, unknown>, order: string[] = [...forms.labels.keys()]) => {
    const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
    return Object.entries(values).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
  };
  const formOf = (elementId: string | null) => {
    const element = elementId ? model.elements.get(elementId) : undefined;
    return element?.kind === 'userTask' && element.formKey ? forms.fields.get(element.formKey) : undefined;
  };

  const entered: CaseFile['entered'] = [];
  const decisions: CaseFile['decisions'] = [];
  const completed = new Set<string>();
  for (const event of history) {
    if (event.type === 'element-completed' && event.element_id) completed.add(event.element_id);
    const data = (event.data ?? {}) as Record<string, unknown>;
    if (event.type === 'task-completed' && data.values && typeof data.values === 'object') {
      const values = inFormOrder(data.values as Record<string, unknown>, formOf(event.element_id)).map(([name, value]) => ({ label: label(name), value: readableValue(value, yesNo) }));
      if (values.length > 0) {
        entered.push({
          heading: fill(texts.caseFile.enteredBy, { step: stepName(model, event.element_id), who: nameOf(event.user_name) || texts.caseFile.system, at: MOMENT.format(new Date(event.at)) }),
          values,
        });
      }
    }
    if (event.type === 'decision-evaluated' && typeof data.explanation === 'string') {
      decisions.push({
        heading: fill(texts.caseFile.decisionHeading, { decision: String(data.decisionId ?? ''), version: String(data.decisionVersion ?? ''), at: MOMENT.format(new Date(event.at)) }),
        explanation: data.explanation.split('\n'),
        summary: (typeof data.summary === 'string' ? data.summary : data.explanation).split('\n'),
      });
    }
  }
  const title = instance.businessKey ?? instance.trackingCode;
  return {
    id,
    title: fill(texts.caseFile.title, { case: title }),
    processKey: instance.processKey,
    processName: definition.name || definition.key,
    version: instance.version,
    businessKey: instance.businessKey,
    trackingCode: instance.trackingCode,
    state: instance.state,
    stateLabel: texts.caseFile.states[instance.state],
    startedAt: MOMENT.format(new Date(instance.createdAt)),
    ...(instance.endedAt ? { endedAt: MOMENT.format(new Date(instance.endedAt)) } : {}),
    ...(requester ? { requester: { label: texts.caseFile.requester, value: requester.name } } : {}),
    openSteps: tasks.map((task) => ({
      taskId: task.id,
      name: task.name || task.element_id,
      departments: departmentsText(task.candidate_groups, task.candidate_users),
      holder: nameOf(task.assignee) || texts.caseFile.nobody,
      ...(task.due_date ? { due: DAY.format(new Date(task.due_date)) } : {}),
      mayOpen: mayOpen(task),
    })),
    incidents: instance.incidents.map((incident) => fill(texts.caseFile.incidentAt, { step: stepName(model, incident.elementId), message: incident.message })),
    variables: inFormOrder(instance.variables).map(([name, value]) => ({ name, label: label(name), value: readableValue(value, yesNo) })),
    entered,
    decisions,
    timeline: history.flatMap((event) => timelineLine(model, event, names) ?? []),
    markers: {
      active: instance.activeElementIds,
      completed: [...completed].filter((elementId) => !instance.activeElementIds.includes(elementId)),
      incident: instance.incidents.map((incident) => incident.elementId),
    },
  };
}
