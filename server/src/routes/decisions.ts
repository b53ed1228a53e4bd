import { ok, route, type RouteModule } from '../http/route.js';
import { schema } from '../http/validate.js';
import type { Variables } from '../../../engine/src/index.js';
import { definitionSchema, variablesSchema } from './case-schemas.js';

export const decisionRoutes: RouteModule = ({ decisions }) => [
  route({
    method: 'get',
    path: '/api/decisions',
    summary: 'Deployed decisions, the latest version of each',
    tags: ['decisions'],
    access: 'authenticated',
    responses: { 200: { description: 'The decisions', schema: { type: 'array', items: definitionSchema } } },
    handle: async () => ok(await decisions.list()),
  }),
  route({
    method: 'post',
    path: '/api/decisions/{key}/evaluate',
    summary: 'Evaluate the latest version of a decision, with an explanation in plain Dutch',
    tags: ['decisions'],
    access: 'authenticated',
    body: schema<{ variables: Variables }>({
      type: 'object',
      required: ['variables'],
      additionalProperties: false,
      properties: { variables: variablesSchema },
    }),
    responses: {
      200: {
        description: 'The outcome, the rules behind it, and per rule which input entries held',
        schema: {
          type: 'object',
          required: ['outputs', 'matchedRules', 'explanation'],
          properties: {
            outputs: { type: ['object', 'array', 'null'] },
            matchedRules: {
              type: 'array',
              items: { type: 'object', required: ['ruleId', 'index', 'outputs'], properties: { ruleId: { type: 'string' }, index: { type: 'integer' }, outputs: { type: 'object' } } },
            },
            explanation: { type: 'string' },
          },
        },
      },
      404: { description: 'No decision with this key is deployed' },
    },
    handle: async ({ params, body }) => ok(await decisions.evaluate(params.key!, body.variables)),
  }),
];
