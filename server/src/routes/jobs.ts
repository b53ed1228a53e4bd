import { ok, route, type RouteModule } from '../http/route.js';
import { schema } from '../http/validate.js';
import type { Variables } from '../../../engine/src/index.js';
import { variablesSchema } from './case-schemas.js';

const jobSchema = {
  type: 'object',
  required: ['id', 'type', 'processInstanceId', 'elementId', 'variables', 'retries'],
  properties: {
    id: { type: 'string' },
    type: { type: 'string' },
    processInstanceId: { type: 'string' },
    elementId: { type: 'string' },
    variables: variablesSchema,
    retries: { type: 'integer' },
    customHeaders: { type: 'object', additionalProperties: { type: 'string' }, description: 'The zeebe:taskHeaders of the service task' },
    deadline: { type: ['string', 'null'], format: 'date-time', description: 'Until when this worker holds the job' },
  },
};

const workerField = { type: 'string', minLength: 1, description: 'When given, the job must be locked by this worker' };
const jobNotLocked = { description: 'The job is no longer locked by that worker, or already done' };
const jobWorkers = ['worker'] as const;

export const jobRoutes: RouteModule = ({ jobs }) => [
  route({
    method: 'post',
    path: '/api/jobs/activate',
    summary: 'Lock open jobs of a service-task type for an external worker',
    description: 'Locks up to maxJobs open jobs of the type (default 10) for lockMs milliseconds (default 5 minutes); jobs locked by another worker are skipped.',
    tags: ['jobs'],
    access: jobWorkers,
    body: schema<{ type: string; worker: string; maxJobs?: number; lockMs?: number }>({
      type: 'object',
      required: ['type', 'worker'],
      additionalProperties: false,
      properties: {
        type: { type: 'string', minLength: 1 },
        worker: { type: 'string', minLength: 1 },
        maxJobs: { type: 'integer', minimum: 1, maximum: 100 },
        lockMs: { type: 'integer', minimum: 1000, maximum: 86_400_000 },
      },
    }),
    responses: { 200: { description: 'The jobs now locked for this worker (possibly none)', schema: { type: 'array', items: jobSchema } } },
    handle: async ({ body }) => ok(await jobs.activate(body)),
  }),
  route({
    method: 'post',
    path: '/api/jobs/{id}/complete',
    summary: 'Complete a job; the case moves on',
    tags: ['jobs'],
    access: jobWorkers,
    body: schema<{ variables?: Variables; worker?: string }>({
      type: 'object',
      additionalProperties: false,
      properties: { variables: variablesSchema, worker: workerField },
    }),
    responses: { 200: { description: 'Completed', schema: { type: 'object' } }, 404: { description: 'No job with this id' }, 409: jobNotLocked },
    handle: async ({ params, body }) => {
      await jobs.complete(params.id!, body ?? {});
      return ok({});
    },
  }),
  route({
    method: 'post',
    path: '/api/jobs/{id}/fail',
    summary: 'Report a failed attempt',
    description: 'With retries left the job is offered again after retryBackoffMs; with 0 retries the service task gets an incident.',
    tags: ['jobs'],
    access: jobWorkers,
    body: schema<{ retries: number; errorMessage: string; retryBackoffMs?: number; worker?: string }>({
      type: 'object',
      required: ['retries', 'errorMessage'],
      additionalProperties: false,
      properties: {
        retries: { type: 'integer', minimum: 0 },
        errorMessage: { type: 'string' },
        retryBackoffMs: { type: 'integer', minimum: 0 },
        worker: workerField,
      },
    }),
    responses: { 200: { description: 'Recorded', schema: { type: 'object' } }, 404: { description: 'No job with this id' }, 409: jobNotLocked },
    handle: async ({ params, body }) => {
      await jobs.fail(params.id!, body);
      return ok({});
    },
  }),
  route({
    method: 'post',
    path: '/api/jobs/{id}/bpmn-error',
    summary: 'Throw a BPMN error from the service task',
    description: 'Caught by the nearest error boundary event or error event subprocess with that code; uncaught it becomes an incident.',
    tags: ['jobs'],
    access: jobWorkers,
    body: schema<{ errorCode: string; errorMessage?: string; variables?: Variables; worker?: string }>({
      type: 'object',
      required: ['errorCode'],
      additionalProperties: false,
      properties: { errorCode: { type: 'string', minLength: 1 }, errorMessage: { type: 'string' }, variables: variablesSchema, worker: workerField },
    }),
    responses: { 200: { description: 'Thrown', schema: { type: 'object' } }, 404: { description: 'No job with this id' }, 409: jobNotLocked },
    handle: async ({ params, body }) => {
      await jobs.throwError(params.id!, body);
      return ok({});
    },
  }),
];
