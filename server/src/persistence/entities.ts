import { EntitySchema } from 'typeorm';

/*
 * Row shapes and typeorm schemas of the tables made by migrations/0001-initial.ts.
 * Property names are the column names (snake_case) on purpose: a row read through a repository
 * and a row read with `em.query('SELECT * ...')` then have the same shape and the same interface.
 * The migrations own the schema (synchronize is off); these schemas only map rows.
 */

/**
 * `worker`: a department's own system that does service-task jobs through the jobs API. `department-head`:
 * hands the tasks of her departments to whom she chooses.
 */
export type Role = 'admin' | 'process-owner' | 'staff' | 'reviewer' | 'worker' | 'department-head';
export const ROLES: readonly Role[] = ['admin', 'process-owner', 'staff', 'reviewer', 'worker', 'department-head'];

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: Role[];
  groups: string[];
  created_at: Date;
}

export interface SessionRow {
  token_hash: string;
  user_id: string;
  expires_at: Date;
  created_at: Date;
}

export interface DeploymentRow {
  id: string;
  name: string;
  created_at: Date;
  created_by: string;
}

export type ResourceKind = 'bpmn' | 'dmn' | 'form' | 'template';

export interface DeploymentResourceRow {
  id: string;
  deployment_id: string;
  name: string;
  content: string;
  kind: ResourceKind;
}

export interface ProcessDefinitionEntityRow {
  id: string;
  key: string;
  version: number;
  name: string;
  deployment_id: string;
  xml: string;
  content_hash: string;
  created_at: Date;
}

export interface DecisionDefinitionEntityRow {
  id: string;
  key: string;
  version: number;
  name: string;
  deployment_id: string;
  dmn_resource_id: string;
  content_hash: string;
  created_at: Date;
  /** From when this version decides (see DecisionVersion.validFrom); null: always. */
  valid_from: Date | null;
}

export interface FormDefinitionEntityRow {
  id: string;
  key: string;
  version: number;
  schema: object;
  deployment_id: string;
  content_hash: string;
  created_at: Date;
}

export type InstanceStatus = 'active' | 'completed' | 'terminated' | 'incident';

export interface ProcessInstanceEntityRow {
  id: string;
  definition_id: string;
  process_key: string;
  process_version: number;
  business_key: string | null;
  tracking_code: string;
  status: InstanceStatus;
  /** The engine's InstanceState, stored whole. */
  state: unknown;
  /** A copy of the root scope's variables, for queries. */
  variables: Record<string, unknown>;
  row_version: number;
  created_at: Date;
  ended_at: Date | null;
  /** Set when a call activity of another case started this one. */
  parent_instance_id: string | null;
  parent_token_id: string | null;
}

export type TaskState = 'open' | 'completed' | 'terminated';

export interface TaskEntityRow {
  id: string;
  process_instance_id: string;
  process_key: string;
  element_id: string;
  name: string;
  candidate_groups: string[];
  candidate_users: string[];
  assignee: string | null;
  due_date: Date | null;
  form_key: string | null;
  state: TaskState;
  created_at: Date;
  completed_at: Date | null;
  completed_by: string | null;
}

export interface HistoryEventRow {
  /** bigserial: the pg driver hands int8 back as a string. */
  id: string;
  process_instance_id: string;
  type: string;
  element_id: string | null;
  element_type: string | null;
  at: Date;
  user_name: string | null;
  data: Record<string, unknown> | null;
}

export interface IncidentEntityRow {
  id: string;
  process_instance_id: string;
  element_id: string;
  message: string;
  created_at: Date;
  resolved_at: Date | null;
}

const text = { type: 'text' } as const;
const nullableText = { type: 'text', nullable: true } as const;
const jsonb = { type: 'jsonb' } as const;
const timestamptz = { type: 'timestamptz' } as const;
const nullableTimestamptz = { type: 'timestamptz', nullable: true } as const;
const textId = { type: 'text', primary: true } as const;

export const UserEntity = new EntitySchema<UserRow>({
  name: 'User',
  tableName: 'users',
  columns: {
    id: textId,
    username: { ...text, unique: true },
    display_name: text,
    password_hash: text,
    roles: jsonb,
    groups: jsonb,
    created_at: timestamptz,
  },
});

