import { ok, route, type RouteModule } from '../http/route.js';
import { schema } from '../http/validate.js';
import type { Variables } from '../../../engine/src/index.js';
import { definitionSchema, variablesSchema } from './case-schemas.js';

const decisionSchema = {
  ...(definitionSchema as object),
  properties: {
    ...((definitionSchema as { properties: object }).properties),
    validFrom: { type: ['string', 'null'], description: 'From when this version decides; null: always' },
  },
};

export const decisionRoutes: RouteModule = ({ decisions }) => [
  route({
    method: 'get',
    path: '/api/decisions',
    summary: 'Deployed decisions, the latest version of each',
    tags: ['decisions'],
    access: 'authenticated',
    responses: { 200: { description: 'The decisions', schema: { type: 'array', items: decisionSchema } } },
    handle: async () => ok(await decisions.list()),
  }),
  route({
    method: 'get',
    path: '/api/decisions/{key}/versions',
    summary: 'Every version of a decision, newest first, with the moment from which each decides (validFrom)',
    tags: ['decisions'],
    access: 'authenticated',
    responses: {
      200: { description: 'The versions', schema: { type: 'array', items: decisionSchema } },
      404: { description: 'No decision with this key is deployed' },
    },
    handle: async ({ params }) => ok(await decisions.versions(params.key!)),
  }),
  route({
    method: 'post',
    path: '/api/decisions/{key}/evaluate',
    summary: 'Evaluate a decision, with an explanation in plain Dutch',
    description:
      'Evaluates the version in force at `at` (a date such as 2026-03-15, midnight in Brussels, or a date-time; default now): ' +
      'the highest version whose validFrom has come by then. Required decisions and knowledge models are evaluated with it; ' +
      '`evaluations` records each decision of the graph.',
    tags: ['decisions'],
    access: 'authenticated',
    body: schema<{ variables: Variables; at?: string }>({
      type: 'object',
      required: ['variables'],
      additionalProperties: false,
      properties: { variables: variablesSchema, at: { type: 'string', minLength: 10, maxLength: 60 } },
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
            summary: { type: 'string', description: 'The short form: only the rules that decided, and the outcome' },
            version: { type: 'integer', description: 'The version that decided' },
            validFrom: { type: ['string', 'null'], description: 'From when that version decides; null: always' },
            evaluations: {
              type: 'array',
              description: 'Every decision of the graph as evaluated, required decisions first: inputs seen, value, and per table the rules',
              items: { type: 'object', required: ['decisionId', 'name', 'kind', 'inputs', 'value', 'tables'] },
            },
          },
        },
      },
      404: { description: 'No decision with this key is deployed, or none of its versions is in force at `at`' },
    },
    handle: async ({ params, body }) => ok(await decisions.evaluate(params.key!, body.variables, body.at)),
  }),
];
