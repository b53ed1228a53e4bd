import { created, route, type RouteModule } from '../http/route.js';
import { schema } from '../http/validate.js';
import { deploy, type DeploymentInput } from '../services/deployments.js';
import { definitionSchema } from './case-schemas.js';

const deploymentBody = schema<DeploymentInput>({
  type: 'object',
  required: ['name', 'resources'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    resources: {
      type: 'array',
      minItems: 1,
      maxItems: 200,
      items: {
        type: 'object',
        required: ['name', 'content'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 300, description: '*.bpmn, *.dmn or *.form.json' },
          content: { type: 'string', minLength: 1 },
        },
      },
    },
    validFrom: {
      type: 'string',
      minLength: 10,
      maxLength: 60,
      description: 'From when the decisions of this deployment decide: a date (midnight in Brussels) or a date-time. Absent: every case from now on.',
    },
  },
});

export const deploymentRoutes: RouteModule = ({ dataSource }) => [
  route({
    method: 'post',
    path: '/api/deployments',
    summary: 'Deploy BPMN processes, DMN decisions and forms, all together or nothing',
    description:
      'Every resource is checked first; any problem (with resource, element id and line) answers 400 and deploys nothing. ' +
      'A key whose content is identical to its latest version keeps that version.',
    tags: ['deployments'],
    access: ['process-owner'],
    body: deploymentBody,
    responses: {
      201: {
        description: 'What is deployed now, per key with its version',
        schema: {
          type: 'object',
          required: ['id', 'processes', 'decisions', 'forms'],
          properties: {
            id: { type: 'string' },
            processes: { type: 'array', items: definitionSchema },
            decisions: { type: 'array', items: definitionSchema },
            forms: { type: 'array', items: definitionSchema },
          },
        },
      },
      409: { description: 'Another deployment of the same keys happened at the same moment' },
    },
    handle: async ({ body, user }) => {
      const { created: _new, ...result } = await deploy(dataSource, body, user.username);
      return created(result);
    },
  }),
];