export const SessionEntity = new EntitySchema<SessionRow>({
  name: 'Session',
  tableName: 'sessions',
  columns: {
    token_hash: textId,
    user_id: text,
    expires_at: timestamptz,
    created_at: timestamptz,
  },
});

export const DeploymentEntity = new EntitySchema<DeploymentRow>({
  name: 'Deployment',
  tableName: 'deployments',
  columns: { id: textId, name: text, created_at: timestamptz, created_by: text },
});

export const DeploymentResourceEntity = new EntitySchema<DeploymentResourceRow>({
  name: 'DeploymentResource',
  tableName: 'deployment_resources',
  columns: { id: textId, deployment_id: text, name: text, content: text, kind: text },
});

export const ProcessDefinitionEntity = new EntitySchema<ProcessDefinitionEntityRow>({
  name: 'ProcessDefinition',
  tableName: 'process_definitions',
  columns: {
    id: textId,
    key: text,
    version: { type: 'integer' },
    name: text,
    deployment_id: text,
    xml: text,
    content_hash: text,
    created_at: timestamptz,
  },
});

export const DecisionDefinitionEntity = new EntitySchema<DecisionDefinitionEntityRow>({
  name: 'DecisionDefinition',
  tableName: 'decision_definitions',
  columns: {
    id: textId,
    key: text,
    version: { type: 'integer' },
    name: text,
    deployment_id: text,
    dmn_resource_id: text,
    content_hash: text,
    created_at: timestamptz,
    valid_from: nullableTimestamptz,
  },
});

export const FormDefinitionEntity = new EntitySchema<FormDefinitionEntityRow>({
  name: 'FormDefinition',
  tableName: 'form_definitions',
  columns: {
    id: textId,
    key: text,
    version: { type: 'integer' },
    schema: jsonb,
    deployment_id: text,
    content_hash: text,
    created_at: timestamptz,
  },
});

export const ProcessInstanceEntity = new EntitySchema<ProcessInstanceEntityRow>({
  name: 'ProcessInstance',
  tableName: 'process_instances',
  columns: {
    id: textId,
    definition_id: text,
    process_key: text,
    process_version: { type: 'integer' },
    business_key: nullableText,
    tracking_code: { ...text, unique: true },
    status: text,
    state: jsonb,
    variables: jsonb,
    row_version: { type: 'integer' },
    created_at: timestamptz,
    ended_at: nullableTimestamptz,
    parent_instance_id: nullableText,
    parent_token_id: nullableText,
  },
});

export const TaskEntity = new EntitySchema<TaskEntityRow>({
  name: 'Task',
  tableName: 'tasks',
  columns: {
    id: textId,
    process_instance_id: text,
    process_key: text,
    element_id: text,
    name: text,
    candidate_groups: jsonb,
    candidate_users: jsonb,
    assignee: nullableText,
    due_date: nullableTimestamptz,
    form_key: nullableText,
    state: text,
    created_at: timestamptz,
    completed_at: nullableTimestamptz,
    completed_by: nullableText,
  },
});

export const HistoryEventEntity = new EntitySchema<HistoryEventRow>({
  name: 'HistoryEvent',
  tableName: 'history_events',
  columns: {
    id: { type: 'bigint', primary: true, generated: 'increment' },
    process_instance_id: text,
    type: text,
    element_id: nullableText,
    element_type: nullableText,
    at: timestamptz,
    user_name: nullableText,
    data: { type: 'jsonb', nullable: true },
  },
});

export const IncidentEntity = new EntitySchema<IncidentEntityRow>({
  name: 'Incident',
  tableName: 'incidents',
  columns: {
    id: textId,
    process_instance_id: text,
    element_id: text,
    message: text,
    created_at: timestamptz,
    resolved_at: nullableTimestamptz,
  },
});

/** Every entity schema, as typeorm gets them (objects, not file globs). */
export const entities = [
  UserEntity,
  SessionEntity,
  DeploymentEntity,
  DeploymentResourceEntity,
  ProcessDefinitionEntity,
  DecisionDefinitionEntity,
  FormDefinitionEntity,
  ProcessInstanceEntity,
  TaskEntity,
  HistoryEventEntity,
  IncidentEntity,
];
