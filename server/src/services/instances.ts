import type { DataSource } from 'typeorm';
import type { Variables } from '../../../engine/src/index.js';
import { ApiError } from '../http/errors.js';
import { latestFormDefinition, type ProcessDefinitionRow } from '../persistence/repositories/definitions.js';
import { findIncident, findInstanceWithCalledIncidents, instanceHistory, listInstances, rootVariables, type InstanceFilter, type InstanceRow } from '../persistence/repositories/instances.js';
import { NewerVersionDeployed } from '../persistence/repositories/step-writes.js';
import type { CaseSteps } from './case-steps.js';
import type { Catalog } from './catalog.js';
import type { Forms } from './forms.js';
import { openedFor, type Actor, type TaskView } from './tasks.js';

export interface InstanceView {
  id: string;
  processKey: string;
  version: number;
  businessKey: string | null;
  trackingCode: string;
  state: InstanceRow['status'];
  variables: Variables;
  activeElementIds: string[];
  /** Its own incidents, and those of the cases its call activities started (with their processInstanceId). */
  incidents: { id: string; elementId: string; message: string; createdAt: string; processInstanceId?: string }[];
  /** The case whose call activity started this one. */
  parentInstanceId: string | null;
  createdAt: string;
  endedAt: string | null;
}

/** A case just started, with the tasks its start opened that the starter may see. */
export interface StartedView extends InstanceView {
  openedTasks: TaskView[];
}

export class InstanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly steps: CaseSteps,
    private readonly catalog: Catalog,
    private readonly forms: Forms,
  ) {}

  /** `actor` is who starts it, when it is someone: the tasks the start opened that she may see come back. */
  async start(input: { processKey: string; version?: number; businessKey?: string; variables?: Variables }, actor?: Actor): Promise<StartedView> {
    // A deployed definition never changes: its XML and model are cached, and which one is the latest too,
    // checked by the start's write (see Catalog.processDefinition).
    for (let attempt = 1; ; attempt++) {
      const found = await this.catalog.processDefinition(this.dataSource.manager, input.processKey, input.version);
      if (!found) {
        const which = input.version === undefined ? '' : ` version ${input.version}`;
        throw new ApiError(404, 'not-found', `process "${input.processKey}"${which} is not deployed`);
      }
      await this.checkStartForm(found.definition, input.variables ?? {});
      try {
        const { instance, opened } = await this.steps.start(found.definition, { ...input, onLatest: found.latest });
        return { ...toView(instance), openedTasks: actor ? openedFor(actor, opened) : [] };
      } catch (err) {
        if (!(err instanceof NewerVersionDeployed) || attempt >= 3) throw err;
        this.catalog.forgetLatest(input.processKey);
      }
    }
  }

  /** A process whose start event has a form starts only from a filled-in form, as in a Camunda start form. */
  private async checkStartForm(definition: ProcessDefinitionRow, variables: Variables): Promise<void> {
    const model = await this.catalog.model(definition);
    const startEvent = model.elements.get(model.startEventIds[0]!);
    const formKey = startEvent?.kind === 'startEvent' ? startEvent.formKey : undefined;
    if (!formKey) return;
    const form = await latestFormDefinition(this.dataSource.manager, formKey);
    const problems = form ? this.forms.check(form.id, form.schema, variables) : [];
    if (problems.length > 0) {
      throw new ApiError(400, 'bad-request', `the variables do not fill in the start form "${formKey}" of ${definition.key} correctly`, problems);
    }
  }

  async get(id: string): Promise<InstanceView> {
    const row = await findInstanceWithCalledIncidents(this.dataSource.manager, id);
    if (!row) throw new ApiError(404, 'not-found', `process instance ${id} does not exist`);
    const view = toView(row);
    // A called case that is stuck holds up its caller: show it there, where a civil servant looks.
    const called = row.called_incidents;
    if (called.length === 0) return view;
    return {
      ...view,
      state: view.state === 'active' ? 'incident' : view.state,
      incidents: [
        ...view.incidents,
        ...called.map((incident) => ({
          id: incident.id,
          elementId: incident.element_id,
          message: incident.message,
          createdAt: new Date(incident.created_at).toISOString(),
          processInstanceId: incident.process_instance_id,
        })),
      ],
    };
  }

  async list(filter: InstanceFilter): Promise<InstanceView[]> {
    return (await listInstances(this.dataSource.manager, filter)).map(toView);
  }

  async history(id: string) {
    await this.get(id);
    const rows = await instanceHistory(this.dataSource.manager, id);
    return {
      events: rows.map((row) => ({
        type: row.type,
        elementId: row.element_id,
        elementType: row.element_type,
        at: new Date(row.at).toISOString(),
        ...(row.user_name ? { user: row.user_name } : {}),
        ...(row.data ? { data: row.data } : {}),
      })),
    };
  }

  async cancel(id: string, user: string): Promise<InstanceView> {
    const current = await this.get(id);
    if (current.state === 'completed' || current.state === 'terminated') {
      throw new ApiError(409, 'conflict', `process instance ${id} is already ${current.state}`);
    }
    return toView((await this.steps.run(id, { type: 'cancel', user })).instance);
  }

  async setVariables(id: string, variables: Variables, user: string): Promise<InstanceView> {
    return toView((await this.steps.run(id, { type: 'set-variables', variables, user })).instance);
  }

  async resolveIncident(incidentId: string, user: string): Promise<InstanceView> {
    const incident = await findIncident(this.dataSource.manager, incidentId);
    if (!incident) throw new ApiError(404, 'not-found', `incident ${incidentId} does not exist`);
    if (incident.resolved_at) throw new ApiError(409, 'conflict', `incident ${incidentId} is already resolved`);
    return toView((await this.steps.run(incident.process_instance_id, { type: 'resolve-incident', incidentId, user })).instance);
  }
}

export function toView(row: InstanceRow): InstanceView {
  const { state } = row;
  return {
    id: row.id,
    processKey: row.process_key,
    version: row.process_version,
    businessKey: row.business_key,
    trackingCode: row.tracking_code,
    state: row.status,
    variables: rootVariables(state) as Variables,
    activeElementIds: [...new Set(state.tokens.map((token) => token.elementId))],
    incidents: state.incidents.map(({ id, elementId, message, createdAt }) => ({ id, elementId, message, createdAt })),
    parentInstanceId: row.parent_instance_id ?? null,
    createdAt: new Date(row.created_at).toISOString(),
    endedAt: row.ended_at ? new Date(row.ended_at).toISOString() : null,
  };
}
