import { ok, route, type RouteModule } from '../http/route.js';
import { schema } from '../http/validate.js';
import type { Variables } from '../../../engine/src/index.js';
import { variablesSchema } from './case-schemas.js';

const reachedSchema = (count: 'correlated' | 'triggered') => ({
  type: 'object',
  required: [count, 'processInstanceIds'],
  properties: {
    [count]: { type: 'integer', description: 'How many waiting events (and new cases) it reached' },
    processInstanceIds: { type: 'array', items: { type: 'string' }, description: 'The cases it reached or started' },
  },
});

export const messageRoutes: RouteModule = ({ messages }) => [
  route({
    method: 'post',
    path: '/api/messages',
    summary: 'Publish a message to the cases waiting for it',
    description:
      'Delivers to every waiting catch event, receive task, boundary event and event subprocess whose message name and correlation key match, ' +
      'and starts a case of every process with a message start event of that name. A message nobody waits for reaches nothing (correlated: 0); it is not kept.',
    tags: ['messages'],
    access: 'authenticated',
    body: schema<{ name: string; correlationKey?: string | number; variables?: Variables }>({
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1 },
        correlationKey: { type: ['string', 'number'], description: 'Compared as text with the key the case computed when it began to wait' },
        variables: variablesSchema,
      },
    }),
    responses: { 200: { description: 'What the message reached', schema: reachedSchema('correlated') } },
    handle: async ({ body }) =>
      ok(
        await messages.publish({
          name: body.name,
          ...(body.correlationKey !== undefined ? { correlationKey: String(body.correlationKey) } : {}),
          ...(body.variables ? { variables: body.variables } : {}),
        }),
      ),
  }),
  route({
    method: 'post',
    path: '/api/signals',
    summary: 'Broadcast a signal to every case waiting for it',
    description: 'Reaches every waiting signal catch event, boundary event and event subprocess of that name, and starts a case of every process with a signal start event of that name.',
    tags: ['messages'],
    access: 'authenticated',
    body: schema<{ name: string; variables?: Variables }>({
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: { name: { type: 'string', minLength: 1 }, variables: variablesSchema },
    }),
    responses: { 200: { description: 'What the signal reached', schema: reachedSchema('triggered') } },
    handle: async ({ body }) => ok(await messages.broadcastSignal({ name: body.name, ...(body.variables ? { variables: body.variables } : {}) })),
  }),
];
