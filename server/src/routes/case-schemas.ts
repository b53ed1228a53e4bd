import type { JsonSchema } from '../http/validate.js';

/** Schemas of the case resources (definitions, instances, tasks, decisions), shared by their route files. */

export const variablesSchema: JsonSchema = {
  type: 'object',
  description: 'Variables by name; values are any JSON',
  additionalProperties: true,
};

export const definitionSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'key', 'version', 'name'],
  properties: { id: { type: 'string' }, key: { type: 'string' }, version: { type: 'integer' }, name: { type: 'string' } },
};

export const incidentSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'elementId', 'message', 'createdAt'],
  properties: {
    id: { type: 'string' },
    elementId: { type: 'string' },
    message: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    processInstanceId: { type: 'string', description: 'Set when the incident is in a case this case called' },
  },
};

export const instanceSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'processKey', 'version', 'businessKey', 'trackingCode', 'state', 'variables', 'activeElementIds', 'incidents'],
  properties: {
    id: { type: 'string' },
    processKey: { type: 'string' },
    version: { type: 'integer' },
    businessKey: { type: ['string', 'null'] },
    trackingCode: { type: 'string', description: "The citizen's reference to the case" },
    state: { type: 'string', enum: ['active', 'completed', 'terminated', 'incident'] },
    variables: variablesSchema,
    activeElementIds: { type: 'array', items: { type: 'string' } },
    incidents: { type: 'array', items: incidentSchema },
    parentInstanceId: { type: ['string', 'null'], description: 'The case whose call activity started this one' },
    createdAt: { type: 'string', format: 'date-time' },
    endedAt: { type: ['string', 'null'], format: 'date-time' },
  },
};

export const taskSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'processInstanceId', 'processKey', 'elementId', 'name', 'candidateGroups', 'candidateUsers', 'assignee', 'dueDate', 'formKey', 'state', 'createdAt'],
  properties: {
    id: { type: 'string' },
    processInstanceId: { type: 'string' },
    processKey: { type: 'string' },
    elementId: { type: 'string' },
    name: { type: 'string' },
    candidateGroups: { type: 'array', items: { type: 'string' } },
    candidateUsers: { type: 'array', items: { type: 'string' } },
    assignee: { type: ['string', 'null'] },
    dueDate: { type: ['string', 'null'], format: 'date-time' },
    formKey: { type: ['string', 'null'] },
    state: { type: 'string', enum: ['open', 'completed'] },
    createdAt: { type: 'string', format: 'date-time' },
    completedAt: { type: 'string', format: 'date-time' },
    completedBy: { type: 'string' },
  },
};

/** What a start or a completion adds: the tasks it opened, so the caller need not look them up. */
const openedTasksSchema: JsonSchema = {
  type: 'array',
  items: taskSchema,
  description: 'The user tasks this call opened in the case that the caller may see (as GET /api/tasks would list them), oldest first',
};

export const startedInstanceSchema: JsonSchema = {
  ...instanceSchema,
  required: [...(instanceSchema.required as string[]), 'openedTasks'],
  properties: { ...(instanceSchema.properties as object), openedTasks: openedTasksSchema },
};

export const completedTaskSchema: JsonSchema = {
  ...taskSchema,
  required: [...(taskSchema.required as string[]), 'openedTasks'],
  properties: { ...(taskSchema.properties as object), openedTasks: openedTasksSchema },
};

export const problemListDescription = 'Invalid: `details` lists each problem';
