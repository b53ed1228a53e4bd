import { created, ok, route, type RouteModule } from '../http/route.js';
import { schema } from '../http/validate.js';
import type { Variables } from '../../../engine/src/index.js';
import { instanceSchema, startedInstanceSchema, variablesSchema } from './case-schemas.js';

const startBody = schema<{ processKey: string; version?: number; businessKey?: string; variables?: Variables }>({
  type: 'object',
  required: ['processKey'],
  additionalProperties: false,
  properties: {
    processKey: { type: 'string', minLength: 1 },
    version: { type: 'integer', minimum: 1 },
    businessKey: { type: 'string', minLength: 1, maxLength: 200 },
    variables: variablesSchema,
  },
});

const listQuery = schema<{ processKey?: string; state?: string; businessKey?: string }>({
  type: 'object',
  additionalProperties: false,
  properties: {
    processKey: { type: 'string' },
    state: { type: 'string', enum: ['active', 'completed', 'terminated', 'incident'] },
    businessKey: { type: 'string' },
  },
});

const historySchema = {
  type: 'object',
  required: ['events'],
  properties: {
    events: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type', 'elementId', 'elementType', 'at'],
        properties: {
          type: { type: 'string' },
          elementId: { type: ['string', 'null'] },
          elementType: { type: ['string', 'null'] },
          at: { type: 'string', format: 'date-time' },
          user: { type: 'string' },
          data: { type: 'object' },
        },
      },
    },
  },
};

const notFound = { description: 'No process instance with this id' };
// Those who run cases may also stop or repair them; reviewers only decide.
const caseWorkers = ['staff', 'process-owner'] as const;

export const processInstanceRoutes: RouteModule = ({ instances }) => [
  route({
    method: 'post',
    path: '/api/process-instances',
    summary: 'Start a case',
    description: 'Answers once the case has reached its first wait state and is stored.',
    tags: ['process instances'],
    access: caseWorkers,
    body: startBody,
    responses: {
      201: { description: 'The new case, with the tasks its start opened', schema: startedInstanceSchema },
      404: { description: 'No such process (version) is deployed' },
    },
    handle: async ({ body, user }) => created(await instances.start(body, user)),
  }),
  route({
    method: 'get',
    path: '/api/process-instances',
    summary: 'Cases, newest first',
    tags: ['process instances'],
    access: 'authenticated',
    query: listQuery,
    responses: { 200: { description: 'The cases', schema: { type: 'array', items: instanceSchema } } },
    handle: async ({ query }) => ok(await instances.list(query)),
  }),
  route({
    method: 'get',
    path: '/api/process-instances/{id}',
    summary: 'One case',
    tags: ['process instances'],
    access: 'authenticated',
    responses: { 200: { description: 'The case', schema: instanceSchema }, 404: notFound },
    handle: async ({ params }) => ok(await instances.get(params.id!)),
  }),
  route({
    method: 'get',
    path: '/api/process-instances/{id}/history',
    summary: 'What happened to a case, oldest first',
    tags: ['process instances'],
    access: 'authenticated',
    responses: { 200: { description: 'The history', schema: historySchema }, 404: notFound },
    handle: async ({ params }) => ok(await instances.history(params.id!)),
  }),
  route({
    method: 'post',
    path: '/api/process-instances/{id}/cancel',
    summary: 'Stop a case: every open step ends, the case becomes terminated',
    tags: ['process instances'],
    access: caseWorkers,
    responses: { 200: { description: 'The terminated case', schema: instanceSchema }, 404: notFound, 409: { description: 'The case has already ended' } },
    handle: async ({ params, user }) => ok(await instances.cancel(params.id!, user.username)),
  }),
  route({
    method: 'put',
    path: '/api/process-instances/{id}/variables',
    summary: "Set variables on the case's outermost scope, e.g. to repair the cause of an incident",
    tags: ['process instances'],
    access: caseWorkers,
    body: schema<Variables>({ ...variablesSchema, minProperties: 1 }),
    responses: { 200: { description: 'The case', schema: instanceSchema }, 404: notFound, 409: { description: 'The case has already ended' } },
    handle: async ({ params, body, user }) => ok(await instances.setVariables(params.id!, body, user.username)),
  }),
];

export const incidentRoutes: RouteModule = ({ instances }) => [
  route({
    method: 'post',
    path: '/api/incidents/{id}/resolve',
    summary: 'Retry the step that failed',
    description: 'The incident is resolved when the retry gets past the step; otherwise a new incident is raised.',
    tags: ['incidents'],
    access: caseWorkers,
    responses: {
      200: { description: 'The case after the retry', schema: instanceSchema },
      404: { description: 'No incident with this id' },
      409: { description: 'The incident is already resolved' },
    },
    handle: async ({ params, user }) => ok(await instances.resolveIncident(params.id!, user.username)),
  }),
];
