import { ok, route, type RouteModule } from '../http/route.js';
import { schema } from '../http/validate.js';
import type { Variables } from '../../../engine/src/index.js';
import { completedTaskSchema, taskSchema, variablesSchema } from './case-schemas.js';

const listQuery = schema<{ processInstanceId?: string; candidateGroup?: string; assignee?: string; state?: 'open' | 'completed' }>({
  type: 'object',
  additionalProperties: false,
  properties: {
    processInstanceId: { type: 'string' },
    candidateGroup: { type: 'string' },
    assignee: { type: 'string' },
    state: { type: 'string', enum: ['open', 'completed'] },
  },
});

const completeBody = schema<{ variables?: Variables }>({
  type: 'object',
  additionalProperties: false,
  properties: { variables: variablesSchema },
});

const assignBody = schema<{ assignee: string }>({
  type: 'object',
  additionalProperties: false,
  required: ['assignee'],
  properties: { assignee: { type: 'string', minLength: 1, maxLength: 200 } },
});

const handOverBody = schema<{ to: string }>({
  type: 'object',
  additionalProperties: false,
  required: ['to'],
  properties: { to: { type: 'string', minLength: 1, maxLength: 200 } },
});

const notFound = { description: 'No task with this id' };
const notYours = { description: 'The task belongs to another department, or someone else has claimed it' };
const workers = ['staff', 'reviewer'] as const;

export const taskRoutes: RouteModule = ({ tasks }) => [
  route({
    method: 'get',
    path: '/api/tasks',
    summary: "The inbox: open tasks of the caller's departments and those assigned to them",
    description: 'Without `state` only open tasks. An administrator sees every task.',
    tags: ['tasks'],
    access: 'authenticated',
    query: listQuery,
    responses: { 200: { description: 'The tasks, oldest first', schema: { type: 'array', items: taskSchema } } },
    handle: async ({ query, user }) => ok(await tasks.list(user, query)),
  }),
  route({
    method: 'get',
    path: '/api/tasks/{id}',
    summary: "A task, with its case's variables and its form",
    tags: ['tasks'],
    access: 'authenticated',
    responses: {
      200: {
        description: 'The task',
        schema: { ...taskSchema, properties: { ...(taskSchema.properties as object), variables: variablesSchema, form: { type: ['object', 'null'] } } },
      },
      403: notYours,
      404: notFound,
    },
    handle: async ({ params, user }) => ok(await tasks.get(user, params.id!)),
  }),
  route({
    method: 'post',
    path: '/api/tasks/{id}/claim',
    summary: 'Take a task: it is then assigned to the caller',
    tags: ['tasks'],
    access: workers,
    responses: { 200: { description: 'The task', schema: taskSchema }, 403: notYours, 404: notFound, 409: { description: 'Someone else holds the task, or it is no longer open' } },
    handle: async ({ params, user }) => ok(await tasks.claim(user, params.id!)),
  }),
  route({
    method: 'post',
    path: '/api/tasks/{id}/unclaim',
    summary: 'Give a task back to its department',
    tags: ['tasks'],
    access: workers,
    responses: { 200: { description: 'The task', schema: taskSchema }, 403: notYours, 404: notFound, 409: { description: 'The task is no longer open' } },
    handle: async ({ params, user }) => ok(await tasks.unclaim(user, params.id!)),
  }),
  route({
    method: 'post',
    path: '/api/tasks/{id}/complete',
    summary: 'Complete a task; the case moves on to its next wait state before this answers',
    tags: ['tasks'],
    access: workers,
    body: completeBody,
    responses: {
      200: { description: 'The completed task, with the tasks its completion opened in the case', schema: completedTaskSchema },
      403: {
        description:
          'Not a task of yours, someone else holds it, or four eyes: a task of the college is not decided by whoever completed another step of the same case (details: [{rule: "four-eyes", steps}])',
      },
      404: notFound,
      409: { description: 'The task is no longer open' },
    },
    handle: async ({ params, body, user }) => ok(await tasks.complete(user, params.id!, body.variables ?? {})),
  }),
  route({
    method: 'post',
    path: '/api/tasks/{id}/assign',
    summary: 'A department head gives an open task of her department to a colleague who may work on it',
    tags: ['tasks'],
    access: ['department-head'],
    body: assignBody,
    responses: {
      200: { description: 'The task, assigned', schema: taskSchema },
      400: { description: 'The colleague does not exist, does not work on tasks, or may not work on this one' },
      403: { description: 'Not a head of one of the task’s departments' },
      404: notFound,
      409: { description: 'The task is no longer open' },
    },
    handle: async ({ params, body, user }) => ok(await tasks.assign(user, params.id!, body.assignee)),
  }),
  route({
    method: 'post',
    path: '/api/tasks/hand-over',
    summary: 'While away: every open task the caller holds goes to a colleague of the same department',
    description: 'A task the colleague may not work on stays with the caller; both lists are answered.',
    tags: ['tasks'],
    access: workers,
    body: handOverBody,
    responses: {
      200: {
        description: 'What was handed over and what was kept',
        schema: { type: 'object', required: ['handed', 'kept'], properties: { handed: { type: 'array', items: taskSchema }, kept: { type: 'array', items: taskSchema } } },
      },
      400: { description: 'The colleague does not exist, is the caller, does not work on tasks, or works in none of the caller’s departments' },
    },
    handle: async ({ body, user }) => ok(await tasks.handOver(user, body.to)),
  }),
];
